// Temporary URLs: temp_url_sig / temp_url_expires (/ temp_url_prefix) checked
// against the account's and container's Temp-URL keys. Signatures are HMAC over
// "METHOD\nexpires\npath" as hex (sha1/sha256/sha512 by length) or
// "<digest>:<base64>".

import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Ctx } from './context.js';
import { bump, nowSeconds, send } from './context.js';

const DIGESTS: Record<number, string> = { 40: 'sha1', 64: 'sha256', 128: 'sha512' };
export const TEMPURL_METHODS = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'];

function parseExpires(v: string): number | undefined {
  if (/^\d+$/.test(v)) return Number(v);
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/.exec(v);
  if (!m) return undefined;
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  return Number.isNaN(ms) ? undefined : ms / 1000;
}

function parseSig(sig: string): { digest: string; raw: Buffer } | undefined {
  const colon = sig.indexOf(':');
  if (colon > 0) {
    const digest = sig.slice(0, colon).toLowerCase();
    if (!['sha1', 'sha256', 'sha512'].includes(digest)) return undefined;
    const b64 = sig.slice(colon + 1).replace(/-/g, '+').replace(/_/g, '/');
    if (!/^[A-Za-z0-9+/]*=*$/.test(b64)) return undefined;
    return { digest, raw: Buffer.from(b64, 'base64') };
  }
  const digest = DIGESTS[sig.length];
  if (!digest || !/^[0-9a-fA-F]+$/.test(sig)) return undefined;
  return { digest, raw: Buffer.from(sig, 'hex') };
}

function keysFor(ctx: Ctx): string[] {
  const a = ctx.st.accounts.get(ctx.account);
  const keys: string[] = [];
  for (const k of ['X-Account-Meta-Temp-Url-Key', 'X-Account-Meta-Temp-Url-Key-2']) {
    const v = a?.meta.get(k);
    if (v) keys.push(v);
  }
  const c = a?.containers.get(ctx.container);
  for (const k of ['X-Container-Meta-Temp-Url-Key', 'X-Container-Meta-Temp-Url-Key-2']) {
    const v = c?.meta.get(k);
    if (v) keys.push(v);
  }
  return keys;
}

export function isTempUrlRequest(ctx: Ctx): boolean {
  return ctx.query.has('temp_url_sig') || ctx.query.has('temp_url_expires');
}

function invalid(ctx: Ctx): false {
  const body = ctx.method === 'HEAD' ? '' : '401 Unauthorized: Temp URL invalid\n';
  send(
    ctx,
    401,
    [
      ['Content-Type', 'text/html; charset=UTF-8'],
      ['Content-Length', Buffer.byteLength(body)],
      ['Www-Authenticate', 'Swift realm="unknown"'],
    ],
    body,
  );
  return false;
}

/** Validate a temp URL; on success sets ctx.tempurl and returns true, otherwise answers 401. */
export function checkTempUrl(ctx: Ctx): boolean {
  bump(ctx.st, 'tempurlRequests');
  const sigRaw = ctx.query.get('temp_url_sig');
  const expRaw = ctx.query.get('temp_url_expires');
  if (!ctx.object || !sigRaw || !expRaw || !TEMPURL_METHODS.includes(ctx.method)) return invalid(ctx);
  const expires = parseExpires(expRaw);
  if (expires === undefined || expires < nowSeconds(ctx.st)) return invalid(ctx);
  const sig = parseSig(sigRaw);
  if (!sig) return invalid(ctx);
  let hmacPath = ctx.path;
  const prefix = ctx.query.get('temp_url_prefix');
  if (prefix !== null) {
    const base = `/v1/${ctx.account}/${ctx.container}/`;
    if (!ctx.object.startsWith(prefix)) return invalid(ctx);
    hmacPath = `prefix:${base}${prefix}`;
  }
  const methods = ctx.method === 'HEAD' ? ['HEAD', 'GET', 'PUT', 'POST'] : [ctx.method];
  let ok = false;
  for (const key of keysFor(ctx)) {
    for (const m of methods) {
      const mac = createHmac(sig.digest, key).update(`${m}\n${expRaw}\n${hmacPath}`).digest();
      if (mac.length === sig.raw.length && timingSafeEqual(mac, sig.raw)) ok = true;
    }
  }
  if (!ok) return invalid(ctx);
  const filename = ctx.query.get('filename') ?? undefined;
  ctx.tempurl = { filename, inline: ctx.query.has('inline'), expires };
  return true;
}

function quoteFilename(fn: string): string {
  return encodeURIComponent(fn).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** Headers tempurl adds to GET/HEAD responses. */
export function tempUrlResponseHeaders(ctx: Ctx): [string, string][] {
  const t = ctx.tempurl;
  if (!t) return [];
  let disposition: string;
  if (t.inline) {
    disposition = t.filename ? `inline; filename="${t.filename.replace(/"/g, '\\"')}"; filename*=UTF-8''${quoteFilename(t.filename)}` : 'inline';
  } else {
    const fn = t.filename ?? ctx.object.slice(ctx.object.lastIndexOf('/') + 1);
    disposition = `attachment; filename="${fn.replace(/"/g, '\\"')}"; filename*=UTF-8''${quoteFilename(fn)}`;
  }
  return [
    ['Content-Disposition', disposition],
    ['Expires', new Date(t.expires * 1000).toUTCString()],
  ];
}

/** tempurl hides X-Object-Meta-* from responses except X-Object-Meta-Public-*. */
export function tempUrlHidesHeader(ctx: Ctx, name: string): boolean {
  if (!ctx.tempurl) return false;
  const l = name.toLowerCase();
  return l.startsWith('x-object-meta-') && !l.startsWith('x-object-meta-public-');
}
