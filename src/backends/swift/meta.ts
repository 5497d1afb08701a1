// Parsing what users type (K=V metadata, sizes, durations, times) and turning Swift's headers
// into record fields (metadata maps, ISO 8601 times).
import { UsageError } from '../../framework/errors.js';
import { parseSize as parseSharedSize, sizeHelp } from '../../util/size.js';

export type MetaScope = 'account' | 'container' | 'object';

const META_KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** "K=V" pairs from repeated --meta flags (also "K:V"). */
export function parseMetaPairs(items: readonly string[] | undefined, flag = '--meta'): [string, string][] {
  const out: [string, string][] = [];
  for (const item of items ?? []) {
    const m = /^([^=:]+)[=:](.*)$/s.exec(item);
    if (!m) throw new UsageError(`${flag} "${item}" is not KEY=VALUE`, { hint: `e.g. ${flag} color=blue` });
    const key = m[1]!.trim();
    checkMetaKey(key, flag);
    out.push([key, m[2]!]);
  }
  return out;
}

export function checkMetaKey(key: string, flag = '--meta'): string {
  if (!META_KEY.test(key)) throw new UsageError(`${flag}: metadata key "${key}" may hold only letters, digits, "-", "_" and "."`);
  return key;
}

/** Header values travel as bytes: UTF-8 text is sent as its bytes (latin1 code units). */
export function encodeHeaderValue(v: string): string {
  return /^[\x20-\x7e]*$/.test(v) ? v : Buffer.from(v, 'utf8').toString('latin1');
}

export function decodeHeaderValue(v: string): string {
  if (/^[\x00-\x7f]*$/.test(v)) return v;
  const s = Buffer.from(v, 'latin1').toString('utf8');
  return s.includes('\ufffd') ? v : s;
}

export function metaHeaders(scope: MetaScope, pairs: readonly [string, string][]): Record<string, string> {
  const h: Record<string, string> = {};
  for (const [k, v] of pairs) h[`x-${scope}-meta-${k.toLowerCase()}`] = encodeHeaderValue(v);
  return h;
}

/** Account/container metadata removal (X-Remove-…-Meta-K); objects are rewritten instead. */
export function removeMetaHeaders(scope: 'account' | 'container', keys: readonly string[] | undefined): Record<string, string> {
  const h: Record<string, string> = {};
  for (const k of keys ?? []) h[`x-remove-${scope}-meta-${checkMetaKey(k, '--remove-meta').toLowerCase()}`] = 'x';
  return h;
}

/** User metadata from response headers, keys lower-case without the prefix. */
export function extractMeta(headers: Record<string, string>, scope: MetaScope, skip: readonly string[] = []): Record<string, string> {
  const prefix = `x-${scope}-meta-`;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers).sort(([a], [b]) => a.localeCompare(b))) {
    if (!k.startsWith(prefix)) continue;
    const key = k.slice(prefix.length);
    if (skip.includes(key)) continue;
    out[key] = decodeHeaderValue(v);
  }
  return out;
}

/**
 * A byte size for Swift flags (--segment-size, --quota-bytes): the shared parser
 * (src/util/size.ts: "100M" and "100MiB" are 1024-based, "100MB" 1000-based) with a plain number
 * meaning bytes, as Swift counts. At least 1 byte.
 */
export function parseSize(v: string | number | undefined, flag: string): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = parseSharedSize(v, flag, { plain: 'B' });
  if (n < 1) throw new UsageError(`${flag} must be at least 1 byte`, { hint: sizeHelp('B') });
  return n;
}

/** "3600", "90s", "30m", "12h", "7d" → seconds. */
export function parseDuration(v: string, flag: string): number {
  const m = /^\s*(\d+)\s*([smhdw]?)\s*$/i.exec(v);
  if (!m) throw new UsageError(`${flag} "${v}" is not a duration`, { hint: 'use seconds or a suffix: 90s, 30m, 12h, 7d' });
  const mult = { '': 1, s: 1, m: 60, h: 3600, d: 86400, w: 604800 }[m[2]!.toLowerCase()]!;
  return Number(m[1]) * mult;
}

/** An absolute time: Unix seconds or an ISO 8601 date → Unix seconds. */
export function parseTime(v: string, flag: string): number {
  if (/^\d+$/.test(v.trim())) return Number(v.trim());
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new UsageError(`${flag} "${v}" is not a time`, { hint: 'use Unix seconds or ISO 8601, e.g. 2030-01-31T12:00:00Z' });
  return Math.floor(t / 1000);
}

/** Swift's X-Timestamp ("1795371997.15852") → ISO 8601 with microseconds, like listings. */
export function timestampIso(ts: string | undefined): string | undefined {
  if (!ts) return undefined;
  const m = /^(\d+)(?:\.(\d+))?/.exec(ts.trim());
  if (!m) return undefined;
  const base = new Date(Number(m[1]) * 1000).toISOString().slice(0, 19);
  return `${base}.${(m[2] ?? '').padEnd(6, '0').slice(0, 6)}Z`;
}

/** A listing's last_modified ("2026-11-22T18:26:37.158520", UTC without zone) → ISO 8601 with Z. */
export function listingIso(v: unknown): string | undefined {
  if (typeof v !== 'string' || !v) return undefined;
  if (/[zZ]$|[+-]\d\d:?\d\d$/.test(v)) return v;
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?$/.exec(v);
  if (!m) return v;
  return `${m[1]}.${(m[2] ?? '').padEnd(6, '0').slice(0, 6)}Z`;
}

/** An HTTP date header → ISO 8601. */
export function httpDateIso(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

export function unixIso(seconds: string | number | undefined): string | undefined {
  if (seconds === undefined || seconds === '') return undefined;
  const n = Number(seconds);
  return Number.isFinite(n) ? new Date(n * 1000).toISOString() : undefined;
}

export function intHeader(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === '' || !/^-?\d+$/.test(v.trim())) return undefined;
  return Number(v.trim());
}

export function unquote(etag: string | undefined): string | undefined {
  return etag === undefined ? undefined : etag.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

/** Metadata maps in tables: k=v, k2=v2 */
export function metaCell(m: unknown): string {
  if (!m || typeof m !== 'object') return '';
  return Object.entries(m as Record<string, unknown>)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
}

export function trueHeader(v: string | undefined): boolean {
  return v !== undefined && /^(true|yes|on|1|t|y)$/i.test(v.trim());
}
