// Cinder through the built CLI against the sandbox's Keystone + Cinder simulators: volumes,
// types, snapshots, backups, quotas, limits, services, errors, v2, microversions and paging.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSandboxHome, type CliResult, type RunOptions, type SandboxHome } from './harness.js';

vi.setConfig({ testTimeout: 90_000 });

let h: SandboxHome;
const run = (args: string[], o?: RunOptions) => h.run(['-p', 'sandbox-openstack', ...args], o);
const demo = (args: string[], o?: RunOptions) => h.run(['-p', 'sandbox-demo', ...args], o);
const cinderCount = (name: string) => h.sandbox.counters().cinder![name] ?? 0;
const keystoneAuth = () => h.sandbox.counters().keystone!.authRequests ?? 0;

function ok(r: CliResult): CliResult {
  expect(r.code, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(0);
  return r;
}

async function createVolume(name: string, size = 1, extra: string[] = []): Promise<any> {
  return ok(await run(['volume', 'create', name, '--size', String(size), '--wait', '-o', 'json', ...extra])).json();
}

beforeAll(async () => {
  h = await startSandboxHome(['openstack']);
  ok(await run(['auth', 'login']));
  ok(await demo(['auth', 'login']));
  // Room for every test's volumes (Cinder's default is 10 volumes per project).
  ok(await run(['quota', 'set', 'admin', '--volumes', '-1', '--snapshots', '-1', '--backups', '-1']));
});

afterAll(async () => {
  await h?.cleanup();
});

describe('volume list', () => {
  it('is exactly one Cinder request with a warm token, and sends the v3 microversion header', async () => {
    await createVolume('list-me');
    const auth = keystoneAuth();
    const requests = cinderCount('requests');
    const r = ok(await run(['volume', 'list', '--debug']));
    expect(cinderCount('requests')).toBe(requests + 1);
    expect(keystoneAuth()).toBe(auth);
    const reqs = r.stderr.split('\n').filter((l) => l.startsWith('REQ: '));
    expect(reqs).toHaveLength(1);
    expect(reqs[0]).toMatch(/GET '.*\/v3\/[0-9a-f]+\/volumes\/detail'/);
    expect(reqs[0]).toContain("-H 'openstack-api-version: volume 3.0'");
    expect(r.stdout).toMatch(/│ ID\s+│ Name\s+│ Status\s+│ Size \(GiB\)\s+│ Attached to\s+│/);
    expect(r.stdout).toContain('list-me');
  });

  it('prints JSON with the same API field names as volume show', async () => {
    const v = await createVolume('same-fields', 2);
    const list = ok(await run(['volume', 'list', '-o', 'json'])).json<any[]>();
    const fromList = list.find((x) => x.id === v.id);
    const shown = ok(await run(['volume', 'show', v.id, '-o', 'json'])).json();
    expect(Object.keys(fromList).sort()).toEqual(Object.keys(shown).sort());
    expect(shown).toMatchObject({ id: v.id, name: 'same-fields', size: 2, status: 'available', volume_type: '__DEFAULT__' });
    expect(typeof shown.size).toBe('number');
    expect(shown).toHaveProperty('os-vol-tenant-attr:tenant_id');
  });

  it('honours -o yaml|csv|value and -c', async () => {
    const v = await createVolume('formats', 3);
    const csv = ok(await run(['volume', 'list', '--name', 'formats', '-o', 'csv', '-c', 'ID', '-c', 'Status', '-c', 'size'])).stdout;
    expect(csv).toBe(`ID,Status,Size (GiB)\r\n${v.id},available,3\r\n`);
    const value = ok(await run(['volume', 'list', '--name', 'formats', '-o', 'value', '-c', 'id', '-c', 'name'])).stdout;
    expect(value).toBe(`${v.id} formats\n`);
    const yaml = ok(await run(['volume', 'list', '--name', 'formats', '-o', 'yaml'])).stdout;
    expect(yaml).toContain(`- id: ${v.id}`);
    expect(yaml).toContain('name: formats');
    const json = ok(await run(['volume', 'list', '--name', 'formats', '-o', 'json', '-c', 'id', '-c', 'size'])).json();
    expect(json).toEqual([{ id: v.id, size: 3 }]);
    const long = ok(await run(['volume', 'list', '--name', 'formats', '--long'])).stdout;
    expect(long).toMatch(/Type\s+│ Bootable\s+│ Availability Zone/);
    const bad = await run(['volume', 'list', '-c', 'nope']);
    expect(bad.code).toBe(2);
  });

  it('filters by --status and --all-projects shows other projects and a Project column', async () => {
    const mine = ok(await demo(['volume', 'create', 'demo-vol', '--size', '1', '--wait', '-o', 'json'])).json();
    const adminOnly = ok(await run(['volume', 'list', '-o', 'json'])).json<any[]>();
    expect(adminOnly.map((x) => x.id)).not.toContain(mine.id);
    const all = ok(await run(['volume', 'list', '--all-projects']));
    expect(all.stdout).toContain(mine.id);
    expect(all.stdout).toMatch(/│ Project\s+│/);
    const avail = ok(await run(['volume', 'list', '--status', 'available', '-o', 'json'])).json<any[]>();
    expect(avail.length).toBeGreaterThan(0);
    expect(avail.every((x) => x.status === 'available')).toBe(true);
    const none = ok(await run(['volume', 'list', '--status', 'error_deleting', '-o', 'json'])).json<any[]>();
    expect(none).toEqual([]);
    const forbidden = await demo(['volume', 'list', '--all-projects', '-o', 'json']);
    expect(forbidden.code, forbidden.stderr).toBe(0); // Cinder ignores all_tenants for non-admins
    expect(forbidden.json<any[]>().map((x) => x.id)).toEqual([mine.id]);
  });
});

describe('name or ID', () => {
  it('an ambiguous name exits 5 listing the matches; an unknown one exits 4', async () => {
    const a = await createVolume('twin');
    const b = await createVolume('twin');
    const r = await run(['volume', 'show', 'twin']);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('2 volumes are named "twin"');
    expect(r.stderr).toContain(a.id);
    expect(r.stderr).toContain(b.id);
    const j = await run(['volume', 'show', 'twin', '-o', 'json']);
    expect(JSON.parse(j.stderr).error).toMatchObject({ kind: 'conflict', exit_code: 5, matches: expect.arrayContaining([a.id, b.id]) });
    const nf = await run(['volume', 'show', 'no-such-volume']);
    expect(nf.code).toBe(4);
    expect(nf.stderr).toContain('no volume with name or ID "no-such-volume"');
    const nf2 = await run(['volume', 'show', '00000000-0000-0000-0000-000000000000']);
    expect(nf2.code).toBe(4);
    ok(await run(['volume', 'show', a.id]));
  });

  it('a unique name is one request', async () => {
    await createVolume('unique-one');
    const before = cinderCount('requests');
    const r = ok(await run(['volume', 'show', 'unique-one', '-o', 'json']));
    expect(r.json().name).toBe('unique-one');
    expect(cinderCount('requests')).toBe(before + 1);
  });
});

describe('volume lifecycle', () => {
  it('create --wait ends available with properties, bootable, description', async () => {
    const v = await createVolume('full', 4, ['--description', 'the full one', '--property', 'owner=dba', '--property', 'tier=gold', '--bootable']);
    expect(v).toMatchObject({ status: 'available', size: 4, description: 'the full one', bootable: 'true', metadata: { owner: 'dba', tier: 'gold' } });
    const table = ok(await run(['volume', 'show', 'full'])).stdout;
    expect(table).toMatch(/Properties\s+│ owner='dba', tier='gold'/);
  });

  it('create without --size (and no source) is a usage error', async () => {
    const r = await run(['volume', 'create', 'nosize']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--size is required');
  });

  it('a volume that ends in error exits non-zero with the server\'s fault message', async () => {
    ok(await run(['volume', 'type', 'create', 'nowhere', '--property', 'volume_backend_name=doesnotexist']));
    const r = await run(['volume', 'create', 'doomed', '--size', '1', '--type', 'nowhere', '--wait']);
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(/volume [0-9a-f-]+ \(doomed\) ended in status error: .*Could not find any available weighted backend/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const shown = ok(await run(['volume', 'show', 'doomed', '-o', 'json'])).json();
    expect(shown.status).toBe('error');
    ok(await run(['volume', 'delete', 'doomed', '--yes', '--wait']));
  });

  it('extend --wait grows the volume; shrinking is refused', async () => {
    const v = await createVolume('grow', 1);
    const r = ok(await run(['volume', 'extend', 'grow', '3', '--wait', '-o', 'json']));
    expect(r.json()).toMatchObject({ id: v.id, size: 3, status: 'available' });
    const shrink = await run(['volume', 'extend', 'grow', '2']);
    expect(shrink.code).toBe(2);
    expect(shrink.stderr).toContain('already 3 GiB');
  });

  it('sizes: any unit that is whole GiB is taken (2048MiB, 3072MiB, 4GiB); 10GB or 5GB (not whole GiB) is refused with the nearest sizes, before any request', async () => {
    const v = ok(await run(['volume', 'create', 'units', '--size', '2048MiB', '--wait', '-o', 'json'])).json();
    expect(v.size).toBe(2);
    const before = cinderCount('requests');
    for (const [args, msg] of [
      [['volume', 'create', 'units-gb', '--size', '10GB'], '--size 10GB is 9.31 GiB, not a whole number of GiB: use 9GiB or 10GiB'],
      [['volume', 'extend', 'units', '5GB'], 'SIZE 5GB is 4.66 GiB, not a whole number of GiB: use 4GiB or 5GiB'],
      [['volume', 'extend', 'units', '0.5'], 'use 1GiB'],
    ] as const) {
      const r = await run([...args]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(msg);
      expect(r.stderr).toMatch(/KB\/MB\/GB\/TB powers of 1000/);
    }
    expect(cinderCount('requests')).toBe(before);
    expect(ok(await run(['volume', 'extend', 'units', '3072MiB', '--wait', '-o', 'json'])).json()).toMatchObject({ id: v.id, size: 3 });
    expect(ok(await run(['volume', 'extend', 'units', '4GiB', '--wait', '-o', 'json'])).json()).toMatchObject({ size: 4 });
    ok(await run(['volume', 'delete', 'units', '--yes', '--wait']));
  });

  it('extending an attached volume negotiates microversion 3.42 (and only then looks up the server max)', async () => {
    const v = await createVolume('attached-grow', 1);
    ok(await run(['api', '--service', 'volumev3', 'POST', `/volumes/${v.id}/action`, '-d', JSON.stringify({ 'os-attach': { instance_uuid: '11111111-2222-3333-4444-555555555555', mountpoint: '/dev/vdb' } })]));
    const listed = ok(await run(['volume', 'list', '--name', 'attached-grow'])).stdout;
    expect(listed).toContain('11111111-2222-3333-4444-555555555555 on /dev/vdb');
    const versionsBefore = cinderCount('versions');
    const r = ok(await run(['volume', 'extend', 'attached-grow', '2', '--wait', '--debug', '-o', 'json']));
    expect(r.json()).toMatchObject({ size: 2, status: 'in-use' });
    expect(r.stderr).toContain("-H 'openstack-api-version: volume 3.42'");
    expect(cinderCount('versions')).toBe(versionsBefore + 1);
    const pinned = await run(['volume', 'extend', 'attached-grow', '3', '--os-volume-api-version', '3.10']);
    expect(pinned.code).toBe(2);
    expect(pinned.stderr).toContain('needs Cinder microversion 3.42');
  });

  it('deleting an in-use volume is refused with Cinder\'s message (exit 5); after detach it goes', async () => {
    const v = await createVolume('busy', 1);
    ok(await run(['api', '--service', 'volumev3', 'POST', `/volumes/${v.id}/action`, '-d', JSON.stringify({ 'os-attach': { instance_uuid: '99999999-2222-3333-4444-555555555555', mountpoint: '/dev/vdc' } })]));
    const r = await run(['volume', 'delete', 'busy', '--yes']);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('Invalid volume: Volume status must be available or error');
    ok(await run(['api', '--service', 'volumev3', 'POST', `/volumes/${v.id}/action`, '-d', '{"os-detach": {}}']));
    ok(await run(['volume', 'delete', 'busy', '--yes', '--wait']));
    expect((await run(['volume', 'show', v.id])).code).toBe(4);
  });

  it('delete asks for confirmation: refused without --yes when stdin is not a terminal', async () => {
    await createVolume('keep-me');
    const r = await run(['volume', 'delete', 'keep-me']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--yes');
    ok(await run(['volume', 'show', 'keep-me']));
  });

  it('deletes several volumes at once', async () => {
    const a = await createVolume('multi-a');
    const b = await createVolume('multi-b');
    ok(await run(['volume', 'delete', 'multi-a', b.id, '--yes', '--wait']));
    const ids = ok(await run(['volume', 'list', '-o', 'json'])).json<any[]>().map((x) => x.id);
    expect(ids).not.toContain(a.id);
    expect(ids).not.toContain(b.id);
  });

  it('set changes name, description, metadata, bootable and read-only', async () => {
    const v = await createVolume('settable', 1, ['--property', 'a=1', '--property', 'tmp=x']);
    const r = ok(await run(['volume', 'set', 'settable', '--name', 'renamed', '--description', 'new', '--property', 'b=2', '--unset-property', 'tmp', '--bootable', '--read-only', '-o', 'json']));
    expect(r.json()).toMatchObject({ id: v.id, name: 'renamed', description: 'new', bootable: 'true', metadata: { a: '1', b: '2', readonly: 'True' } });
    expect(r.json().metadata).not.toHaveProperty('tmp');
    const cleared = ok(await run(['volume', 'set', 'renamed', '--clear-properties', '--property', 'only=me', '--non-bootable', '--read-write', '-o', 'json'])).json();
    expect(cleared.metadata).toEqual({ only: 'me', readonly: 'False' });
    expect(cleared.bootable).toBe('false');
    expect((await run(['volume', 'set', 'renamed'])).code).toBe(2);
  });

  it('retype --wait moves the volume to another type', async () => {
    ok(await run(['volume', 'type', 'create', 'fast', '--description', 'SSD']));
    await createVolume('retype-me');
    const r = ok(await run(['volume', 'retype', 'retype-me', 'fast', '--wait', '-o', 'json']));
    expect(r.json()).toMatchObject({ volume_type: 'fast', status: 'available' });
  });
});

describe('volume types', () => {
  it('list, show, create (conflict on a duplicate), delete (refused while in use)', async () => {
    const t = ok(await run(['volume', 'type', 'create', 'gold', '--property', 'volume_backend_name=fake', '--description', 'replicated', '-o', 'json'])).json();
    expect(t).toMatchObject({ name: 'gold', is_public: true, extra_specs: { volume_backend_name: 'fake' } });
    const dup = await run(['volume', 'type', 'create', 'gold']);
    expect(dup.code).toBe(5);
    expect(dup.stderr).toContain('Volume Type gold already exists.');
    const list = ok(await run(['volume', 'type', 'list', '-o', 'json'])).json<any[]>();
    expect(list.map((x) => x.name)).toEqual(expect.arrayContaining(['__DEFAULT__', 'gold']));
    const shown = ok(await run(['volume', 'type', 'show', 'gold', '-o', 'json'])).json();
    expect(Object.keys(shown).sort()).toEqual(Object.keys(list.find((x) => x.name === 'gold')).sort());
    const table = ok(await run(['volume', 'type', 'list', '--long'])).stdout;
    expect(table).toContain("volume_backend_name='fake'");
    await createVolume('gold-vol', 1, ['--type', 'gold']);
    const busy = await run(['volume', 'type', 'delete', 'gold', '--yes']);
    expect(busy.code).toBe(5);
    ok(await run(['volume', 'delete', 'gold-vol', '--yes', '--wait']));
    ok(await run(['volume', 'type', 'delete', 'gold', '--yes']));
    expect((await run(['volume', 'type', 'show', 'gold'])).code).toBe(4);
    const priv = ok(await run(['volume', 'type', 'create', 'hidden', '--private', '-o', 'json'])).json();
    expect(priv.is_public).toBe(false);
    const pub = ok(await run(['volume', 'type', 'list', '-o', 'json'])).json<any[]>();
    expect(pub.map((x) => x.name)).not.toContain('hidden');
    const all = ok(await run(['volume', 'type', 'list', '--all', '-o', 'json'])).json<any[]>();
    expect(all.map((x) => x.name)).toContain('hidden');
  });
});

describe('snapshots', () => {
  it('create --wait, list, show, set, volume from snapshot, delete; cascade deletes a volume with snapshots', async () => {
    const v = await createVolume('snap-src', 2);
    const s = ok(await run(['snapshot', 'create', 'snap-1', '--volume', 'snap-src', '--description', 'first', '--property', 'k=v', '--wait', '-o', 'json'])).json();
    expect(s).toMatchObject({ name: 'snap-1', status: 'available', volume_id: v.id, size: 2, metadata: { k: 'v' } });
    const list = ok(await run(['snapshot', 'list', '--volume', 'snap-src', '-o', 'json'])).json<any[]>();
    expect(list.map((x) => x.id)).toEqual([s.id]);
    const shown = ok(await run(['snapshot', 'show', 'snap-1', '-o', 'json'])).json();
    expect(Object.keys(shown).sort()).toEqual(Object.keys(list[0]).sort());
    const set = ok(await run(['snapshot', 'set', 'snap-1', '--name', 'snap-one', '--property', 'x=y', '-o', 'json'])).json();
    expect(set).toMatchObject({ name: 'snap-one', metadata: { k: 'v', x: 'y' } });
    const table = ok(await run(['snapshot', 'list', '--long'])).stdout;
    expect(table).toMatch(/│ ID\s+│ Name\s+│ Description\s+│ Status\s+│ Size \(GiB\)\s+│ Volume/);
    const fromSnap = ok(await run(['volume', 'create', 'from-snap', '--snapshot', 'snap-one', '--wait', '-o', 'json'])).json();
    expect(fromSnap).toMatchObject({ size: 2, snapshot_id: s.id, status: 'available' });
    const refused = await run(['volume', 'delete', 'snap-src', '--yes']);
    expect(refused.code).toBe(5);
    ok(await run(['volume', 'delete', 'snap-src', '--cascade', '--yes', '--wait']));
    expect((await run(['snapshot', 'show', s.id])).code).toBe(4);
    const s2 = ok(await run(['snapshot', 'create', 'snap-2', '--volume', 'from-snap', '--wait', '-o', 'json'])).json();
    ok(await run(['snapshot', 'delete', 'snap-2', '--yes', '--wait']));
    expect((await run(['snapshot', 'show', s2.id])).code).toBe(4);
  });

  it('a snapshot of an in-use volume needs --force', async () => {
    const v = await createVolume('snap-busy');
    ok(await run(['api', '--service', 'volumev3', 'POST', `/volumes/${v.id}/action`, '-d', JSON.stringify({ 'os-attach': { instance_uuid: '77777777-2222-3333-4444-555555555555', mountpoint: '/dev/vdd' } })]));
    const r = await run(['snapshot', 'create', 'nope', '--volume', 'snap-busy']);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('must be available');
    ok(await run(['snapshot', 'create', 'forced', '--volume', 'snap-busy', '--force', '--wait']));
  });

  it('without --volume: "--volume is required" (exit 2, no request); the help\'s VOLUME --name NAME form works', async () => {
    const before = cinderCount('requests');
    const r = await run(['snapshot', 'create', 'nightly', '--wait']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/--volume is required/);
    expect(r.stderr).not.toMatch(/undefined/);
    expect(cinderCount('requests')).toBe(before);
    const v = await createVolume('snap-named-src');
    const s = ok(await run(['snapshot', 'create', 'snap-named-src', '--name', 'snap-named-before-upgrade', '--wait', '-o', 'json'])).json();
    expect(s).toMatchObject({ name: 'snap-named-before-upgrade', volume_id: v.id, status: 'available' });
    expect((await run(['snapshot', 'create', 'x', '--volume', 'snap-named-src', '--name', 'y'])).code).toBe(2);
    ok(await run(['snapshot', 'delete', s.id, '--yes', '--wait']));
  });
});

describe('backups', () => {
  it('create --wait, list, show, restore --wait into a new volume, delete --wait', async () => {
    const v = await createVolume('backup-src', 1);
    const b = ok(await run(['backup', 'create', 'backup-src', '--name', 'bk-1', '--wait', '-o', 'json'])).json();
    expect(b).toMatchObject({ name: 'bk-1', status: 'available', volume_id: v.id, size: 1 });
    const list = ok(await run(['backup', 'list', '-o', 'json'])).json<any[]>();
    expect(list.map((x) => x.id)).toContain(b.id);
    const shown = ok(await run(['backup', 'show', 'bk-1', '-o', 'json'])).json();
    expect(Object.keys(shown).sort()).toEqual(Object.keys(list.find((x) => x.id === b.id)).sort());
    const restored = ok(await run(['backup', 'restore', 'bk-1', '--name', 'from-backup', '--wait', '-o', 'json'])).json();
    expect(restored).toMatchObject({ backup_id: b.id, volume_name: 'from-backup' });
    const rv = ok(await run(['volume', 'show', restored.volume_id, '-o', 'json'])).json();
    expect(rv.status).toBe('available');
    const overwrite = await run(['backup', 'restore', 'bk-1', 'backup-src']);
    expect(overwrite.code).toBe(2); // asks first; no terminal here
    ok(await run(['backup', 'restore', 'bk-1', 'backup-src', '--yes', '--wait']));
    ok(await run(['backup', 'delete', 'bk-1', '--yes', '--wait']));
    expect((await run(['backup', 'show', b.id])).code).toBe(4);
  });

  it('backup metadata needs microversion 3.43, which is negotiated', async () => {
    await createVolume('bk-meta-src');
    const r = ok(await run(['backup', 'create', 'bk-meta-src', '--name', 'bk-meta', '--property', 'why=test', '--wait', '--debug', '-o', 'json']));
    expect(r.stderr).toContain("-H 'openstack-api-version: volume 3.43'");
    ok(await run(['backup', 'delete', 'bk-meta', '--yes', '--wait']));
  });

  it('without a cinder-backup service: delete and restore exit 7 with Cinder\'s text (not 4), create ends in error', async () => {
    await createVolume('bk-nosvc-src');
    const b = ok(await run(['backup', 'create', 'bk-nosvc-src', '--name', 'bk-nosvc', '--wait', '-o', 'json'])).json();
    const cinderSim = h.sandbox.sims.cinder!;
    cinderSim.setBackupService(false);
    try {
      const services = ok(await run(['volume', 'service', 'list', '-o', 'json'])).json<any[]>();
      expect(services.map((s) => s.binary)).not.toContain('cinder-backup');
      const del = await run(['backup', 'delete', 'bk-nosvc', '--yes']);
      expect(del.code, del.stderr).toBe(7);
      expect(del.stderr).toMatch(/Service cinder-backup could not be found/);
      expect(del.stderr).not.toMatch(/not found;|no backup/i);
      const restore = await run(['backup', 'restore', 'bk-nosvc', '--name', 'never', '--yes']);
      expect(restore.code, restore.stderr).toBe(7);
      expect(restore.stderr).toMatch(/Service cinder-backup could not be found/);
      // The backup is still there, untouched.
      expect(ok(await run(['backup', 'show', b.id, '-o', 'json'])).json().status).toBe('available');
      const made = await run(['backup', 'create', 'bk-nosvc-src', '--name', 'bk-nosvc-2', '--wait']);
      expect(made.code).toBe(7);
      expect(made.stderr).toMatch(/ended in status error: Service not found for creating backup\./);
    } finally {
      cinderSim.setBackupService(true);
    }
    ok(await run(['backup', 'delete', 'bk-nosvc', 'bk-nosvc-2', '--yes', '--wait']));
  });
});

describe('quotas, limits, services', () => {
  it('quota show has limit, in_use and reserved; quota set changes limits (admin)', async () => {
    const rows = ok(await run(['quota', 'show', '-o', 'json'])).json<any[]>();
    const volumes = rows.find((r) => r.resource === 'volumes');
    expect(volumes).toMatchObject({ limit: expect.any(Number), in_use: expect.any(Number), reserved: 0 });
    const set = ok(await run(['quota', 'set', 'admin', '--volumes', '1000', '--gigabytes', '5000', '-o', 'json'])).json<any[]>();
    expect(set.find((r) => r.resource === 'volumes').limit).toBe(1000);
    expect(set.find((r) => r.resource === 'gigabytes').limit).toBe(5000);
    const typed = ok(await run(['quota', 'set', 'admin', '--volume-type', '__DEFAULT__', '--volumes', '50', '-o', 'json'])).json<any[]>();
    expect(typed.find((r) => r.resource === 'volumes___DEFAULT__').limit).toBe(50);
    const table = ok(await run(['quota', 'show', 'admin'])).stdout;
    expect(table).toMatch(/│ Resource\s+│ Limit\s+│ In Use\s+│ Reserved\s+│/);
    const defaults = ok(await run(['quota', 'show', '--default', '-o', 'json'])).json<any[]>();
    expect(defaults.find((r) => r.resource === 'volumes').limit).toBe(10);
    const denied = await demo(['quota', 'set', '--volumes', '1000']);
    expect(denied.code).toBe(3);
    expect((await run(['quota', 'set', 'admin'])).code).toBe(2);
  });

  it('an over-quota create fails with Cinder\'s overLimit message on one line', async () => {
    const r = await demo(['volume', 'create', 'too-big', '--size', '5000']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^storctl: VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed gigabytes quota\..*; see `storctl quota show`/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a badRequest is shown with the server\'s message', async () => {
    const r = await run(['volume', 'create', 'bad-az', '--size', '1', '--availability-zone', 'mars']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Availability zone 'mars' is invalid.");
    const j = await run(['volume', 'create', 'bad-az', '--size', '1', '--availability-zone', 'mars', '-o', 'json']);
    expect(JSON.parse(j.stderr).error).toMatchObject({ status: 400, fault: 'badRequest', request_id: expect.stringMatching(/^req-/) });
  });

  it('limits show lists the absolute limits', async () => {
    const rows = ok(await run(['limits', 'show', '-o', 'json'])).json<any[]>();
    expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(['maxTotalVolumes', 'totalVolumesUsed', 'maxTotalVolumeGigabytes']));
  });

  it('volume service list works for admins and is an auth error (exit 3) for members', async () => {
    const rows = ok(await run(['volume', 'service', 'list', '-o', 'json'])).json<any[]>();
    expect(rows.map((r) => r.binary)).toEqual(expect.arrayContaining(['cinder-scheduler', 'cinder-volume']));
    const only = ok(await run(['volume', 'service', 'list', '--service', 'cinder-volume', '-o', 'json'])).json<any[]>();
    expect(only.every((r) => r.binary === 'cinder-volume')).toBe(true);
    const denied = await demo(['volume', 'service', 'list']);
    expect(denied.code).toBe(3);
    expect(denied.stderr).toContain('often admin');
  });
});

describe('API versions', () => {
  it('--os-volume-api-version 2 uses the v2 endpoint and sends no microversion', async () => {
    const v = await createVolume('on-v2');
    const r = ok(await run(['volume', 'list', '--os-volume-api-version', '2', '--debug', '-o', 'json']));
    const reqs = r.stderr.split('\n').filter((l) => l.startsWith('REQ: '));
    expect(reqs).toHaveLength(1);
    expect(reqs[0]).toMatch(/\/v2\/[0-9a-f]+\/volumes\/detail'/);
    expect(reqs[0]).not.toContain('openstack-api-version');
    expect(r.json<any[]>().map((x) => x.id)).toContain(v.id);
    const shown = ok(await run(['volume', 'show', 'on-v2', '--os-volume-api-version', '2', '-o', 'json'])).json();
    expect(shown.id).toBe(v.id);
    const made = ok(await run(['volume', 'create', 'made-on-v2', '--size', '1', '--wait', '--os-volume-api-version', '2', '-o', 'json'])).json();
    expect(made.status).toBe('available');
    const noMv = await run(['volume', 'extend', 'made-on-v2', '2', '--os-volume-api-version', '2', '--wait']);
    expect(noMv.code, noMv.stderr).toBe(0);
  });

  it('a profile whose endpoints map has only volumev2 degrades to v2 paths', async () => {
    const pid = ok(await run(['auth', 'token', '-o', 'json'])).json().project_id;
    const url = `${h.sandbox.services.cinder}/v2/${pid}`;
    const add = await h.run(['profile', 'add', 'v2-only', 'backend=openstack', `auth_url=${h.sandbox.services.keystone}/v3`, 'username=admin', 'password=adminpass', 'project_name=admin', 'user_domain_name=Default', 'project_domain_name=Default', `endpoints={"volumev2": "${url}"}`]);
    ok(add);
    const r = ok(await h.run(['-p', 'v2-only', 'volume', 'list', '--debug', '-o', 'json']));
    expect(r.stderr).toContain(`GET '${url}/volumes/detail'`);
    expect(r.stderr).not.toContain('openstack-api-version');
    const backup = await h.run(['-p', 'v2-only', 'backup', 'create', 'on-v2', '--property', 'a=b']);
    expect(backup.code).toBe(2);
    expect(backup.stderr).toContain('this endpoint is v2');
  });

  it('an unversioned block-storage endpoint is resolved from its version document', async () => {
    const pid = ok(await run(['auth', 'token', '-o', 'json'])).json().project_id;
    const root = h.sandbox.services.cinder;
    ok(await h.run(['profile', 'add', 'unversioned', 'backend=openstack', `auth_url=${h.sandbox.services.keystone}/v3`, 'username=admin', 'password=adminpass', 'project_name=admin', 'user_domain_name=Default', 'project_domain_name=Default', `endpoints={"block-storage": "${root}"}`]));
    const r = ok(await h.run(['-p', 'unversioned', 'volume', 'list', '--debug', '-o', 'json']));
    const reqs = r.stderr.split('\n').filter((l) => l.startsWith('REQ: '));
    expect(reqs.some((l) => l.includes(`GET '${root}/'`))).toBe(true);
    expect(reqs.some((l) => l.includes(`GET '${root}/v3/${pid}/volumes/detail'`))).toBe(true);
  });

  it('an explicit microversion is sent on every request and shapes the JSON', async () => {
    await createVolume('mv-shape');
    const r = ok(await run(['volume', 'show', 'mv-shape', '--os-volume-api-version', '3.63', '--debug', '-o', 'json']));
    expect(r.stderr).toContain("-H 'openstack-api-version: volume 3.63'");
    expect(r.json()).toHaveProperty('volume_type_id');
    expect(r.json()).toHaveProperty('group_id');
    const plain = ok(await run(['volume', 'show', 'mv-shape', '-o', 'json'])).json();
    expect(plain).not.toHaveProperty('volume_type_id');
  });

  it('a microversion the server does not support is a usage error with the server\'s range', async () => {
    const r = await run(['volume', 'list', '--os-volume-api-version', '3.99']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Version 3.99 is not supported by the API. Minimum is 3.0 and maximum is 3.70.');
    const bad = await run(['volume', 'list', '--os-volume-api-version', 'banana']);
    expect(bad.code).toBe(2);
  });

  it('--os-volume-api-version latest discovers the maximum once', async () => {
    await createVolume('latest-one');
    const before = cinderCount('versions');
    const r = ok(await run(['volume', 'show', 'latest-one', '--os-volume-api-version', 'latest', '--debug']));
    expect(r.stderr).toContain("-H 'openstack-api-version: volume 3.70'");
    expect(cinderCount('versions')).toBe(before + 1);
  });
});

describe('paging', () => {
  const N = 2500;
  let token = '';
  let base = '';

  beforeAll(async () => {
    ok(await run(['quota', 'set', 'demo', '--volumes', '-1', '--gigabytes', '-1']));
    const t = ok(await demo(['auth', 'token', '-o', 'json'])).json();
    token = t.token;
    base = `${h.sandbox.services.cinder}/v3/${t.project_id}`;
    const existing = ok(await demo(['volume', 'list', '-o', 'json'])).json<any[]>().length;
    // Seeding through the API (the sandbox does not hand out the simulator object).
    let next = existing;
    const worker = async () => {
      while (next < N) {
        const i = next++;
        const res = await fetch(`${base}/volumes`, {
          method: 'POST',
          headers: { 'x-auth-token': token, 'content-type': 'application/json' },
          body: JSON.stringify({ volume: { size: 1, name: `page-${String(i).padStart(5, '0')}` } }),
        });
        if (res.status !== 202) throw new Error(`seeding: HTTP ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
  }, 120_000);

  it('lists thousands of volumes completely, following the marker page by page', async () => {
    const lists = cinderCount('volumesList');
    const r = ok(await demo(['volume', 'list', '-o', 'json'], { timeoutMs: 60_000 }));
    const all = r.json<any[]>();
    expect(all).toHaveLength(N);
    expect(new Set(all.map((x) => x.id)).size).toBe(N);
    expect(cinderCount('volumesList')).toBe(lists + 3);
  }, 60_000);

  it('streams a table of every volume and stops early with --limit', async () => {
    const table = ok(await demo(['volume', 'list'], { timeoutMs: 60_000 })).stdout;
    expect(table.split('\n').filter((l) => /^│ [0-9a-f]{8}-/.test(l))).toHaveLength(N);
    const lists = cinderCount('volumesList');
    const limited = ok(await demo(['volume', 'list', '--limit', '1500', '-o', 'value', '-c', 'id'])).stdout.trim().split('\n');
    expect(limited).toHaveLength(1500);
    expect(cinderCount('volumesList')).toBe(lists + 2);
  }, 60_000);
});
