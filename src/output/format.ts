// Cell text: human formatting for tables, raw text for csv/value, terminal-safe escaping and
// display width. All times shown to people are UTC, printed as "YYYY-MM-DD HH:MM:SS" (no zone
// suffix; the help and man page say "times are UTC").
import type { ColumnSpec } from '../framework/command.js';
import { inert as escapeControl } from './inert.js';

type CellFormat = ColumnSpec['format'];

/** Makes server-supplied text safe to print (see inert.ts): ESC becomes the four characters `\x1b`... */
export { inert as escapeControl } from './inert.js';

// ---- display width (columns a terminal uses; wide East Asian and emoji take two) ----

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    cp === 0x2329 ||
    cp === 0x232a ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xa960 && cp <= 0xa97f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe10 && cp <= 0xfe19) ||
    (cp >= 0xfe30 && cp <= 0xfe6f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1b000 && cp <= 0x1b2ff) ||
    (cp >= 0x1f200 && cp <= 0x1f2ff) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

function isZeroWidth(cp: number): boolean {
  return (
    (cp >= 0x300 && cp <= 0x36f) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    cp === 0xfeff
  );
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
// eslint-disable-next-line no-control-regex
const ASCII_PRINTABLE = /^[\u0020-\u007e]*$/;

/** Terminal columns of a string (SGR colour escapes count zero). */
export function displayWidth(text: string): number {
  if (ASCII_PRINTABLE.test(text)) return text.length;
  const plain = text.includes('\u001b') ? text.replace(ANSI, '') : text;
  let width = 0;
  for (const ch of plain) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || isZeroWidth(cp)) continue;
    width += isWide(cp) ? 2 : 1;
  }
  return width;
}

/** Cuts `text` to at most `width` columns, ending in "…" when something was cut. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 0) return '';
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = displayWidth(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return out + '…';
}

/** Splits `text` into lines of at most `width` columns, at spaces when it can, hard otherwise. */
export function wrapText(text: string, width: number): string[] {
  if (displayWidth(text) <= width) return [text];
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  const flush = (): void => {
    lines.push(line);
    line = '';
    lineWidth = 0;
  };
  for (const word of text.split(' ')) {
    const w = displayWidth(word);
    if (lineWidth > 0 && lineWidth + 1 + w <= width) {
      line += ' ' + word;
      lineWidth += 1 + w;
      continue;
    }
    if (lineWidth > 0) flush();
    if (w <= width) {
      line = word;
      lineWidth = w;
      continue;
    }
    for (const ch of word) {
      const cw = displayWidth(ch);
      if (lineWidth + cw > width && lineWidth > 0) flush();
      line += ch;
      lineWidth += cw;
    }
  }
  if (lineWidth > 0 || lines.length === 0) lines.push(line);
  return lines;
}

// ---- values ----

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];

/** 512 → "512 B", 1536 → "1.5 KiB", 1073741824 → "1 GiB" (binary units, one decimal at most). */
export function humanBytes(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const sign = n < 0 ? '-' : '';
  let v = Math.abs(n);
  if (v < 1024) return `${sign}${v} B`;
  let unit = 0;
  while (v >= 1024 && unit < UNITS.length - 1) {
    v /= 1024;
    unit++;
  }
  let rounded = Math.round(v * 10) / 10;
  if (rounded >= 1024 && unit < UNITS.length - 1) {
    rounded = Math.round((rounded / 1024) * 10) / 10;
    unit++;
  }
  const text = rounded.toFixed(1).replace(/\.0$/, '');
  return `${sign}${text} ${UNITS[unit]}`;
}

const NAIVE_ISO = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return value;
  if (typeof value === 'number' || typeof value === 'bigint') {
    const n = Number(value);
    // Seconds unless it only makes sense as milliseconds (1e11 s is the year 5138).
    return new Date(Math.abs(n) < 1e11 ? n * 1000 : n);
  }
  if (typeof value === 'string') {
    const s = value.trim();
    if (s === '') return undefined;
    if (/^-?\d+(\.\d+)?$/.test(s)) return toDate(Number(s));
    // OpenStack writes "2026-11-22T18:06:01.000000" without a zone: it is UTC, not local time.
    const iso = NAIVE_ISO.test(s) ? s.replace(' ', 'T') + 'Z' : s;
    const ms = Date.parse(iso);
    return Number.isNaN(ms) ? undefined : new Date(ms);
  }
  if (value && typeof value === 'object' && 'seconds' in value) {
    // google.protobuf.Timestamp as decoded by proto-loader ({ seconds, nanos }).
    const { seconds, nanos } = value as { seconds: unknown; nanos?: unknown };
    const s = Number(seconds);
    if (!Number.isFinite(s)) return undefined;
    return new Date(s * 1000 + Math.floor(Number(nanos ?? 0) / 1e6));
  }
  return undefined;
}

/** "2026-11-22 18:06:01" in UTC, or undefined when the value is not a time. */
export function humanTime(value: unknown): string | undefined {
  const d = toDate(value);
  if (!d || Number.isNaN(d.getTime())) return undefined;
  const y = d.getUTCFullYear();
  if (y < 0 || y > 9999) return undefined;
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

/** JSON.stringify that survives BigInt (safe ones become numbers, others strings). */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value.toString();
  }
  return value;
}

export function compactJson(value: unknown): string {
  return JSON.stringify(value, jsonReplacer) ?? '';
}

function humanScalar(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return humanTime(value) ?? '';
  if (Array.isArray(value)) return value.map(humanScalar).join(', ');
  return compactJson(value);
}

/** What a table shows a person for one cell, before escaping. */
export function humanValue(value: unknown, format: CellFormat): string {
  if (value === null || value === undefined) return '';
  switch (format) {
    case 'bytes': {
      if (typeof value === 'number' || typeof value === 'bigint') return humanBytes(Number(value));
      if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return humanBytes(Number(value));
      return humanScalar(value);
    }
    case 'time':
      return humanTime(value) ?? humanScalar(value);
    case 'bool': {
      if (typeof value === 'string' && /^(true|false)$/i.test(value)) return /^true$/i.test(value) ? 'True' : 'False';
      return humanScalar(value);
    }
    case 'list':
      return Array.isArray(value) ? value.map(humanScalar).join(', ') : humanScalar(value);
    case 'json':
      return compactJson(value);
    default:
      return humanScalar(value);
  }
}

/** Human text, escaped for the terminal. */
export function humanCell(value: unknown, format: CellFormat): string {
  return escapeControl(humanValue(value, format));
}

function rawItem(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  return compactJson(value);
}

/** Machine text for csv/value: as the API gave it; lists joined with ",", objects as JSON. */
export function rawText(value: unknown): string {
  if (Array.isArray(value)) return value.map(rawItem).join(',');
  return rawItem(value);
}

// ---- status colour ----

export type StatusTone = 'good' | 'bad' | 'busy';

const GOOD = new Set([
  'available', 'ok', 'online', 'up', 'active', 'healthy', 'enabled', 'in-use', 'attached', 'ready',
  'running', 'success', 'succeeded', 'complete', 'completed', 'true', 'bound', 'status_ok', 'status_up',
]);
const BAD = /^(error|failed|failure|fault|offline|down|unhealthy|degraded|status_down|status_offline|status_error)|error|fail/;
const BUSY = /ing$|^(pending|reserved|queued|unknown|maintenance|init|status_init|status_pending|status_not_present)$/;

/** True for columns whose values are a lifecycle status. */
export function isStatusColumn(col: Pick<ColumnSpec, 'key' | 'header'>): boolean {
  return /status|state|health/i.test(col.key) || /status|state|health/i.test(col.header);
}

export function statusTone(text: string): StatusTone | undefined {
  const v = text.trim().toLowerCase();
  if (v === '') return undefined;
  if (GOOD.has(v)) return 'good';
  if (BAD.test(v)) return 'bad';
  if (BUSY.test(v)) return 'busy';
  return undefined;
}
