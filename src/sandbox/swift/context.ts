// Per-request context and response helpers for the Swift simulator.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable, pipeline } from 'node:stream';
import type { Identity, SwiftTempauthUser, TempAuth } from './auth.js';
import type { SwiftAccount } from './store.js';
import { htmlBody, REASONS, transId } from './util.js';
import type { TokenValidator } from '../types.js';

export interface SimState {
  accounts: Map<string, SwiftAccount>;
  tempauth: TempAuth;
  users: SwiftTempauthUser[];
  validateToken?: TokenValidator;
  keystoneUrl?: string;
  counters: Record<string, number>;
  /** Clock offset in seconds (advanceClock). */
  clockOffset: number;
  lastTs: number;
  baseUrl: string;
}

export function nowSeconds(st: SimState): number {
  return (performance.timeOrigin + performance.now()) / 1000 + st.clockOffset;
}

/** A fresh, strictly increasing X-Timestamp. */
export function nextTs(st: SimState): number {
  let ts = Math.round(nowSeconds(st) * 1e5) / 1e5;
  if (ts <= st.lastTs) ts = Math.round((st.lastTs + 0.00001) * 1e5) / 1e5;
  st.lastTs = ts;
  return ts;
}

export function bump(st: SimState, name: string, by = 1): void {
  st.counters[name] = (st.counters[name] ?? 0) + by;
}

export interface Ctx {
  st: SimState;
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** Decoded path (what Swift's PATH_INFO holds). */
  path: string;
  query: URLSearchParams;
  account: string;
  container: string;
  object: string;
  identity: Identity;
  /** Set when a valid temp URL authorized this request. */
  tempurl?: { filename?: string; inline: boolean; expires: number };
  transId: string;
}

export function header(ctx: Pick<Ctx, 'req'>, name: string): string | undefined {
  const v = ctx.req.headers[name.toLowerCase()];
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v.join(', ') : v;
}

export type HeaderList = [string, string | number][];

/** Header values go out as bytes: non-latin1 text is sent as its UTF-8 bytes (as Swift does), CR/LF dropped. */
function headerSafe(v: string): string {
  const clean = v.replace(/[\r\n\0]/g, '');
  return /[^\u0000-\u00ff]/.test(clean) ? Buffer.from(clean, 'utf8').toString('latin1') : clean;
}

function applyHeaders(ctx: Ctx, status: number, headers: HeaderList): void {
  const res = ctx.res;
  res.statusCode = status;
  const reason = REASONS[status]?.[0];
  if (reason) res.statusMessage = reason;
  for (const [k, v] of headers) res.setHeader(k, headerSafe(String(v)));
  res.setHeader('X-Trans-Id', ctx.transId);
  res.setHeader('X-Openstack-Request-Id', ctx.transId);
  if (status === 401) bump(ctx.st, 'unauthorized');
  if (status === 403) bump(ctx.st, 'forbidden');
}

/** Send a complete response (body ignored for HEAD, but Content-Length kept as given). */
export function send(ctx: Ctx, status: number, headers: HeaderList, body?: string | Buffer): void {
  if (ctx.res.headersSent) {
    ctx.res.destroy();
    return;
  }
  const buf = body === undefined ? Buffer.alloc(0) : typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  if (!headers.some(([k]) => k.toLowerCase() === 'content-length')) headers.push(['Content-Length', buf.length]);
  applyHeaders(ctx, status, headers);
  if (ctx.method === 'HEAD' || status === 204 || status === 304) ctx.res.end();
  else ctx.res.end(buf);
}

/** Stream chunks with backpressure. */
export function sendStream(ctx: Ctx, status: number, headers: HeaderList, body: Iterable<Buffer> | AsyncIterable<Buffer>): void {
  applyHeaders(ctx, status, headers);
  if (ctx.method === 'HEAD') {
    ctx.res.end();
    return;
  }
  pipeline(Readable.from(body, { objectMode: false }), ctx.res, () => {
    /* client went away or stream finished */
  });
}

/** Send without Content-Length (chunked), like Swift's bulk responses. */
export function sendChunked(ctx: Ctx, status: number, headers: HeaderList, body: string): void {
  applyHeaders(ctx, status, headers);
  if (ctx.method === 'HEAD') {
    ctx.res.end();
    return;
  }
  ctx.res.write(body);
  ctx.res.end();
}

/** Swift's standard HTML error (empty body for HEAD). */
export function fail(ctx: Ctx, status: number, extra: HeaderList = []): void {
  const body = ctx.method === 'HEAD' ? '' : htmlBody(status);
  send(ctx, status, [['Content-Type', 'text/html; charset=UTF-8'], ['Content-Length', Buffer.byteLength(body)], ...extra], body);
}

/** An error with a custom body; Swift uses text/plain or text/html depending on the check. */
export function failText(ctx: Ctx, status: number, body: string, contentType = 'text/plain'): void {
  const b = ctx.method === 'HEAD' ? '' : body;
  send(ctx, status, [['Content-Type', contentType], ['Content-Length', Buffer.byteLength(b)]], b);
}

export function unauthorized(ctx: Ctx, realm?: string): void {
  const extra: HeaderList = [['Www-Authenticate', `Swift realm="${realm ?? ctx.account ?? 'unknown'}"`]];
  if (ctx.st.keystoneUrl) extra.push(['WWW-Authenticate', `Keystone uri="${ctx.st.keystoneUrl}"`]);
  fail(ctx, 401, extra);
}

export function deny(ctx: Ctx, code: 401 | 403): void {
  if (code === 401) unauthorized(ctx);
  else fail(ctx, 403);
}

export function newTransId(st: SimState): string {
  return transId(nowSeconds(st));
}

/** Read the whole request body (bounded). Resolves undefined when the client disconnects early or exceeds max. */
export function readBody(req: IncomingMessage, max = 64 * 1024 * 1024): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (c: Buffer) => {
      if (done) return;
      size += c.length;
      if (size > max) {
        done = true;
        resolve(undefined);
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!done) {
        done = true;
        resolve(Buffer.concat(chunks));
      }
    });
    req.on('error', () => {
      if (!done) {
        done = true;
        resolve(undefined);
      }
    });
    req.on('aborted', () => {
      if (!done) {
        done = true;
        resolve(undefined);
      }
    });
  });
}
