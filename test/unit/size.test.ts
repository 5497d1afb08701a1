// The one size parser every backend uses (src/util/size.ts): whole units for Cinder (exact
// conversions accepted, inexact ones refused with the nearest values), bytes for Swift flags.
import { describe, expect, it } from 'vitest';
import { CINDER_GIB, parseSize, wholeUnits } from '../../src/util/size.js';
import { parseGiB } from '../../src/backends/openstack/args.js';
import { parseSize as swiftSize } from '../../src/backends/swift/meta.js';

function refusal(f: () => unknown): { message: string; hint?: string; exitCode: number } {
  try {
    f();
  } catch (e) {
    return e as { message: string; hint?: string; exitCode: number };
  }
  throw new Error('expected a refusal');
}

describe('wholeUnits (Cinder GiB)', () => {
  it('accepts a plain number as GiB and any unit that comes to whole GiB', () => {
    expect(wholeUnits('10', '--size', CINDER_GIB)).toBe(10);
    expect(wholeUnits(3, '--size', CINDER_GIB)).toBe(3);
    expect(wholeUnits('10GiB', '--size', CINDER_GIB)).toBe(10);
    expect(wholeUnits('10G', '--size', CINDER_GIB)).toBe(10);
    expect(wholeUnits('2048MiB', 'SIZE', CINDER_GIB)).toBe(2);
    expect(wholeUnits('2048 MiB', 'SIZE', CINDER_GIB)).toBe(2);
    expect(wholeUnits('1TiB', '--size', CINDER_GIB)).toBe(1024);
    expect(wholeUnits('1.5TiB', '--size', CINDER_GIB)).toBe(1536);
    expect(wholeUnits('0.25TiB', '--size', CINDER_GIB)).toBe(256);
    expect(wholeUnits('1073741824B', '--size', CINDER_GIB)).toBe(1);
    expect(wholeUnits('1048576KiB', '--size', CINDER_GIB)).toBe(1);
    // A decimal size that happens to be whole GiB (exact arithmetic, no float error).
    expect(wholeUnits('1073.741824MB', '--size', CINDER_GIB)).toBe(1);
    expect(wholeUnits('4294.967296MB', '--size', CINDER_GIB)).toBe(4);
  });

  it('refuses an inexact conversion with the nearest whole values, never rounding', () => {
    const r = refusal(() => wholeUnits('10GB', '--size', CINDER_GIB));
    expect(r.exitCode).toBe(2);
    expect(r.message).toBe('--size 10GB is 9.31 GiB, not a whole number of GiB: use 9GiB or 10GiB');
    expect(r.hint).toMatch(/powers of 1000/);
    expect(refusal(() => wholeUnits('5GB', 'SIZE', CINDER_GIB)).message).toBe('SIZE 5GB is 4.66 GiB, not a whole number of GiB: use 4GiB or 5GiB');
    expect(refusal(() => wholeUnits('100GB', '--size', CINDER_GIB)).message).toMatch(/is 93.13 GiB.*use 93GiB or 94GiB/);
    expect(refusal(() => wholeUnits('1.5', '--size', CINDER_GIB)).message).toMatch(/is 1.5 GiB.*use 1GiB or 2GiB/);
    expect(refusal(() => wholeUnits('1073741825B', '--size', CINDER_GIB)).message).toMatch(/is 1.000000001 GiB.*use 1GiB or 2GiB/);
    // Below the minimum only the valid neighbour is offered.
    expect(refusal(() => wholeUnits('0.5', '--size', CINDER_GIB)).message).toMatch(/is 0.5 GiB.*: use 1GiB$/);
    expect(refusal(() => wholeUnits('500MB', '--size', CINDER_GIB)).message).toMatch(/is 0.47 GiB.*: use 1GiB$/);
  });

  it('refuses zero, nonsense and unknown units (exit 2)', () => {
    expect(refusal(() => wholeUnits('0', '--size', CINDER_GIB)).message).toMatch(/at least 1 GiB/);
    expect(refusal(() => wholeUnits('0GiB', '--size', CINDER_GIB)).message).toMatch(/at least 1 GiB/);
    expect(refusal(() => wholeUnits('ten', '--size', CINDER_GIB)).message).toMatch(/not a size/);
    expect(refusal(() => wholeUnits('10XB', '--size', CINDER_GIB)).message).toMatch(/unknown unit "XB"/);
    expect(refusal(() => wholeUnits('-1', '--size', CINDER_GIB)).exitCode).toBe(2);
  });

  it('is what the OpenStack commands use (parseGiB)', () => {
    expect(parseGiB('2048MiB', 'SIZE')).toBe(2);
    expect(() => parseGiB('5GB', 'SIZE')).toThrow(/use 4GiB or 5GiB/);
    expect(() => parseGiB(undefined, '--size')).toThrow(/required/);
  });
});

describe('parseSize with plain bytes (Swift flags)', () => {
  it('takes a plain number as bytes, K/M/G and KiB/MiB/GiB as 1024-based, KB/MB/GB as 1000-based', () => {
    expect(parseSize('52428800', '--segment-size', { plain: 'B' })).toBe(52428800);
    expect(swiftSize('52428800', '--segment-size')).toBe(52428800);
    expect(swiftSize('100M', '--segment-size')).toBe(100 * 1024 ** 2);
    expect(swiftSize('100MiB', '--segment-size')).toBe(100 * 1024 ** 2);
    expect(swiftSize('100MB', '--segment-size')).toBe(100 * 1000 ** 2);
    expect(swiftSize('1P', '--quota-bytes')).toBe(1024 ** 5);
    expect(swiftSize('256k', '--segment-size')).toBe(256 * 1024);
    expect(swiftSize(undefined, '--segment-size')).toBeUndefined();
    expect(() => swiftSize('0', '--segment-size')).toThrow(/at least 1 byte/);
    expect(refusal(() => swiftSize('lots', '--segment-size')).hint).toMatch(/plain number is bytes/);
  });
});
