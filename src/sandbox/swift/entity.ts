// Sending an object body: conditional requests (If-Match, If-None-Match,
// If-Modified-Since, If-Unmodified-Since), Range (single, multipart
// byteranges, 416) and streaming with backpressure.

import { randomBytes } from 'node:crypto';
import type { Ctx, HeaderList } from './context.js';
import { fail, header, send, sendStream } from './context.js';
import { type Extent, iterExtents, sliceExtents } from './extents.js';
import { fmtTs, htmlBody, httpDate, normalizeEtag, parseHttpDate } from './util.js';

const MAX_RANGES = 50;
const MAX_RANGE_OVERLAPS = 2;
const MAX_NONASCENDING_RANGES = 8;

/** swob.Range parsing: undefined means "ignore the header". */
export function parseRange(v: string | undefined): [number | null, number | null][] | undefined {
  if (!v) return undefined;
  const s = v.replace(/ /g, '');
  if (!s.toLowerCase().startsWith('bytes=')) return undefined;
  const out: [number | null, number | null][] = [];
  for (const part of s.slice(6).split(',')) {
    const dash = part.indexOf('-');
    if (dash < 0) return undefined;
    const a = part.slice(0, dash);
    const b = part.slice(dash + 1);
    let start: number | null = null;
    if (a) {
      if (!/^\d+$/.test(a)) return undefined;
      start = Number(a);
    }
    let end: number | null = null;
    if (b) {
      if (!/^\d+$/.test(b)) return undefined;
      end = Number(b);
      if (start !== null && end < start) return undefined;
    } else if (start === null) {
      return undefined;
    }
    out.push([start, end]);
  }
  return out;
}

/** swob.Range.ranges_for_length: [start, end) pairs; empty means 416. */
export function rangesForLength(ranges: [number | null, number | null][], length: number): [number, number][] {
  const all: [number, number][] = [];
  for (const [begin, end] of ranges) {
    if (begin === null) {
      if (end === 0 || end === null) continue;
      all.push(end > length ? [0, length] : [length - end, length]);
      continue;
    }
    if (end === null) {
      if (begin < length) all.push([begin, length]);
      continue;
    }
    if (begin < length) all.push([begin, Math.min(end + 1, length)]);
  }
  if (all.length > MAX_RANGES) return [];
  let overlaps = 0;
  for (let i = 0; i < all.length; i += 1) {
    for (let j = i + 1; j < all.length; j += 1) {
      const [s1, e1] = all[i]!;
      const [s2, e2] = all[j]!;
      if ((s1 < s2 && s2 < e1) || (s1 < e2 && e2 < e1) || (s2 < s1 && s1 < e2) || (s2 < e1 && e1 < e2)) {
        overlaps += 1;
        if (overlaps > MAX_RANGE_OVERLAPS) return [];
      }
    }
  }
  let ascending = true;
  for (let i = 0; i + 1 < all.length; i += 1) {
    const [s1, e1] = all[i]!;
    const [s2, e2] = all[i + 1]!;
    if (s1 > s2 || (s1 === s2 && e1 > e2)) {
      ascending = false;
      break;
    }
  }
  if (!ascending && all.length >= MAX_NONASCENDING_RANGES) return [];
  return all;
}

function etagList(v: string): string[] {
  return v.split(',').map((x) => normalizeEtag(x) ?? '');
}

export interface Entity {
  /** Headers before Etag (Content-Type, metadata ...). */
  head: HeaderList;
  /** Etag header value as sent (quoted for SLO/DLO). */
  etagHeader: string;
  /** Headers after Etag/Last-Modified/X-Timestamp/Accept-Ranges (e.g. tempurl's). */
  tail: HeaderList;
  ts: number;
  contentType: string;
  extents: Extent[];
  size: number;
  /** An SLO segment is missing/changed from here on: 409 if nothing before it is wanted, else the body is cut off there. */
  failAt?: number;
}

/** Yield bytes [a, b) of the extents; if the data stops at failAt before b, abort the stream (the client sees a short body). */
function* bytes(e: Entity, a: number, b: number): Generator<Buffer> {
  const stop = e.failAt === undefined ? b : Math.min(b, e.failAt);
  if (stop > a) yield* iterExtents(sliceExtents(e.extents, a, stop));
  if (stop < b) throw new Error('segment missing');
}

/** Answer GET/HEAD for an entity, honouring conditionals and Range. */
export function sendEntity(ctx: Ctx, e: Entity): void {
  const etag = normalizeEtag(e.etagHeader) ?? '';
  const lastMod = Math.ceil(e.ts);
  const full: HeaderList = [
    ...e.head,
    ['Etag', e.etagHeader],
    ['Last-Modified', httpDate(e.ts)],
    ['X-Timestamp', fmtTs(e.ts)],
    ['Accept-Ranges', 'bytes'],
    ...e.tail,
  ];
  const pre412 = (): void =>
    send(ctx, 412, [
      ['Content-Type', 'text/html; charset=UTF-8'],
      ['Content-Length', 0],
      ['Etag', e.etagHeader],
      ['Last-Modified', httpDate(e.ts)],
      ['X-Timestamp', fmtTs(e.ts)],
    ]);
  const ifMatch = header(ctx, 'if-match');
  if (ifMatch !== undefined) {
    const l = etagList(ifMatch);
    if (!l.includes('*') && !l.includes(etag)) return pre412();
  }
  const ifNone = header(ctx, 'if-none-match');
  if (ifNone !== undefined) {
    const l = etagList(ifNone);
    if (l.includes('*') || l.includes(etag)) return send(ctx, 304, [...full, ['Content-Length', 0]]);
  } else {
    const ims = parseHttpDate(header(ctx, 'if-modified-since'));
    if (ims !== undefined && lastMod <= ims) return send(ctx, 304, [...full, ['Content-Length', 0]]);
  }
  const ius = parseHttpDate(header(ctx, 'if-unmodified-since'));
  if (ius !== undefined && lastMod > ius) return pre412();

  const parsed = parseRange(header(ctx, 'range'));
  if (parsed) {
    const rs = rangesForLength(parsed, e.size);
    if (rs.length === 0) {
      const body = ctx.method === 'HEAD' ? '' : htmlBody(416);
      return send(ctx, 416, [...full, ['Content-Range', `bytes */${e.size}`], ['Content-Length', Buffer.byteLength(body)]], body);
    }
    if (e.failAt !== undefined && ctx.method !== 'HEAD' && rs[0]![0] >= e.failAt) return fail(ctx, 409);
    if (rs.length === 1) {
      const [a, b] = rs[0]!;
      const h: HeaderList = [...full, ['Content-Length', b - a], ['Content-Range', `bytes ${a}-${b - 1}/${e.size}`]];
      return sendStream(ctx, 206, h, bytes(e, a, b));
    }
    const boundary = randomBytes(16).toString('hex');
    const parts = rs.map(([a, b]) => ({
      head: Buffer.from(`--${boundary}\r\nContent-Type: ${e.contentType}\r\nContent-Range: bytes ${a}-${b - 1}/${e.size}\r\n\r\n`),
      a,
      b,
    }));
    const closing = Buffer.from(`--${boundary}--`);
    const crlf = Buffer.from('\r\n');
    let length = closing.length;
    for (const p of parts) length += p.head.length + (p.b - p.a) + crlf.length;
    const h: HeaderList = full.map(([k, v]) => (k === 'Content-Type' ? [k, `multipart/byteranges;boundary=${boundary}`] : [k, v]));
    h.push(['Content-Length', length]);
    function* gen(): Generator<Buffer> {
      for (const p of parts) {
        yield p.head;
        yield* bytes(e, p.a, p.b);
        yield crlf;
      }
      yield closing;
    }
    return sendStream(ctx, 206, h, gen());
  }
  if (e.failAt === 0 && e.size > 0 && ctx.method !== 'HEAD') return fail(ctx, 409);
  sendStream(ctx, 200, [...full, ['Content-Length', e.size]], bytes(e, 0, e.size));
}
