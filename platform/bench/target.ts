/** A server under load: its loopback URL, one request function per client, and how to stop it. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { serve as honoServe } from '@hono/node-server';
import type { Send } from './load.ts';

/** A running server with its clients. */
export interface Target {
  url: string;
  senders: Send[];
  close(): Promise<void>;
}

/** Listens on an ephemeral port of 127.0.0.1 (loopback only). */
export async function listen(
  serve: typeof honoServe,
  fetch: (req: Request) => Response | Promise<Response>,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
