import { describe, expect, it } from 'vitest';
import { parseSize } from '../../src/util/size.js';

describe('parseSize', () => {
  it('reads binary and decimal units, case-insensitively', () => {
    expect(parseSize('10GiB')).toBe(10 * 1024 ** 3);
    expect(parseSize('10gib')).toBe(10 * 1024 ** 3);
    expect(parseSize('10G')).toBe(10 * 1024 ** 3);
    expect(parseSize('10GB')).toBe(10 * 1000 ** 3);
    expect(parseSize('500 MiB')).toBe(500 * 1024 ** 2);
    expect(parseSize('500MB')).toBe(500 * 1000 ** 2);
    expect(parseSize('1.5TiB')).toBe(1.5 * 1024 ** 4);
    expect(parseSize('2TB')).toBe(2 * 1000 ** 4);
    expect(parseSize('4KiB')).toBe(4096);
    expect(parseSize('4kb')).toBe(4000);
    expect(parseSize('4096B')).toBe(4096);
    expect(parseSize('1PiB')).toBe(1024 ** 5);
  });
  it('takes a plain number as GiB (like openstack and pxctl --size)', () => {
    expect(parseSize('10')).toBe(10 * 1024 ** 3);
    expect(parseSize(3)).toBe(3 * 1024 ** 3);
    expect(parseSize('0.5')).toBe(512 * 1024 ** 2);
  });
  it('rounds fractions of a byte up', () => {
    expect(parseSize('0.1KiB')).toBe(103);
  });
  it('refuses what is not a size, with the accepted forms in the hint', () => {
    for (const bad of ['', 'ten', '10XB', '-5GiB', '1e3', '10 Gi B']) {
      expect(() => parseSize(bad), bad).toThrow(/not a size|unknown unit/);
    }
    try {
      parseSize('10XB');
    } catch (e) {
      expect((e as { exitCode: number }).exitCode).toBe(2);
      expect((e as { hint: string }).hint).toMatch(/GiB/);
    }
    expect(() => parseSize('100000PiB')).toThrow(/too large/);
  });
});
