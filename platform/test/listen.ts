/** A hono app on a real HTTP server, for tests and the bench: @hono/node-server on a loopback port. */
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

/** Listens on an ephemeral port of 127.0.0.1 (loopback only); `close` also drops kept-alive connections. */
export async function listen(
  fetch: (req: Request, env: unknown) => Response | Promise<Response>,
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

/**
 * Sends a request whose headers declare `length` bytes of body but only the first few, and
 * resolves with the answer: a server that refuses the request before reading its body answers;
 * one that reads the body first waits for bytes that never come (the test then times out).
 */
export function answerBeforeBody(
  url: string,
  o: { method?: string; headers: Record<string, string>; length: number; first: string | Uint8Array },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: o.method ?? 'POST',
      headers: { ...o.headers, 'content-length': String(o.length) },
      agent: false,
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        req.destroy();
      });
    });
    req.write(o.first);
  });
}
