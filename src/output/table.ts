// Tables for people. The first rows (up to HEAD_ROWS) are laid out by cli-table3; any later
// rows are drawn by a small row formatter with the same characters and column widths, because
// cli-table3 gets slow (superlinear) on long tables and needs every row up front.
//
// Streaming (async or generator sources): the first HEAD_ROWS rows size the columns; later rows
// keep those widths and are cut with "…" instead of re-laying out. Arrays (and sorted lists,
// which are buffered anyway) are sized on every row and wrapped, never cut.
import Table from 'cli-table3';
import { Chalk, type ChalkInstance } from 'chalk';
import { cellValue, resolveColumns, type Column } from './columns.js';
import {
  displayWidth,
  escapeControl,
  humanCell,
  isStatusColumn,
  statusTone,
  truncate,
  wrapText,
  type StatusTone,
} from './format.js';
import type { Sink } from './sink.js';
import { BatchReader } from './source.js';
import type { Rec, RecordSource, RenderOptions } from './types.js';

/** Rows buffered to size a streamed table. */
export const HEAD_ROWS = 500;
/** Rows per write after the head. */
export const CHUNK_ROWS = 500;
/** A streamed table shows what it has once the source has kept it waiting this long. */
const HEAD_DELAY_MS = 1000;
const CHUNK_DELAY_MS = 200;
/** Narrowest a column is squeezed to when fitting the terminal (content columns). */
export const MIN_COLUMN_WIDTH = 3;

const CHARS = {
  top: '─',
  'top-mid': '┬',
  'top-left': '┌',
  'top-right': '┐',
  bottom: '─',
  'bottom-mid': '┴',
  'bottom-left': '└',
  'bottom-right': '┘',
  left: '│',
  'left-mid': '├',
  mid: '─',
  'mid-mid': '┼',
  right: '│',
  'right-mid': '┤',
  middle: '│',
} as const;

export interface Cell {
  /** Escaped, uncoloured text. */
  text: string;
  tone?: StatusTone;
}

/** Total line width of a table whose columns hold `widths` characters of content. */
export function tableWidth(widths: readonly number[]): number {
  return widths.reduce((a, w) => a + w + 3, 1);
}

/** Columns whose natural width is at most this (ids, states, sizes) give way last. */
const SHORT_COLUMN = 12;

/**
 * Content widths that fit `total` terminal columns. The widest long columns (names,
 * descriptions) give way first, then everything, widest first; none goes below
 * MIN_COLUMN_WIDTH (or its natural width when narrower). `total` ≤ 0 means no limit. When even
 * the minimums do not fit, the table is wider than the terminal but still drawn.
 */
export function fitWidths(natural: readonly number[], total: number): number[] {
  const widths = natural.map((w) => Math.max(1, w));
  if (!(total > 0) || !Number.isFinite(total)) return widths;
  let excess = tableWidth(widths) - Math.floor(total);
  const shrink = (floor: readonly number[]): void => {
    while (excess > 0) {
      let widest = -1;
      for (let i = 0; i < widths.length; i++) {
        if (widths[i]! > floor[i]! && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
      }
      if (widest < 0) return;
      widths[widest]!--;
      excess--;
    }
  };
  const min = widths.map((w) => Math.min(w, MIN_COLUMN_WIDTH));
  shrink(widths.map((w, i) => (w > SHORT_COLUMN ? min[i]! : w)));
  shrink(min);
  return widths;
}

export function naturalWidths(headers: readonly string[] | undefined, count: number): number[] {
  return Array.from({ length: count }, (_, i) => (headers ? displayWidth(headers[i]!) : 0));
}

export function measure(widths: number[], rows: readonly (readonly Cell[])[]): void {
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      const w = displayWidth(row[i]!.text);
      if (w > widths[i]!) widths[i] = w;
    }
  }
}

function wraps(widths: readonly number[], rows: readonly (readonly Cell[])[]): boolean {
  return rows.some((row) => row.some((c, i) => displayWidth(c.text) > widths[i]!));
}

/** Draws one table in pieces: head (with cli-table3), more rows, bottom border. */
export class TableDrawer {
  private readonly chalk: ChalkInstance | undefined;
  private readonly midLine: string;
  readonly bottomLine: string;

  constructor(
    private readonly widths: readonly number[],
    /** Lines between rows; used when some row spans several lines. */
    private readonly separators: boolean,
    color: boolean,
  ) {
    this.chalk = color ? new Chalk({ level: 1 }) : undefined;
    const rule = (l: string, m: string, r: string, h: string): string =>
      l + widths.map((w) => h.repeat(w + 2)).join(m) + r;
    this.midLine = rule(CHARS['left-mid'], CHARS['mid-mid'], CHARS['right-mid'], CHARS.mid);
    this.bottomLine = rule(CHARS['bottom-left'], CHARS['bottom-mid'], CHARS['bottom-right'], CHARS.bottom);
  }

  private paint(text: string, tone: StatusTone | undefined): string {
    const c = this.chalk;
    if (!c || !tone || text === '') return text;
    return tone === 'good' ? c.green(text) : tone === 'bad' ? c.red(text) : c.yellow(text);
  }

  private lines(cell: Cell, i: number, mode: 'wrap' | 'truncate'): string[] {
    const w = this.widths[i]!;
    const lines = mode === 'wrap' ? wrapText(cell.text, w) : [truncate(cell.text, w)];
    return lines.map((l) => this.paint(l, cell.tone));
  }

  /** Header and first rows, without the bottom border (see `bottomLine`). */
  head(headers: readonly string[] | undefined, rows: readonly (readonly Cell[])[]): string {
    const head = headers?.map((h, i) => {
      const lines = wrapText(h, this.widths[i]!);
      return (this.chalk ? lines.map((l) => this.chalk!.bold.cyan(l)) : lines).join('\n');
    });
    const table = new Table({
      head: head ?? [],
      colWidths: this.widths.map((w) => w + 2),
      wordWrap: false,
      chars: CHARS,
      style: { head: [], border: [], compact: !this.separators, 'padding-left': 1, 'padding-right': 1 },
    });
    for (const row of rows) table.push(row.map((cell, i) => this.lines(cell, i, 'wrap').join('\n')));
    const lines = table.toString().split('\n');
    lines.pop(); // the bottom border, written once the last row is out
    return lines.map((l) => l + '\n').join('');
  }

  /** More rows in the head's layout. */
  rows(rows: readonly (readonly Cell[])[], mode: 'wrap' | 'truncate'): string {
    let out = '';
    for (const row of rows) {
      const cells = row.map((cell, i) => this.lines(cell, i, mode));
      const height = Math.max(1, ...cells.map((c) => c.length));
      if (this.separators) out += this.midLine + '\n';
      for (let line = 0; line < height; line++) {
        out += CHARS.left;
        for (let i = 0; i < cells.length; i++) {
          const text = cells[i]![line] ?? '';
          const pad = this.widths[i]! - displayWidth(text);
          out += ' ' + text + ' '.repeat(Math.max(0, pad)) + ' ' + (i === cells.length - 1 ? CHARS.right : CHARS.middle);
        }
        out += '\n';
      }
    }
    return out;
  }
}

function cellMaker(columns: readonly Column[], color: boolean): (record: Rec) => Cell[] {
  const toned = columns.map((c) => color && isStatusColumn(c));
  return (record) =>
    columns.map((c, i) => {
      const text = humanCell(cellValue(record, c), c.format);
      return toned[i] ? { text, tone: statusTone(text) } : { text };
    });
}

/** A list as a table; streams for non-array sources (see the top of this file). */
export async function tableList(source: RecordSource, opts: RenderOptions, sink: Sink): Promise<void> {
  const all = Array.isArray(source) ? (source as Rec[]) : undefined;
  const reader = all ? undefined : new BatchReader(source);
  try {
    const first = all ? all.slice(0, HEAD_ROWS) : await reader!.read(HEAD_ROWS, HEAD_DELAY_MS);
    const columns = resolveColumns(opts.columns, opts.selected, opts.long, first);
    const headers = opts.noHeaders ? undefined : columns.map((c) => escapeControl(c.header));
    if (!headers && first.length === 0) return;
    const toCells = cellMaker(columns, opts.color);
    const headRows = first.map(toCells);
    const natural = naturalWidths(headers, columns.length);
    measure(natural, headRows);
    let rest: Rec[] = [];
    if (all && all.length > HEAD_ROWS) {
      rest = all.slice(HEAD_ROWS);
      for (let i = 0; i < rest.length; i += CHUNK_ROWS) measure(natural, rest.slice(i, i + CHUNK_ROWS).map(toCells));
    }
    const widths = fitWidths(natural, opts.width);
    let separators = wraps(widths, headRows);
    for (let i = 0; !separators && i < rest.length; i += CHUNK_ROWS) {
      separators = wraps(widths, rest.slice(i, i + CHUNK_ROWS).map(toCells));
    }
    const drawer = new TableDrawer(widths, separators, opts.color);
    if (!(await sink.write(drawer.head(headers, headRows)))) return;
    if (all) {
      for (let i = 0; i < rest.length; i += CHUNK_ROWS) {
        if (!(await sink.write(drawer.rows(rest.slice(i, i + CHUNK_ROWS).map(toCells), 'wrap')))) return;
      }
    } else {
      for (;;) {
        const batch = await reader!.read(CHUNK_ROWS, CHUNK_DELAY_MS);
        if (batch.length === 0) break;
        if (!(await sink.write(drawer.rows(batch.map(toCells), 'truncate')))) return;
      }
    }
    await sink.write(drawer.bottomLine + '\n');
  } finally {
    reader?.close();
  }
}

/** One record as a two-column Field | Value table. */
export async function tableObject(record: Rec, opts: RenderOptions, sink: Sink): Promise<void> {
  const columns =
    opts.selected.length > 0 ? resolveColumns(opts.columns, opts.selected, true, [record]) : [...opts.columns];
  const rows: Cell[][] = [];
  const toned = (c: Column): boolean => opts.color && isStatusColumn(c);
  for (const c of columns) {
    const text = humanCell(cellValue(record, c), c.format);
    rows.push([{ text: escapeControl(c.header) }, toned(c) ? { text, tone: statusTone(text) } : { text }]);
  }
  if (opts.selected.length === 0) {
    const covered = new Set(columns.map((c) => c.key));
    for (const key of Object.keys(record ?? {})) {
      if (covered.has(key)) continue;
      const c: Column = { key, header: key };
      const text = humanCell(record[key], undefined);
      rows.push([{ text: escapeControl(key) }, toned(c) ? { text, tone: statusTone(text) } : { text }]);
    }
  }
  const headers = opts.noHeaders ? undefined : ['Field', 'Value'];
  if (!headers && rows.length === 0) return;
  const natural = naturalWidths(headers, 2);
  measure(natural, rows);
  const widths = fitWidths(natural, opts.width);
  const drawer = new TableDrawer(widths, wraps(widths, rows), opts.color);
  if (await sink.write(drawer.head(headers, rows))) await sink.write(drawer.bottomLine + '\n');
}
