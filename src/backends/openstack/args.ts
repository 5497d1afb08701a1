// Command-line values the OpenStack commands share: KEY=VALUE properties and sizes.
import { UsageError } from '../../framework/errors.js';

/** ["k=v", "a=b=c"] → {k: "v", a: "b=c"}; an item without "=" is a usage error. */
export function parseProperties(items: readonly string[] | undefined, flag = '--property'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items ?? []) {
    const i = item.indexOf('=');
    if (i <= 0) throw new UsageError(`${flag} wants KEY=VALUE, not "${item}"`);
    out[item.slice(0, i)] = item.slice(i + 1);
  }
  return out;
}

/** A size in GiB: a positive whole number. */
export function parseGiB(raw: unknown, what = 'size'): number {
  const n = typeof raw === 'number' ? raw : Number(String(raw ?? '').trim().replace(/\s*(G|GB|GiB)$/i, ''));
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${what} must be a whole number of GiB (at least 1), not "${String(raw)}"`);
  return n;
}

/** A positive integer for --limit. */
export function parseLimit(raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--limit must be a positive whole number, not "${String(raw)}"`);
  return n;
}
