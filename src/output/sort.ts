// --sort "key[:asc|desc][,key2...]". Sorting needs every row, so a sorted list is buffered in
// full before anything is printed (it no longer streams).
import { UsageError } from '../framework/errors.js';
import { cellValue, findColumn, unknownColumn, type Column } from './columns.js';
import type { Rec } from './types.js';

export interface SortKey {
  column: Column;
  desc: boolean;
}

/** Parses a --sort spec against every column the command knows (long ones included). */
export function parseSort(spec: string, columns: readonly Column[]): SortKey[] {
  const keys: SortKey[] = [];
  for (const part of spec.split(',')) {
    const item = part.trim();
    if (item === '') continue;
    const m = /^(.*?)(?::(asc|desc))?$/i.exec(item)!;
    const name = m[1]!.trim();
    const desc = (m[2] ?? 'asc').toLowerCase() === 'desc';
    if (name === '') throw new UsageError(`--sort: empty column name in '${spec}'`);
    let column: Column | undefined;
    if (columns.length === 0) column = { key: name, header: name };
    else column = findColumn(columns, name);
    if (!column) throw unknownColumn('sort column', name, columns);
    keys.push({ column, desc });
  }
  if (keys.length === 0) throw new UsageError(`--sort: no column given`);
  return keys;
}

type SortValue = { kind: 0; n: number } | { kind: 1; s: string } | null;

function sortValue(v: unknown): SortValue {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number') return Number.isNaN(v) ? null : { kind: 0, n: v };
  if (typeof v === 'bigint') return { kind: 0, n: Number(v) };
  if (typeof v === 'boolean') return { kind: 0, n: v ? 1 : 0 };
  if (v instanceof Date) return { kind: 0, n: v.getTime() };
  if (typeof v === 'string') return { kind: 1, s: v };
  if (Array.isArray(v)) return v.length === 0 ? null : { kind: 1, s: v.map(String).join(',') };
  return { kind: 1, s: JSON.stringify(v) ?? '' };
}

const collator = new Intl.Collator(undefined, { numeric: true });

function compareValues(a: SortValue, b: SortValue, desc: boolean): number {
  // Missing values go last whatever the direction.
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  let c: number;
  if (a.kind === 0 && b.kind === 0) c = a.n < b.n ? -1 : a.n > b.n ? 1 : 0;
  else c = collator.compare(a.kind === 0 ? String(a.n) : a.s, b.kind === 0 ? String(b.n) : b.s);
  return desc ? -c : c;
}

/** Stable sort; numbers compare numerically, strings with the locale collation, missing last. */
export function sortRecords(records: readonly Rec[], keys: readonly SortKey[]): Rec[] {
  const decorated = records.map((record, index) => ({
    record,
    index,
    values: keys.map((k) => sortValue(cellValue(record, k.column))),
  }));
  decorated.sort((x, y) => {
    for (let i = 0; i < keys.length; i++) {
      const c = compareValues(x.values[i]!, y.values[i]!, keys[i]!.desc);
      if (c !== 0) return c;
    }
    return x.index - y.index;
  });
  return decorated.map((d) => d.record);
}
