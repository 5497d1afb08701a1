// Swift account, capabilities and containers through the built CLI against the sandbox's Swift
// simulator: v1 (tempauth) and Keystone profiles, ACLs, versioning, quotas, exit codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxHome, type RunOptions, type SandboxHome } from './harness.js';
import { api, fails, ok, v1Auth } from './swift-helpers.js';

let h: SandboxHome;
const run = (args: string[], o?: RunOptions) => h.run(['-p', 'sandbox-swift', ...args], o);
const ks = (args: string[], o?: RunOptions) => h.run(['-p', 'sandbox-swift-keystone', ...args], o);
const os = (args: string[], o?: RunOptions) => h.run(['-p', 'sandbox-openstack', ...args], o);
const tester2 = (args: string[], o?: RunOptions) => h.run(['-p', 'tester2', ...args], o);

beforeAll(async () => {
  h = await startSandboxHome(['swift']);
  const auth = h.sandbox.profiles.find((p) => p.name === 'sandbox-swift')!.settings.auth_url as string;
  ok(await h.run(['profile', 'add', 'tester2', '--backend', 'swift', `auth_url=${auth}`, 'username=test:tester2', 'password=testing2']));
  ok(await h.run(['profile', 'add', 'badkey', '--backend', 'swift', `auth_url=${auth}`, 'username=test:nobody', 'password=wrong']));
});

afterAll(async () => {
  await h?.cleanup();
});

describe('account', () => {
  it('shows usage, metadata and the storage URL (v1 auth)', async () => {
    ok(await run(['container', 'create', 'acct-a']));
    ok(await run(['object', 'upload', 'acct-a', '-', '--name', 'one'], { input: 'hello' }));
    const a = ok(await run(['account', 'show', '-o', 'json'])).json();
    expect(a.account).toBe('AUTH_test');
    expect(a.storage_url).toMatch(/\/v1\/AUTH_test$/);
    expect(a.containers).toBeGreaterThanOrEqual(1);
    expect(a.objects).toBeGreaterThanOrEqual(1);
    expect(typeof a.bytes).toBe('number');
    expect(a.temp_url_key_set).toBe(false);
    const table = ok(await run(['account', 'show'])).stdout;
    expect(table).toMatch(/Storage URL/);
  });

  it('works through a Keystone catalog (swift and openstack profiles agree)', async () => {
    const a = ok(await ks(['account', 'show', '-o', 'json'])).json();
    expect(a.account).toMatch(/^AUTH_[0-9a-f]+$/);
    const b = ok(await os(['account', 'show', '-o', 'json'])).json();
    expect(b.account).toBe(a.account);
    expect(b.storage_url).toBe(a.storage_url);
  });

  it('sets and removes metadata and the Temp-URL key, never printing the key', async () => {
    const a = ok(await run(['account', 'set', '--meta', 'owner=ops', '--meta', 'Tier=gold', '--temp-url-key', 'k3y-s3cret-value', '-o', 'json'])).json();
    expect(a.metadata).toEqual({ owner: 'ops', tier: 'gold' });
    expect(a.temp_url_key_set).toBe(true);
    const dbg = await run(['account', 'show', '-o', 'json', '--debug']);
    ok(dbg);
    expect(dbg.stdout + dbg.stderr).not.toContain('k3y-s3cret-value');
    const b = ok(await run(['account', 'set', '--remove-meta', 'tier', '--temp-url-key', '', '-o', 'json'])).json();
    expect(b.metadata).toEqual({ owner: 'ops' });
    expect(b.temp_url_key_set).toBe(false);
  });

  it('needs something to change (exit 2) and owner rights (exit 3)', async () => {
    fails(await run(['account', 'set']), 2, /nothing to change/);
    fails(await tester2(['account', 'show']), 3, /access denied/);
    // The account owner (.admin) may not set its own quota: Swift wants a reseller admin.
    const q = fails(await run(['account', 'set', '--quota-bytes', '10G', '--meta', 'x=1']), 3, /only a reseller admin may set an account quota/);
    expect(q.stderr).not.toMatch(/needs the account owner/);
    expect(q.stderr).toMatch(/reseller_admin/);
    expect(ok(await run(['account', 'show', '-o', 'json'])).json().metadata.x).toBeUndefined();
  });

  it('a reseller admin sets and removes an account quota (on another account with --endpoint)', async () => {
    const storage = ok(await run(['account', 'show', '-o', 'json'])).json().storage_url;
    const auth = h.sandbox.profiles.find((p) => p.name === 'sandbox-swift')!.settings.auth_url as string;
    ok(await h.run(['profile', 'add', 'reseller', '--backend', 'swift', `auth_url=${auth}`, 'username=admin:admin', 'password=admin']));
    const set = ok(await h.run(['-p', 'reseller', '--endpoint', storage, 'account', 'set', '--quota-bytes', '10G', '-o', 'json'])).json();
    expect(set.quota_bytes).toBe(10 * 1024 ** 3);
    expect(ok(await run(['account', 'show', '-o', 'json'])).json().quota_bytes).toBe(10 * 1024 ** 3);
    const removed = ok(await h.run(['-p', 'reseller', '--endpoint', storage, 'account', 'set', '--quota-bytes', '', '-o', 'json'])).json();
    expect(removed.quota_bytes).toBeNull();
  });

  it('reports wrong credentials as an auth error (exit 3)', async () => {
    fails(await h.run(['-p', 'badkey', 'container', 'list']), 3);
  });
});

describe('capabilities', () => {
  it('shows /info and one section', async () => {
    const info = ok(await run(['capabilities', '-o', 'json'])).json();
    expect(info.swift.container_listing_limit).toBe(10000);
    expect(info.slo.max_manifest_segments).toBeGreaterThan(0);
    expect(info.bulk_delete).toBeDefined();
    const slo = ok(await run(['capabilities', '--section', 'slo', '-o', 'json'])).json();
    expect(slo.max_manifest_segments).toBe(info.slo.max_manifest_segments);
    fails(await run(['capabilities', '--section', 'nope']), 4, /no section "nope"/);
    ok(await ks(['capabilities', '--section', 'tempurl']));
  });
});

describe('containers', () => {
  it('creates, lists, shows and deletes', async () => {
    const c = ok(await run(['container', 'create', 'c-crud', 'c-crud2', '-o', 'json'])).json();
    expect(c).toEqual([
      { name: 'c-crud', status: 'created' },
      { name: 'c-crud2', status: 'created' },
    ]);
    expect(ok(await run(['container', 'create', 'c-crud', '-o', 'json'])).json()).toEqual([{ name: 'c-crud', status: 'exists' }]);
    const list = ok(await run(['container', 'list', '--prefix', 'c-crud', '-o', 'json'])).json();
    expect(list.map((r: any) => r.name)).toEqual(['c-crud', 'c-crud2']);
    expect(list[0]).toMatchObject({ count: 0, bytes: 0 });
    expect(list[0].last_modified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const plain = ok(await run(['container', 'list', '--prefix', 'c-crud'])).stdout;
    expect(plain).toContain('c-crud2');
    expect(plain).not.toContain('Objects');
    expect(ok(await run(['container', 'list', '--prefix', 'c-crud', '--long'])).stdout).toContain('Objects');
    expect(ok(await run(['container', 'list', '--prefix', 'c-crud', '--limit', '1', '-o', 'value', '-c', 'name'])).stdout).toBe('c-crud\n');
    expect(ok(await run(['container', 'list', '--marker', 'c-crud', '--prefix', 'c-crud', '-o', 'value', '-c', 'name'])).stdout).toBe('c-crud2\n');
    const show = ok(await run(['container', 'show', 'c-crud', '-o', 'json'])).json();
    expect(show).toMatchObject({ name: 'c-crud', count: 0, bytes: 0, read_acl: null, write_acl: null, public: false, storage_policy: 'Policy-0', metadata: {} });
    const del = ok(await run(['container', 'delete', 'c-crud', 'c-crud2', '-o', 'json'])).json();
    expect(del.map((r: any) => r.status)).toEqual(['deleted', 'deleted']);
    fails(await run(['container', 'show', 'c-crud']), 4, /container "c-crud" not found/);
    fails(await run(['container', 'delete', 'c-crud']), 4);
    fails(await run(['object', 'list', 'c-crud']), 4);
  });

  it('refuses a non-empty container (exit 5, hint --recursive); --recursive asks, --yes empties it', async () => {
    ok(await run(['container', 'create', 'c-full']));
    for (const n of ['a', 'b', 'dir/c']) ok(await run(['object', 'upload', 'c-full', '-', '--name', n], { input: n }));
    ok(await run(['object', 'upload', 'c-full', '-', '--name', 'big', '--segment-size', '4'], { input: 'large object in segments' }));
    const r = fails(await run(['container', 'delete', 'c-full']), 5, /container "c-full" is not empty/);
    expect(r.stderr).toContain('--recursive');
    fails(await run(['container', 'delete', 'c-full', '--recursive']), 2, /--yes/);
    const json = fails(await run(['container', 'delete', 'c-full', '-o', 'json']), 5);
    expect(JSON.parse(json.stderr).error).toMatchObject({ kind: 'conflict', exit_code: 5, status: 409, container: 'c-full' });
    const del = ok(await run(['container', 'delete', 'c-full', '--recursive', '--yes', '-o', 'json'])).json();
    expect(del).toEqual([{ name: 'c-full', status: 'deleted', objects_deleted: 4 }]);
    // The large object's segments went with it.
    expect(ok(await run(['object', 'list', 'c-full_segments', '-o', 'json'])).json()).toEqual([]);
  });

  it('--recursive deletes a dynamic large object\'s segments too (unless --leave-segments)', async () => {
    for (const [c, leave] of [['c-dlo', false], ['c-dlo-leave', true]] as const) {
      ok(await run(['object', 'upload', c, '-', '--name', 'big', '--segment-size', '4', '--dlo'], { input: 'dynamic large object' }));
      ok(await run(['object', 'upload', c, '-', '--name', 'empty'], { input: '' }));
      const del = ok(await run(['container', 'delete', c, '--recursive', '--yes', '-o', 'json', ...(leave ? ['--leave-segments'] : [])])).json();
      expect(del).toEqual([{ name: c, status: 'deleted', objects_deleted: 2 }]);
      expect(ok(await run(['object', 'list', `${c}_segments`, '-o', 'json'])).json()).toHaveLength(leave ? 5 : 0);
    }
  });

  it('rejects bad names before any request (exit 2)', async () => {
    fails(await run(['container', 'create', 'a/b']), 2, /contains "\/"/);
    fails(await run(['container', 'show', '']), 2);
  });

  it('sets metadata, versioning and quotas', async () => {
    ok(await run(['container', 'create', 'c-set', 'c-set-versions']));
    const s = ok(await run(['container', 'set', 'c-set', '--meta', 'team=storage', '--versions-location', 'c-set-versions', '--quota-bytes', '1M', '--quota-count', '10', '-o', 'json'])).json();
    expect(s).toMatchObject({ metadata: { team: 'storage' }, versions_location: 'c-set-versions', quota_bytes: 1048576, quota_count: 10 });
    const t = ok(await run(['container', 'set', 'c-set', '--remove-meta', 'team', '--versions-location', '', '--quota-bytes', '', '-o', 'json'])).json();
    expect(t).toMatchObject({ metadata: {}, versions_location: null, quota_bytes: null, quota_count: 10 });
    fails(await run(['container', 'set', 'c-set']), 2, /nothing to change/);
    fails(await run(['container', 'set', 'nope', '--meta', 'a=b']), 4);
    fails(await run(['container', 'set', 'c-set', '--meta', 'bad key=1']), 2);
  });

  it('keystone profiles (swift and openstack backends) see the same containers, JSON identical', async () => {
    ok(await ks(['container', 'create', 'ks-shared']));
    ok(await ks(['object', 'upload', 'ks-shared', '-', '--name', 'x.txt'], { input: 'via keystone' }));
    const a = ok(await ks(['container', 'list', '-o', 'json'])).json();
    const b = ok(await os(['container', 'list', '-o', 'json'])).json();
    expect(b).toEqual(a);
    expect(a.map((r: any) => r.name)).toContain('ks-shared');
    expect(ok(await os(['object', 'show', 'ks-shared', 'x.txt', '-o', 'json'])).stdout).toBe(ok(await ks(['object', 'show', 'ks-shared', 'x.txt', '-o', 'json'])).stdout);
    // A different account than the v1 one.
    expect(ok(await run(['container', 'list', '-o', 'json'])).json().map((r: any) => r.name)).not.toContain('ks-shared');
  });
});

describe('ACLs', () => {
  it('shows X-Container-Read/Write and lets a non-owner read, then write', async () => {
    ok(await run(['container', 'create', 'shared']));
    ok(await run(['object', 'upload', 'shared', '-', '--name', 'doc.txt'], { input: 'shared text' }));
    fails(await tester2(['object', 'list', 'shared']), 3, /access denied/);
    const s = ok(await run(['container', 'set', 'shared', '--read-acl', 'test:tester2', '-o', 'json'])).json();
    expect(s).toMatchObject({ read_acl: 'test:tester2', write_acl: null, public: false });
    expect(ok(await tester2(['object', 'list', 'shared', '-o', 'json'])).json().map((r: any) => r.name)).toEqual(['doc.txt']);
    expect(ok(await tester2(['object', 'download', 'shared', 'doc.txt', '--file', '-'])).stdout).toBe('shared text');
    fails(await tester2(['object', 'upload', 'shared', '-', '--name', 'new.txt'], { input: 'nope' }), 3, /access denied.*upload object "shared\/new.txt"/);
    ok(await run(['container', 'set', 'shared', '--write-acl', 'test:tester2']));
    const w = ok(await tester2(['object', 'upload', 'shared', '-', '--name', 'new.txt', '-o', 'json'], { input: 'from tester2' })).json();
    expect(w[0]).toMatchObject({ name: 'new.txt', status: 'uploaded' });
    const show = ok(await run(['container', 'show', 'shared', '-o', 'json'])).json();
    expect(show).toMatchObject({ read_acl: 'test:tester2', write_acl: 'test:tester2', count: 2 });
    const table = ok(await run(['container', 'show', 'shared'])).stdout;
    expect(table).toMatch(/Read ACL\s*│ test:tester2/);
    expect(table).toMatch(/Write ACL\s*│ test:tester2/);
    ok(await run(['container', 'set', 'shared', '--read-acl', '', '--write-acl', '']));
    fails(await tester2(['object', 'list', 'shared']), 3);
  });

  it('a write-only ACL is enough to upload files and stdin', async () => {
    ok(await run(['container', 'create', 'dropbox', '--write-acl', 'test:tester2']));
    const f = `${h.home}/drop.txt`;
    await import('node:fs/promises').then((fs) => fs.writeFile(f, 'dropped'));
    const a = ok(await tester2(['object', 'upload', 'dropbox', f, '--name', 'drop.txt', '-o', 'json'])).json();
    expect(a[0]).toMatchObject({ status: 'uploaded', bytes: 7 });
    ok(await tester2(['object', 'upload', 'dropbox', '-', '--name', 'drop2.txt'], { input: 'dropped too' }));
    fails(await tester2(['object', 'list', 'dropbox']), 3);
    expect(ok(await run(['object', 'list', 'dropbox', '-o', 'value', '-c', 'name'])).stdout).toBe('drop.txt\ndrop2.txt\n');
  });

  it('--public opens anonymous reads; --private closes them', async () => {
    ok(await run(['container', 'create', 'www', '--public']));
    ok(await run(['object', 'upload', 'www', '-', '--name', 'index.html'], { input: '<h1>hi</h1>' }));
    const { storageUrl } = await v1Auth(h);
    let res = await fetch(`${storageUrl}/www/index.html`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('<h1>hi</h1>');
    expect(ok(await run(['container', 'show', 'www', '-o', 'json'])).json()).toMatchObject({ public: true, read_acl: '.r:*,.rlistings' });
    ok(await run(['container', 'set', 'www', '--private']));
    res = await fetch(`${storageUrl}/www/index.html`);
    expect(res.status).toBe(401);
    await res.arrayBuffer();
  });

  it('ACL changes are visible through the raw API too', async () => {
    ok(await run(['container', 'create', 'acl-raw', '--read-acl', 'test:tester2,.rlistings']));
    const a = await v1Auth(h);
    const r = await api(a, 'HEAD', '/acl-raw');
    expect(r.headers.get('x-container-read')).toBe('test:tester2,.rlistings');
  });
});
