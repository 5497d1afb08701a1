// Test doubles for the renderer: capturing and counting writables, option defaults.
import { Writable } from 'node:stream';
import type { ColumnSpec } from '../../../src/framework/command.js';
import { renderer } from '../../../src/output/render.js';
import type { Rec, RenderOptions } from '../../../src/output/types.js';

export function capture(): { out: Writable; text: () => string } {
  const chunks: string[] = [];
  const out = new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  });
  return { out, text: () => chunks.join('') };
}

export function opts(over: Partial<RenderOptions> = {}): RenderOptions {
  return { format: 'table', columns: [], selected: [], noHeaders: false, long: false, color: false, width: 80, ...over };
}

export const VOLUME_COLUMNS: ColumnSpec<any>[] = [
  { key: 'id', header: 'ID' },
  { key: 'name', header: 'Name' },
  { key: 'status', header: 'Status' },
  { key: 'size', header: 'Size', format: 'bytes' },
  { key: 'created_at', header: 'Created', format: 'time', long: true },
];

export async function* slowly<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) {
    await new Promise((resolve) => setImmediate(resolve));
    yield item;
  }
}

/** A list rendered with the volume columns and these options, as the text written. */
export async function renderList(records: Iterable<Rec> | AsyncIterable<Rec>, over: Partial<RenderOptions>): Promise<string> {
  const c = capture();
  await renderer.list(records, opts({ columns: VOLUME_COLUMNS, ...over }), c.out);
  return c.text();
}

/** One record rendered as a show view. */
export async function renderShow(record: Rec, over: Partial<RenderOptions>): Promise<string> {
  const c = capture();
  await renderer.object(record, opts({ columns: VOLUME_COLUMNS, ...over }), c.out);
  return c.text();
}
