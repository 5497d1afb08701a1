// Command-line values the OpenStack commands share: KEY=VALUE properties and sizes.
import { UsageError } from '../../framework/errors.js';
import { CINDER_GIB, wholeUnits } from '../../util/size.js';

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

/**
 * A Cinder size: whole GiB, at least 1. A plain number is GiB (as `openstack --size`); any unit of
 * the shared parser is accepted when it comes to whole GiB (2048MiB, 1TiB, 1.5TiB); GB means
 * 10^9 bytes, so 10GB (9.31 GiB) is refused with the nearest whole values, never rounded.
 */
export function parseGiB(raw: unknown, what = 'size'): number {
  if (typeof raw !== 'number' && typeof raw !== 'string') throw new UsageError(`${what} is required`);
  return wholeUnits(raw, what, CINDER_GIB);
}

/** The help text of a Cinder size. */
export const CINDER_SIZE_HELP =
  'a whole number of GiB: a plain number (10) or a size with a unit that is whole GiB (10GiB, 2048MiB, 1TiB); GB, MB and TB are powers of 1000 and are refused unless they come to whole GiB (10GB is 9.31 GiB)';

/** A positive integer for --limit. */
export function parseLimit(raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--limit must be a positive whole number, not "${String(raw)}"`);
  return n;
}
