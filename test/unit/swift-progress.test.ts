// The progress bar (only on a terminal) and reading stdin in segment-sized pieces.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Context } from '../../src/framework/context.js';
import { Progress } from '../../src/backends/swift/progress.js';
import { ByteTaker } from '../../src/backends/swift/upload.js';

function fakeCtx(interactive: boolean): { ctx: Context; text: () => string } {
  let out = '';
  const stderr = new Writable({
    write(chunk, _enc, cb) {
      out += chunk.toString();
      cb();
    },
  }) as Writable & { isTTY?: boolean; columns?: number };
  stderr.isTTY = interactive;
  stderr.columns = 120;
  const ctx = { interactive, io: { stderr, stdout: stderr, stdin: process.stdin } } as unknown as Context;
  return { ctx, text: () => out };
}

describe('progress bar', () => {
  it('draws bytes, percent, rate and ETA on a terminal, and a final line', async () => {
    const { ctx, text } = fakeCtx(true);
    const p = new Progress(ctx, 'upload', { total: 100 * 1024 * 1024, files: 3 });
    expect(p.active).toBe(true);
    p.add(25 * 1024 * 1024);
    p.fileDone();
    for (let i = 0; i < 100 && !text().includes('ETA'); i++) await new Promise((r) => setTimeout(r, 50));
    const mid = text();
    expect(mid).toMatch(/upload {2}1\/3 files {2}\[#{8}-{22}\] {2} 25% {2}25 MiB \/ 100 MiB {2}[\d.]+ [KMG]?i?B\/s {2}ETA \d+:\d\d/);
    expect(mid.startsWith('\r')).toBe(true);
    p.add(75 * 1024 * 1024);
    p.finish(true);
    // Spaces may pad the final line over a longer one before it (their width depends on the rate).
    expect(text()).toMatch(/100%.*in \d+:\d\d *\n$/);
    for (const line of text().split(/[\r\n]/)) expect(line.trimEnd().length).toBeLessThan(120);
  });

  it('fits a narrow terminal by dropping the bar', async () => {
    const { ctx, text } = fakeCtx(true);
    (ctx.io.stderr as { columns?: number }).columns = 60;
    const p = new Progress(ctx, 'download', { total: 1000 });
    p.add(500);
    for (let i = 0; i < 100 && !text().includes('%'); i++) await new Promise((r) => setTimeout(r, 50));
    p.finish(false);
    const first = text().split('\r').find((l) => l.includes('%'))!;
    expect(first).not.toContain('[');
    expect(first).toMatch(/download {2} 50% {2}500 B \/ 1000 B/);
  });

  it('prints nothing when not interactive', async () => {
    const { ctx, text } = fakeCtx(false);
    const p = new Progress(ctx, 'download', { total: 10 });
    p.add(10);
    await new Promise((r) => setTimeout(r, 200));
    p.finish(true);
    expect(p.active).toBe(false);
    expect(text()).toBe('');
  });

  it('clears the line on failure', () => {
    const { ctx, text } = fakeCtx(true);
    const p = new Progress(ctx, 'upload');
    p.add(5);
    p.finish(false);
    expect(text()).toMatch(/^\r *\r$/);
  });
});

describe('ByteTaker (stdin in segments)', () => {
  async function* source(parts: string[]) {
    for (const p of parts) yield Buffer.from(p);
  }
  async function collect(it: AsyncIterable<Uint8Array>): Promise<string> {
    let s = '';
    for await (const c of it) s += Buffer.from(c).toString();
    return s;
  }

  it('cuts a stream into pieces of n bytes across chunk boundaries', async () => {
    const t = new ByteTaker(source(['abc', 'defgh', 'ij']));
    const pieces: string[] = [];
    while (!(await t.atEnd())) pieces.push(await collect(t.take(4)));
    expect(pieces).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('tells whether a stream ends within n bytes without losing any', async () => {
    const small = new ByteTaker(source(['ab', 'c']));
    expect(await small.endsWithin(3)).toBe(true);
    expect(await collect(small.take(Infinity))).toBe('abc');
    const big = new ByteTaker(source(['ab', 'cd', 'ef']));
    expect(await big.endsWithin(3)).toBe(false);
    expect(await collect(big.take(Infinity))).toBe('abcdef');
    const empty = new ByteTaker(source([]));
    expect(await empty.endsWithin(1)).toBe(true);
    expect(await empty.atEnd()).toBe(true);
  });
});
