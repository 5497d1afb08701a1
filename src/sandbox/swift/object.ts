// Object requests: PUT (streamed body, ETag check, expiry, X-Copy-From,
// If-None-Match, DLO manifests), GET/HEAD, POST (metadata replacement),
// COPY and DELETE (with versioning).

import { createHash } from 'node:crypto';
import { authorize } from './auth.js';
import type { Ctx, HeaderList } from './context.js';
import { bump, deny, fail, failText, header, nextTs, nowSeconds, send, sendChunked } from './context.js';
import { checkMetadata, MAX_FILE_SIZE, MAX_OBJECT_NAME, rawHeaders } from './common.js';
import { containerQuotaOk } from './container.js';
import { sendEntity } from './entity.js';
import { concatExtents, resolveObject } from './extents.js';
import { guessType } from './mime.js';
import { archiveCurrent, deleteWithVersions } from './ops.js';
import { bulkBody } from './bulk.js';
import { recheckSegments, sloDelete, sloErrorType, sloManifestGet, sloPut } from './slo.js';
import type { SwiftAccount, SwiftContainer, SwiftObject } from './store.js';
import { tempUrlHidesHeader, tempUrlResponseHeaders } from './tempurl.js';
import { httpDate, normalizeEtag, pyQuote, pyTitle, safeDecode, trueValue } from './util.js';

const OBJECT_ALLOW = 'POST, HEAD, DELETE, OPTIONS, GET, PUT, COPY';
const ALLOWED_HEADERS = new Set([
  'content-disposition',
  'content-encoding',
  'cache-control',
  'content-language',
  'expires',
  'x-robots-tag',
  'x-object-manifest',
]);

export interface ObjectAttrs {
  headers: Map<string, string>;
  deleteAt?: number;
}

/** Metadata, allowed headers and expiry from the request; undefined after sending a 400. */
export function objectAttrs(ctx: Ctx): ObjectAttrs | undefined {
  if (!checkMetadata(ctx, 'object')) return undefined;
  const now = nowSeconds(ctx.st);
  let deleteAt: number | undefined;
  const after = header(ctx, 'x-delete-after');
  const at = header(ctx, 'x-delete-at');
  if (after !== undefined) {
    if (!/^\s*-?\d+\s*$/.test(after)) return void failText(ctx, 400, 'Non-integer X-Delete-After');
    const n = Number(after);
    if (n < 0) return void failText(ctx, 400, 'X-Delete-After in past');
    deleteAt = Math.floor(now + n);
  } else if (at !== undefined) {
    if (!/^\s*\d+(\.\d*)?\s*$/.test(at)) return void failText(ctx, 400, 'Non-integer X-Delete-At');
    deleteAt = Math.floor(Number(at));
  }
  if (deleteAt !== undefined && deleteAt < Math.floor(now)) return void failText(ctx, 400, 'X-Delete-At in past');
  const headers = new Map<string, string>();
  for (const [name, value] of rawHeaders(ctx)) {
    if (name.startsWith('x-object-meta-') || ALLOWED_HEADERS.has(name)) headers.set(pyTitle(name), value);
    else if ((name === 'x-delete-at' || name === 'x-delete-after') && deleteAt !== undefined) headers.set('X-Delete-At', String(deleteAt));
  }
  // The dlo middleware checks the value on PUT (and so on COPY, which copy turns into a PUT),
  // on the raw value: container and prefix non-empty, no "?" or "&", prefix not starting with
  // "/". A POST passes it unchecked to the object server, which keeps it (an allowed header).
  const manifest = headers.get('X-Object-Manifest');
  if (manifest !== undefined && ctx.method !== 'POST') {
    const i = manifest.indexOf('/');
    const container = i >= 0 ? manifest.slice(0, i) : manifest;
    const prefix = i >= 0 ? manifest.slice(i + 1) : '';
    if (!container || !prefix || manifest.includes('?') || manifest.includes('&') || prefix.startsWith('/')) {
      return void failText(ctx, 400, 'X-Object-Manifest must be in the format container/prefix', 'text/html; charset=UTF-8');
    }
  }
  return { headers, deleteAt };
}

export function contentTypeFor(ctx: Ctx, name: string, fallback?: string): string {
  const ct = header(ctx, 'content-type');
  if (trueValue(header(ctx, 'x-detect-content-type'))) return guessType(name) ?? 'application/octet-stream';
  if (ct) return ct;
  return fallback ?? guessType(name) ?? 'application/octet-stream';
}

export function accountQuotaOk(ctx: Ctx, a: SwiftAccount, add: number): boolean {
  const q = a.meta.get('X-Account-Meta-Quota-Bytes');
  if (q !== undefined && /^\d+$/.test(q.trim()) && a.totals(nowSeconds(ctx.st)).bytes + add > Number(q)) {
    failText(ctx, 413, 'Upload exceeds quota.', 'text/html; charset=UTF-8');
    return false;
  }
  return true;
}

interface Received {
  chunks: Buffer[];
  size: number;
  md5: string;
}

/** Read the upload as it arrives, hashing on the way. */
function receive(ctx: Ctx): Promise<Received | 'tooLarge' | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const hash = createHash('md5');
    let size = 0;
    let done = false;
    const finish = (v: Received | 'tooLarge' | undefined): void => {
      if (done) return;
      done = true;
      resolve(v);
    };
    ctx.req.on('data', (c: Buffer) => {
      if (done) return;
      size += c.length;
      if (size > MAX_FILE_SIZE) {
        finish('tooLarge');
        ctx.req.resume();
        return;
      }
      chunks.push(c);
      hash.update(c);
    });
    ctx.req.on('end', () => finish({ chunks, size, md5: hash.digest('hex') }));
    ctx.req.on('aborted', () => finish(undefined));
    ctx.req.on('error', () => finish(undefined));
    ctx.req.on('close', () => finish(undefined));
  });
}

export async function handleObject(ctx: Ctx): Promise<void> {
  const m = ctx.method;
  if (m === 'OPTIONS') return send(ctx, 200, [['Content-Type', 'text/html; charset=UTF-8'], ['Allow', OBJECT_ALLOW]]);
  if (!['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'COPY'].includes(m)) return fail(ctx, 405, [['Allow', OBJECT_ALLOW]]);
  const a = ctx.st.accounts.get(ctx.account);
  const c = a?.containers.get(ctx.container);
  if (!ctx.tempurl) {
    const verdict = authorize(ctx.identity, {
      method: m === 'COPY' ? 'GET' : m,
      account: ctx.account,
      level: 'object',
      read: c?.read,
      write: c?.write,
      referer: header(ctx, 'referer'),
    });
    if (verdict !== 'ok') return deny(ctx, verdict);
  }
  if (m === 'PUT') return objectPut(ctx, a, c);
  if (!a || !c) return fail(ctx, 404);
  if (m === 'GET' || m === 'HEAD') return objectGet(ctx, a, c);
  if (m === 'POST') return objectPost(ctx, c);
  if (m === 'COPY') return objectCopy(ctx);
  if (ctx.query.get('multipart-manifest') === 'delete') return sloDelete(ctx, c);
  const status = deleteWithVersions(ctx, a, c, ctx.object);
  if (status === 204) return send(ctx, 204, [['Content-Type', 'text/html; charset=UTF-8']]);
  return fail(ctx, status);
}

/** Content-Type, metadata and allowed headers as an object's GET shows them. */
export function objectHeadHeaders(ctx: Ctx, o: SwiftObject, contentType = o.contentType): HeaderList {
  const h: HeaderList = [['Content-Type', contentType]];
  if (o.slo) h.push(['X-Static-Large-Object', 'True']);
  for (const [k, v] of o.headers) if (!tempUrlHidesHeader(ctx, k)) h.push([k, v]);
  return h;
}

function objectGet(ctx: Ctx, a: SwiftAccount, c: SwiftContainer): void {
  const now = nowSeconds(ctx.st);
  const o = c.get(ctx.object, now);
  if (!o) return fail(ctx, 404);
  const mm = ctx.query.get('multipart-manifest');
  if (mm === 'get' && o.slo) return sloManifestGet(ctx, o);
  const tail = tempUrlResponseHeaders(ctx);
  if (mm === 'get' || (!o.slo && !o.headers.has('X-Object-Manifest'))) {
    return sendEntity(ctx, {
      head: objectHeadHeaders(ctx, o),
      etagHeader: o.etag,
      tail,
      ts: o.ts,
      contentType: o.contentType,
      extents: [{ chunks: o.chunks, start: 0, end: o.size }],
      size: o.size,
    });
  }
  const head = objectHeadHeaders(ctx, o);
  if (o.slo) head.push(['X-Manifest-Etag', o.etag]);
  if (o.slo && ctx.method === 'HEAD') {
    // HEAD of an SLO answers from the manifest without touching the segments.
    return sendEntity(ctx, { head, etagHeader: `"${o.slo.etag}"`, tail, ts: o.ts, contentType: o.contentType, extents: [], size: o.slo.size });
  }
  const r = resolveObject(ctx.st, a.name, o, now);
  if (r === 'notfound') return fail(ctx, 404);
  sendEntity(ctx, { head, etagHeader: `"${r.etag}"`, tail, ts: o.ts, contentType: o.contentType, extents: r.extents, size: r.size, failAt: r.failAt });
}

async function objectPut(ctx: Ctx, a: SwiftAccount | undefined, c: SwiftContainer | undefined): Promise<void> {
  const name = ctx.object;
  const nameLen = Buffer.byteLength(name, 'utf8');
  if (nameLen > MAX_OBJECT_NAME) return failText(ctx, 400, `Object name length of ${nameLen} longer than ${MAX_OBJECT_NAME}`);
  if (!a || !c) return fail(ctx, 404);
  if (ctx.query.get('multipart-manifest') === 'put') return sloPut(ctx, a, c);
  if (header(ctx, 'x-static-large-object') !== undefined) {
    return failText(
      ctx,
      400,
      'X-Static-Large-Object is a reserved header. To create a static large object add query param multipart-manifest=put.',
      'text/html; charset=UTF-8',
    );
  }
  const clRaw = header(ctx, 'content-length');
  const chunked = (header(ctx, 'transfer-encoding') ?? '').toLowerCase().includes('chunked');
  const cl = clRaw !== undefined && /^\d+$/.test(clRaw.trim()) ? Number(clRaw) : undefined;
  if (clRaw !== undefined && cl === undefined) return failText(ctx, 400, 'Invalid Content-Length');
  if (cl === undefined && !chunked) return failText(ctx, 411, 'Missing Content-Length header.');
  if (cl !== undefined && cl > MAX_FILE_SIZE) return failText(ctx, 413, 'Your request is too large.');
  const copyFrom = header(ctx, 'x-copy-from');
  if (copyFrom !== undefined && cl !== undefined && cl > 0) return failText(ctx, 400, 'Copy requests require a zero byte body');
  const now = nowSeconds(ctx.st);
  const inm = header(ctx, 'if-none-match');
  if (inm !== undefined) {
    if (inm.trim() !== '*') return failText(ctx, 400, 'If-None-Match only supports *');
    if (c.get(name, now)) return fail(ctx, 412);
  }
  const attrs = objectAttrs(ctx);
  if (!attrs) return;
  if (copyFrom !== undefined) {
    const src = parseCopyPath(copyFrom);
    if (!src) return failText(ctx, 412, 'X-Copy-From header must be of the form <container name>/<object name>', 'text/html; charset=UTF-8');
    const srcAccount = header(ctx, 'x-copy-from-account') ?? ctx.account;
    return copyObject(ctx, srcAccount, src[0], src[1], a, c, name, attrs);
  }
  if (!containerQuotaOk(ctx, c, cl ?? 0) || !accountQuotaOk(ctx, a, cl ?? 0)) return;
  const body = await receive(ctx);
  if (body === undefined) return;
  if (body === 'tooLarge') return failText(ctx, 413, 'Your request is too large.');
  const ts = nextTs(ctx.st);
  const want = normalizeEtag(header(ctx, 'etag'));
  if (want && want !== body.md5) return fail(ctx, 422, [['Last-Modified', httpDate(ts)]]);
  const existing = c.get(name, nowSeconds(ctx.st));
  if (existing && c.versions && !archiveCurrent(ctx, a, c, existing)) return fail(ctx, 412);
  const obj: SwiftObject = {
    name,
    chunks: body.chunks,
    size: body.size,
    etag: body.md5,
    contentType: contentTypeFor(ctx, name),
    ts,
    headers: attrs.headers,
    deleteAt: attrs.deleteAt,
  };
  c.put(obj);
  bump(ctx.st, 'bytesIn', body.size);
  send(ctx, 201, [
    ['Content-Type', 'text/html; charset=UTF-8'],
    ['Content-Length', 0],
    ['Etag', obj.etag],
    ['Last-Modified', httpDate(ts)],
  ]);
}

function objectPost(ctx: Ctx, c: SwiftContainer): void {
  const o = c.get(ctx.object, nowSeconds(ctx.st));
  if (!o) return fail(ctx, 404);
  if (header(ctx, 'x-static-large-object') !== undefined && !o.slo) {
    return failText(ctx, 400, 'X-Static-Large-Object is a reserved header. To create a static large object add query param multipart-manifest=put.', 'text/html; charset=UTF-8');
  }
  const attrs = objectAttrs(ctx);
  if (!attrs) return;
  const ct = header(ctx, 'content-type');
  c.put({ ...o, headers: attrs.headers, deleteAt: attrs.deleteAt, ts: nextTs(ctx.st), contentType: ct ? ct : o.contentType });
  send(ctx, 202, [['Content-Type', 'text/html; charset=UTF-8']], '<html><h1>Accepted</h1><p>The request is accepted for processing.</p></html>');
}

/** "container/object" from Destination or X-Copy-From (URL-encoded, leading slash optional). */
function parseCopyPath(v: string): [string, string] | undefined {
  const d = (safeDecode(v) ?? v).replace(/^\/+/, '');
  const i = d.indexOf('/');
  if (i <= 0 || i === d.length - 1) return undefined;
  return [d.slice(0, i), d.slice(i + 1)];
}

function objectCopy(ctx: Ctx): void {
  const dest = header(ctx, 'destination');
  if (dest === undefined) return failText(ctx, 412, 'Destination header required', 'text/html; charset=UTF-8');
  const d = parseCopyPath(dest);
  if (!d) return failText(ctx, 412, 'Destination header must be of the form <container name>/<object name>', 'text/html; charset=UTF-8');
  const destAccount = header(ctx, 'destination-account') ?? ctx.account;
  const da = ctx.st.accounts.get(destAccount);
  const dc = da?.containers.get(d[0]);
  const verdict = authorize(ctx.identity, { method: 'PUT', account: destAccount, level: 'object', read: dc?.read, write: dc?.write });
  if (verdict !== 'ok') return deny(ctx, verdict);
  if (!da || !dc) return fail(ctx, 404);
  if (Buffer.byteLength(d[1]) > MAX_OBJECT_NAME) return failText(ctx, 400, `Object name length of ${Buffer.byteLength(d[1])} longer than ${MAX_OBJECT_NAME}`);
  const attrs = objectAttrs(ctx);
  if (!attrs) return;
  copyObject(ctx, ctx.account, ctx.container, ctx.object, da, dc, d[1], attrs);
}

function copyObject(
  ctx: Ctx,
  srcAccount: string,
  srcContainer: string,
  srcObject: string,
  da: SwiftAccount,
  dc: SwiftContainer,
  destName: string,
  attrs: ObjectAttrs,
): void {
  const now = nowSeconds(ctx.st);
  const sa = ctx.st.accounts.get(srcAccount);
  const sc = sa?.containers.get(srcContainer);
  if (!ctx.tempurl) {
    const verdict = authorize(ctx.identity, {
      method: 'GET',
      account: srcAccount,
      level: 'object',
      read: sc?.read,
      write: sc?.write,
      referer: header(ctx, 'referer'),
    });
    if (verdict !== 'ok') return deny(ctx, verdict);
  }
  const src = sc?.get(srcObject, now);
  if (!src) return fail(ctx, 404);
  const raw = ctx.query.get('multipart-manifest') === 'get';
  let base: Pick<SwiftObject, 'chunks' | 'size' | 'etag' | 'slo'>;
  const headers = trueValue(header(ctx, 'x-fresh-metadata')) ? new Map<string, string>() : new Map(src.headers);
  headers.delete('X-Delete-At');
  if (raw && src.slo) {
    const problems = recheckSegments(ctx, srcAccount, src);
    if (problems.length) {
      const type = sloErrorType(ctx);
      return sendChunked(ctx, 400, [['Content-Type', type]], bulkBody(type, {}, problems, 'upload'));
    }
  }
  if (raw || (!src.slo && !src.headers.has('X-Object-Manifest'))) {
    base = { chunks: src.chunks, size: src.size, etag: src.etag, slo: src.slo };
  } else {
    const r = resolveObject(ctx.st, srcAccount, src, now);
    if (r === 'notfound') return fail(ctx, 404);
    if (r.failAt !== undefined) return fail(ctx, 409);
    const data = concatExtents(r.extents);
    base = { chunks: [data], size: data.length, etag: createHash('md5').update(data).digest('hex'), slo: undefined };
    headers.delete('X-Object-Manifest');
  }
  for (const [k, v] of attrs.headers) headers.set(k, v);
  if (!containerQuotaOk(ctx, dc, base.size) || !accountQuotaOk(ctx, da, base.size)) return;
  const existing = dc.get(destName, now);
  if (existing && dc.versions && !archiveCurrent(ctx, da, dc, existing)) return fail(ctx, 412);
  const ts = nextTs(ctx.st);
  const ct = header(ctx, 'content-type');
  const obj: SwiftObject = { name: destName, ...base, contentType: ct ? ct : src.contentType, ts, headers, deleteAt: attrs.deleteAt };
  dc.put(obj);
  const h: HeaderList = [
    ['Content-Type', 'text/html; charset=UTF-8'],
    ['Content-Length', 0],
    ['Etag', obj.slo ? `"${obj.slo.etag}"` : obj.etag],
    ['Last-Modified', httpDate(ts)],
    ['X-Copied-From-Account', pyQuote(srcAccount)],
    ['X-Copied-From', pyQuote(`${srcContainer}/${srcObject}`)],
    ['X-Copied-From-Last-Modified', httpDate(src.ts)],
  ];
  for (const [k, v] of headers) if (k.startsWith('X-Object-Meta-')) h.push([k, v]);
  send(ctx, 201, h);
}
