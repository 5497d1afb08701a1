// Column selection (-c / --long) and cell lookup.
import type { ColumnSpec } from '../framework/command.js';
import { UsageError } from '../framework/errors.js';
import type { Rec } from './types.js';

export type Column = ColumnSpec<any>;

/** The raw cell of `record` for `col`: `get` when given, else `record[key]`, else a dotted path. */
export function cellValue(record: Rec, col: Column): unknown {
  // Records are what a server sent: a list item may be null, a number or a string, and a
  // column's `get` may meet fields of the wrong type. A cell never crashes the renderer.
  if (record === null || typeof record !== 'object') return undefined;
  if (col.get) {
    try {
      return col.get(record);
    } catch (err) {
      if (err instanceof TypeError) return undefined;
      throw err;
    }
  }
  const key = col.key;
  if (key in record || !key.includes('.')) return record[key];
  let cur: unknown = record;
  for (const part of key.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Finds a column by key or header, case-insensitively. */
export function findColumn(columns: readonly Column[], name: string): Column | undefined {
  const wanted = name.trim().toLowerCase();
  return (
    columns.find((c) => c.key.toLowerCase() === wanted) ?? columns.find((c) => c.header.toLowerCase() === wanted)
  );
}

/** "ID, Name, Size (size_gb)": headers, with the key when it is spelt differently. */
export function columnNames(columns: readonly Column[]): string {
  return columns
    .map((c) => (c.key.toLowerCase() === c.header.toLowerCase() ? c.header : `${c.header} (${c.key})`))
    .join(', ');
}

export function unknownColumn(what: string, name: string, columns: readonly Column[]): UsageError {
  return new UsageError(`unknown ${what} '${name}'; valid columns: ${columnNames(columns)}`);
}

/** Splits repeated and comma-separated -c values ("-c id,name -c size"). */
function expandSelected(columns: readonly Column[], selected: readonly string[]): string[] {
  const names: string[] = [];
  for (const s of selected) {
    if (findColumn(columns, s) || !s.includes(',')) names.push(s.trim());
    else names.push(...s.split(',').map((p) => p.trim()).filter((p) => p !== ''));
  }
  return names;
}

/**
 * The columns to show. With `selected` (-c): those columns in the order given (duplicates
 * dropped); an unknown name is a UsageError listing the valid ones. Without: every column not
 * marked `long`, plus the long ones when `long`.
 */
export function pickColumns(columns: readonly Column[], selected: readonly string[], long: boolean): Column[] {
  if (selected.length === 0) return columns.filter((c) => long || !c.long);
  const picked: Column[] = [];
  for (const name of expandSelected(columns, selected)) {
    const col = findColumn(columns, name);
    if (!col) throw unknownColumn('column', name, columns);
    if (!picked.includes(col)) picked.push(col);
  }
  return picked;
}

/**
 * For commands that declare no columns: -c names are taken as record keys, otherwise the keys of
 * the first records (in first-seen order).
 */
export function adHocColumns(records: readonly Rec[], selected: readonly string[]): Column[] {
  if (selected.length > 0) {
    const names = [...new Set(selected.flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== ''))];
    return names.map((key) => ({ key, header: key }));
  }
  const keys = new Set<string>();
  for (const r of records) if (r !== null && typeof r === 'object') for (const k of Object.keys(r)) keys.add(k);
  return [...keys].map((key) => ({ key, header: key }));
}

/** Resolves the columns for records, deriving them when the command declares none. */
export function resolveColumns(
  declared: readonly Column[],
  selected: readonly string[],
  long: boolean,
  sample: readonly Rec[],
): Column[] {
  return declared.length > 0 ? pickColumns(declared, selected, long) : adHocColumns(sample, selected);
}

/** A record reduced to the chosen columns' keys (raw values; missing → null). */
export function projectRecord(record: Rec, columns: readonly Column[]): Rec {
  const out: Rec = {};
  if (record === null || typeof record !== 'object') return out;
  for (const c of columns) {
    // Machine formats keep the API's own value when the record has the key (e.g. metadata
    // stays an object); a derived cell is used only for keys the API does not have.
    const v = Object.prototype.hasOwnProperty.call(record, c.key) ? record[c.key] : cellValue(record, c);
    out[c.key] = v === undefined ? null : v;
  }
  return out;
}
