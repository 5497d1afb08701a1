// Sizes people type: "10GiB", "500 MB", "1.5TiB", "4096B", or a plain number.
//
// - Binary units are powers of 1024: KiB, MiB, GiB, TiB, PiB (also K, M, G, T, P and Ki, Mi… ).
// - Decimal units are powers of 1000: KB, MB, GB, TB, PB (as disks are sold).
// - B is bytes. Units are case-insensitive except that a lone "b" is bytes too.
// - A plain number is GiB, like `openstack volume create --size 10` and `pxctl volume create
//   --size 10`: the unit storage admins type most. Write "10B" for bytes.
// The result is a whole number of bytes (fractions round up to the next byte) no larger than
// Number.MAX_SAFE_INTEGER.
import { UsageError } from '../framework/errors.js';

const UNITS: Record<string, number> = {
  b: 1,
  k: 1024,
  ki: 1024,
  kib: 1024,
  kb: 1000,
  m: 1024 ** 2,
  mi: 1024 ** 2,
  mib: 1024 ** 2,
  mb: 1000 ** 2,
  g: 1024 ** 3,
  gi: 1024 ** 3,
  gib: 1024 ** 3,
  gb: 1000 ** 3,
  t: 1024 ** 4,
  ti: 1024 ** 4,
  tib: 1024 ** 4,
  tb: 1000 ** 4,
  p: 1024 ** 5,
  pi: 1024 ** 5,
  pib: 1024 ** 5,
  pb: 1000 ** 5,
};

export const SIZE_HELP = 'SIZE is a number with a unit: B, KiB/MiB/GiB/TiB (1024-based), KB/MB/GB/TB (1000-based); a plain number is GiB';

/** Bytes for a size string or number (a number is GiB). Throws UsageError naming `what`. */
export function parseSize(input: string | number, what = '--size'): number {
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || input < 0) throw new UsageError(`${what} must be a positive size, not ${input}`, { hint: SIZE_HELP });
    return checked(Math.ceil(input * 1024 ** 3), input, what);
  }
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([a-zA-Z]*)\s*$/.exec(input);
  if (!m) throw new UsageError(`${what}: "${input}" is not a size`, { hint: SIZE_HELP });
  const value = Number(m[1]);
  const unit = m[2]!.toLowerCase();
  const factor = unit === '' ? 1024 ** 3 : UNITS[unit];
  if (factor === undefined) throw new UsageError(`${what}: unknown unit "${m[2]}" in "${input}"`, { hint: SIZE_HELP });
  return checked(Math.ceil(value * factor), input, what);
}

function checked(bytes: number, input: string | number, what: string): number {
  if (!Number.isSafeInteger(bytes)) throw new UsageError(`${what}: ${input} is too large`, { hint: SIZE_HELP });
  return bytes;
}
