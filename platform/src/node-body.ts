/**
 * The JSON body limit, and on @hono/node-server the body read straight from Node's request stream.
 *
 * On node-server, `c.req.raw` is a light request that becomes a real WHATWG `Request` (with a web
 * `ReadableStream` over the Node stream, an `AbortSignal` and undici's body mixin) the first time
 * anything touches its body — and hono's `bodyLimit` touches it on every request to learn whether
 * there is one. Under load that was a tenth of the server's CPU per transition
 * (docs/benchmarks.md). Here, when the app runs on node-server, a JSON body is read from the
 * `IncomingMessage` itself, counted against the limit as it arrives, and handed to hono as the
 * request's cached text, which `c.req.json()` and the validators read; nothing creates the
 * `Request`. Anywhere else (`app.request()` in tests, another runtime) hono's `bodyLimit` runs as
 * before. Both end in the same errors: `too-large` (413) for a body over the limit, declared or
 * counted, and `invalid-json` (400) for one that is not UTF-8 JSON.
 */
import type { IncomingMessage } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from './errors.ts';

const JSON_MEDIA = /^application\/([\w.-]+\+)?json$/i;
const NO_BODY = new Set(['GET', 'HEAD']);

/** The request stream, when the app is served by @hono/node-server (its `HttpBindings`). */
function incomingOf(env: unknown): IncomingMessage | undefined {
  const incoming = (env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming && typeof incoming.on === 'function' && typeof incoming.headers === 'object' ? incoming : undefined;
}

/** Reads the whole stream, failing with `too-large` as soon as it passes `limit` bytes. */
function readLimited(incoming: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (err?: Error) => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
      incoming.off('close', onClose);
      if (err) reject(err);
      else resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      // The rest is left unread; node-server drains it after the answer.
      if (size > limit) done(new AppError('too-large', { limit }));
      else chunks.push(chunk);
    };
    const onEnd = () => done();
    const onError = (e: Error) =>
      done(new AppError('invalid-json', { reason: `the body could not be read: ${e.message}` }));
    // Closed before its end: the client went away mid-body (after the end, these listeners are gone).
    const onClose = () =>
      done(new AppError('invalid-json', { reason: 'the client closed the request before its body ended' }));
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
    incoming.on('close', onClose);
  });
}

/** UTF-8 text as `Request.text()` decodes it: a byte-order mark is dropped, bad bytes become U+FFFD. */
function utf8(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The body limit for JSON routes; on node-server it also reads the JSON body (see above). */
export function jsonBody(limit: number): MiddlewareHandler {
  const tooLarge = () => {
    throw new AppError('too-large', { limit });
  };
  const portable = bodyLimit({ maxSize: limit, onError: tooLarge });
  return async (c, next) => {
    const incoming = incomingOf(c.env);
    if (!incoming) return portable(c, next);
    // node-server gives GET and HEAD no body.
    if (NO_BODY.has(c.req.method)) return next();
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim() ?? '';
    if (!JSON_MEDIA.test(type) || incoming.readableDidRead) return portable(c, next);
    const declared = c.req.header('content-length');
    if (declared !== undefined && !c.req.header('transfer-encoding') && Number.parseInt(declared, 10) > limit)
      return tooLarge();
    const text = utf8(await readLimited(incoming, limit));
    // hono keeps promises in its body cache (its type says the values themselves).
    (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve(text);
    return next();
  };
}
