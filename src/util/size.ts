// Sizes people type: "10GiB", "500 MB", "1.5TiB", "4096B", or a plain number. One parser for
// every backend (Cinder, Swift, OpenStorage, KumoScale):
//
// - Binary units are powers of 1024: KiB, MiB, GiB, TiB, PiB (also K, M, G, T, P and Ki, Mi… ).
// - Decimal units are powers of 1000: KB, MB, GB, TB, PB (as disks are sold). GB is never GiB.
// - B is bytes. Units are case-insensitive except that a lone "b" is bytes too.
// - A plain number is GiB by default, like `openstack volume create --size 10` and `pxctl volume
//   create --size 10`: the unit storage admins type most. Write "10B" for bytes. Byte-sized
//   flags (Swift's --segment-size, --quota-bytes) take a plain number as bytes instead.
// parseSize gives a whole number of bytes (fractions round up to the next byte) no larger than
// Number.MAX_SAFE_INTEGER. wholeUnits is for APIs that count in a unit (Cinder: whole GiB): an
// exact conversion is accepted whatever unit was typed (2048MiB = 2 GiB), an inexact one is
// refused with the nearest valid values (10GB = 9.31 GiB: use 9GiB or 10GiB), never rounded.
// The arithmetic is exact (decimal digits as a fraction of BigInts), so "1.5TiB" is 1536 GiB.
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

/** What a number without a unit means. */
export type PlainUnit = 'GiB' | 'B';

export interface SizeOptions {
  /** Unit of a plain number (default GiB). */
  plain?: PlainUnit;
}

const UNIT_TEXT = 'B, KiB/MiB/GiB/TiB (1024-based), KB/MB/GB/TB (1000-based)';

/** The accepted forms, for help texts and hints. */
export function sizeHelp(plain: PlainUnit = 'GiB'): string {
  return `SIZE is a number with a unit: ${UNIT_TEXT}; a plain number is ${plain === 'B' ? 'bytes' : 'GiB'}`;
}

export const SIZE_HELP = sizeHelp('GiB');

/** A size as an exact fraction of bytes: num / den. */
interface Exact {
  num: bigint;
  den: bigint;
}

function exactBytes(input: string | number, what: string, plain: PlainUnit): Exact {
  const help = sizeHelp(plain);
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || input < 0) throw new UsageError(`${what} must be a positive size, not ${input}`, { hint: help });
    text = String(input);
    if (!/^\d+(\.\d+)?$/.test(text)) throw new UsageError(input >= 1 ? `${what}: ${input} is too large` : `${what}: ${input} is not a size`, { hint: help });
  } else {
    text = input;
  }
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (!m) throw new UsageError(`${what}: "${input}" is not a size`, { hint: help });
  const unit = m[2]!.toLowerCase();
  const factor = unit === '' ? (plain === 'B' ? 1 : 1024 ** 3) : UNITS[unit];
  if (factor === undefined) throw new UsageError(`${what}: unknown unit "${m[2]}" in "${input}"`, { hint: help });
  const [int = '', frac = ''] = m[1]!.split('.');
  return { num: BigInt(int + frac || '0') * BigInt(factor), den: 10n ** BigInt(frac.length) };
}

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

/** Bytes for a size string or number (a plain number is GiB unless `plain: 'B'`). Throws UsageError naming `what`. */
export function parseSize(input: string | number, what = '--size', opts: SizeOptions = {}): number {
  const e = exactBytes(input, what, opts.plain ?? 'GiB');
  const bytes = ceilDiv(e.num, e.den);
  if (bytes > MAX) throw new UsageError(`${what}: ${input} is too large`, { hint: sizeHelp(opts.plain) });
  return Number(bytes);
}

/** A unit an API counts sizes in. */
export interface CountUnit {
  /** As written after a number: "GiB", "GB". */
  name: string;
  bytes: number;
  /** Who counts in it, for messages: "Cinder". */
  system: string;
}

export const CINDER_GIB: CountUnit = { name: 'GiB', bytes: 1024 ** 3, system: 'Cinder' };

/** "9.31", rounded, with enough digits that an inexact value never prints as a whole number. */
function approx(num: bigint, den: bigint): string {
  for (let digits = 2; digits <= 12; digits++) {
    const p = 10n ** BigInt(digits);
    const scaled = (2n * num * p + den) / (2n * den);
    if (scaled % p === 0n) continue;
    const s = scaled.toString().padStart(digits + 1, '0');
    return `${s.slice(0, -digits)}.${s.slice(-digits)}`.replace(/0+$/, '');
  }
  return `about ${(2n * num + den) / (2n * den)}`;
}

/**
 * A size as a whole number of `unit` (Cinder: GiB). Any unit may be typed; a conversion that
 * comes out even is accepted (2048MiB → 2), one that does not is refused with the nearest valid
 * values (10GB is 9.31 GiB: use 9GiB or 10GiB). Below `min` (default 1) is refused too.
 */
export function wholeUnits(input: string | number, what: string, unit: CountUnit, opts: SizeOptions & { min?: number } = {}): number {
  const plain = opts.plain ?? 'GiB';
  const min = BigInt(opts.min ?? 1);
  const e = exactBytes(input, what, plain);
  const den = e.den * BigInt(unit.bytes);
  const lower = e.num / den;
  const exact = lower * den === e.num;
  const help = `${unit.system} sizes are whole ${unit.name}: 10, 10${unit.name}${unit.bytes === 1024 ** 3 ? ', 2048MiB, 1TiB' : ''} (KiB/MiB/GiB/TiB are powers of 1024, KB/MB/GB/TB powers of 1000)`;
  if (exact) {
    if (lower < min) throw new UsageError(`${what} must be at least ${min} ${unit.name}, not "${input}"`, { hint: help });
    if (lower > MAX) throw new UsageError(`${what}: ${input} is too large`, { hint: help });
    return Number(lower);
  }
  const upper = lower + 1n;
  const choices = (lower >= min ? [lower, upper] : [upper > min ? upper : min]).map((n) => `${n}${unit.name}`);
  throw new UsageError(`${what} ${String(input).trim()} is ${approx(e.num, den)} ${unit.name}, not a whole number of ${unit.name}: use ${choices.join(' or ')}`, { hint: help });
}
