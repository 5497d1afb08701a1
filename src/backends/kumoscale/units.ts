// KumoScale sizes: volume and tenant capacities are whole GB (10^9 bytes; the reference's unit,
// which it marks unconfirmed), backend capacities are bytes. People type sizes with units
// (src/util/size.ts: "100GB", "10GiB", a plain number is GiB); this turns them into GB.
import { UsageError } from '../../framework/errors.js';
import { parseSize } from '../../util/size.js';

export const GB = 1_000_000_000;

export interface GbSize {
  gb: number;
  /** The size asked for was not a whole number of GB and was rounded up. */
  rounded: boolean;
  bytes: number;
}

/** "100GB" → 100; "10GiB" → 11 (10.74 GB rounded up); 0 is refused unless allowZero. */
export function sizeToGB(input: string | number, what = '--size', opts: { allowZero?: boolean } = {}): GbSize {
  const bytes = parseSize(typeof input === 'number' ? String(input) : input, what);
  const gb = Math.ceil(bytes / GB);
  if (gb === 0 && !opts.allowZero) throw new UsageError(`${what} must be at least 1 GB, not "${input}"`, { hint: 'KumoScale sizes are whole GB (10^9 bytes), e.g. 100GB' });
  return { gb, rounded: gb * GB !== bytes, bytes };
}

/** The notice printed when a size was rounded up to whole GB. */
export function roundingNote(input: string | number, s: GbSize, what = 'size'): string {
  return `${what} ${input} is ${(s.bytes / GB).toFixed(2)} GB; KumoScale counts whole GB (10^9 bytes), so ${s.gb} GB is requested`;
}

/** A non-negative integer flag (IOPS, percentages, minutes). */
export function wholeNumber(v: unknown, what: string, max?: number): number {
  const n = typeof v === 'number' ? v : Number(String(v ?? '').trim());
  if (!Number.isInteger(n) || n < 0 || (max !== undefined && n > max)) {
    throw new UsageError(`${what} must be a whole number${max !== undefined ? ` from 0 to ${max}` : ' (0 or more)'}, not "${String(v)}"`);
  }
  return n;
}

/** A bandwidth: a size per second with units ("2GB", "500MiB"); a plain number is bytes/s here. */
export function bandwidthBytes(v: string | number, what: string): number {
  const s = String(v).trim();
  if (/^\d+$/.test(s)) return Number(s);
  return parseSize(s.replace(/\/s$/i, ''), what);
}
