// storctl against the REAL Swift of the integration testbed (Swift 2.30, tempauth v1 and
// Keystone), checked with Debian's `swift` CLI (python-swiftclient): objects and a 200 MB static
// large object uploaded by storctl download with `swift download` with the same MD5 and the
// reverse; ACLs set by storctl show in `swift stat`; container/object CRUD; temp URLs.
// Enabled by STORCTL_IT_SWIFT=1 with ST_AUTH, ST_USER, ST_KEY (and OS_* for Keystone).
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHome, type CliResult, type RunOptions, type TestHome } from '../e2e/harness.js';

const E = process.env;
const enabled = E.STORCTL_IT_SWIFT === '1' && !!E.ST_AUTH && !!E.ST_USER && !!E.ST_KEY;
const keystone = !!E.OS_AUTH_URL && !!E.OS_USERNAME && !!E.OS_PASSWORD;
const SWIFT_CLI = E.SWIFT_CLI ?? '/usr/bin/swift';
const USER2 = E.STORCTL_IT_SWIFT_USER2 ?? `${(E.ST_USER ?? 'test:x').split(':')[0]}:tester2`;
const KEY2 = E.STORCTL_IT_SWIFT_KEY2 ?? 'testing2';
/** A tempauth user in .reseller_admin (the testbed's admin:admin). */
const RESELLER = E.STORCTL_IT_SWIFT_RESELLER ?? 'admin:admin';
const RESELLER_KEY = E.STORCTL_IT_SWIFT_RESELLER_KEY ?? 'admin';
const BIG = 200 * 1024 * 1024;
const exec = promisify(execFile);

function ok(r: CliResult): CliResult {
  expect(r.code, `exit ${r.code}\nstdout: ${r.stdout.slice(0, 2000)}\nstderr: ${r.stderr}`).toBe(0);
  return r;
}

async function md5File(path: string): Promise<string> {
  const h = createHash('md5');
  for await (const c of createReadStream(path, { highWaterMark: 1 << 20 })) h.update(c as Buffer);
  return h.digest('hex');
}

async function randomFile(path: string, size: number): Promise<string> {
  const out = createWriteStream(path);
  const h = createHash('md5');
  for (let left = size; left > 0; ) {
    const n = Math.min(left, 4 << 20);
    const b = randomBytes(n);
    h.update(b);
    if (!out.write(b)) await new Promise((r) => out.once('drain', r));
    left -= n;
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return h.digest('hex');
}

/** Debian's swift CLI with v1 auth; no OS_* in its environment (it would prefer Keystone). */
async function swiftCli(args: string[], cwd?: string): Promise<string> {
  const env: Record<string, string> = { PATH: '/usr/bin:/bin', HOME: E.HOME ?? '/tmp', LANG: 'C.UTF-8' };
  const { stdout } = await exec(SWIFT_CLI, ['-A', E.ST_AUTH!, '-U', E.ST_USER!, '-K', E.ST_KEY!, ...args], { env, cwd, maxBuffer: 16 << 20 });
  return stdout;
}

describe.skipIf(!enabled)('real Swift', () => {
  let h: TestHome;
  let work: string;
  const tag = `stx-it-${Date.now().toString(36)}-${randomBytes(2).toString('hex')}`;
  const C = (s: string) => `${tag}-${s}`;
  const run = (args: string[], o?: RunOptions) => h.run(['-p', 'v1', ...args], { timeoutMs: 300_000, ...o });
  let bigMd5 = '';
  const bigFile = () => join(work, 'big.bin');

  beforeAll(async () => {
    h = await makeHome();
    work = join(h.home, 'work');
    await mkdir(work, { recursive: true });
    const dir = join(h.home, '.config/storctl');
    await mkdir(dir, { recursive: true });
    let yaml = `current_profile: v1
profiles:
  v1:
    backend: swift
    auth_url: ${E.ST_AUTH}
    username: ${E.ST_USER}
    password: ${E.ST_KEY}
  v1-user2:
    backend: swift
    auth_url: ${E.ST_AUTH}
    username: ${USER2}
    password: ${KEY2}
  v1-reseller:
    backend: swift
    auth_url: ${E.ST_AUTH}
    username: ${RESELLER}
    password: ${RESELLER_KEY}
`;
    if (keystone) {
      yaml += `  ks:
    backend: swift
    auth_url: ${E.OS_AUTH_URL}
    username: ${E.OS_USERNAME}
    password: ${E.OS_PASSWORD}
    project_name: ${E.OS_PROJECT_NAME}
    user_domain_name: ${E.OS_USER_DOMAIN_NAME ?? 'Default'}
    project_domain_name: ${E.OS_PROJECT_DOMAIN_NAME ?? 'Default'}
    region_name: ${E.OS_REGION_NAME ?? 'RegionOne'}
`;
    }
    await writeFile(join(dir, 'config.yaml'), yaml, { mode: 0o600 });
    bigMd5 = await randomFile(bigFile(), BIG);
  });

  afterAll(async () => {
    if (!h) return;
    const list = await h.run(['-p', 'v1', 'container', 'list', '--prefix', tag, '-o', 'json']);
    const names = list.code === 0 ? (JSON.parse(list.stdout) as { name: string }[]).map((c) => c.name) : [];
    if (names.length) await h.run(['-p', 'v1', 'container', 'delete', ...names, '--recursive', '--yes'], { timeoutMs: 300_000 });
    if (keystone) {
      const k = await h.run(['-p', 'ks', 'container', 'list', '--prefix', tag, '-o', 'json']);
      const kn = k.code === 0 ? (JSON.parse(k.stdout) as { name: string }[]).map((c) => c.name) : [];
      if (kn.length) await h.run(['-p', 'ks', 'container', 'delete', ...kn, '--recursive', '--yes']);
    }
    await h.cleanup();
  });

  it('container and object CRUD', async () => {
    const c = C('crud');
    expect(ok(await run(['container', 'create', c, '-o', 'json'])).json()).toEqual([{ name: c, status: 'created' }]);
    ok(await run(['object', 'upload', c, '-', '--name', 'hello.txt', '--meta', 'color=blue'], { input: 'hello world\n' }));
    const list = ok(await run(['object', 'list', c, '-o', 'json'])).json();
    expect(list).toHaveLength(1);
    const show = ok(await run(['object', 'show', c, 'hello.txt', '-o', 'json'])).json();
    for (const [k, v] of Object.entries(list[0])) expect(show[k], k).toEqual(v);
    expect(show).toMatchObject({ bytes: 12, hash: createHash('md5').update('hello world\n').digest('hex'), content_type: 'text/plain', metadata: { color: 'blue' } });
    const set = ok(await run(['object', 'set', c, 'hello.txt', '--meta', 'size=small', '--delete-after', '1d', '-o', 'json'])).json();
    expect(set.metadata).toEqual({ color: 'blue', size: 'small' });
    expect(set.delete_at).not.toBeNull();
    const cp = ok(await run(['object', 'copy', c, 'hello.txt', `${c}/copy.txt`, '-o', 'json'])).json();
    expect(cp).toMatchObject({ name: 'copy.txt', bytes: 12, metadata: { color: 'blue', size: 'small' } });
    expect(ok(await run(['object', 'download', c, 'copy.txt', '--file', '-'])).stdout).toBe('hello world\n');
    const cs = ok(await run(['container', 'set', c, '--meta', 'team=storage', '-o', 'json'])).json();
    expect(cs.metadata).toEqual({ team: 'storage' });
    const del = await run(['container', 'delete', c]);
    expect(del.code).toBe(5);
    expect(del.stderr).toMatch(/not empty.*--recursive/);
    ok(await run(['object', 'delete', c, 'copy.txt']));
    expect(ok(await run(['object', 'list', c, '-o', 'value', '-c', 'name'])).stdout).toBe('hello.txt\n');
    ok(await run(['container', 'delete', c, '--recursive', '--yes']));
    expect((await run(['container', 'show', c])).code).toBe(4);
    const info = ok(await run(['capabilities', '-o', 'json'])).json();
    expect(info.swift.version).toMatch(/^2\./);
  });

  it('an object and a 200 MB static large object uploaded by storctl download with `swift download`, same MD5', async () => {
    const c = C('up');
    const small = join(work, 'small.bin');
    const smallMd5 = await randomFile(small, 3_000_000);
    const up = ok(await run(['object', 'upload', c, small, '--name', 'small.bin', '-o', 'json'])).json();
    expect(up[0]).toMatchObject({ etag: smallMd5, segments: 0 });
    const slo = ok(await run(['object', 'upload', c, bigFile(), '--name', 'big.bin', '--segment-size', '50M', '--concurrency', '4', '-o', 'json'])).json();
    expect(slo[0]).toMatchObject({ bytes: BIG, segments: 4, status: 'uploaded' });
    const out = join(work, 'swift-dl');
    await mkdir(out, { recursive: true });
    await swiftCli(['download', c, 'small.bin', '-o', join(out, 'small.bin')]);
    await swiftCli(['download', c, 'big.bin', '-o', join(out, 'big.bin')]);
    expect(await md5File(join(out, 'small.bin'))).toBe(smallMd5);
    expect(await md5File(join(out, 'big.bin'))).toBe(bigMd5);
    const stat = await swiftCli(['stat', c, 'big.bin']);
    expect(stat).toMatch(/Manifest: .*|X-Static-Large-Object: True/i);
  });

  it('objects and a 200 MB static large object uploaded by `swift upload` download with storctl, verified', async () => {
    const c = C('down');
    await writeFile(join(work, 'plain.txt'), 'uploaded by python-swiftclient\n');
    await swiftCli(['upload', c, 'plain.txt', '--object-name', 'plain.txt'], work);
    await swiftCli(['upload', c, 'big.bin', '--object-name', 'big.bin', '--segment-size', '52428800', '--use-slo'], work);
    const dir = join(work, 'storctl-dl');
    const r = ok(await run(['object', 'download', c, '--dir', dir, '-o', 'json'])).json();
    const by = Object.fromEntries(r.map((x: any) => [x.name, x]));
    expect(by['plain.txt']).toMatchObject({ verified: 'md5', status: 'downloaded' });
    expect(by['big.bin']).toMatchObject({ verified: 'segments', bytes: BIG });
    expect(await readFile(join(dir, 'plain.txt'), 'utf8')).toBe('uploaded by python-swiftclient\n');
    expect(await md5File(join(dir, 'big.bin'))).toBe(bigMd5);
    const show = ok(await run(['object', 'show', c, 'big.bin', '-o', 'json'])).json();
    expect(show).toMatchObject({ large_object: 'slo', bytes: BIG, manifest: { segments: 4, segment_containers: [`${c}_segments`] } });
    // Delete with segments: the swift-made segment container empties.
    ok(await run(['object', 'delete', c, 'big.bin']));
    expect(ok(await run(['object', 'list', `${c}_segments`, '-o', 'json'])).json()).toEqual([]);
  });

  it('a 200 MB plain object from `swift upload` downloads as parallel ranges with --concurrency, verified', async () => {
    const c = C('ranged');
    await swiftCli(['upload', c, 'big.bin', '--object-name', 'plain-big.bin'], work);
    const file = join(work, 'ranged-dl.bin');
    const r = ok(await run(['object', 'download', c, 'plain-big.bin', '--file', file, '--concurrency', '3', '-o', 'json', '--debug']));
    expect(r.stderr).toMatch(/as \d+ ranges, 3 at a time/);
    expect(r.stderr).toMatch(/RESP: \[206\]/);
    expect(r.json()[0]).toMatchObject({ verified: 'md5', bytes: BIG, status: 'downloaded' });
    expect(await md5File(file)).toBe(bigMd5);
  });

  it('ACLs set by storctl show up in `swift stat`, and let the second user in', async () => {
    const c = C('acl');
    ok(await run(['container', 'create', c]));
    ok(await run(['object', 'upload', c, '-', '--name', 'shared.txt'], { input: 'shared' }));
    const u2 = (args: string[]) => h.run(['-p', 'v1-user2', ...args]);
    expect((await u2(['object', 'list', c])).code).toBe(3);
    ok(await run(['container', 'set', c, '--read-acl', `${USER2},.rlistings`, '--write-acl', USER2]));
    const stat = await swiftCli(['stat', c]);
    expect(stat).toMatch(new RegExp(`Read ACL: ${USER2.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')},\\.rlistings`));
    expect(stat).toMatch(new RegExp(`Write ACL: ${USER2.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(ok(await u2(['object', 'list', c, '-o', 'value', '-c', 'name'])).stdout).toBe('shared.txt\n');
    ok(await u2(['object', 'upload', c, '-', '--name', 'by-user2.txt'], { input: 'from user 2' }));
    const show = ok(await run(['container', 'show', c, '-o', 'json'])).json();
    expect(show).toMatchObject({ read_acl: `${USER2},.rlistings`, write_acl: USER2, count: 2 });
    ok(await run(['container', 'set', c, '--read-acl', '', '--write-acl', '']));
    expect(await swiftCli(['stat', c])).not.toMatch(new RegExp(`Read ACL: \\S`));
  });

  it('temporary URLs work with a plain fetch (container key)', async () => {
    const c = C('tmp');
    ok(await run(['container', 'create', c]));
    ok(await run(['container', 'set', c, '--temp-url-key', 'it-container-key-0123456789']));
    ok(await run(['object', 'upload', c, '-', '--name', 'dir/t x.txt'], { input: 'temp!' }));
    const r = ok(await run(['object', 'tempurl', c, 'dir/t x.txt', '--expires', '5m', '--debug']));
    const url = r.stdout.trim();
    expect(r.stderr).not.toContain(/temp_url_sig=([0-9a-f]+)/.exec(url)![1]);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('temp!');
    const put = ok(await run(['object', 'tempurl', c, 'via-put.txt', '--method', 'PUT'])).stdout.trim();
    expect((await fetch(put, { method: 'PUT', body: 'put!' })).status).toBe(201);
    expect(ok(await run(['object', 'download', c, 'via-put.txt', '--file', '-'])).stdout).toBe('put!');
  });

  it('bulk deletes, prefix listings and resume on the real cluster', async () => {
    const c = C('bulk');
    const dir = join(work, 'many');
    await mkdir(dir, { recursive: true });
    for (let i = 0; i < 120; i++) await writeFile(join(dir, `f${String(i).padStart(3, '0')}.txt`), `file ${i}`);
    const up = ok(await run(['object', 'upload', c, dir, '--name', 'many', '--concurrency', '8', '-o', 'json'])).json();
    expect(up).toHaveLength(120);
    expect(ok(await run(['object', 'list', c, '--prefix', 'many/f1', '-o', 'json'])).json()).toHaveLength(20);
    const r = ok(await run(['object', 'delete', c, '--prefix', 'many/', '--yes', '-o', 'json'])).json();
    expect(r).toHaveLength(120);
    expect(ok(await run(['object', 'list', c, '-o', 'json'])).json()).toEqual([]);
    // Resume a large download half way.
    const d = join(work, 'resume');
    await mkdir(d, { recursive: true });
    ok(await run(['object', 'upload', c, bigFile(), '--name', 'big.bin', '--segment-size', '40M']));
    const part = join(d, 'big.bin.part');
    const head = Buffer.alloc(90 * 1024 * 1024);
    const fh = await import('node:fs/promises').then((m) => m.open(bigFile(), 'r'));
    await fh.read(head, 0, head.length, 0);
    await fh.close();
    await writeFile(part, head);
    const res = ok(await run(['object', 'download', c, 'big.bin', '--dir', d, '-o', 'json'])).json();
    expect(res[0]).toMatchObject({ status: 'resumed', verified: 'segments' });
    expect(existsSync(part)).toBe(false);
    expect(await md5File(join(d, 'big.bin'))).toBe(bigMd5);
  });

  it('a download cut mid-body resumes from the cut byte with If-Match on the real Swift: plain object and DLO', async () => {
    const c = C('cut');
    const d = join(work, 'cut');
    await mkdir(join(d, 'seg'), { recursive: true });
    const whole = randomBytes(3 << 20);
    await writeFile(join(d, 'obj.bin'), whole);
    for (let i = 0; i < 3; i++) await writeFile(join(d, 'seg', String(i)), whole.subarray(i << 20, (i + 1) << 20));
    await writeFile(join(d, 'empty'), '');
    await swiftCli(['upload', c, 'obj.bin', 'seg/0', 'seg/1', 'seg/2'], d);
    await swiftCli(['upload', c, 'empty', '--object-name', 'dlo.bin', '-H', `X-Object-Manifest: ${c}/seg/`], d);
    const account = ok(await run(['account', 'show', '-o', 'json'])).json();
    const storage = `${new URL(E.ST_AUTH!).origin}/v1/${account.account}`;
    const { cutProxy } = await import('../faults/swift-cut-server.js');
    const proxy = await cutProxy(storage, (g) => (g.n === 0 ? { cutAfter: 512 * 1024, how: 'fin' } : undefined));
    try {
      for (const name of ['obj.bin', 'dlo.bin']) {
        const out = join(d, `got-${name}`);
        ok(await run(['--endpoint', proxy.url, 'object', 'download', c, name, '--file', out]));
        expect(createHash('md5').update(await readFile(out)).digest('hex')).toBe(createHash('md5').update(whole).digest('hex'));
        const gets = proxy.getsOf(name);
        expect(gets.length, JSON.stringify(gets)).toBe(2);
        expect(gets[1]).toMatchObject({ range: 'bytes=524288-', status: 206 });
        expect(gets[1]!.ifMatch).toMatch(/^"[0-9a-f]{32}"$/);
      }
    } finally {
      await proxy.close();
    }
  });

  it('DLO from `swift upload -S 20971520`: storctl object delete removes the manifest and every segment (as swift delete does), not objects beside them', async () => {
    const c = C('dlodel');
    const d = join(work, 'dlodel');
    await mkdir(d, { recursive: true });
    const sum = await randomFile(join(d, 'dlo.bin'), 50 * 1024 * 1024);
    await swiftCli(['upload', c, 'dlo.bin', '--object-name', 'big/dlo.bin', '-S', '20971520'], d);
    await swiftCli(['upload', `${c}_segments`, 'dlo.bin', '--object-name', 'big/dlo.bin.bak'], d);
    const segs = (await swiftCli(['list', `${c}_segments`])).trim().split('\n');
    expect(segs.filter((n) => n.startsWith('big/dlo.bin/'))).toHaveLength(3);
    const show = ok(await run(['object', 'show', c, 'big/dlo.bin', '-o', 'json'])).json();
    expect(show).toMatchObject({ large_object: 'dlo', bytes: 50 * 1024 * 1024 });
    const out = join(d, 'via-storctl.bin');
    ok(await run(['object', 'download', c, 'big/dlo.bin', '--file', out]));
    expect(await md5File(out)).toBe(sum);
    const r = ok(await run(['object', 'delete', c, 'big/dlo.bin', '-o', 'json', '--long'])).json();
    expect(r).toEqual([{ container: c, name: 'big/dlo.bin', status: 'deleted', segments: 3 }]);
    expect((await swiftCli(['list', `${c}_segments`])).trim()).toBe('big/dlo.bin.bak');
    expect((await swiftCli(['list', c])).trim()).toBe('');
    // By prefix: a zero-byte DLO manifest is found in the listing and takes its segments along.
    await swiftCli(['upload', c, 'dlo.bin', '--object-name', 'p/dlo.bin', '-S', '20971520'], d);
    const p = ok(await run(['object', 'delete', c, '--prefix', 'p/', '--yes', '-o', 'json', '--long'])).json();
    expect(p).toEqual([{ container: c, name: 'p/dlo.bin', status: 'deleted', segments: 3 }]);
    expect((await swiftCli(['list', `${c}_segments`])).trim()).toBe('big/dlo.bin.bak');
    // --leave-segments keeps them, as swift delete --leave-segments does.
    await swiftCli(['upload', c, 'dlo.bin', '--object-name', 'k/dlo.bin', '-S', '20971520'], d);
    ok(await run(['object', 'delete', c, 'k/dlo.bin', '--leave-segments']));
    expect((await swiftCli(['list', `${c}_segments`, '--prefix', 'k/'])).trim().split('\n')).toHaveLength(3);
  });

  it('DLO from storctl upload --dlo: `swift download` gives the same MD5, `swift stat` shows the manifest, `swift delete` removes its segments', async () => {
    const c = C('dloup');
    const d = join(work, 'dloup');
    await mkdir(d, { recursive: true });
    const file = join(d, 'dlo.bin');
    const sum = await randomFile(file, 45 * 1024 * 1024);
    const upRun = ok(await run(['object', 'upload', c, file, '--name', 'big/dlo.bin', '--segment-size', '20M', '--dlo', '-o', 'json']));
    const up = upRun.json();
    expect(up[0]).toMatchObject({ bytes: 45 * 1024 * 1024, segments: 3, status: 'uploaded' });
    // The new DLO read whole at once (no "listing has not caught up" warning).
    expect(upRun.stderr).toBe('');
    expect(ok(await run(['object', 'show', c, 'big/dlo.bin', '-o', 'json'])).json()).toMatchObject({ large_object: 'dlo', bytes: 45 * 1024 * 1024, etag: up[0].etag });
    const out = join(d, 'via-swift.bin');
    await swiftCli(['download', c, 'big/dlo.bin', '-o', out]);
    expect(await md5File(out)).toBe(sum);
    const stat = await swiftCli(['stat', c, 'big/dlo.bin']);
    const mtime = /Meta Mtime: (\S+)/.exec(stat)?.[1];
    expect(stat).toContain(`Manifest: ${c}_segments/big/dlo.bin/${mtime}/${45 * 1024 * 1024}/${20 * 1024 * 1024}/`);
    expect((await swiftCli(['list', `${c}_segments`])).trim().split('\n')).toEqual([0, 1, 2].map((i) => `big/dlo.bin/${mtime}/${45 * 1024 * 1024}/${20 * 1024 * 1024}/0000000${i}`));
    // Same file again: --skip-identical compares segment by segment.
    expect(ok(await run(['object', 'upload', c, file, '--name', 'big/dlo.bin', '--segment-size', '20M', '--dlo', '--skip-identical', '-o', 'json'])).json()[0].status).toBe('skipped');
    await swiftCli(['delete', c, 'big/dlo.bin']);
    expect((await swiftCli(['list', `${c}_segments`])).trim()).toBe('');
  });

  it('DLO by object set -H "X-Object-Manifest: …" on the real Swift; a value Swift would refuse on upload is refused (exit 2)', async () => {
    const c = C('dlohdr');
    for (const [n, data] of [['s/1', 'one'], ['s/2', 'two']]) ok(await run(['object', 'upload', c, '-', '--name', n!], { input: data }));
    ok(await run(['object', 'upload', c, '-', '--name', 'm'], { input: '' }));
    const set = ok(await run(['object', 'set', c, 'm', '-H', `X-Object-Manifest: ${c}/s/`, '-H', 'Cache-Control: no-cache', '-o', 'json']));
    expect(set.stderr).toBe('');
    expect(set.json()).toMatchObject({ bytes: 6, large_object: 'dlo', headers: { 'cache-control': 'no-cache' } });
    expect(ok(await run(['object', 'download', c, 'm', '--file', '-'])).stdout).toBe('onetwo');
    expect((await run(['object', 'set', c, 'm', '-H', `X-Object-Manifest: ${c}`])).code).toBe(2);
    const foo = ok(await run(['object', 'set', c, 'm', '-H', 'X-Foo-Bar: 1']));
    expect(foo.stderr).toMatch(/Swift did not keep x-foo-bar/);
    const r = ok(await run(['object', 'delete', c, 'm', '-o', 'json', '--long'])).json();
    expect(r[0]).toMatchObject({ status: 'deleted', segments: 2 });
    expect(ok(await run(['object', 'list', c, '-o', 'json'])).json()).toEqual([]);
  });

  it('account quota: the account owner gets "only a reseller admin may set an account quota" (exit 3); a reseller admin can', async () => {
    const before = ok(await run(['account', 'show', '-o', 'json'])).json();
    const r = await run(['account', 'set', '--quota-bytes', '1024T']);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/only a reseller admin may set an account quota/);
    expect(r.stderr).toMatch(/reseller_admin/);
    expect(r.stderr).not.toMatch(/needs the account owner/);
    expect(ok(await run(['account', 'show', '-o', 'json'])).json().quota_bytes).toBe(before.quota_bytes);
    // The hint's way works: a reseller admin, here on its own account (not the shared test account).
    const rs = (args: string[]) => h.run(['-p', 'v1-reseller', ...args]);
    const mine = ok(await rs(['account', 'show', '-o', 'json'])).json();
    if (mine.quota_bytes !== null) return; // someone else's quota: leave it alone
    try {
      expect(ok(await rs(['--endpoint', mine.storage_url, 'account', 'set', '--quota-bytes', '1024T', '-o', 'json'])).json().quota_bytes).toBe(1024 ** 5);
    } finally {
      ok(await rs(['account', 'set', '--quota-bytes', '']));
    }
  });

  it.skipIf(!keystone)('works through Keystone (catalog object-store endpoint)', async () => {
    const c = C('ks');
    const ks = (args: string[], o?: RunOptions) => h.run(['-p', 'ks', ...args], o);
    const acct = ok(await ks(['account', 'show', '-o', 'json'])).json();
    expect(acct.account).toMatch(/^AUTH_/);
    ok(await ks(['container', 'create', c]));
    ok(await ks(['object', 'upload', c, '-', '--name', 'k.txt'], { input: 'keystone' }));
    expect(ok(await ks(['object', 'download', c, 'k.txt', '--file', '-'])).stdout).toBe('keystone');
    ok(await ks(['container', 'delete', c, '--recursive', '--yes']));
  });
});
