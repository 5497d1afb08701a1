import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/framework/errors.js';
import { renderer } from '../../src/output/render.js';
import { parseSort, sortRecords } from '../../src/output/sort.js';
import type { Rec } from '../../src/output/types.js';
import { capture, opts, slowly, VOLUME_COLUMNS as COLS } from './helpers/render-io.js';

const RECS: Rec[] = [
  { id: '1', name: 'vol-10', status: 'available', size: 100 },
  { id: '2', name: 'vol-9', status: 'error', size: 9 },
  { id: '3', name: 'Alpha', status: 'available' },
  { id: '4', name: 'beta', status: 'error', size: 1000 },
  { id: '5', status: 'available', size: 9 },
];

const ids = (spec: string): string[] => sortRecords(RECS, parseSort(spec, COLS)).map((r) => String(r.id));

describe('--sort', () => {
  it('sorts strings with locale collation (numeric-aware), missing last', () => {
    expect(ids('name')).toEqual(['3', '4', '2', '1', '5']);
    expect(ids('Name:desc')).toEqual(['1', '2', '4', '3', '5']);
  });

  it('sorts numbers numerically, missing last in either direction', () => {
    expect(ids('size')).toEqual(['2', '5', '1', '4', '3']);
    expect(ids('size:desc')).toEqual(['4', '1', '2', '5', '3']);
  });

  it('sorts by several keys, stably', () => {
    expect(ids('status,name:desc')).toEqual(['1', '3', '5', '2', '4']);
    expect(ids('status:desc, size:asc')).toEqual(['2', '4', '5', '1', '3']);
  });

  it('rejects an unknown key like -c does', () => {
    expect(() => parseSort('bogus:desc', COLS)).toThrow(UsageError);
    expect(() => parseSort('bogus:desc', COLS)).toThrow(
      "unknown sort column 'bogus'; valid columns: ID, Name, Status, Size, Created (created_at)",
    );
  });

  it('buffers an async source and renders it sorted', async () => {
    const c = capture();
    await renderer.list(slowly(RECS), opts({ format: 'value', columns: COLS, selected: ['id'], sort: 'size:desc' }), c.out);
    expect(c.text()).toBe('4\n1\n2\n5\n3\n');
  });

  it('fails before writing on an unknown sort key', async () => {
    const c = capture();
    await expect(renderer.list(RECS, opts({ format: 'json', columns: COLS, sort: 'nope' }), c.out)).rejects.toThrow(
      UsageError,
    );
    expect(c.text()).toBe('');
  });
});
