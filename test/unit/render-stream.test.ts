import { Writable } from 'node:stream';
import Table from 'cli-table3';
import { describe, expect, it } from 'vitest';
import { renderer } from '../../src/output/render.js';
import { HEAD_ROWS } from '../../src/output/table.js';
import type { OutputFormat, Rec } from '../../src/output/types.js';
import { capture, opts, VOLUME_COLUMNS as COLS } from './helpers/render-io.js';

const N = 100_000;

/** Counts lines and bytes; remembers the longest line. */
function counter(): { out: Writable; lines: () => number; bytes: () => number; longest: () => number } {
  let lines = 0;
  let bytes = 0;
  let current = 0;
  let longest = 0;
  const out = new Writable({
    write(chunk: Buffer, _enc, cb) {
      const s = String(chunk);
      bytes += chunk.length;
      for (const ch of s) {
        if (ch === '\n') {
          lines++;
          longest = Math.max(longest, current);
          current = 0;
        } else current++;
      }
      cb();
    },
  });
  return { out, lines: () => lines, bytes: () => bytes, longest: () => longest };
}

function volume(i: number): Rec {
  return { id: `vol-${i}`, name: `volume number ${i}`, status: i % 7 ? 'available' : 'error', size: i * 1024 };
}

describe('streaming', () => {
  it('streams 100,000 table rows with flat memory (the source never runs far ahead)', async () => {
    const c = counter();
    let produced = 0;
    let maxLead = 0;
    async function* source(): AsyncGenerator<Rec> {
      for (let i = 0; i < N; i++) {
        // table lines so far minus top, header, rule: rows written
        maxLead = Math.max(maxLead, produced - Math.max(0, c.lines() - 3));
        produced++;
        yield volume(i);
      }
    }
    await renderer.list(source(), opts({ columns: COLS }), c.out);
    expect(c.lines()).toBe(N + 4);
    expect(maxLead).toBeLessThanOrEqual(HEAD_ROWS + 600);
    expect(c.longest()).toBeLessThanOrEqual(80);
  }, 60_000);

  it.each(['json', 'ndjson', 'csv', 'value'] as OutputFormat[])('streams 100,000 rows as %s', async (format) => {
    const c = counter();
    let produced = 0;
    let maxLead = 0;
    const linesPerRecord = format === 'json' ? 6 : 1;
    function* source(): Generator<Rec> {
      for (let i = 0; i < N; i++) {
        maxLead = Math.max(maxLead, produced - c.lines() / linesPerRecord);
        produced++;
        yield volume(i);
      }
    }
    await renderer.list(source(), opts({ columns: COLS, format }), c.out);
    expect(c.lines()).toBe(N * linesPerRecord + (format === 'json' ? 2 : format === 'csv' ? 1 : 0));
    expect(maxLead).toBeLessThanOrEqual(200);
  }, 60_000);

  it('keeps the head widths for later rows and cuts longer cells with …', async () => {
    const rows: Rec[] = Array.from({ length: HEAD_ROWS + 2 }, (_, i) => ({ id: `v${i % 10}`, name: 'n' }));
    rows[HEAD_ROWS + 1] = { id: 'a-much-longer-id', name: 'n' };
    const c = capture();
    await renderer.list(
      (function* () {
        yield* rows;
      })(),
      opts({ columns: COLS, selected: ['id', 'name'] }),
      c.out,
    );
    const lines = c.text().trimEnd().split('\n');
    expect(lines).toHaveLength(HEAD_ROWS + 2 + 4);
    expect(lines.at(-3)).toBe('│ v0 │ n    │');
    expect(lines.at(-2)).toBe('│ a… │ n    │');
    expect(lines.at(-1)).toBe('└────┴──────┘');
  });

  it('draws rows after the head exactly as cli-table3 would', async () => {
    const rows: Rec[] = Array.from({ length: HEAD_ROWS + 40 }, (_, i) => ({
      id: `id-${i}`,
      name: i % 13 === 0 ? `a long name that has to wrap ${i}` : `n${i}`,
      status: i % 3 ? 'available' : 'creating',
    }));
    const c = capture();
    await renderer.list(rows, opts({ columns: COLS, selected: ['id', 'name', 'status'], width: 30, color: true }), c.out);
    // The whole table in one cli-table3 call, with the widths our renderer chose.
    const widths = c
      .text()
      .split('\n')[0]!
      .slice(1, -1)
      .split('┬')
      .map((s) => s.length);
    const { Chalk } = await import('chalk');
    const chalk = new Chalk({ level: 1 });
    const wrap = (s: string, w: number): string[] => {
      const out: string[] = [];
      let line = '';
      for (const word of s.split(' ')) {
        if (line && line.length + 1 + word.length <= w) line += ' ' + word;
        else {
          if (line) out.push(line);
          line = word;
          while (line.length > w) {
            out.push(line.slice(0, w));
            line = line.slice(w);
          }
        }
      }
      out.push(line);
      return out;
    };
    const table = new Table({
      head: ['ID', 'Name', 'Status'].map((h) => chalk.bold.cyan(h)),
      colWidths: widths,
      style: { head: [], border: [], compact: false },
    });
    for (const r of rows) {
      const cells = [String(r.id), String(r.name), String(r.status)].map((s, i) => wrap(s, widths[i]! - 2));
      cells[2] = cells[2]!.map((l) => (l === 'available' ? chalk.green(l) : chalk.yellow(l)));
      table.push(cells.map((l) => l.join('\n')));
    }
    expect(c.text()).toBe(table.toString() + '\n');
  });
});

describe('backpressure and closed pipes', () => {
  it('waits for drain instead of filling memory', async () => {
    let buffered = 0;
    let written = 0;
    const out = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, cb) {
        buffered = Math.max(buffered, out.writableLength);
        written += chunk.length;
        setImmediate(cb);
      },
    });
    const records = Array.from({ length: 20_000 }, (_, i) => volume(i));
    await renderer.list(records, opts({ columns: COLS, format: 'ndjson' }), out);
    expect(written).toBeGreaterThan(1_000_000);
    expect(buffered).toBeLessThan(64 * 1024);
  });

  it.each(['table', 'json', 'ndjson', 'csv', 'value', 'yaml'] as OutputFormat[])(
    'stops quietly on EPIPE (%s) and closes the source',
    async (format) => {
      let bytes = 0;
      const out = new Writable({
        write(chunk: Buffer, _enc, cb) {
          bytes += chunk.length;
          if (bytes > 4096) cb(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
          else cb();
        },
      });
      let produced = 0;
      let closed = false;
      async function* source(): AsyncGenerator<Rec> {
        try {
          for (let i = 0; i < N; i++) {
            produced++;
            yield volume(i);
          }
        } finally {
          closed = true;
        }
      }
      await expect(renderer.list(source(), opts({ columns: COLS, format }), out)).resolves.toBeUndefined();
      await new Promise((resolve) => setImmediate(resolve));
      expect(closed).toBe(true);
      expect(produced).toBeLessThan(5000);
      // A late write to the same stream does not throw either.
      await expect(renderer.object(volume(1), opts({ columns: COLS, format }), out)).resolves.toBeUndefined();
    },
  );
});
