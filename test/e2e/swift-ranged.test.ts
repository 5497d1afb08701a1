// Plain objects of 64 MiB and more download as parallel ranges with --concurrency N
// (src/backends/swift/ranged.ts).
// Through the built CLI and a proxy that misbehaves on purpose: the file must come out whole
// and verified, or the command must fail without leaving a damaged file under the final name.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxHome, type RunOptions, type SandboxHome } from './harness.js';
import { corruptingProxy, fails, md5, ok, rangeFaultProxy, v1Auth, type Proxy } from './swift-helpers.js';

const MiB = 1024 * 1024;
let h: SandboxHome;
let work: string;
let storage: string;
let content: Buffer;
const run = (args: string[], o?: RunOptions) => h.run(['-p', 'sandbox-swift', ...args], o);
const proxies: Proxy[] = [];
const track = <P extends Proxy>(p: P): P => (proxies.push(p), p);
let dirs = 0;
const freshDir = async () => {
  const d = join(work, `dl${dirs++}`);
  await mkdir(d, { recursive: true });
  return d;
};

beforeAll(async () => {
  h = await startSandboxHome(['swift']);
  work = join(h.home, 'work');
  await mkdir(work, { recursive: true });
  storage = (await v1Auth(h)).storageUrl;
  // 70 MiB: three 32 MiB parts (the last one short), two in flight.
  content = randomBytes(70 * MiB);
  await writeFile(join(work, 'big.bin'), content);
  ok(await run(['object', 'upload', 'ranged', join(work, 'big.bin'), '--name', 'big.bin']));
}, 120_000);

afterAll(async () => {
  for (const p of proxies) await p.close();
  await h?.cleanup();
});

describe('parallel ranged downloads', () => {
  it('fetches a large plain object as ranges, checked against its ETag', async () => {
    const dir = await freshDir();
    const r = ok(await run(['object', 'download', 'ranged', 'big.bin', '--dir', dir, '--concurrency', '2', '-o', 'json', '--debug']));
    expect(r.stderr).toMatch(/as 3 ranges, 2 at a time/);
    expect(r.stderr).toMatch(/if-match: "[0-9a-f]{32}"/);
    expect(r.json()[0]).toMatchObject({ status: 'downloaded', verified: 'md5', bytes: 70 * MiB });
    expect(md5(await readFile(join(dir, 'big.bin')))).toBe(md5(content));
  }, 60_000);

  it('without --concurrency (or with 1) one stream is used', async () => {
    const dir = await freshDir();
    const p = track(await rangeFaultProxy(storage, {}));
    ok(await run(['--endpoint', p.url, 'object', 'download', 'ranged', 'big.bin', '--dir', dir]));
    ok(await run(['--endpoint', p.url, 'object', 'download', 'ranged', 'big.bin', '--file', join(dir, 'again.bin'), '--concurrency', '1']));
    expect(p.ranged).toEqual([]);
    expect(md5(await readFile(join(dir, 'big.bin')))).toBe(md5(content));
  }, 60_000);

  it('a damaged range fails verification: exit 1, no file and no .part', async () => {
    const dir = await freshDir();
    const p = track(await corruptingProxy(storage, 'download', /big\.bin/));
    fails(await run(['--endpoint', p.url, 'object', 'download', 'ranged', 'big.bin', '--dir', dir, '--concurrency', '2']), 1, /big\.bin.*failed verification/);
    expect(p.corrupted).toBeGreaterThan(0);
    expect(existsSync(join(dir, 'big.bin'))).toBe(false);
    expect(existsSync(join(dir, 'big.bin.part'))).toBe(false);
  }, 60_000);

  it('a connection cut mid-range is retried from where it stopped', async () => {
    const dir = await freshDir();
    const p = track(await rangeFaultProxy(storage, { cutAfter: (n) => (n === 1 ? 5 * MiB : undefined) }));
    const r = ok(await run(['--endpoint', p.url, 'object', 'download', 'ranged', 'big.bin', '--dir', dir, '--concurrency', '2', '-o', 'json', '--debug']));
    expect(r.json()[0]).toMatchObject({ status: 'downloaded', verified: 'md5' });
    expect(r.stderr).toMatch(/cut off at byte \d+.*retrying/);
    // The retry asks only for the rest of the cut range.
    const second = p.ranged[1]!;
    const retry = p.ranged.find((x, i) => i > 1 && x.endsWith(second.split('-')[1]!));
    expect(retry).toBeDefined();
    expect(Number(/bytes=(\d+)-/.exec(retry!)![1])).toBeGreaterThan(Number(/bytes=(\d+)-/.exec(second)![1]));
    expect(md5(await readFile(join(dir, 'big.bin')))).toBe(md5(content));
  }, 60_000);

  it('an object replaced during the download fails with 412 (a conflict, exit 5) and keeps nothing', async () => {
    const dir = await freshDir();
    const p = track(await rangeFaultProxy(storage, { staleIfMatch: (n) => n === 2 }));
    fails(await run(['--endpoint', p.url, 'object', 'download', 'ranged', 'big.bin', '--dir', dir, '--concurrency', '2']), 5, /changed while it was being downloaded/);
    expect(existsSync(join(dir, 'big.bin'))).toBe(false);
    expect(existsSync(join(dir, 'big.bin.part'))).toBe(false);
  }, 60_000);

  it('a server that ignores Range gets one plain GET instead', async () => {
    const dir = await freshDir();
    const p = track(await rangeFaultProxy(storage, { ignoreRange: true }));
    const r = ok(await run(['--endpoint', p.url, 'object', 'download', 'ranged', 'big.bin', '--dir', dir, '--concurrency', '2', '-o', 'json', '--debug']));
    expect(r.stderr).toMatch(/HTTP 200 to a range request; downloading it in one stream/);
    expect(r.json()[0]).toMatchObject({ status: 'downloaded', verified: 'md5' });
    expect(md5(await readFile(join(dir, 'big.bin')))).toBe(md5(content));
  }, 60_000);

  it('after a failure the .part keeps the gap-free start, and the next run resumes from it', async () => {
    const dir = await freshDir();
    // Range 1 (bytes from 32 MiB) is cut every time: retries give up, range 0 completes.
    const startOf = (range: string) => Number(/bytes=(\d+)-/.exec(range)![1]);
    const p = track(await rangeFaultProxy(storage, { cutAfter: (_n, range) => (startOf(range) >= 32 * MiB && startOf(range) < 64 * MiB ? MiB : undefined) }));
    fails(await run(['--endpoint', p.url, 'object', 'download', 'ranged', 'big.bin', '--dir', dir, '--concurrency', '2']), 6, /cut off at byte/);
    const part = join(dir, 'big.bin.part');
    const kept = (await stat(part)).size;
    expect(kept).toBeGreaterThanOrEqual(32 * MiB);
    expect(kept).toBeLessThan(70 * MiB);
    expect(md5((await readFile(part)).subarray(0, kept))).toBe(md5(content.subarray(0, kept)));
    const r = ok(await run(['object', 'download', 'ranged', 'big.bin', '--dir', dir, '-o', 'json']));
    expect(r.json()[0]).toMatchObject({ status: 'resumed', verified: 'md5', bytes: 70 * MiB });
    expect(md5(await readFile(join(dir, 'big.bin')))).toBe(md5(content));
  }, 60_000);
});
