// Integrity and resume through the built CLI: a proxy between storctl and the Swift simulator
// flips a byte of uploads or downloads; storctl must notice, fail with exit 1 and leave nothing
// damaged under the final name. Interrupted downloads (NAME.part) resume.
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxHome, type RunOptions, type SandboxHome } from './harness.js';
import { corruptingProxy, fails, md5, ok, v1Auth, type Proxy } from './swift-helpers.js';

let h: SandboxHome;
let work: string;
let storage: string;
const run = (args: string[], o?: RunOptions) => h.run(['-p', 'sandbox-swift', ...args], o);
const proxies: Proxy[] = [];

function data(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1664525 + 1013904223) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

async function proxy(mode: 'download' | 'upload', match?: RegExp): Promise<Proxy> {
  const p = await corruptingProxy(storage, mode, match);
  proxies.push(p);
  return p;
}

beforeAll(async () => {
  h = await startSandboxHome(['swift']);
  work = join(h.home, 'work');
  await mkdir(work, { recursive: true });
  storage = (await v1Auth(h)).storageUrl;
});

afterAll(async () => {
  for (const p of proxies) await p.close();
  await h?.cleanup();
});

describe('corrupted downloads', () => {
  it('a plain object: exit 1, no file and no .part left', async () => {
    const file = join(work, 'plain.bin');
    await writeFile(file, data(100_000, 1));
    ok(await run(['object', 'upload', 'integ', file, '--name', 'plain.bin']));
    const p = await proxy('download');
    const dir = join(work, 'dl1');
    const r = fails(await run(['--endpoint', p.url, 'object', 'download', 'integ', 'plain.bin', '--dir', dir]), 1, /plain\.bin.*failed verification/);
    expect(r.stderr).toMatch(/MD5 [0-9a-f]{32}, ETag [0-9a-f]{32}/);
    expect(p.corrupted).toBeGreaterThan(0);
    expect(existsSync(join(dir, 'plain.bin'))).toBe(false);
    expect(existsSync(join(dir, 'plain.bin.part'))).toBe(false);
    const j = fails(await run(['--endpoint', p.url, 'object', 'download', 'integ', 'plain.bin', '--dir', dir, '-o', 'json']), 1);
    expect(JSON.parse(j.stderr).error.kind).toBe('integrity');
    // Without the proxy it works.
    ok(await run(['object', 'download', 'integ', 'plain.bin', '--dir', dir]));
    expect(md5(await readFile(join(dir, 'plain.bin')))).toBe(md5(data(100_000, 1)));
  });

  it('a large object: the damaged segment is named; nothing kept', async () => {
    const file = join(work, 'slo.bin');
    await writeFile(file, data(90_000, 2));
    ok(await run(['object', 'upload', 'integ', file, '--name', 'slo.bin', '--segment-size', '30000']));
    const p = await proxy('download');
    const dir = join(work, 'dl2');
    fails(await run(['--endpoint', p.url, 'object', 'download', 'integ', 'slo.bin', '--dir', dir]), 1, /segment \d+ .*has MD5/);
    expect(await readdir(dir).catch(() => [])).toEqual([]);
  });

  it('to stdout: exit 1 with a warning that the written bytes are damaged', async () => {
    ok(await run(['object', 'upload', 'integ', '-', '--name', 'text.txt'], { input: 'abc'.repeat(1000) }));
    const p = await proxy('download');
    fails(await run(['--endpoint', p.url, 'object', 'download', 'integ', 'text.txt', '--file', '-']), 1, /failed verification.*stdout are damaged/);
  });
});

describe('corrupted uploads', () => {
  it('a plain upload is rejected, and the bad object removed', async () => {
    const file = join(work, 'up.bin');
    await writeFile(file, data(50_000, 3));
    const p = await proxy('upload');
    fails(await run(['--endpoint', p.url, 'object', 'upload', 'integ-up', file, '--name', 'up.bin']), 1, /up\.bin.*failed verification/);
    expect(p.corrupted).toBe(1);
    fails(await run(['object', 'show', 'integ-up', 'up.bin']), 4);
  });

  it('a segment upload is rejected; no manifest is written', async () => {
    const file = join(work, 'up-slo.bin');
    await writeFile(file, data(50_000, 4));
    const p = await proxy('upload', /\/00000001$/);
    fails(await run(['--endpoint', p.url, 'object', 'upload', 'integ-up', file, '--name', 'up-slo.bin', '--segment-size', '20000']), 1, /failed verification/);
    fails(await run(['object', 'show', 'integ-up', 'up-slo.bin']), 4);
  });
});

describe('resume', () => {
  it('continues a partial plain download from NAME.part', async () => {
    const content = data(120_000, 5);
    await writeFile(join(work, 'resume.bin'), content);
    ok(await run(['object', 'upload', 'res', join(work, 'resume.bin'), '--name', 'resume.bin']));
    const dir = join(work, 'dl-resume');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'resume.bin.part'), content.subarray(0, 50_000));
    const r = ok(await run(['object', 'download', 'res', 'resume.bin', '--dir', dir, '-o', 'json'])).json();
    expect(r[0]).toMatchObject({ status: 'resumed', verified: 'md5', bytes: 120_000 });
    expect(md5(await readFile(join(dir, 'resume.bin')))).toBe(md5(content));
    expect(existsSync(join(dir, 'resume.bin.part'))).toBe(false);
  });

  it('a .part from other data is detected and downloaded again from the start', async () => {
    const dir = join(work, 'dl-resume2');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'resume.bin.part'), Buffer.alloc(40_000, 1));
    const r = ok(await run(['object', 'download', 'res', 'resume.bin', '--dir', dir, '-o', 'json']));
    expect(r.json()[0]).toMatchObject({ status: 'downloaded', verified: 'md5' });
    expect(r.stderr).toMatch(/did not belong/);
    expect(md5(await readFile(join(dir, 'resume.bin')))).toBe(md5(data(120_000, 5)));
  });

  it('--no-resume starts over', async () => {
    const dir = join(work, 'dl-resume3');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'resume.bin.part'), data(120_000, 5).subarray(0, 1000));
    const r = ok(await run(['object', 'download', 'res', 'resume.bin', '--dir', dir, '--no-resume', '-o', 'json'])).json();
    expect(r[0].status).toBe('downloaded');
  });

  it('keeps the verified segments of a partial large-object download', async () => {
    const content = data(100_000, 6);
    await writeFile(join(work, 'resume-slo.bin'), content);
    ok(await run(['object', 'upload', 'res', join(work, 'resume-slo.bin'), '--name', 'resume-slo.bin', '--segment-size', '25000']));
    const dir = join(work, 'dl-resume4');
    await mkdir(dir, { recursive: true });
    // Two whole segments and a bit, with the third one damaged.
    const part = Buffer.from(content.subarray(0, 60_000));
    part[55_000] = part[55_000]! ^ 1;
    await writeFile(join(dir, 'resume-slo.bin.part'), part);
    const r = ok(await run(['object', 'download', 'res', 'resume-slo.bin', '--dir', dir, '-o', 'json', '--debug']));
    expect(r.json()[0]).toMatchObject({ status: 'resumed', verified: 'segments', bytes: 100_000 });
    expect(r.stderr).toMatch(/2 segment\(s\), 50000 bytes already verified/);
    expect(md5(await readFile(join(dir, 'resume-slo.bin')))).toBe(md5(content));
  });

  it('keeps whole segments after a gap (parallel downloads are interrupted mid-way)', async () => {
    const content = data(100_000, 6);
    const dir = join(work, 'dl-resume5');
    await mkdir(dir, { recursive: true });
    // Segment 1 missing (zeros), segments 2 and 3 whole, segment 4 absent.
    const part = Buffer.from(content.subarray(0, 75_000));
    part.fill(0, 0, 25_000);
    await writeFile(join(dir, 'resume-slo.bin.part'), part);
    const r = ok(await run(['object', 'download', 'res', 'resume-slo.bin', '--dir', dir, '-o', 'json', '--debug']));
    expect(r.json()[0]).toMatchObject({ status: 'resumed', verified: 'segments' });
    expect(r.stderr).toMatch(/2 segment\(s\), 50000 bytes already verified/);
    expect(md5(await readFile(join(dir, 'resume-slo.bin')))).toBe(md5(content));
  });
});
