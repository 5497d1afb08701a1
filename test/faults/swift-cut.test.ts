// Swift downloads whose connection is cut mid-body (RST or FIN) must resume from the cut byte
// (Range + If-Match), come out whole and verified, or fail with exit 6, one line, and a .part
// holding exactly the prefix received, which the next run resumes from.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxHome, type RunOptions, type SandboxHome } from '../e2e/harness.js';
import { api, fails, md5, ok, v1Auth, type SwiftAccess } from '../e2e/swift-helpers.js';
import { cutProxy, type CutProxy, type FaultPlan } from './swift-cut-server.js';

const KiB = 1024;
const MiB = 1024 * KiB;
const HALF = 512 * KiB;
let h: SandboxHome;
let access: SwiftAccess;
let work: string;
let storage: string;
// ASCII (hex) content, so that stdout, read back as text by the harness, can be compared byte for byte.
const body = (n: number) => Buffer.from(randomBytes(n / 2).toString('hex'));
const content = body(MiB);
const many = [body(MiB), body(MiB), body(MiB)];
const sloContent = body(MiB);
const proxies: CutProxy[] = [];
const withProxy = async (plan: FaultPlan) => {
  const p = await cutProxy(storage, plan);
  proxies.push(p);
  return p;
};
const run = (args: string[], o?: RunOptions) => h.run(['-p', 'sandbox-swift', ...args], { timeoutMs: 60_000, ...o });
let dirs = 0;
const freshDir = async () => {
  const d = join(work, `dl${dirs++}`);
  await mkdir(d, { recursive: true });
  return d;
};
const startOf = (range?: string) => Number(/^bytes=(\d+)-$/.exec(range ?? '')?.[1] ?? NaN);

beforeAll(async () => {
  h = await startSandboxHome(['swift']);
  access = await v1Auth(h);
  storage = access.storageUrl;
  work = join(h.home, 'work');
  await mkdir(work, { recursive: true });
  await writeFile(join(work, 'obj.bin'), content);
  await writeFile(join(work, 'slo.bin'), sloContent);
  ok(await run(['object', 'upload', 'cut', join(work, 'obj.bin'), '--name', 'obj.bin']));
  ok(await run(['object', 'upload', 'cut', join(work, 'slo.bin'), '--name', 'slo.bin', '--segment-size', '256K']));
  for (let i = 0; i < many.length; i++) {
    const r = await api(access, 'PUT', `/many/o${i}.bin`, many[i]);
    if (r.status === 404) {
      expect((await api(access, 'PUT', '/many')).status).toBeLessThan(300);
      expect((await api(access, 'PUT', `/many/o${i}.bin`, many[i])).status).toBe(201);
    } else {
      expect(r.status).toBe(201);
    }
  }
}, 120_000);

afterAll(async () => {
  for (const p of proxies) await p.close();
  await h?.cleanup();
});

describe('a download cut mid-body resumes from the cut byte', () => {
  for (const how of ['rst', 'fin'] as const) {
    it(`to a file, cut by ${how.toUpperCase()} after 512 KiB`, async () => {
      const dir = await freshDir();
      const p = await withProxy((g) => (g.n === 0 ? { cutAfter: HALF, how } : undefined));
      const r = ok(await run(['--endpoint', p.url, 'object', 'download', 'cut', 'obj.bin', '--dir', dir, '-o', 'json', '--debug']));
      expect(r.json()[0]).toMatchObject({ status: 'downloaded', verified: 'md5', bytes: MiB });
      expect(md5(await readFile(join(dir, 'obj.bin')))).toBe(md5(content));
      expect(existsSync(join(dir, 'obj.bin.part'))).toBe(false);
      const gets = p.getsOf('obj.bin');
      expect(gets).toHaveLength(2);
      expect(gets[0]!.cut).toBe(how);
      const from = startOf(gets[1]!.range);
      if (how === 'fin') expect(from).toBe(HALF);
      else expect(from > 0 && from <= HALF).toBe(true);
      expect(gets[1]!.ifMatch).toBe(`"${md5(content)}"`);
      expect(gets[1]!.status).toBe(206);
      expect(r.stderr).toMatch(/download of "cut\/obj\.bin" cut at byte \d+ .*resuming from there/);
      expect(r.stderr).not.toMatch(/internal error/);
    }, 60_000);
  }

  it('with --file PATH', async () => {
    const dir = await freshDir();
    const p = await withProxy((g) => (g.n === 0 ? { cutAfter: HALF, how: 'fin' } : undefined));
    ok(await run(['--endpoint', p.url, 'object', 'download', 'cut', 'obj.bin', '--file', join(dir, 'x.bin')]));
    expect(md5(await readFile(join(dir, 'x.bin')))).toBe(md5(content));
    expect(startOf(p.getsOf('obj.bin')[1]?.range)).toBe(HALF);
  }, 60_000);

  for (const how of ['rst', 'fin'] as const) {
    it(`to stdout (--file -), cut by ${how.toUpperCase()}`, async () => {
      const p = await withProxy((g) => (g.n === 0 ? { cutAfter: HALF, how } : undefined));
      const r = ok(await run(['--endpoint', p.url, 'object', 'download', 'cut', 'obj.bin', '--file', '-']));
      expect(r.stdout.length).toBe(MiB);
      expect(md5(r.stdout)).toBe(md5(content));
      const gets = p.getsOf('obj.bin');
      expect(gets).toHaveLength(2);
      expect(gets[1]!.ifMatch).toBe(`"${md5(content)}"`);
      expect(startOf(gets[1]!.range)).toBeGreaterThan(0);
    }, 60_000);
  }

  it('a whole container: every object resumes on its own and comes out whole', async () => {
    const dir = await freshDir();
    const p = await withProxy((g) => (g.n === 0 ? { cutAfter: HALF, how: g.path.endsWith('o1.bin') ? 'fin' : 'rst' } : undefined));
    const r = ok(await run(['--endpoint', p.url, 'object', 'download', 'many', '--dir', dir, '-o', 'json']));
    expect(r.json()).toHaveLength(3);
    for (let i = 0; i < many.length; i++) {
      expect(md5(await readFile(join(dir, `o${i}.bin`)))).toBe(md5(many[i]!));
      const gets = p.getsOf(`o${i}.bin`);
      expect(gets).toHaveLength(2);
      expect(startOf(gets[1]!.range)).toBeGreaterThan(0);
      expect(gets[1]!.ifMatch).toBe(`"${md5(many[i]!)}"`);
    }
  }, 60_000);

  it('a static large object to a file: a cut segment resumes within the segment', async () => {
    const dir = await freshDir();
    let cuts = 0;
    const p = await withProxy((g) => (g.path.includes('_segments/') && g.n === 0 && cuts++ === 0 ? { cutAfter: 100 * KiB, how: 'fin' } : undefined));
    const r = ok(await run(['--endpoint', p.url, 'object', 'download', 'cut', 'slo.bin', '--dir', dir, '-o', 'json']));
    expect(r.json()[0]).toMatchObject({ verified: 'segments', bytes: MiB });
    expect(md5(await readFile(join(dir, 'slo.bin')))).toBe(md5(sloContent));
    const cut = p.gets.find((g) => g.cut)!;
    const resumed = p.gets.filter((g) => g.path === cut.path);
    expect(resumed).toHaveLength(2);
    expect(resumed[1]!.range).toBe(`bytes=${100 * KiB}-`);
    expect(resumed[1]!.ifMatch).toMatch(/^"[0-9a-f]{32}"$/);
  }, 60_000);

  it('a static large object to stdout', async () => {
    const p = await withProxy((g) => (g.path.endsWith('/slo.bin') && g.n === 0 ? { cutAfter: HALF + 1000, how: 'rst' } : undefined));
    const r = ok(await run(['--endpoint', p.url, 'object', 'download', 'cut', 'slo.bin', '--file', '-']));
    expect(md5(r.stdout)).toBe(md5(sloContent));
    const gets = p.getsOf('slo.bin');
    expect(gets).toHaveLength(2);
    expect(gets[1]!.status).toBe(206);
    expect(gets[1]!.ifMatch).toMatch(/^"[0-9a-f]{32}"$/);
  }, 60_000);

  it('a server that ignores Range on the resume: a file starts over, stdout fails clearly', async () => {
    const dir = await freshDir();
    const p = await withProxy((g) => (g.n === 0 ? { cutAfter: HALF, how: 'fin' } : { dropRange: true }));
    ok(await run(['--endpoint', p.url, 'object', 'download', 'cut', 'obj.bin', '--dir', dir]));
    expect(md5(await readFile(join(dir, 'obj.bin')))).toBe(md5(content));
    const q = await withProxy((g) => (g.n === 0 ? { cutAfter: HALF, how: 'fin' } : { dropRange: true }));
    const r = fails(await run(['--endpoint', q.url, 'object', 'download', 'cut', 'obj.bin', '--file', '-']), 6, /ignored the range request/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout.length).toBe(HALF);
  }, 60_000);
});

describe('a download that cannot be resumed', () => {
  it('cut every time: exit 6 in bounded time, one line, .part keeps exactly the prefix, the next run resumes', async () => {
    const dir = await freshDir();
    const p = await withProxy((g) => ({ cutAfter: g.n === 0 ? HALF : 0, how: g.n % 2 ? 'fin' : 'rst' }));
    const t0 = Date.now();
    const r = fails(await run(['--endpoint', p.url, 'object', 'download', 'cut', 'obj.bin', '--dir', dir]), 6);
    expect(Date.now() - t0).toBeLessThan(45_000);
    const lines = r.stderr.trim().split('\n');
    expect(lines, r.stderr).toHaveLength(1);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(lines[0]).toMatch(/^storctl: download of "cut\/obj\.bin" was cut after \d+ of 1048576 bytes and not resumed: .+; run the same command again to resume from .*obj\.bin\.part$/);
    expect(existsSync(join(dir, 'obj.bin'))).toBe(false);
    const part = await readFile(join(dir, 'obj.bin.part'));
    expect(part.length).toBeGreaterThan(0);
    expect(part.length).toBeLessThanOrEqual(HALF);
    expect(Number(/cut after (\d+) of/.exec(lines[0]!)![1])).toBe(part.length);
    expect(part.equals(content.subarray(0, part.length))).toBe(true);
    expect(p.getsOf('obj.bin').length).toBeGreaterThan(1);
    expect(p.getsOf('obj.bin').length).toBeLessThan(10);

    const again = ok(await run(['object', 'download', 'cut', 'obj.bin', '--dir', dir, '-o', 'json']));
    expect(again.json()[0]).toMatchObject({ status: 'resumed', verified: 'md5', bytes: MiB });
    expect(md5(await readFile(join(dir, 'obj.bin')))).toBe(md5(content));
  }, 60_000);

  it('--retry-budget 0: no resume at all', async () => {
    const dir = await freshDir();
    const p = await withProxy((g) => (g.n === 0 ? { cutAfter: HALF, how: 'fin' } : undefined));
    fails(await run(['--endpoint', p.url, '--retry-budget', '0', 'object', 'download', 'cut', 'obj.bin', '--dir', dir]), 6, /cut after 524288 of 1048576 bytes and not resumed/);
    expect(p.getsOf('obj.bin')).toHaveLength(1);
    expect((await stat(join(dir, 'obj.bin.part'))).size).toBe(HALF);
  }, 60_000);

  it('to stdout, cut every time: exit 6, one line', async () => {
    const p = await withProxy((g) => ({ cutAfter: g.n === 0 ? HALF : 0, how: 'fin' }));
    const r = fails(await run(['--endpoint', p.url, 'object', 'download', 'cut', 'obj.bin', '--file', '-']), 6, /cut after 524288 of 1048576 bytes and not resumed/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe(content.subarray(0, HALF).toString());
  }, 60_000);

  it('the object replaced between attempts: 412 on the resume, exit 5, nothing kept', async () => {
    const dir = await freshDir();
    const other = body(MiB);
    const p = await withProxy((g) =>
      g.path.endsWith('/replaced.bin') && g.n === 0
        ? { cutAfter: HALF, how: 'rst' }
        : g.path.endsWith('/replaced.bin') && g.n === 1
          ? { before: async () => void expect((await api(access, 'PUT', '/cut/replaced.bin', other)).status).toBe(201) }
          : undefined,
    );
    expect((await api(access, 'PUT', '/cut/replaced.bin', content)).status).toBe(201);
    const r = fails(await run(['--endpoint', p.url, 'object', 'download', 'cut', 'replaced.bin', '--dir', dir]), 5, /changed while it was being downloaded/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(p.getsOf('replaced.bin')[1]!.status).toBe(412);
    expect(existsSync(join(dir, 'replaced.bin'))).toBe(false);
    expect(existsSync(join(dir, 'replaced.bin.part'))).toBe(false);
  }, 60_000);
});
