// The renderer's contract: records in, text out. It never knows which backend made a record.
import type { Writable } from 'node:stream';
import type { ColumnSpec } from '../framework/command.js';

export const OUTPUT_FORMATS = ['table', 'json', 'yaml', 'csv', 'value', 'ndjson'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface RenderOptions {
  format: OutputFormat;
  /** Every column the command knows, in display order. */
  columns: readonly ColumnSpec<any>[];
  /** -c/--column values (header or key, case-insensitive); empty = the default columns. */
  selected: readonly string[];
  /** --sort "key[:asc|desc][,key2...]" by column key or header. */
  sort?: string;
  noHeaders: boolean;
  /** --long: include columns marked long. */
  long: boolean;
  /** Colour escapes allowed (TTY and not NO_COLOR, or FORCE_COLOR). */
  color: boolean;
  /** Terminal width for tables; tables fit inside it. */
  width: number;
  /** stdout is a terminal: CSV escapes control characters (tables and value always do). */
  tty?: boolean;
  /** --csv-safe: a ' before CSV cells starting with = + - @ TAB or CR (OWASP formula guard). */
  csvSafe?: boolean;
}

export type Rec = Record<string, unknown>;
export type RecordSource = Iterable<Rec> | AsyncIterable<Rec>;

export interface Renderer {
  /** A list: streams when the source is async (JSON array/NDJSON/CSV/value write row by row). */
  list(records: RecordSource, opts: RenderOptions, out: Writable): Promise<void>;
  /** One record: table is a two-column Field | Value; json/yaml the object. */
  object(record: Rec, opts: RenderOptions, out: Writable): Promise<void>;
}
