// The renderer: records in, text out, in every -f/--format.
//
// - json: an array, pretty-printed exactly like JSON.stringify(list, null, 2), written record by
//   record; without -c the records as given, with -c reduced to the chosen columns' keys.
// - ndjson: one compact record per line. yaml: a sequence, one record at a time (lazy import).
// - csv (RFC 4180, CRLF) and value (space-separated, no header): raw values.
// - Server text is inert on a terminal (inert.ts): value and table escape control characters
//   always; CSV escapes them when stdout is a terminal (a pipe gets the data as is); JSON, NDJSON
//   and YAML keep the data but write DEL, C1 and bidi controls as escapes (same data when parsed).
// - --csv-safe: OWASP's formula guard, a ' before a CSV cell that starts with = + - @ TAB or CR.
// - table: for people (see table.ts); times in UTC.
// --sort buffers the whole list (sorting needs every row), so a sorted list does not stream.
// A closed pipe (EPIPE) ends rendering quietly; writes wait for 'drain'.
import type { Writable } from 'node:stream';
import { cellValue, pickColumns, projectRecord, resolveColumns, type Column } from './columns.js';
import { csvRow } from './csv.js';
import { escapeControl, jsonReplacer, rawText } from './format.js';
import { inert, inertJson, inertYaml, yamlNeedsQuotes } from './inert.js';
import { Sink } from './sink.js';
import { parseSort, sortRecords } from './sort.js';
import { BatchReader, collect } from './source.js';
import type { Rec, RecordSource, RenderOptions, Renderer } from './types.js';

export { pickColumns } from './columns.js';

/** Fails fast on an unknown -c name, before anything is written. */
function checkSelected(opts: RenderOptions): void {
  if (opts.columns.length > 0 && opts.selected.length > 0) pickColumns(opts.columns, opts.selected, true);
}

type YamlModule = typeof import('yaml');
let yamlModule: Promise<YamlModule> | undefined;
function loadYaml(): Promise<YamlModule> {
  return (yamlModule ??= import('yaml'));
}

/** Plain data: no &anchors/*aliases for objects that happen to be shared. */
const YAML_OPTIONS = { aliasDuplicateObjects: false } as const;

function prettyJson(value: unknown): string {
  return inertJson(JSON.stringify(value, jsonReplacer, 2) ?? 'null');
}

function compactJsonLine(value: unknown): string {
  return inertJson(JSON.stringify(value, jsonReplacer) ?? 'null') + '\n';
}

/** YAML text of plain data; strings with control characters double-quoted and escaped. */
function yamlText(yaml: YamlModule, value: unknown): string {
  const doc = new yaml.Document(value, YAML_OPTIONS);
  let quoted = false;
  yaml.visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && yamlNeedsQuotes(node.value)) {
        node.type = 'QUOTE_DOUBLE';
        quoted = true;
      }
    },
  });
  const text = doc.toString();
  return quoted ? inertYaml(text) : text;
}

/** OWASP CSV injection guard: cells a spreadsheet would run as a formula get a leading '. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell's text: --csv-safe guard, then control characters escaped on a terminal. */
function csvCell(text: string, opts: RenderOptions): string {
  const guarded = opts.csvSafe && FORMULA_START.test(text) ? `'${text}` : text;
  return opts.tty ? inert(guarded) : guarded;
}

function csvLine(texts: readonly string[], opts: RenderOptions): string {
  return csvRow(texts.map((t) => csvCell(t, opts)));
}

/** What json/yaml/ndjson print for a record: as given, or reduced to -c's columns. */
function shaper(opts: RenderOptions): (record: Rec) => Rec {
  if (opts.selected.length === 0) return (r) => r;
  let columns: Column[] | undefined;
  return (r) => projectRecord(r, (columns ??= resolveColumns(opts.columns, opts.selected, opts.long, [r])));
}

/**
 * Streams a source in small batches (one write each) until it ends or the pipe closes. A batch
 * is handed over early when the source keeps us waiting (a slow next page). Returns the count.
 */
async function eachBatch(
  source: RecordSource,
  sink: Sink,
  emit: (batch: Rec[], start: number) => string,
): Promise<number> {
  const reader = new BatchReader(source);
  let n = 0;
  try {
    for (;;) {
      const batch = await reader.read(64, 100);
      if (batch.length === 0) break;
      const text = emit(batch, n);
      n += batch.length;
      if (!(await sink.write(text))) break;
    }
  } finally {
    reader.close();
  }
  return n;
}

function perRecord(emit: (record: Rec, index: number) => string): (batch: Rec[], start: number) => string {
  return (batch, start) => {
    let text = '';
    for (let i = 0; i < batch.length; i++) text += emit(batch[i]!, start + i);
    return text;
  };
}

async function listJson(source: RecordSource, opts: RenderOptions, sink: Sink): Promise<void> {
  const shape = shaper(opts);
  const n = await eachBatch(
    source,
    sink,
    perRecord((r, i) => (i === 0 ? '[\n' : ',\n') + indent(prettyJson(shape(r)))),
  );
  await sink.write(n === 0 ? '[]\n' : '\n]\n');
}

function indent(text: string): string {
  return '  ' + text.replace(/\n/g, '\n  ');
}

/** Columns for csv/value, known before the first row is written (peeks one row if needed). */
async function rowColumns(source: RecordSource, opts: RenderOptions): Promise<[Column[], RecordSource]> {
  if (opts.columns.length > 0 || opts.selected.length > 0 || Array.isArray(source)) {
    const sample = Array.isArray(source) ? (source as Rec[]).slice(0, 1) : [];
    return [resolveColumns(opts.columns, opts.selected, opts.long, sample), source];
  }
  const reader = new BatchReader(source);
  const first = await reader.read(1);
  const columns = resolveColumns(opts.columns, opts.selected, opts.long, first);
  async function* rest(): AsyncGenerator<Rec> {
    try {
      yield* first;
      for (;;) {
        const batch = await reader.read(64);
        if (batch.length === 0) return;
        yield* batch;
      }
    } finally {
      reader.close();
    }
  }
  return [columns, rest()];
}

async function listCsv(source: RecordSource, opts: RenderOptions, sink: Sink): Promise<void> {
  const [columns, records] = await rowColumns(source, opts);
  if (!opts.noHeaders && !(await sink.write(csvLine(columns.map((c) => c.header), opts)))) return;
  await eachBatch(records, sink, perRecord((r) => csvLine(columns.map((c) => rawText(cellValue(r, c))), opts)));
}

async function listValue(source: RecordSource, opts: RenderOptions, sink: Sink): Promise<void> {
  const [columns, records] = await rowColumns(source, opts);
  const line = (r: Rec): string => columns.map((c) => escapeControl(rawText(cellValue(r, c)))).join(' ') + '\n';
  await eachBatch(records, sink, perRecord(line));
}

async function listYaml(source: RecordSource, opts: RenderOptions, sink: Sink): Promise<void> {
  const yaml = await loadYaml();
  const shape = shaper(opts);
  // Sequences written a batch at a time read back as the whole list.
  const n = await eachBatch(source, sink, (batch) => yamlText(yaml, batch.map(shape)));
  if (n === 0) await sink.write('[]\n');
}

/** Fields of a single record for csv/value: -c, else the columns then the record's other keys. */
function objectColumns(record: Rec, opts: RenderOptions): Column[] {
  if (opts.selected.length > 0) return resolveColumns(opts.columns, opts.selected, true, [record]);
  const columns: Column[] = [...opts.columns];
  const covered = new Set(columns.map((c) => c.key));
  for (const key of Object.keys(record ?? {})) if (!covered.has(key)) columns.push({ key, header: key });
  return columns;
}

export const renderer: Renderer = {
  async list(records: RecordSource, opts: RenderOptions, out: Writable): Promise<void> {
    checkSelected(opts);
    const sink = new Sink(out);
    let source = records;
    if (opts.sort && opts.sort.trim() !== '') {
      const keys = parseSort(opts.sort, opts.columns);
      source = sortRecords(await collect(records), keys);
    }
    switch (opts.format) {
      case 'json':
        return listJson(source, opts, sink);
      case 'ndjson': {
        const shape = shaper(opts);
        await eachBatch(source, sink, perRecord((r) => compactJsonLine(shape(r))));
        return;
      }
      case 'yaml':
        return listYaml(source, opts, sink);
      case 'csv':
        return listCsv(source, opts, sink);
      case 'value':
        return listValue(source, opts, sink);
      case 'table':
        return (await import('./table.js')).tableList(source, opts, sink); // cli-table3 + chalk only for tables
      default:
        throw new Error(`unknown output format '${String(opts.format)}'`);
    }
  },

  async object(record: Rec, opts: RenderOptions, out: Writable): Promise<void> {
    checkSelected(opts);
    const sink = new Sink(out);
    const shape = shaper(opts);
    switch (opts.format) {
      case 'json':
        await sink.write(prettyJson(shape(record)) + '\n');
        return;
      case 'ndjson':
        await sink.write(compactJsonLine(shape(record)));
        return;
      case 'yaml': {
        const yaml = await loadYaml();
        await sink.write(yamlText(yaml, shape(record)));
        return;
      }
      case 'csv': {
        const columns = objectColumns(record, opts);
        if (!opts.noHeaders && !(await sink.write(csvLine(columns.map((c) => c.header), opts)))) return;
        await sink.write(csvLine(columns.map((c) => rawText(cellValue(record, c))), opts));
        return;
      }
      case 'value': {
        // Like `openstack ... show -f value`: one field per line.
        const columns = objectColumns(record, opts);
        await sink.write(columns.map((c) => escapeControl(rawText(cellValue(record, c))) + '\n').join(''));
        return;
      }
      case 'table':
        return (await import('./table.js')).tableObject(record, opts, sink);
      default:
        throw new Error(`unknown output format '${String(opts.format)}'`);
    }
  },
};
