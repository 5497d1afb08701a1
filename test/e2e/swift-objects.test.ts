// Swift objects through the built CLI against the simulator: upload (files, directories, stdin,
// static large objects), download (file, directory, stdout), list/show agreement, copy, set,
// delete (bulk, prefix, segments), temporary URLs.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxHome, type RunOptions, type SandboxHome } from './harness.js';
import { api, fails, md5, ok, v1Auth } from './swift-helpers.js';

let h: SandboxHome;
let work: string;
const run = (args: string[], o?: RunOptions) => h.run(['-p', 'sandbox-swift', ...args], o);
const ks = (args: string[], o?: RunOptions) => h.run(['-p', 'sandbox-swift-keystone', ...args], o);
const swiftCount = (name: string) => h.sandbox.counters().swift![name] ?? 0;

function bytes(n: number, seed = 1): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    b[i] = x >> 16;
  }
  return b;
}

beforeAll(async () => {
  h = await startSandboxHome(['swift']);
  work = join(h.home, 'work');
  await mkdir(work, { recursive: true });
});

afterAll(async () => {
  await h?.cleanup();
});

describe('upload and download', () => {
  it('round-trips a file, verified, with content type and metadata', async () => {
    const file = join(work, 'notes.txt');
    await writeFile(file, 'some notes\n');
    const up = ok(await run(['object', 'upload', 'docs', file, '--name', 'notes.txt', '--meta', 'owner=ops', '-o', 'json'])).json();
    expect(up).toEqual([
      { container: 'docs', name: 'notes.txt', bytes: 11, etag: md5('some notes\n'), content_type: 'text/plain', segments: 0, status: 'uploaded', source: file },
    ]);
    const show = ok(await run(['object', 'show', 'docs', 'notes.txt', '-o', 'json'])).json();
    expect(show).toMatchObject({ name: 'notes.txt', container: 'docs', bytes: 11, hash: md5('some notes\n'), content_type: 'text/plain', large_object: null, manifest: null });
    expect(show.metadata.owner).toBe('ops');
    expect(show.metadata.mtime).toMatch(/^\d+\.\d{6}$/);
    const dest = join(work, 'out', 'n.txt');
    const dl = ok(await run(['object', 'download', 'docs', 'notes.txt', '--file', dest, '-o', 'json'])).json();
    expect(dl).toEqual([{ container: 'docs', name: 'notes.txt', path: dest, bytes: 11, etag: md5('some notes\n'), status: 'downloaded', verified: 'md5' }]);
    expect(await readFile(dest, 'utf8')).toBe('some notes\n');
    expect(existsSync(`${dest}.part`)).toBe(false);
    // --file naming an existing directory puts the object inside it.
    const into = ok(await run(['object', 'download', 'docs', 'notes.txt', '--file', join(work, 'out'), '-o', 'json'])).json();
    expect(into[0].path).toBe(join(work, 'out', 'notes.txt'));
    // The file's mtime comes back from X-Object-Meta-Mtime.
    const [a, b] = await Promise.all([stat(file), stat(dest)]);
    expect(Math.abs(a.mtimeMs - b.mtimeMs)).toBeLessThan(1000);
  });

  it('list and show agree field by field (JSON)', async () => {
    await writeFile(join(work, 'agree.json'), '{"a":1}');
    ok(await run(['object', 'upload', 'docs', join(work, 'agree.json'), '--name', 'agree.json']));
    ok(await run(['object', 'upload', 'docs', '-', '--name', 'agree-big', '--segment-size', '3'], { input: 'abcdefghij' }));
    const list = ok(await run(['object', 'list', 'docs', '--prefix', 'agree', '-o', 'json'])).json();
    expect(list.map((r: any) => r.name)).toEqual(['agree-big', 'agree.json']);
    for (const row of list) {
      const show = ok(await run(['object', 'show', 'docs', row.name, '-o', 'json'])).json();
      for (const [k, v] of Object.entries(row)) expect(show[k], `${row.name}.${k}`).toEqual(v);
    }
    expect(list[0].slo_etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(list[0].bytes).toBe(10);
  });

  it('uploads a directory recursively and downloads it back by prefix', async () => {
    const dir = join(work, 'tree');
    await mkdir(join(dir, 'sub', 'deeper'), { recursive: true });
    const files: Record<string, string> = { 'a.txt': 'A', 'b.png': 'B', 'sub/c.json': '{}', 'sub/deeper/d.bin': 'D'.repeat(1000) };
    for (const [p, c] of Object.entries(files)) await writeFile(join(dir, p), c);
    const up = ok(await run(['object', 'upload', 'trees', dir, '--name', 'tree', '--concurrency', '3', '-o', 'json'])).json();
    expect(up.map((r: any) => r.name)).toEqual(['tree/a.txt', 'tree/b.png', 'tree/sub/c.json', 'tree/sub/deeper/d.bin']);
    expect(up.map((r: any) => r.content_type)).toEqual(['text/plain', 'image/png', 'application/json', 'application/octet-stream']);
    const out = join(work, 'restore');
    const dl = ok(await run(['object', 'download', 'trees', '--prefix', 'tree/sub/', '--dir', out, '-o', 'json'])).json();
    expect(dl.map((r: any) => r.name)).toEqual(['tree/sub/c.json', 'tree/sub/deeper/d.bin']);
    expect(dl.every((r: any) => r.verified === 'md5')).toBe(true);
    expect(await readFile(join(out, 'tree/sub/deeper/d.bin'), 'utf8')).toBe('D'.repeat(1000));
    // The whole container when no names are given.
    const all = ok(await run(['object', 'download', 'trees', '--dir', join(work, 'all'), '-o', 'json'])).json();
    expect(all).toHaveLength(4);
    fails(await run(['object', 'download', 'trees', '--prefix', 'nothing/', '--dir', out]), 4);
  });

  it('--skip-identical skips unchanged files by MD5 and uploads changed ones', async () => {
    const dir = join(work, 'skip');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'x'), 'same');
    await writeFile(join(dir, 'y'), 'before');
    ok(await run(['object', 'upload', 'skips', dir, '--name', '']));
    await writeFile(join(dir, 'y'), 'after!');
    const puts = swiftCount('PUT');
    const r = ok(await run(['object', 'upload', 'skips', dir, '--name', '', '--skip-identical', '-o', 'json'])).json();
    expect(r.map((x: any) => [x.name, x.status])).toEqual([
      ['x', 'skipped'],
      ['y', 'uploaded'],
    ]);
    expect(swiftCount('PUT') - puts).toBe(2); // the container PUT + y
  });

  it('streams stdin up and an object to stdout', async () => {
    const text = 'line\n'.repeat(20000);
    const up = ok(await run(['object', 'upload', 'pipes', '-', '--name', 'from-stdin.txt', '-o', 'json'], { input: text })).json();
    expect(up[0]).toMatchObject({ name: 'from-stdin.txt', bytes: text.length, etag: md5(text), source: 'stdin' });
    const down = ok(await run(['object', 'download', 'pipes', 'from-stdin.txt', '--file', '-']));
    expect(down.stdout).toBe(text);
    expect(down.stderr).toBe('');
    fails(await run(['object', 'upload', 'pipes', '-']), 2, /--name/);
  });

  it('uploads a static large object with a small --segment-size and downloads it verified', async () => {
    const data = bytes(200_000, 7);
    const file = join(work, 'large.bin');
    await writeFile(file, data);
    const up = ok(await run(['object', 'upload', 'big', file, '--name', 'large.bin', '--segment-size', '30000', '--concurrency', '4', '-o', 'json'])).json();
    expect(up[0]).toMatchObject({ name: 'large.bin', bytes: 200_000, segments: 7, status: 'uploaded' });
    // The manifest ETag is the MD5 of the segments' MD5s.
    const segMd5s = Array.from({ length: 7 }, (_, i) => md5(data.subarray(i * 30000, Math.min(200_000, (i + 1) * 30000))));
    expect(up[0].etag).toBe(md5(segMd5s.join('')));
    const show = ok(await run(['object', 'show', 'big', 'large.bin', '-o', 'json'])).json();
    expect(show).toMatchObject({ bytes: 200_000, large_object: 'slo', etag: up[0].etag, manifest: { type: 'slo', segments: 7, segment_containers: ['big_segments'], segment_bytes: 200_000 } });
    const segs = ok(await run(['object', 'list', 'big_segments', '-o', 'json'])).json();
    expect(segs).toHaveLength(7);
    expect(segs[0].name).toMatch(/^large\.bin\/slo\/\d+\.\d{6}\/200000\/30000\/00000000$/);
    const dest = join(work, 'large.out');
    const dl = ok(await run(['object', 'download', 'big', 'large.bin', '--file', dest, '--concurrency', '3', '-o', 'json'])).json();
    expect(dl[0]).toMatchObject({ bytes: 200_000, verified: 'segments', status: 'downloaded' });
    expect(md5(await readFile(dest))).toBe(md5(data));
    // Through stdout, checked segment by segment as it streams.
    const text = bytes(1000, 3).toString('hex');
    ok(await run(['object', 'upload', 'big', '-', '--name', 'hex.txt', '--segment-size', '300'], { input: text }));
    expect(ok(await run(['object', 'download', 'big', 'hex.txt', '--file', '-'])).stdout).toBe(text);
  });

  it('segments automatically above --segment-threshold and replaces old segments on overwrite', async () => {
    const file = join(work, 'auto.bin');
    await writeFile(file, bytes(50_000, 9));
    const a = ok(await run(['object', 'upload', 'auto', file, '--name', 'auto.bin', '--segment-threshold', '10000', '-o', 'json'])).json();
    expect(a[0].segments).toBe(1); // the default segment size is far above 50 kB
    ok(await run(['object', 'upload', 'auto', file, '--name', 'auto.bin', '--segment-size', '20000']));
    const segs = ok(await run(['object', 'list', 'auto_segments', '-o', 'json'])).json();
    expect(segs).toHaveLength(3); // the first upload's segment was removed
    // Overwriting with a small plain object removes the segments too.
    await writeFile(file, 'small now');
    ok(await run(['object', 'upload', 'auto', file, '--name', 'auto.bin']));
    expect(ok(await run(['object', 'list', 'auto_segments', '-o', 'json'])).json()).toEqual([]);
    expect(ok(await run(['object', 'show', 'auto', 'auto.bin', '-o', 'json'])).json()).toMatchObject({ large_object: null, bytes: 9 });
  });

  it('works the same through a Keystone profile', async () => {
    ok(await ks(['object', 'upload', 'ks-objects', '-', '--name', 'k.txt'], { input: 'keystone data' }));
    expect(ok(await ks(['object', 'download', 'ks-objects', 'k.txt', '--file', '-'])).stdout).toBe('keystone data');
    expect(ok(await ks(['object', 'list', 'ks-objects', '-o', 'value', '-c', 'name'])).stdout).toBe('k.txt\n');
  });

  it('maps errors to exit codes with messages naming the object', async () => {
    fails(await run(['object', 'show', 'docs', 'missing.txt']), 4, /object "docs\/missing.txt" not found/);
    fails(await run(['object', 'download', 'docs', 'missing.txt', '--dir', work]), 4, /missing.txt/);
    fails(await run(['object', 'download', 'nocontainer', 'x', '--file', '-']), 4);
    fails(await run(['object', 'upload', 'docs', join(work, 'does-not-exist')]), 2, /cannot read/);
    fails(await run(['object', 'download', 'docs', 'a', 'b', '--file', 'x']), 2);
    const j = fails(await run(['object', 'show', 'docs', 'missing.txt', '-o', 'json']), 4);
    expect(JSON.parse(j.stderr).error).toMatchObject({ kind: 'not_found', exit_code: 4, status: 404, container: 'docs', object: 'missing.txt' });
  });
});

describe('copy, set, delete', () => {
  it('copies on the server and keeps or replaces metadata', async () => {
    ok(await run(['object', 'upload', 'src', '-', '--name', 'orig.txt', '--meta', 'a=1'], { input: 'copy me' }));
    ok(await run(['container', 'create', 'dst']));
    const c = ok(await run(['object', 'copy', 'src', 'orig.txt', 'dst', '--meta', 'b=2', '-o', 'json'])).json();
    expect(c).toMatchObject({ container: 'dst', name: 'orig.txt', bytes: 7, hash: md5('copy me'), metadata: { a: '1', b: '2' } });
    const d = ok(await run(['object', 'copy', 'src', 'orig.txt', 'dst/renamed.txt', '--fresh-metadata', '-o', 'json'])).json();
    expect(d).toMatchObject({ name: 'renamed.txt', metadata: {} });
    fails(await run(['object', 'copy', 'src', 'nope.txt', 'dst']), 4);
    fails(await run(['object', 'copy', 'src', 'orig.txt', 'src']), 2, /same object/);
  });

  it('sets metadata without losing the rest, content type, headers and expiry', async () => {
    ok(await run(['object', 'upload', 'meta', '-', '--name', 'm.txt', '--meta', 'keep=yes', '--meta', 'drop=1'], { input: 'x' }));
    const s = ok(await run(['object', 'set', 'meta', 'm.txt', '--meta', 'new=2', '--remove-meta', 'drop', '--content-type', 'text/x-special', '-H', 'Content-Disposition: attachment', '--delete-after', '1h', '-o', 'json'])).json();
    expect(s.metadata).toEqual({ keep: 'yes', new: '2' });
    expect(s.content_type).toBe('text/x-special');
    expect(s.headers['content-disposition']).toBe('attachment');
    const at = Date.parse(s.delete_at);
    expect(at - Date.now()).toBeGreaterThan(3500_000);
    const t = ok(await run(['object', 'set', 'meta', 'm.txt', '--remove-delete-at', '-H', 'Content-Disposition:', '-o', 'json'])).json();
    expect(t.delete_at).toBeNull();
    expect(t.headers['content-disposition']).toBeUndefined();
    expect(t.metadata).toEqual({ keep: 'yes', new: '2' });
    expect(t.content_type).toBe('text/x-special');
    fails(await run(['object', 'set', 'meta', 'm.txt']), 2, /nothing to change/);
    // Any header may be sent; one the object server does not keep is reported.
    const foo = ok(await run(['object', 'set', 'meta', 'm.txt', '-H', 'X-Foo: 1', '-o', 'json']));
    expect(foo.stderr).toMatch(/Swift did not keep x-foo: .*allowed_headers/);
    expect(foo.json().metadata).toEqual({ keep: 'yes', new: '2' });
    fails(await run(['object', 'set', 'meta', 'm.txt', '-H', 'Content-Length: 1']), 2, /cannot be set/);
    fails(await run(['object', 'set', 'meta', 'm.txt', '-H', 'X-Object-Meta-A: 1']), 2, /--meta/);
    fails(await run(['object', 'set', 'meta', 'm.txt', '-H', 'Content-Type: text/plain']), 2, /--content-type/);
    fails(await run(['object', 'set', 'meta', 'm.txt', '-H', 'Bad Name: 1']), 2, /not a header name/);
  });

  it('deletes by name (404 → exit 4), by prefix (asks), --all, large objects with segments, in bulk', async () => {
    for (const n of ['k1', 'k2', 'p/1', 'p/2', 'p/3']) ok(await run(['object', 'upload', 'del', '-', '--name', n], { input: n }));
    ok(await run(['object', 'upload', 'del', '-', '--name', 'p/large', '--segment-size', '2'], { input: 'abcdefgh' }));
    const named = fails(await run(['object', 'delete', 'del', 'k1', 'nope', '-o', 'json']), 4, /not found/);
    expect(JSON.parse(named.stdout)).toEqual([
      { container: 'del', name: 'k1', status: 'deleted' },
      { container: 'del', name: 'nope', status: 'not_found' },
    ]);
    fails(await run(['object', 'delete', 'del', '--prefix', 'p/']), 2, /--yes/);
    const bulkBefore = swiftCount('bulkDeletes');
    const r = ok(await run(['object', 'delete', 'del', '--prefix', 'p/', '--yes', '-o', 'json'])).json();
    expect(r.map((x: any) => x.name).sort()).toEqual(['p/1', 'p/2', 'p/3', 'p/large']);
    expect(swiftCount('bulkDeletes') - bulkBefore).toBe(1);
    expect(r.find((x: any) => x.name === 'p/large').segments).toBe(4);
    expect(ok(await run(['object', 'list', 'del_segments', '-o', 'json'])).json()).toEqual([]);
    expect(ok(await run(['object', 'list', 'del', '-o', 'value', '-c', 'name'])).stdout).toBe('k2\n');
    ok(await run(['object', 'delete', 'del', '--all', '--yes']));
    expect(ok(await run(['object', 'list', 'del', '-o', 'json'])).json()).toEqual([]);
    fails(await run(['object', 'delete', 'del']), 2);
    fails(await run(['object', 'delete', 'nocontainer', '--all', '--yes']), 4);
  });

  it('deletes a DLO made as `swift upload -S` makes one with every segment under its prefix (not objects beside it); --leave-segments keeps them', async () => {
    const a = await v1Auth(h);
    const seed = async (c: string, name: string) => {
      const prefix = `${name}/1700000000.000000/60/20/`;
      expect((await api(a, 'PUT', `/${c}`)).status).toBeLessThan(300);
      expect((await api(a, 'PUT', `/${c}_segments`)).status).toBeLessThan(300);
      for (let i = 0; i < 3; i++) expect((await api(a, 'PUT', `/${c}_segments/${prefix}${String(i).padStart(8, '0')}`, bytes(20, i + 1))).status).toBe(201);
      // Another object whose name starts like the prefix, but is not under it: it stays.
      expect((await api(a, 'PUT', `/${c}_segments/${name}.bak/1`, 'keep me')).status).toBe(201);
      const m = await api(a, 'PUT', `/${c}/${name}`, '', { 'X-Object-Manifest': `${c}_segments/${encodeURIComponent(name)}/1700000000.000000/60/20/` });
      expect(m.status).toBe(201);
      return prefix;
    };
    await seed('dlo', 'big/dlo.bin');
    const shown = ok(await run(['object', 'show', 'dlo', 'big/dlo.bin', '-o', 'json'])).json();
    expect(shown).toMatchObject({ bytes: 60, large_object: 'dlo' });
    const r = ok(await run(['object', 'delete', 'dlo', 'big/dlo.bin', '-o', 'json', '--long'])).json();
    expect(r).toEqual([{ container: 'dlo', name: 'big/dlo.bin', status: 'deleted', segments: 3 }]);
    expect(ok(await run(['object', 'list', 'dlo_segments', '-o', 'value', '-c', 'name'])).stdout).toBe('big/dlo.bin.bak/1\n');
    expect(ok(await run(['object', 'list', 'dlo', '-o', 'json'])).json()).toEqual([]);
    // --leave-segments: the manifest only.
    await seed('dlo2', 'x.bin');
    ok(await run(['object', 'delete', 'dlo2', 'x.bin', '--leave-segments']));
    expect(ok(await run(['object', 'list', 'dlo2_segments', '-o', 'json'])).json()).toHaveLength(4);
    // By --prefix / --all: zero-byte objects are looked at, and DLO manifests take their segments along.
    await seed('dlo3', 'p/one.bin');
    ok(await run(['object', 'upload', 'dlo3', '-', '--name', 'p/empty'], { input: '' }));
    ok(await run(['object', 'upload', 'dlo3', '-', '--name', 'p/plain'], { input: 'plain' }));
    const all = ok(await run(['object', 'delete', 'dlo3', '--prefix', 'p/', '--yes', '-o', 'json', '--long'])).json();
    expect(all.find((x: any) => x.name === 'p/one.bin')).toMatchObject({ status: 'deleted', segments: 3 });
    expect(all.map((x: any) => x.name).sort()).toEqual(['p/empty', 'p/one.bin', 'p/plain']);
    expect(ok(await run(['object', 'list', 'dlo3_segments', '-o', 'value', '-c', 'name'])).stdout).toBe('p/one.bin.bak/1\n');
    expect(ok(await run(['object', 'list', 'dlo3', '-o', 'json'])).json()).toEqual([]);
  });

  it('upload --dlo writes segments and a manifest as swift does, downloads whole, replaces old segments on overwrite, skips identical', async () => {
    const file = join(work, 'dlo-up.bin');
    const data = bytes(50_000, 7);
    await writeFile(file, data);
    const mtime = ((await stat(file)).mtimeMs / 1000).toFixed(6);
    const up = ok(await run(['object', 'upload', 'dloup', file, '--name', 'big/dlo.bin', '--segment-size', '20000', '--dlo', '-o', 'json'])).json();
    const segMd5s = [0, 1, 2].map((i) => md5(data.subarray(i * 20000, Math.min(50000, (i + 1) * 20000))));
    expect(up).toEqual([
      { container: 'dloup', name: 'big/dlo.bin', bytes: 50000, etag: md5(segMd5s.join('')), content_type: 'application/octet-stream', segments: 3, status: 'uploaded', source: file },
    ]);
    const names = ok(await run(['object', 'list', 'dloup_segments', '-o', 'value', '-c', 'name'])).stdout.trim().split('\n');
    expect(names).toEqual([0, 1, 2].map((i) => `big/dlo.bin/${mtime}/50000/20000/0000000${i}`));
    const a = await v1Auth(h);
    const raw = await api(a, 'HEAD', '/dloup/big/dlo.bin?multipart-manifest=get');
    expect(raw.headers.get('x-object-manifest')).toBe(`dloup_segments/big/dlo.bin/${mtime}/50000/20000/`);
    expect(raw.headers.get('content-length')).toBe('0');
    expect(raw.headers.get('x-object-meta-mtime')).toBe(mtime);
    const shown = ok(await run(['object', 'show', 'dloup', 'big/dlo.bin', '-o', 'json'])).json();
    expect(shown).toMatchObject({ bytes: 50000, etag: md5(segMd5s.join('')), large_object: 'dlo' });
    const dest = join(work, 'dlo-down.bin');
    ok(await run(['object', 'download', 'dloup', 'big/dlo.bin', '--file', dest]));
    expect(md5(await readFile(dest))).toBe(md5(data));
    // Same file again: identical segment by segment.
    expect(ok(await run(['object', 'upload', 'dloup', file, '--name', 'big/dlo.bin', '--segment-size', '20000', '--dlo', '--skip-identical', '-o', 'json'])).json()[0].status).toBe('skipped');
    // Changed file (new mtime, new size): new segments, the old ones go.
    await writeFile(file, data.subarray(0, 45_000));
    const mtime2 = ((await stat(file)).mtimeMs / 1000).toFixed(6);
    ok(await run(['object', 'upload', 'dloup', file, '--name', 'big/dlo.bin', '--segment-size', '20000', '--dlo']));
    const names2 = ok(await run(['object', 'list', 'dloup_segments', '-o', 'value', '-c', 'name'])).stdout.trim().split('\n');
    expect(names2).toEqual([0, 1, 2].map((i) => `big/dlo.bin/${mtime2}/45000/20000/0000000${i}`));
    // A plain upload over the DLO removes its segments too; stdin with --dlo makes one as well.
    ok(await run(['object', 'upload', 'dloup', '-', '--name', 'big/dlo.bin'], { input: 'small now' }));
    expect(ok(await run(['object', 'list', 'dloup_segments', '-o', 'json'])).json()).toEqual([]);
    const st = ok(await run(['object', 'upload', 'dloup', '-', '--name', 'piped', '--segment-size', '4', '--dlo', '-o', 'json'], { input: 'abcdefghij' })).json();
    expect(st[0]).toMatchObject({ bytes: 10, segments: 3, etag: md5(md5('abcd') + md5('efgh') + md5('ij')) });
    expect(ok(await run(['object', 'download', 'dloup', 'piped', '--file', '-'])).stdout).toBe('abcdefghij');
    const del = ok(await run(['object', 'delete', 'dloup', 'piped', 'big/dlo.bin', '-o', 'json', '--long'])).json();
    expect(del.find((x: any) => x.name === 'piped').segments).toBe(3);
    expect(ok(await run(['object', 'list', 'dloup_segments', '-o', 'json'])).json()).toEqual([]);
  });

  it('object set -H "X-Object-Manifest: C/P" makes a DLO (checked as Swift checks it); "X-Object-Manifest:" undoes it', async () => {
    const a = await v1Auth(h);
    for (const [n, d] of [['s/1', 'one'], ['s/2', 'two']]) ok(await run(['object', 'upload', 'hdr', '-', '--name', n!], { input: d }));
    ok(await run(['object', 'upload', 'hdr', '-', '--name', 'm'], { input: '' }));
    const set = ok(await run(['object', 'set', 'hdr', 'm', '-H', 'X-Object-Manifest: hdr/s/', '-o', 'json'])).json();
    expect(set).toMatchObject({ bytes: 6, large_object: 'dlo', manifest: { type: 'dlo', segment_prefix: 'hdr/s/' } });
    expect(ok(await run(['object', 'download', 'hdr', 'm', '--file', '-'])).stdout).toBe('onetwo');
    for (const bad of ['hdr', 'hdr/', '/hdr/s', 'hdr/s?x', 'hdr//s']) {
      fails(await run(['object', 'set', 'hdr', 'm', '-H', `X-Object-Manifest: ${bad}`]), 2, /is not CONTAINER\/PREFIX/);
    }
    fails(await run(['object', 'set', 'hdr', 'm', '-H', 'X-Object-Manifest: nosuch/x/']), 4, /does not exist/);
    const undone = ok(await run(['object', 'set', 'hdr', 'm', '-H', 'X-Object-Manifest:', '-o', 'json'])).json();
    expect(undone).toMatchObject({ bytes: 0, large_object: null });
    expect((await api(a, 'GET', '/hdr/m')).status).toBe(200);
  });

  it('--leave-segments keeps segments', async () => {
    ok(await run(['object', 'upload', 'leave', '-', '--name', 'l', '--segment-size', '2'], { input: 'abcd' }));
    ok(await run(['object', 'delete', 'leave', 'l', '--leave-segments']));
    expect(ok(await run(['object', 'list', 'leave_segments', '-o', 'json'])).json()).toHaveLength(2);
  });
});

describe('temporary URLs', () => {
  it('GET works with a plain fetch; PUT uploads; the signature never reaches --debug output', async () => {
    ok(await run(['account', 'set', '--temp-url-key', 'tempurl-key-123456']));
    ok(await run(['object', 'upload', 'tmp', '-', '--name', 'dir/file name.txt'], { input: 'temp content' }));
    const r = ok(await run(['object', 'tempurl', 'tmp', 'dir/file name.txt', '--expires', '10m', '--debug']));
    const url = r.stdout.trim();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/AUTH_test\/tmp\/dir\/file%20name\.txt\?temp_url_sig=[0-9a-f]{64}&temp_url_expires=\d+$/);
    const sig = /temp_url_sig=([0-9a-f]+)/.exec(url)![1]!;
    expect(r.stderr).not.toContain(sig);
    expect(r.stderr).not.toContain('tempurl-key-123456');
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('temp content');
    // Wrong method → 401 from Swift.
    const bad = await fetch(url, { method: 'DELETE' });
    expect(bad.status).toBe(401);
    await bad.arrayBuffer();
    const put = ok(await run(['object', 'tempurl', 'tmp', 'upload.txt', '--method', 'PUT', '-o', 'json'])).json();
    expect(put).toMatchObject({ method: 'PUT', path: '/v1/AUTH_test/tmp/upload.txt' });
    expect(Date.parse(put.expires_at) - Date.now()).toBeGreaterThan(3500_000);
    const pr = await fetch(put.url, { method: 'PUT', body: 'put via temp url' });
    expect(pr.status).toBe(201);
    expect(ok(await run(['object', 'download', 'tmp', 'upload.txt', '--file', '-'])).stdout).toBe('put via temp url');
    // sha1 and a given key work too.
    const s1 = ok(await run(['object', 'tempurl', 'tmp', 'upload.txt', '--digest', 'sha1', '--key', 'tempurl-key-123456'])).stdout.trim();
    expect(s1).toMatch(/temp_url_sig=[0-9a-f]{40}&/);
    expect((await fetch(s1)).status).toBe(200);
  });

  it('prefix URLs and container keys', async () => {
    ok(await run(['container', 'create', 'ckey']));
    ok(await run(['container', 'set', 'ckey', '--temp-url-key', 'container-key-abcdef']));
    ok(await run(['object', 'upload', 'ckey', '-', '--name', 'pre/a'], { input: 'A' }));
    const url = ok(await run(['object', 'tempurl', 'ckey', 'pre/', '--prefix'])).stdout.trim();
    const a = url.replace('/ckey/pre/?', '/ckey/pre/a?');
    expect(await (await fetch(a)).text()).toBe('A');
  });

  it('without a key it says how to set one (exit 2)', async () => {
    const acc = await v1Auth(h);
    // Keystone account has no key.
    fails(await ks(['object', 'tempurl', 'whatever', 'x']), 2, /account set --temp-url-key/);
    expect(acc.token).toBeTruthy();
  });
});

describe('progress', () => {
  it('stays quiet when stderr is not a terminal', async () => {
    const r = ok(await run(['object', 'upload', 'quiet', '-', '--name', 'q'], { input: 'q'.repeat(100000) }));
    expect(r.stderr).toBe('');
  });
});

describe('raw interplay', () => {
  it('objects uploaded by others download verified', async () => {
    const a = await v1Auth(h);
    await api(a, 'PUT', '/raw');
    const body = createHash('sha256').update('x').digest('hex').repeat(100);
    expect((await api(a, 'PUT', '/raw/r.txt', body)).status).toBe(201);
    const dir = join(work, 'rawdl');
    const r = ok(await run(['object', 'download', 'raw', 'r.txt', '--dir', dir, '-o', 'json'])).json();
    expect(r[0].verified).toBe('md5');
    expect(await readFile(join(dir, 'r.txt'), 'utf8')).toBe(body);
    expect(await readdir(dir)).toEqual(['r.txt']);
  });
});
