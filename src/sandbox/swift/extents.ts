// Byte extents over stored chunk lists, and resolution of what an object's
// GET returns: the object itself, the concatenation of SLO segments (with
// segment ranges, inline data and nested manifests) or of DLO segments.

import type { SimState } from './context.js';
import type { SwiftObject } from './store.js';
import { md5hex, safeDecode } from './util.js';

export interface Extent {
  chunks: Buffer[];
  start: number;
  /** Exclusive. */
  end: number;
}

export function wholeExtent(o: { chunks: Buffer[]; size: number }): Extent {
  return { chunks: o.chunks, start: 0, end: o.size };
}

export function extentsSize(xs: Extent[]): number {
  let n = 0;
  for (const x of xs) n += x.end - x.start;
  return n;
}

/** The sub-list of extents covering bytes [start, end) of their concatenation. */
export function sliceExtents(xs: Extent[], start: number, end: number): Extent[] {
  const out: Extent[] = [];
  let off = 0;
  for (const x of xs) {
    const len = x.end - x.start;
    const a = Math.max(start, off);
    const b = Math.min(end, off + len);
    if (a < b) out.push({ chunks: x.chunks, start: x.start + (a - off), end: x.start + (b - off) });
    off += len;
    if (off >= end) break;
  }
  return out;
}

/** Yield the bytes of extents as Buffer views (no copying). */
export function* iterExtents(xs: Extent[]): Generator<Buffer> {
  for (const x of xs) {
    let off = 0;
    for (const c of x.chunks) {
      const cEnd = off + c.length;
      if (cEnd > x.start && off < x.end) {
        const a = Math.max(x.start - off, 0);
        const b = Math.min(x.end - off, c.length);
        if (b > a) yield c.subarray(a, b);
      }
      off = cEnd;
      if (off >= x.end) break;
    }
  }
}

export function concatExtents(xs: Extent[]): Buffer {
  return Buffer.concat([...iterExtents(xs)]);
}

export interface Resolved {
  kind: 'plain' | 'slo' | 'dlo';
  /** The bytes that can be served; for an SLO with a missing/changed segment they stop at failAt. */
  extents: Extent[];
  /** Declared length (an SLO's stored total). */
  size: number;
  /** Etag without quotes; SLO/DLO etags are sent quoted. */
  etag: string;
  /** Byte offset of the first segment that is missing or no longer matches its manifest entry. */
  failAt?: number;
}

export function lookupObject(st: SimState, account: string, container: string, object: string, now: number): SwiftObject | undefined {
  return st.accounts.get(account)?.containers.get(container)?.get(object, now);
}

/** Split "/container/object" (leading slash optional). */
export function splitSegPath(p: string): [string, string] | undefined {
  const s = p.replace(/^\/+/, '');
  const i = s.indexOf('/');
  if (i <= 0 || i === s.length - 1) return undefined;
  return [s.slice(0, i), s.slice(i + 1)];
}

/** Parse a single "a-b" / "a-" / "-n" range into [start, end) for a length; undefined when unsatisfiable. */
export function segRange(spec: string, len: number): [number, number] | undefined {
  const m = /^(\d*)-(\d*)$/.exec(spec.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0) return undefined;
    return [Math.max(0, len - n), len];
  }
  const a = Number(m[1]);
  if (a >= len) return undefined;
  const b = m[2] === '' ? len : Math.min(Number(m[2]) + 1, len);
  if (b <= a) return undefined;
  return [a, b];
}

/**
 * What a GET of the object streams. 'notfound' when a DLO's segment container is missing
 * (Swift answers 404); an SLO whose segments went missing or changed reports failAt.
 */
export function resolveObject(st: SimState, account: string, o: SwiftObject, now: number, depth = 0): Resolved | 'notfound' {
  if (o.slo) {
    const extents: Extent[] = [];
    let failAt: number | undefined;
    for (const seg of o.slo.segments) {
      if (seg.data !== undefined) {
        const buf = Buffer.from(seg.data, 'base64');
        extents.push({ chunks: [buf], start: 0, end: buf.length });
        continue;
      }
      const sp = splitSegPath(seg.name ?? '');
      const target = sp && depth < 10 ? lookupObject(st, account, sp[0], sp[1], now) : undefined;
      const sub = target ? resolveObject(st, account, target, now, depth + 1) : undefined;
      if (!sub || sub === 'notfound' || (seg.hash !== undefined && seg.hash !== sub.etag)) {
        failAt = extentsSize(extents);
        break;
      }
      let xs = sub.extents;
      if (seg.range) {
        const r = segRange(seg.range, sub.size);
        if (!r) {
          failAt = extentsSize(extents);
          break;
        }
        xs = sliceExtents(xs, r[0], r[1]);
      }
      extents.push(...xs);
      if (sub.failAt !== undefined) {
        failAt = extentsSize(extents);
        break;
      }
    }
    return { kind: 'slo', extents, size: o.slo.size, etag: o.slo.etag, failAt };
  }
  const manifest = o.headers.get('X-Object-Manifest');
  if (manifest !== undefined) {
    const decoded = safeDecode(manifest) ?? manifest;
    const i = decoded.indexOf('/');
    const cname = i >= 0 ? decoded.slice(0, i) : decoded;
    const prefix = i >= 0 ? decoded.slice(i + 1) : '';
    const c = st.accounts.get(account)?.containers.get(cname);
    if (!c) return 'notfound';
    const extents: Extent[] = [];
    let etags = '';
    c.sweep(now);
    for (const name of c.sortedNames()) {
      if (!name.startsWith(prefix)) continue;
      // The manifest itself counts when it is under its own prefix (Swift reads each listed
      // object with ?multipart-manifest=get: its own bytes, usually none, and its own ETag).
      const seg = c.objects.get(name);
      if (!seg) continue;
      extents.push(wholeExtent(seg));
      etags += seg.etag;
    }
    return { kind: 'dlo', extents, size: extentsSize(extents), etag: md5hex(etags) };
  }
  return { kind: 'plain', extents: [wholeExtent(o)], size: o.size, etag: o.etag };
}

/** What a HEAD of the object reports: content length and (unquoted) etag. An SLO reports its manifest's totals. */
export function headInfo(st: SimState, account: string, o: SwiftObject, now: number): { size: number; etag: string } | undefined {
  if (o.slo) return { size: o.slo.size, etag: o.slo.etag };
  const r = resolveObject(st, account, o, now);
  if (r === 'notfound') return undefined;
  return { size: r.size, etag: r.etag };
}
