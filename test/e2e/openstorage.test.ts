// The OpenStorage commands through the built CLI against the simulator, over gRPC and over
// the REST gateway: every read must print byte-identical JSON on both transports, every
// failure the same exit code and one-line message.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeHome, ROOT, startSandboxHome, type CliResult, type TestHome } from './harness.js';

// Each step runs the CLI a few times per transport; on a busy machine that is more than the
// default 30 s.
vi.setConfig({ testTimeout: 180_000 });

type SimMod = typeof import('../../src/sandbox/openstorage/index.js');
type Transport = 'grpc' | 'rest';
const TRANSPORTS: Transport[] = ['grpc', 'rest'];

const SECRET = 'e2e-openstorage-shared-secret';
const ISSUER = 'storctl-e2e';

let sim: Awaited<ReturnType<SimMod['startOpenStorage']>>;
let h: TestHome;
let adminToken: string;

function profileYaml(name: string, t: Transport | 'both', settings: Record<string, string>): string {
  const lines = [`  ${name}:`, '    backend: openstorage', `    endpoint: ${sim.grpcAddress}`, `    rest_endpoint: ${sim.restUrl}`];
  if (t === 'rest') lines.push('    transport: rest');
  for (const [k, v] of Object.entries(settings)) lines.push(`    ${k}: ${v}`);
  return lines.join('\n');
}

beforeAll(async () => {
  const mod = (await import(join(ROOT, 'dist/sandbox/openstorage/index.js'))) as SimMod;
  sim = await mod.startOpenStorage({
    auth: { sharedSecret: SECRET, issuer: ISSUER },
    pools: [{ uuid: 'pool-a-0001', totalSize: 2 ** 40, medium: 'STORAGE_MEDIUM_NVME' }],
    backupDurationMs: 300,
  });
  adminToken = sim.mintToken({ sub: 'admin@e2e', name: 'admin', roles: ['system.admin'], groups: ['*'] });
  const viewToken = sim.mintToken({ sub: 'viewer@e2e', name: 'viewer', roles: ['system.view'] });
  const expired = sim.mintToken({ sub: 'admin@e2e', name: 'admin', roles: ['system.admin'], expiresInSeconds: -120 });
  const now = Math.floor(Date.now() / 1000);
  const badSignature = mod.signJwt({ iss: ISSUER, sub: 'admin@e2e', name: 'admin', email: 'a@e2e', iat: now, exp: now + 3600, roles: ['system.admin'] }, 'not-the-secret');
  const untrusted = sim.mintToken({ sub: 'x', roles: ['system.admin'], issuer: 'someone-else.example' });
  const profiles: string[] = [];
  for (const t of TRANSPORTS) {
    profiles.push(profileYaml(t, t, { token: adminToken }));
    profiles.push(profileYaml(`guest-${t}`, t, {}));
    profiles.push(profileYaml(`view-${t}`, t, { token: viewToken }));
    profiles.push(profileYaml(`expired-${t}`, t, { token: expired }));
    profiles.push(profileYaml(`badsig-${t}`, t, { token: badSignature }));
    profiles.push(profileYaml(`untrusted-${t}`, t, { token: untrusted }));
    profiles.push(profileYaml(`garbage-${t}`, t, { token: 'not-a-jwt' }));
  }
  profiles.push(['  down-grpc:', '    backend: openstorage', '    endpoint: 127.0.0.1:1'].join('\n'));
  profiles.push(['  down-rest:', '    backend: openstorage', '    transport: rest', '    rest_endpoint: http://127.0.0.1:1'].join('\n'));
  h = await makeHome();
  await mkdir(join(h.home, '.config/storctl'), { recursive: true, mode: 0o700 });
  await writeFile(join(h.home, '.config/storctl/config.yaml'), `current_profile: grpc\nprofiles:\n${profiles.join('\n')}\n`, { mode: 0o600 });
}, 60_000);

afterAll(async () => {
  await sim?.close();
  await h?.cleanup();
});

const run = (profile: string, args: string[], opts?: Parameters<TestHome['run']>[1]) => h.run(['-p', profile, ...args], opts);

function ok(r: CliResult, what: string): void {
  expect(r.code, `${what}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(0);
}

/** Runs a read over both transports with -o json: both succeed and print the very same bytes. */
async function both(args: string[], prefix = ''): Promise<any> {
  const [g, r] = await Promise.all([run(`${prefix}grpc`, ['-o', 'json', ...args]), run(`${prefix}rest`, ['-o', 'json', ...args])]);
  ok(g, `grpc: ${args.join(' ')}`);
  ok(r, `rest: ${args.join(' ')}`);
  expect(r.stdout).toBe(g.stdout);
  return g.json();
}

/** Runs a failing command over both transports: same exit code, same one-line message. */
async function bothFail(args: string[], code: number, message: RegExp, prefix = ''): Promise<string> {
  const [g, r] = await Promise.all([run(`${prefix}grpc`, args), run(`${prefix}rest`, args)]);
  for (const [t, res] of [['grpc', g], ['rest', r]] as const) {
    expect(res.code, `${t}: ${args.join(' ')}\n${res.stderr}`).toBe(code);
    const errorLines = res.stderr.split('\n').filter((l) => l.startsWith('storctl: ') && !l.startsWith('storctl: warning:'));
    expect(errorLines, `${t}: ${res.stderr}`).toHaveLength(1);
    expect(errorLines[0]).toMatch(message);
    expect(res.stdout).toBe('');
  }
  expect(r.stderr.replaceAll('grpc', 'rest')).toBe(g.stderr.replaceAll('grpc', 'rest'));
  return g.stderr;
}

/** Per transport (a mutation done once over each). */
async function each<T>(fn: (t: Transport) => Promise<T>): Promise<Record<Transport, T>> {
  const [g, r] = await Promise.all([fn('grpc'), fn('rest')]);
  return { grpc: g, rest: r };
}

describe('identity, cluster, nodes, pools', () => {
  it('identity version', async () => {
    const v = await both(['identity', 'version']);
    expect(v.sdk_version).toEqual({ major: 0, minor: 186, patch: 0, version: '0.186.0' });
    expect(v.version.driver).toBe('fake');
    const table = await run('grpc', ['identity', 'version']);
    expect(table.stdout).toMatch(/SDK Version\s+│ 0\.186\.0/);
  });

  it('identity capabilities', async () => {
    const caps = await both(['identity', 'capabilities']);
    expect(caps.map((c: any) => c.service.type)).toContain('VOLUME');
    expect(caps[0]).not.toHaveProperty('type'); // no oneof marker
  });

  it('cluster show', async () => {
    expect(await both(['cluster', 'show'])).toEqual({ status: 'STATUS_OK', id: 'ce6b309e289d620be08c964969aeb39f', name: 'mock' });
  });

  it('node list and node show (with usage)', async () => {
    const nodes = await both(['node', 'list']);
    expect(nodes).toHaveLength(1);
    expect(nodes[0]).toMatchObject({ id: '1', status: 'STATUS_OK', mem_total: 25276063744, cpu_cores: 2, security_status: 'SECURED' });
    expect(await both(['node', 'show', '1'])).toEqual(nodes[0]);
    expect(await both(['node', 'show'])).toEqual(nodes[0]);
    const [g, r] = await Promise.all([run('grpc', ['node', 'show', '--usage', '-o', 'json']), run('rest', ['node', 'show', '--usage', '-o', 'json'])]);
    ok(g, 'node show --usage');
    expect(r.stdout).toBe(g.stdout);
    expect(g.stderr).toMatch(/warning: no per-volume usage: .*Operation not supported/);
    await bothFail(['node', 'show', '42'], 4, /^storctl: Node id 42 not found$/);
  });

  it('pool list and pool show', async () => {
    const pools = await both(['pool', 'list']);
    expect(pools).toEqual([expect.objectContaining({ uuid: 'pool-a-0001', node_id: '1', TotalSize: 2 ** 40, Used: 0, Medium: 'STORAGE_MEDIUM_NVME', ID: 0 })]);
    expect(await both(['pool', 'show', 'pool-a-0001'])).toEqual(pools[0]);
    await bothFail(['pool', 'show', 'nope'], 4, /no storage pool nope/);
  });
});

describe('volumes', () => {
  const names = { grpc: 'vol-g', rest: 'vol-r' };

  it('volume create (size units, HA, labels, sharing, IO profile)', async () => {
    const created = await each((t) => run(t, ['volume', 'create', names[t], '--size', '10GiB', '--replicas', '2', '--label', 'app=db', '-l', `via=${t}`, '--shared', '--io-profile', 'db_remote', '--fs', 'ext4', '--cos', 'high', '-o', 'json']));
    for (const t of TRANSPORTS) {
      ok(created[t], `create over ${t}`);
      const v = created[t].json();
      expect(v.locator.name).toBe(names[t]);
      expect(v.spec).toMatchObject({ size: 10 * 2 ** 30, ha_level: 2, shared: true, io_profile: 'IO_PROFILE_DB_REMOTE', format: 'FS_TYPE_EXT4', cos: 'HIGH', ownership: { owner: 'admin@e2e' } });
      expect(v.locator.volume_labels).toEqual({ app: 'db', via: t });
      expect(v.ctime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      expect(typeof v.id).toBe('string');
    }
    const plain = await run('grpc', ['volume', 'create', 'vol-plain', '--size', '1', '-o', 'json']);
    ok(plain, 'create with a plain number');
    expect(plain.json().spec.size).toBe(2 ** 30);
  });

  it('volume create refuses a taken name (5) and a bad size (2)', async () => {
    await bothFail(['volume', 'create', 'vol-g', '--size', '1GiB'], 5, /a volume named "vol-g" already exists/);
    await bothFail(['volume', 'create', 'x', '--size', '10 parsecs'], 2, /not a size|unknown unit/);
  });

  it('volume show by id or name, identical over both transports', async () => {
    const byName = await both(['volume', 'show', 'vol-g']);
    const byId = await both(['volume', 'show', byName.id]);
    expect(byId).toEqual(byName);
    // every field present with proto3 defaults, none of grpc-js's oneof markers
    expect(byName).toMatchObject({ readonly: false, attached_on: '', attach_path: [], usage: 0, source: { parent: '', seed: '' } });
    await bothFail(['volume', 'show', 'no-such-volume'], 4, /^storctl: Volume id no-such-volume not found$/);
  });

  it('volume list with label, name and owner filters', async () => {
    const all = await both(['volume', 'list']);
    expect(all.map((v: any) => v.locator.name).sort()).toEqual(['vol-g', 'vol-plain', 'vol-r']);
    const db = await both(['volume', 'list', '--label', 'app=db']);
    expect(db.map((v: any) => v.locator.name).sort()).toEqual(['vol-g', 'vol-r']);
    expect((await both(['volume', 'list', '--label', 'app=db', '--label', 'via=rest'])).map((v: any) => v.locator.name)).toEqual(['vol-r']);
    expect((await both(['volume', 'list', '--name', 'vol-g'])).map((v: any) => v.locator.name)).toEqual(['vol-g']);
    expect(await both(['volume', 'list', '--owner', 'admin@e2e'])).toHaveLength(3);
    expect(await both(['volume', 'list', '--owner', 'somebody-else'])).toEqual([]);
    const table = await run('rest', ['volume', 'list', '--label', 'app=db', '--sort', 'name']);
    ok(table, 'table');
    expect(table.stdout).toMatch(/vol-g\s+│ 10 GiB\s+│ 2 /);
  });

  it('volume update (size, HA, labels, sharing, IO profile)', async () => {
    const updated = await each((t) => run(t, ['volume', 'update', names[t], '--size', '20GiB', '--ha-level', '3', '--label', 'tier=gold', '--label', 'via=', '--shared', 'false', '--io-profile', 'sequential', '-o', 'json']));
    for (const t of TRANSPORTS) {
      ok(updated[t], `update over ${t}`);
      const v = updated[t].json();
      expect(v.spec).toMatchObject({ size: 20 * 2 ** 30, ha_level: 3, shared: false, io_profile: 'IO_PROFILE_SEQUENTIAL' });
      expect(v.locator.volume_labels).toEqual({ app: 'db', tier: 'gold' });
    }
    await bothFail(['volume', 'update', 'vol-g', '--size', '1GiB'], 2, /is smaller than volume vol-g \(20 GiB\): OpenStorage volumes only grow/);
    await bothFail(['volume', 'update', 'vol-g'], 2, /nothing to change/);
  });

  it('volume stats', async () => {
    const s = await both(['volume', 'stats', 'vol-g']);
    expect(s).toMatchObject({ reads: 12345, read_bytes: 1234567, bytes_used: 1234567890, discards: 0 });
  });

  it('volume attach, mount, detach (refused while mounted), unmount, detach', async () => {
    await each(async (t) => {
      const v = names[t];
      const a = await run(t, ['volume', 'attach', v, '-o', 'json']);
      ok(a, `attach ${t}`);
      expect(a.json()).toMatchObject({ state: 'VOLUME_STATE_ATTACHED', attached_on: '1' });
      expect(a.json().device_path).toMatch(/^\/dev\/pxd\//);
      const m = await run(t, ['volume', 'mount', v, `/mnt/${v}`, '-o', 'json']);
      ok(m, `mount ${t}`);
      expect(m.json().attach_path).toEqual([`/mnt/${v}`]);
      const refused = await run(t, ['volume', 'detach', v]);
      expect(refused.code).toBe(5);
      expect(refused.stderr).toMatch(/^storctl: Volume .* is still mounted\n$/);
      const u = await run(t, ['volume', 'unmount', v, `/mnt/${v}`, '-o', 'json']);
      ok(u, `unmount ${t}`);
      expect(u.json().attach_path).toEqual([]);
      const d = await run(t, ['volume', 'detach', v, '-o', 'json']);
      ok(d, `detach ${t}`);
      expect(d.json()).toMatchObject({ state: 'VOLUME_STATE_DETACHED', attached_on: '', device_path: '' });
    });
    // detach --unmount takes a mounted volume off in one go
    ok(await run('grpc', ['volume', 'attach', 'vol-plain']), 'attach');
    ok(await run('grpc', ['volume', 'mount', 'vol-plain', '/mnt/p']), 'mount');
    const d = await run('rest', ['volume', 'detach', 'vol-plain', '--unmount', '-o', 'json']);
    ok(d, 'detach --unmount');
    expect(d.json().state).toBe('VOLUME_STATE_DETACHED');
  });

  it('volume clone', async () => {
    const c = await each((t) => run(t, ['volume', 'clone', names[t], `clone-${t}`, '--label', 'cloned=yes', '-o', 'json']));
    for (const t of TRANSPORTS) {
      ok(c[t], `clone ${t}`);
      expect(c[t].json().locator).toMatchObject({ name: `clone-${t}`, volume_labels: { app: 'db', tier: 'gold', cloned: 'yes' } });
      expect(c[t].json().source.parent).not.toBe('');
    }
    expect(await both(['volume', 'show', 'clone-grpc'])).toMatchObject({ readonly: false });
  });
});

describe('snapshots and snapshot schedules', () => {
  it('snapshot create, list, restore, delete', async () => {
    const snaps = await each((t) => run(t, ['snapshot', 'create', `vol-${t[0]}`, '--name', `snap-${t}`, '--label', 'kind=manual', '-o', 'json']));
    for (const t of TRANSPORTS) {
      ok(snaps[t], `snapshot create ${t}`);
      expect(snaps[t].json()).toMatchObject({ locator: { name: `snap-${t}` }, source: { parent: expect.any(String) } });
    }
    const auto = await run('grpc', ['snapshot', 'create', 'vol-plain', '-o', 'json']);
    ok(auto, 'snapshot without --name');
    expect(auto.json().locator.name).toMatch(/^vol-plain-snap-\d{8}T\d{6}Z$/);

    // what the server enumerates as snapshots: like upstream's fake driver, that includes the clones
    const list = await both(['snapshot', 'list']);
    expect(list.map((s: any) => s.locator.name).sort()).toEqual([auto.json().locator.name, 'clone-grpc', 'clone-rest', 'snap-grpc', 'snap-rest'].sort());
    expect((await both(['snapshot', 'list', '--volume', 'vol-g'])).map((s: any) => s.locator.name).sort()).toEqual(['clone-grpc', 'snap-grpc']);
    expect((await both(['snapshot', 'list', '--volume', 'vol-r', '--label', 'kind=manual'])).map((s: any) => s.locator.name)).toEqual(['snap-rest']);
    expect(await both(['snapshot', 'list', '--label', 'kind=nope'])).toEqual([]);

    const restored = await each((t) => run(t, ['snapshot', 'restore', `snap-${t}`, '--yes', '-o', 'json']));
    for (const t of TRANSPORTS) {
      ok(restored[t], `restore ${t}`);
      expect(restored[t].json().locator.name).toBe(`vol-${t[0]}`);
    }
    // destructive commands refuse without a terminal unless --yes
    const noYes = await run('grpc', ['snapshot', 'delete', 'snap-grpc']);
    expect(noYes.code).toBe(2);
    expect(noYes.stderr).toMatch(/--yes/);
    await bothFail(['snapshot', 'delete', 'vol-g', '--yes'], 4, /vol-g is a volume, not a snapshot/);
    const del = await each((t) => run(t, ['snapshot', 'delete', `snap-${t}`, '--yes', '-o', 'json']));
    for (const t of TRANSPORTS) {
      ok(del[t], `snapshot delete ${t}`);
      expect(del[t].json()).toEqual([{ id: snaps[t].json().id, name: `snap-${t}`, result: 'deleted' }]);
    }
  });

  it('snapshot schedule set, list, remove', async () => {
    const set = await each((t) => run(t, ['snapshot', 'schedule', 'set', `sched-${t}`, '--periodic', '1h', '--daily', '02:30', '--weekly', 'sunday@03:15', '--monthly', '1@04:00', '--retain', '5', '--volume', `vol-${t[0]}`, '-o', 'json']));
    for (const t of TRANSPORTS) {
      ok(set[t], `schedule set ${t}`);
      expect(set[t].json()).toEqual({
        name: `sched-${t}`,
        schedules: [
          { retain: 5, periodic: { seconds: 3600 } },
          { retain: 5, daily: { hour: 2, minute: 30 } },
          { retain: 5, weekly: { day: 'SdkTimeWeekdaySunday', hour: 3, minute: 15 } },
          { retain: 5, monthly: { day: 1, hour: 4, minute: 0 } },
        ],
      });
    }
    expect((await both(['snapshot', 'schedule', 'list'])).map((p: any) => p.name).sort()).toEqual(['sched-grpc', 'sched-rest']);
    expect((await both(['snapshot', 'schedule', 'list', '--volume', 'vol-g'])).map((p: any) => p.name)).toEqual(['sched-grpc']);
    expect((await both(['volume', 'show', 'vol-g'])).spec.snapshot_schedule).toBe('policy=sched-grpc');
    // apply an existing schedule to another volume, then take it off
    ok(await run('rest', ['snapshot', 'schedule', 'set', 'sched-grpc', '--volume', 'vol-plain']), 'apply');
    expect((await both(['snapshot', 'schedule', 'list', '--volume', 'vol-plain'])).map((p: any) => p.name)).toEqual(['sched-grpc']);
    const off = await run('grpc', ['snapshot', 'schedule', 'remove', 'sched-grpc', '--volume', 'vol-plain', '-o', 'json']);
    ok(off, 'remove from volume');
    expect(off.json()[0].result).toBe('schedule sched-grpc removed');
    expect(await both(['snapshot', 'schedule', 'list', '--volume', 'vol-plain'])).toEqual([]);
    await bothFail(['snapshot', 'schedule', 'set', 'x', '--daily', '25:00'], 2, /not a time of day/);
    const gone = await each((t) => run(t, ['snapshot', 'schedule', 'remove', `sched-${t}`, '--yes', '-o', 'json']));
    for (const t of TRANSPORTS) ok(gone[t], `schedule remove ${t}`);
    expect(await both(['snapshot', 'schedule', 'list'])).toEqual([]);
  });
});

describe('credentials and cloud backups', () => {
  const backups: Record<Transport, string> = { grpc: '', rest: '' };

  it('credential create, list, show, validate', async () => {
    const c = await each((t) => run(t, ['credential', 'create', `cred-${t}`, '--bucket', 'b1', '--access-key', 'AKIAEXAMPLE', '--secret-key', 'super-secret-key-123', '--s3-endpoint', '127.0.0.1:9', '--s3-region', 'us-east-1', '--disable-ssl', '-o', 'json']));
    for (const t of TRANSPORTS) {
      ok(c[t], `credential create ${t}`);
      expect(c[t].json()).toMatchObject({ name: `cred-${t}`, bucket: 'b1', aws_credential: { access_key: 'AKIAEXAMPLE', endpoint: '127.0.0.1:9', region: 'us-east-1', disable_ssl: true } });
      expect(c[t].stdout).not.toContain('super-secret-key-123');
    }
    const list = await both(['credential', 'list']);
    expect(list.map((x: any) => x.name).sort()).toEqual(['cred-grpc', 'cred-rest']);
    expect(await both(['credential', 'show', 'cred-grpc'])).toEqual(c.grpc.json());
    expect(await both(['credential', 'show', c.rest.json().credential_id])).toEqual(c.rest.json());
    expect(await both(['credential', 'validate', 'cred-grpc'])).toEqual({ credential_id: c.grpc.json().credential_id, name: 'cred-grpc', valid: true });
    await bothFail(['credential', 'create', 'cred-grpc', '--access-key', 'a', '--secret-key', 'b'], 5, /already exists/);
    await bothFail(['credential', 'show', 'nope'], 4, /^storctl: no credential has the id or name "nope"; storctl credential list shows the credentials$/);
  });

  it('credential secrets stay out of --debug traces', async () => {
    const r = await run('rest', ['credential', 'create', 'cred-trace', '--access-key', 'AK', '--secret-key', 'trace-secret-value-987', '--debug']);
    ok(r, 'create with --debug');
    expect(r.stderr).toMatch(/REQ: curl .*\/v1\/credentials/);
    expect(r.stderr).not.toContain('trace-secret-value-987');
    ok(await run('grpc', ['credential', 'delete', 'cred-trace', '--yes']), 'delete');
  });

  it('cloud-backup create --wait, list, status', async () => {
    const created = await each((t) => run(t, ['cloud-backup', 'create', `vol-${t[0]}`, '--credential', `cred-${t}`, '--label', `via=${t}`, '--wait', '-o', 'json']));
    for (const t of TRANSPORTS) {
      ok(created[t], `backup create ${t}`);
      const s = created[t].json();
      expect(s).toMatchObject({ optype: 'SdkCloudBackupOpTypeBackupOp', status: 'SdkCloudBackupStatusTypeDone', bytes_total: 20 * 2 ** 30, bytes_done: 20 * 2 ** 30, eta_seconds: 0 });
      expect(s.backup_id).toContain('/');
      backups[t] = s.backup_id;
    }
    // one store per credential; with two credentials, --credential says which
    for (const t of TRANSPORTS) expect((await both(['cloud-backup', 'list', '--credential', `cred-${t}`])).map((b: any) => b.id)).toEqual([backups[t]]);
    expect((await both(['cloud-backup', 'list', '--credential', 'cred-grpc', '--volume', 'vol-g'])).map((b: any) => b.id)).toEqual([backups.grpc]);
    expect(await both(['cloud-backup', 'list', '--credential', 'cred-grpc', '--volume', 'vol-r'])).toEqual([]);
    expect((await both(['cloud-backup', 'list', '--credential', 'cred-rest', '--metadata', 'via=rest', '--status', 'done'])).map((b: any) => b.id)).toEqual([backups.rest]);
    expect(await both(['cloud-backup', 'list', '--credential', 'cred-grpc', '--status', 'failed'])).toEqual([]);
    const status = await both(['cloud-backup', 'status']);
    expect(status).toHaveLength(2);
    expect(status.every((s: any) => typeof s.task_id === 'string' && s.status === 'SdkCloudBackupStatusTypeDone')).toBe(true);
    expect(await both(['cloud-backup', 'status', '--volume', 'vol-r'])).toEqual([expect.objectContaining({ backup_id: backups.rest })]);
    await bothFail(['cloud-backup', 'status', '--task', 'no-such-task'], 4, /Task no-such-task not found/);
  });

  it('cloud-backup restore --wait, delete (ids with "/")', async () => {
    const restored = await each((t) => run(t, ['cloud-backup', 'restore', backups[t], '--name', `restored-${t}`, '--credential', `cred-${t}`, '--wait', '-o', 'json']));
    for (const t of TRANSPORTS) {
      ok(restored[t], `restore ${t}`);
      expect(restored[t].json()).toMatchObject({ optype: 'SdkCloudBackupOpTypeRestoreOp', status: 'SdkCloudBackupStatusTypeDone' });
      const v = await both(['volume', 'show', `restored-${t}`]);
      expect(v.id).toBe(restored[t].json().restore_volume_id);
    }
    const del = await each((t) => run(t, ['cloud-backup', 'delete', backups[t], '--credential', `cred-${t}`, '--yes', '-o', 'json']));
    for (const t of TRANSPORTS) {
      ok(del[t], `backup delete ${t}`);
      expect(del[t].json()[0]).toMatchObject({ id: backups[t], result: 'deleted' });
    }
    for (const t of TRANSPORTS) expect(await both(['cloud-backup', 'list', '--credential', `cred-${t}`])).toEqual([]);
  });

  it('credential delete', async () => {
    const del = await each((t) => run(t, ['credential', 'delete', `cred-${t}`, '--yes', '-o', 'json']));
    for (const t of TRANSPORTS) ok(del[t], `credential delete ${t}`);
    expect(await both(['credential', 'list'])).toEqual([]);
  });
});

describe('alerts, roles, watch, rpc', () => {
  it('alert list (server streaming) with time, type and severity filters', async () => {
    sim.emitAlert({ message: 'Volume vol-g is degraded', severity: 'SEVERITY_TYPE_ALARM', resource: 'RESOURCE_TYPE_VOLUME', resourceId: 'vol-g', alertType: 7 });
    const all = await both(['alert', 'list']);
    expect(all.map((a: any) => a.message)).toEqual(['Cluster started', 'Node 1 storage is running low on space', 'Pool 0 went offline and came back', 'Volume vol-g is degraded']);
    expect(all[0]).toMatchObject({ id: '1', severity: 'SEVERITY_TYPE_NOTIFY', resource: 'RESOURCE_TYPE_CLUSTER', cleared: false, count: 1, ttl: 0 });
    expect(all[0].timestamp).toMatch(/Z$/);
    expect((await both(['alert', 'list', '--severity', 'warning'])).map((a: any) => a.id)).toEqual(['2', '3', '4']);
    expect((await both(['alert', 'list', '--severity', 'alarm', '--active'])).map((a: any) => a.id)).toEqual(['4']);
    expect((await both(['alert', 'list', '--cleared'])).map((a: any) => a.id)).toEqual(['3']);
    expect((await both(['alert', 'list', '--resource-type', 'node'])).map((a: any) => a.id)).toEqual(['2']);
    expect((await both(['alert', 'list', '--resource-type', 'volume', '--alert-type', '7', '--resource-id', 'vol-g'])).map((a: any) => a.id)).toEqual(['4']);
    expect((await both(['alert', 'list', '--since', all[2].timestamp])).map((a: any) => a.id)).toEqual(['3', '4']);
    expect((await both(['alert', 'list', '--since', '1h'])).map((a: any) => a.id)).toEqual(['1', '2', '3', '4']);
    expect(await both(['alert', 'list', '--until', '2000-01-01T00:00:00Z'])).toEqual([]);
    await bothFail(['alert', 'list', '--since', 'yesterday-ish'], 2, /neither a duration/);
  });

  it('role list and role show', async () => {
    const roles = await both(['role', 'list']);
    expect(roles.map((r: any) => r.name)).toEqual(['system.admin', 'system.guest', 'system.user', 'system.view']);
    const view = await both(['role', 'show', 'system.view']);
    expect(view.rules[1]).toEqual({ services: ['identity'], apis: ['*'] });
    await bothFail(['role', 'show', 'nope'], 4, /^storctl: Role nope not found$/);
  });

  it('watch volumes --count prints NDJSON, the same over both transports', async () => {
    const [g, r] = await Promise.all([run('grpc', ['watch', 'volumes', '--count', '3']), run('rest', ['watch', 'volumes', '--count', '3'])]);
    ok(g, 'watch grpc');
    ok(r, 'watch rest');
    expect(r.stdout).toBe(g.stdout);
    const lines = g.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines.every((v) => typeof v.id === 'string' && typeof v.spec.size === 'number')).toBe(true);
    const labelled = await both(['watch', 'volumes', '--label', 'cloned=yes', '--count', '2']);
    expect(labelled.map((v: any) => v.locator.name).sort()).toEqual(['clone-grpc', 'clone-rest']);
  });

  it('watch volumes sees a volume created while it runs', async () => {
    for (const t of TRANSPORTS) {
      const existing = (await run(t, ['volume', 'list', '--snapshots', '-o', 'json'])).json().length;
      const watching = run(t, ['watch', 'volumes', '--count', String(existing + 1)], { timeoutMs: 20_000 });
      await new Promise((res) => setTimeout(res, 1500));
      ok(await run(t === 'grpc' ? 'rest' : 'grpc', ['volume', 'create', `live-${t}`, '--size', '1GiB']), 'create while watching');
      const w = await watching;
      ok(w, `watch ${t}`);
      const events = w.stdout.trim().split('\n').map((l) => JSON.parse(l));
      expect(events).toHaveLength(existing + 1);
      expect(events[existing].locator.name).toBe(`live-${t}`);
    }
  });

  it('rpc calls any RPC over either transport', async () => {
    const v = await both(['rpc', 'OpenStorageIdentity/Version']);
    expect(v.sdk_version.version).toBe('0.186.0');
    const [gj, rj] = await Promise.all([run('grpc', ['rpc', 'OpenStorageIdentity/Version']), run('rest', ['rpc', 'OpenStorageIdentity/Version'])]);
    expect(gj.json()).toEqual(v); // JSON without -o: rpc prints JSON by default
    expect(rj.stdout).toBe(gj.stdout);
    const id = (await both(['volume', 'show', 'vol-g'])).id;
    const inspected = await both(['rpc', 'volume/inspect', '--data', JSON.stringify({ volume_id: id, options: { deep: true } })]);
    expect(inspected.volume.id).toBe(id);
    expect(inspected.name).toBe('vol-g');
    const filtered = await both(['rpc', 'openstorage.api.OpenStorageVolume/InspectWithFilters', '-d', '{"labels": {"app": "db"}, "name": "vol-r"}']);
    expect(filtered.volumes.map((x: any) => x.name)).toEqual(['vol-r']);
    const streamed = await both(['rpc', 'Alerts/EnumerateWithFilters', '-d', JSON.stringify({ queries: ['VOLUME', 'NODE', 'CLUSTER', 'POOL'].map((t) => ({ resource_type_query: { resource_type: `RESOURCE_TYPE_${t}` } })) })]);
    expect(streamed).toHaveLength(1); // one stream message holding every alert
    expect(streamed[0].alerts).toHaveLength(4);
    const watched = await Promise.all(TRANSPORTS.map((t) => run(t, ['rpc', 'OpenStorageWatch/Watch', '-d', '{"volumeEvent": {}}', '--count', '2'])));
    for (const w of watched) ok(w, 'rpc watch');
    expect(watched[1]!.stdout).toBe(watched[0]!.stdout);
    expect(watched[0]!.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('rpc fails like the server says, or refuses bad input locally', async () => {    await bothFail(['rpc', 'OpenStorageVolume/Inspect', '-d', '{"volume_id": "nope"}'], 4, /^storctl: Volume id nope not found$/);
    await bothFail(['rpc', 'OpenStorageVolume/Create', '-d', '{"name": "x", "spec": {}}'], 7, /HA level cannot be zero/);
    await bothFail(['rpc', 'OpenStorageVolume/Create', '-d', '{"name": "x"}'], 1, /Must supply spec object/);
    await bothFail(['rpc', 'OpenStorageVolume/Nope'], 2, /has no method "Nope"/);
    await bothFail(['rpc', 'OpenStorageVolume/Create', '-d', '{"spec": {"format": "xfs"}}'], 2, /unknown value .* for enum/);
    await bothFail(['rpc', 'OpenStorageVolume/Create', '-d', '{nope'], 2, /--data is not JSON/);
  });

  it('--debug traces gRPC method, metadata (redacted), request, response and status', async () => {
    const g = await run('grpc', ['cluster', 'show', '--debug']);
    ok(g, 'debug');
    expect(g.stderr).toMatch(/^GRPC: \/openstorage\.api\.OpenStorageCluster\/InspectCurrent metadata=\{"authorization":"bearer \{SHA256\}[0-9a-f]+"\} request=\{\}$/m);
    expect(g.stderr).toMatch(/^GRPC STATUS: OK \(\d+ ms\) response=\{"cluster":\{"status":"STATUS_OK"/m);
    expect(g.stderr).not.toContain(adminToken);
    expect(g.stderr).not.toContain(adminToken.split('.')[2]!);
    const f = await run('grpc', ['volume', 'show', 'nope', '--debug']);
    expect(f.stderr).toMatch(/^GRPC STATUS: NOT_FOUND \(\d+ ms\) details="Volume id nope not found"$/m);
    const r = await run('rest', ['cluster', 'show', '--debug']);
    ok(r, 'debug rest');
    expect(r.stderr).toMatch(/REQ: curl -g -i -X GET '.*\/v1\/clusters\/inspectcurrent'/);
    expect(r.stderr).not.toContain(adminToken);
  });
});

describe('deleting volumes', () => {
  it('volume delete', async () => {
    const d = await each((t) => run(t, ['volume', 'delete', `clone-${t}`, `restored-${t}`, '--yes', '-o', 'json']));
    for (const t of TRANSPORTS) {
      ok(d[t], `delete ${t}`);
      expect(d[t].json().map((x: any) => x.name)).toEqual([`clone-${t}`, `restored-${t}`]);
    }
    await bothFail(['volume', 'show', 'clone-grpc'], 4, /not found/);
    // a typo deletes nothing
    await bothFail(['volume', 'delete', 'vol-g', 'no-such-vol', '--yes'], 4, /no-such-vol not found/);
    expect((await both(['volume', 'show', 'vol-g'])).locator.name).toBe('vol-g');
  });
});

describe('authentication', () => {
  it('without a token, calls run as the guest role', async () => {
    const vols = await both(['volume', 'list'], 'guest-');
    expect(vols).toEqual([]); // guests see only public volumes; the admin's are owned
    const v = await both(['identity', 'version'], 'guest-');
    expect(v.sdk_version.version).toBe('0.186.0');
    await bothFail(['identity', 'capabilities'], 3, /^storctl: Access denied without authentication token; profile "guest-(grpc|rest)" sends no token/, 'guest-');
    await bothFail(['credential', 'list'], 3, /Access denied without authentication token/, 'guest-');
  });

  it('an expired token: exit 3, one line from the server, after the expiry warning', async () => {
    const err = await bothFail(['cluster', 'show'], 3, /^storctl: Unable to authenticate token; the token of profile "expired-(grpc|rest)" is expired/, 'expired-');
    expect(err).toMatch(/^storctl: warning: the bearer token of profile "expired-grpc" expired at /);
  });

  it('a token with a wrong signature: exit 3, one line', async () => {
    const err = await bothFail(['volume', 'list'], 3, /^storctl: Unable to authenticate token; /, 'badsig-');
    expect(err.trim().split('\n')).toHaveLength(1);
  });

  it('a token from an untrusted issuer or not a JWT: exit 3 (UNAUTHENTICATED)', async () => {
    await bothFail(['volume', 'list'], 3, /^storctl: someone-else\.example is not a trusted issuer; the server did not accept the token/, 'untrusted-');
    await bothFail(['volume', 'list'], 3, /^storctl: Unable to obtain token issuer from authorization token; /, 'garbage-');
  });

  it('a valid token whose role does not allow the call: exit 3 with the server\'s reason', async () => {
    expect(await both(['volume', 'list'], 'view-')).toEqual([]);
    await bothFail(['volume', 'create', 'v-denied', '--size', '1GiB'], 3, /Access to \/openstorage\.api\.OpenStorageVolume\/Create denied: .*system\.view/, 'view-');
  });

  it('-o json errors carry the gRPC status', async () => {
    const r = await run('expired-rest', ['cluster', 'show', '-o', 'json']);
    expect(r.code).toBe(3);
    const line = r.stderr.trim().split('\n').pop()!;
    expect(JSON.parse(line).error).toMatchObject({ kind: 'auth', exit_code: 3, grpc_code: 7, grpc_status: 'PERMISSION_DENIED', rpc: 'OpenStorageCluster/InspectCurrent', transport: 'rest' });
  });
});

describe('unreachable servers', () => {
  it('exit 6 with the endpoint in the message, over both transports', async () => {
    const g = await run('down-grpc', ['cluster', 'show']);
    expect(g.code).toBe(6);
    expect(g.stderr).toMatch(/^storctl: cannot reach the OpenStorage SDK at grpc:\/\/127\.0\.0\.1:1: connect ECONNREFUSED/);
    const r = await run('down-rest', ['cluster', 'show']);
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/^storctl: .*127\.0\.0\.1:1/);
  });

  it('a REST gateway port given as the gRPC endpoint fails as unreachable, with the ports in the hint', async () => {
    const r = await run('grpc', ['cluster', 'show', '--endpoint', sim.restUrl.replace('http://', '')]);
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/^storctl: cannot reach the OpenStorage SDK at grpc:\/\/127\.0\.0\.1:\d+: .*gRPC port 9100, REST gateway 9110/);
  });
});

describe('TLS', () => {
  it('cacert verifies the server over gRPC and REST; insecure skips it; neither fails with exit 6', async () => {
    const { generateTestPki } = (await import(join(ROOT, 'dist/sandbox/tls.js'))) as typeof import('../../src/sandbox/tls.js');
    const mod = (await import(join(ROOT, 'dist/sandbox/openstorage/index.js'))) as SimMod;
    const home = await makeHome();
    const pki = await generateTestPki(join(home.home, 'pki'));
    const { readFile } = await import('node:fs/promises');
    const tls = await mod.startOpenStorage({ tls: { key: await readFile(pki.serverKey), cert: await readFile(pki.serverCert) } });
    try {
      const port = tls.grpcAddress.split(':').pop();
      await mkdir(join(home.home, '.config/storctl'), { recursive: true });
      await writeFile(
        join(home.home, '.config/storctl/config.yaml'),
        [
          'profiles:',
          '  ca-grpc:', '    backend: openstorage', `    endpoint: 127.0.0.1:${port}`, `    cacert: ${pki.caCert}`,
          '  ca-rest:', '    backend: openstorage', '    transport: rest', `    rest_endpoint: ${tls.restUrl}`, `    cacert: ${pki.caCert}`,
          '  insecure-grpc:', '    backend: openstorage', `    endpoint: grpcs://localhost:${port}`, '    insecure: true',
          '  noca-grpc:', '    backend: openstorage', `    endpoint: grpcs://127.0.0.1:${port}`,
          '  plain-grpc:', '    backend: openstorage', `    endpoint: 127.0.0.1:${port}`,
          '',
        ].join('\n'),
        { mode: 0o600 },
      );
      const [a, b, c] = await Promise.all(['ca-grpc', 'ca-rest', 'insecure-grpc'].map((p) => home.run(['-p', p, 'cluster', 'show', '-o', 'json'])));
      for (const r of [a, b, c]) ok(r!, 'TLS');
      expect(b!.stdout).toBe(a!.stdout);
      expect(c!.stdout).toBe(a!.stdout);
      expect(a!.stderr + c!.stderr).not.toMatch(/Warning/); // no DEP0123 for TLS to an IP address
      const noca = await home.run(['-p', 'noca-grpc', 'cluster', 'show']);
      expect(noca.code).toBe(6);
      expect(noca.stderr).toMatch(/^storctl: TLS with the OpenStorage SDK at grpcs:\/\/127\.0\.0\.1:\d+ failed: .*; set cacert/);
      const plain = await home.run(['-p', 'plain-grpc', 'cluster', 'show']);
      expect(plain.code).toBe(6);
    } finally {
      await tls.close();
      await home.cleanup();
    }
  });
});

describe('the sandbox profiles', () => {
  it('sandbox-openstorage and sandbox-openstorage-rest give the same records', async () => {
    const sb = await startSandboxHome(['openstorage']);
    try {
      const [g, r] = await Promise.all([sb.run(['-p', 'sandbox-openstorage', 'cluster', 'show', '-o', 'json']), sb.run(['-p', 'sandbox-openstorage-rest', 'cluster', 'show', '-o', 'json'])]);
      ok(g, 'sandbox grpc');
      ok(r, 'sandbox rest');
      expect(r.stdout).toBe(g.stdout);
      const vr = await sb.run(['-p', 'sandbox-openstorage-rest', 'volume', 'create', 'sb1', '--size', '2GiB', '-o', 'json']);
      ok(vr, 'sandbox create');
      const [a, b] = await Promise.all([sb.run(['-p', 'sandbox-openstorage', 'volume', 'list', '-o', 'json']), sb.run(['-p', 'sandbox-openstorage-rest', 'volume', 'list', '-o', 'json'])]);
      expect(a.stdout).toBe(b.stdout);
      expect(a.json()[0].spec.size).toBe(2 * 2 ** 30);
    } finally {
      await sb.cleanup();
    }
  });
});
