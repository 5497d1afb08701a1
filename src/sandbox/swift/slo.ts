// Static Large Objects: manifest PUT (?multipart-manifest=put) with Swift's
// validation and error texts, manifest GET (?multipart-manifest=get[&format=raw])
// and DELETE ?multipart-manifest=delete (segments first, bulk-style answer).

import { createHash } from 'node:crypto';
import { authorize } from './auth.js';
import { ACCEPTABLE_FORMATS, bulkBody, newResult, tally } from './bulk.js';
import type { Ctx } from './context.js';
import { fail, failText, header, nextTs, nowSeconds, readBody, send, sendChunked } from './context.js';
import { containerQuotaOk } from './container.js';
import { sendEntity } from './entity.js';
import { headInfo, lookupObject, splitSegPath } from './extents.js';
import { accountQuotaOk, contentTypeFor, objectAttrs, objectHeadHeaders } from './object.js';
import { archiveCurrent, deleteObjectAs } from './ops.js';
import type { SloSegment, SwiftAccount, SwiftContainer, SwiftObject } from './store.js';
import { parseRange, rangesForLength } from './entity.js';
import { bestMatch, md5hex, pyJson, pyQuote, statusLine } from './util.js';

export const SLO_MAX_SEGMENTS = 1000;
export const SLO_MAX_MANIFEST_SIZE = 8388608;
export const SLO_MIN_SEGMENT_SIZE = 1;

interface InSeg {
  kind: 'path' | 'data';
  path?: string;
  etag?: string | null;
  size?: number;
  range?: string;
  data?: Buffer;
}

function pyInt(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return Math.trunc(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v)) return Number(v.trim());
  return undefined;
}

function strictB64(s: unknown): Buffer | undefined {
  if (typeof s !== 'string') return undefined;
  const t = s.replace(/\s/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(t)) return undefined;
  const stripped = t.replace(/=+$/, '');
  if (stripped.length % 4 === 1) return undefined;
  return Buffer.from(stripped, 'base64');
}

/** parse_and_validate_input: returns segments or a list of "Index N: ..." errors. */
function validateManifest(parsed: unknown[], selfPath: string): InSeg[] | string[] {
  const errors: string[] = [];
  const out: InSeg[] = [];
  parsed.forEach((seg, i) => {
    if (seg === null || typeof seg !== 'object' || Array.isArray(seg)) {
      errors.push(`Index ${i}: not a JSON object`);
      return;
    }
    const d = seg as Record<string, unknown>;
    const kind = 'data' in d ? 'data' : 'path' in d ? 'path' : undefined;
    if (!kind) {
      errors.push(`Index ${i}: expected keys to include one of 'data' or 'path'`);
      return;
    }
    const allowed = kind === 'data' ? ['data'] : ['path', 'range', 'etag', 'size_bytes'];
    const extra = Object.keys(d).filter((k) => !allowed.includes(k));
    if (extra.length) {
      errors.push(`Index ${i}: extraneous keys ${extra.sort().map((k) => pyJson(k)).join(', ')}`);
      return;
    }
    if (kind === 'data') {
      const data = strictB64(d.data);
      if (!data) return void errors.push(`Index ${i}: data must be valid base64`);
      if (data.length < 1) return void errors.push(`Index ${i}: too small; each segment must be at least 1 byte.`);
      out.push({ kind, data });
      return;
    }
    if (typeof d.path !== 'string') return void errors.push(`Index ${i}: "path" must be a string`);
    if (!(d.etag === undefined || d.etag === null || typeof d.etag === 'string')) {
      return void errors.push(`Index ${i}: "etag" must be a string or null (if provided)`);
    }
    if (!d.path.replace(/^\/+|\/+$/g, '').includes('/')) {
      return void errors.push(`Index ${i}: path does not refer to an object. Path must be of the form /container/object.`);
    }
    let size: number | undefined;
    if (d.size_bytes !== undefined && d.size_bytes !== null) {
      size = pyInt(d.size_bytes);
      if (size === undefined) return void errors.push(`Index ${i}: invalid size_bytes`);
      if (size < SLO_MIN_SEGMENT_SIZE && i !== parsed.length - 1) {
        return void errors.push(`Index ${i}: too small; each segment must be at least 1 byte.`);
      }
    }
    if ('/' + d.path.replace(/^\/+/, '') === selfPath) return void errors.push(`Index ${i}: manifest must not include itself as a segment`);
    let range: string | undefined;
    if (d.range) {
      const r = typeof d.range === 'string' ? parseRange(`bytes=${d.range}`) : undefined;
      if (!r) return void errors.push(`Index ${i}: invalid range`);
      if (r.length > 1) return void errors.push(`Index ${i}: multiple ranges (only one allowed)`);
      if (size !== undefined && rangesForLength(r, size).length !== 1) return void errors.push(`Index ${i}: unsatisfiable range`);
      range = d.range as string;
    }
    out.push({ kind, path: d.path, etag: d.etag as string | null | undefined, size, range });
  });
  if (parsed.length && parsed.every((s) => s !== null && typeof s === 'object' && 'data' in (s as object))) {
    errors.push('Inline data segments require at least one object-backed segment.');
  }
  return errors.length ? errors : out;
}

interface SegHead {
  size: number;
  etag: string;
  contentType: string;
  ts: number;
  slo: boolean;
}

function headSegment(ctx: Ctx, path: string): SegHead | number {
  const sp = splitSegPath(path);
  if (!sp) return 404;
  const c = ctx.st.accounts.get(ctx.account)?.containers.get(sp[0]);
  const verdict = authorize(ctx.identity, { method: 'HEAD', account: ctx.account, level: 'object', read: c?.read, write: c?.write });
  if (verdict !== 'ok') return verdict;
  const now = nowSeconds(ctx.st);
  const o = c?.get(sp[1], now);
  if (!o) return 404;
  const info = headInfo(ctx.st, ctx.account, o, now);
  if (!info) return 404;
  return { size: info.size, etag: info.etag, contentType: o.contentType, ts: o.ts, slo: !!o.slo };
}

export async function sloPut(ctx: Ctx, a: SwiftAccount, c: SwiftContainer): Promise<void> {
  if (header(ctx, 'x-copy-from') !== undefined) {
    return failText(ctx, 405, 'Multipart Manifest PUTs cannot be COPY requests', 'text/html; charset=UTF-8');
  }
  const clRaw = header(ctx, 'content-length');
  const chunked = (header(ctx, 'transfer-encoding') ?? '').toLowerCase().includes('chunked');
  if (clRaw === undefined && !chunked) return fail(ctx, 411);
  if (clRaw !== undefined && Number(clRaw) > SLO_MAX_MANIFEST_SIZE) {
    return failText(ctx, 413, `Manifest File > ${SLO_MAX_MANIFEST_SIZE} bytes`, 'text/html; charset=UTF-8');
  }
  const attrs = objectAttrs(ctx);
  if (!attrs) return;
  const body = await readBody(ctx.req, SLO_MAX_MANIFEST_SIZE);
  if (!body) return failText(ctx, 413, `Manifest File > ${SLO_MAX_MANIFEST_SIZE} bytes`, 'text/html; charset=UTF-8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return failText(ctx, 400, 'Manifest must be valid JSON.\n', 'text/html; charset=UTF-8');
  }
  if (!Array.isArray(parsed)) return failText(ctx, 400, 'Manifest must be a list.\n', 'text/html; charset=UTF-8');
  const selfPath = `/${ctx.container}/${ctx.object}`;
  const segs = validateManifest(parsed, selfPath);
  if (typeof segs[0] === 'string') return failText(ctx, 400, (segs as string[]).map((e) => e + '\n').join(''));
  const inSegs = segs as InSeg[];
  if (inSegs.filter((s) => s.kind === 'path').length > SLO_MAX_SEGMENTS) {
    return failText(ctx, 413, `Number of object-backed segments must be <= ${SLO_MAX_SEGMENTS}`, 'text/html; charset=UTF-8');
  }
  const outType = bestMatch(header(ctx, 'accept'), ACCEPTABLE_FORMATS) ?? 'text/plain';

  const problems: [string, string][] = [];
  const stored: SloSegment[] = new Array(inSegs.length);
  let total = 0;
  const byPath = new Map<string, number[]>();
  inSegs.forEach((s, i) => {
    if (s.kind === 'data') {
      stored[i] = { data: s.data!.toString('base64') };
      total += s.data!.length;
    } else {
      const l = byPath.get(s.path!) ?? [];
      l.push(i);
      byPath.set(s.path!, l);
    }
  });
  for (const [path, indices] of byPath) {
    const head = headSegment(ctx, path);
    for (const i of indices) {
      const s = inSegs[i]!;
      if (typeof head === 'number') {
        problems.push([pyQuote(path), statusLine(head)]);
        continue;
      }
      let segLen = head.size;
      let range = s.range;
      if (range) {
        const rs = rangesForLength(parseRange(`bytes=${range}`) ?? [], head.size);
        if (rs.length === 0) problems.push([pyQuote(path), 'Unsatisfiable Range']);
        else if (rs[0]![0] === 0 && rs[0]![1] === head.size) range = undefined;
        else {
          range = `${rs[0]![0]}-${rs[0]![1] - 1}`;
          segLen = rs[0]![1] - rs[0]![0];
        }
      }
      if (segLen < SLO_MIN_SEGMENT_SIZE && i !== inSegs.length - 1) {
        problems.push([pyQuote(path), 'Too small; each segment must be at least 1 byte.']);
      }
      if (s.size !== undefined && s.size !== head.size) problems.push([pyQuote(path), 'Size Mismatch']);
      if (s.etag !== undefined && s.etag !== null && s.etag !== head.etag) problems.push([pyQuote(path), 'Etag Mismatch']);
      const seg: SloSegment = {
        name: '/' + path.replace(/^\/+/, ''),
        bytes: head.size,
        hash: head.etag,
        content_type: head.contentType,
        last_modified: new Date(Math.ceil(head.ts) * 1000).toISOString().slice(0, 19) + '.000000',
      };
      if (range) seg.range = range;
      if (head.slo) seg.sub_slo = true;
      stored[i] = seg;
      total += segLen;
    }
  }
  if (problems.length) {
    const b = bulkBody(outType, {}, problems, 'upload');
    return send(ctx, 400, [['Content-Type', outType]], b);
  }
  const sloHash = createHash('md5');
  for (const s of stored) {
    if (s.data !== undefined) sloHash.update(md5hex(Buffer.from(s.data, 'base64')));
    else if (s.range) sloHash.update(`${s.hash}:${s.range};`);
    else sloHash.update(s.hash ?? '');
  }
  const sloEtag = sloHash.digest('hex');
  const want = header(ctx, 'etag');
  if (want !== undefined && want !== '' && want.replace(/^"|"$/g, '') !== sloEtag) return fail(ctx, 422);
  const json = Buffer.from(pyJson(stored), 'utf8');
  if (!containerQuotaOk(ctx, c, json.length) || !accountQuotaOk(ctx, a, json.length)) return;
  const now = nowSeconds(ctx.st);
  const existing = c.get(ctx.object, now);
  if (existing && c.versions && !archiveCurrent(ctx, a, c, existing)) return fail(ctx, 412);
  const ts = nextTs(ctx.st);
  const obj: SwiftObject = {
    name: ctx.object,
    chunks: [json],
    size: json.length,
    etag: md5hex(json),
    contentType: contentTypeFor(ctx, ctx.object),
    ts,
    headers: attrs.headers,
    deleteAt: attrs.deleteAt,
    slo: { etag: sloEtag, size: total, segments: stored },
  };
  c.put(obj);
  send(ctx, 201, [
    ['Content-Type', 'text/html; charset=UTF-8'],
    ['Content-Length', 0],
    ['Etag', `"${sloEtag}"`],
    ['Last-Modified', new Date(Math.ceil(ts) * 1000).toUTCString()],
  ]);
}

/**
 * Copying a manifest (COPY/X-Copy-From with ?multipart-manifest=get) re-PUTs it, so Swift validates the
 * segments again; returns the problems in the manifest-PUT error format.
 */
export function recheckSegments(ctx: Ctx, account: string, o: SwiftObject): [string, string][] {
  const problems: [string, string][] = [];
  const now = nowSeconds(ctx.st);
  for (const seg of o.slo?.segments ?? []) {
    if (seg.data !== undefined || !seg.name) continue;
    const sp = splitSegPath(seg.name);
    const target = sp ? lookupObject(ctx.st, account, sp[0], sp[1], now) : undefined;
    const info = target ? headInfo(ctx.st, account, target, now) : undefined;
    if (!info) {
      problems.push([pyQuote(seg.name), statusLine(404)]);
      continue;
    }
    if (seg.bytes !== undefined && seg.bytes !== info.size) problems.push([pyQuote(seg.name), 'Size Mismatch']);
    if (seg.hash !== undefined && seg.hash !== info.etag) problems.push([pyQuote(seg.name), 'Etag Mismatch']);
  }
  return problems;
}

/** The Content-Type for manifest PUT errors (from Accept, text/plain by default). */
export function sloErrorType(ctx: Ctx): string {
  return bestMatch(header(ctx, 'accept'), ACCEPTABLE_FORMATS) ?? 'text/plain';
}

/** GET ?multipart-manifest=get: the stored manifest (or the PUT format with format=raw). */
export function sloManifestGet(ctx: Ctx, o: SwiftObject): void {
  const raw = ctx.query.get('format') === 'raw';
  let body: Buffer;
  let ct: string;
  if (raw) {
    const segs = o.slo!.segments.map((s) => {
      if (s.data !== undefined) return { data: s.data };
      const r: Record<string, unknown> = { etag: s.hash, path: s.name };
      if (s.range) r.range = s.range;
      r.size_bytes = s.bytes;
      return r;
    });
    body = Buffer.from(pyJson(segs), 'utf8');
    ct = o.contentType;
  } else {
    body = Buffer.concat(o.chunks);
    ct = 'application/json; charset=utf-8';
  }
  sendEntity(ctx, {
    head: objectHeadHeaders(ctx, o, ct),
    etagHeader: md5hex(body),
    tail: [],
    ts: o.ts,
    contentType: ct,
    extents: [{ chunks: [body], start: 0, end: body.length }],
    size: body.length,
  });
}

/** Segment paths of a manifest, nested manifests expanded (their segments, then themselves). */
function collectSegments(ctx: Ctx, o: SwiftObject, depth: number, out: string[]): void {
  if (!o.slo || depth > 10) return;
  const now = nowSeconds(ctx.st);
  for (const s of o.slo.segments) {
    if (s.data !== undefined || !s.name) continue;
    if (s.sub_slo) {
      const sp = splitSegPath(s.name);
      const sub = sp ? lookupObject(ctx.st, ctx.account, sp[0], sp[1], now) : undefined;
      if (sub?.slo) collectSegments(ctx, sub, depth + 1, out);
    }
    out.push(s.name);
  }
}

/** DELETE ?multipart-manifest=delete. */
export function sloDelete(ctx: Ctx, c: SwiftContainer): void {
  const outType = bestMatch(header(ctx, 'accept'), ACCEPTABLE_FORMATS) ?? 'text/plain';
  const res = newResult();
  const errors: [string, string][] = [];
  const o = c.get(ctx.object, nowSeconds(ctx.st));
  const selfPath = `/${ctx.container}/${ctx.object}`;
  if (!o) {
    res['Number Not Found'] += 1;
  } else if (!o.slo) {
    errors.push([pyQuote(selfPath), 'Not an SLO manifest']);
  } else {
    const paths: string[] = [];
    collectSegments(ctx, o, 0, paths);
    for (const p of paths) {
      const sp = splitSegPath(p);
      const status = sp ? deleteObjectAs(ctx, ctx.account, sp[0], sp[1]) : 404;
      tally(res, errors, p, status);
    }
    tally(res, errors, selfPath, deleteObjectAs(ctx, ctx.account, ctx.container, ctx.object));
  }
  if (errors.length) res['Response Status'] = statusLine(400);
  sendChunked(ctx, 200, [['Content-Type', outType]], bulkBody(outType, res, errors, 'delete'));
}
