// The OpenStorage commands against a simulator that answers as upstream's SDK server does
// (libopenstorage/openstorage with its fake driver; issue 13): credentials named rather than
// given by uuid, snapshots without `readonly`, several credentials, restores without a task,
// REST endpoints that cannot be guessed, shrinking sizes, alert queries, every service in rpc.
// Each check is what a user sees: stdout JSON, the exit code, one line on stderr.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeHome, ROOT, type CliResult, type TestHome } from './harness.js';

vi.setConfig({ testTimeout: 180_000 });

type SimMod = typeof import('../../src/sandbox/openstorage/index.js');
type Transport = 'grpc' | 'rest';
const TRANSPORTS: Transport[] = ['grpc', 'rest'];

let sim: Awaited<ReturnType<SimMod['startOpenStorage']>>;
let h: TestHome;

function profile(name: string, lines: string[]): string {
  return [`  ${name}:`, '    backend: openstorage', ...lines.map((l) => `    ${l}`)].join('\n');
}

beforeAll(async () => {
  const mod = (await import(join(ROOT, 'dist/sandbox/openstorage/index.js'))) as SimMod;
  sim = await mod.startOpenStorage({ auth: { sharedSecret: 'conformance-secret', issuer: 'conformance' }, backupDurationMs: 200 });
  const token = sim.mintToken({ sub: 'admin@conformance', name: 'admin', roles: ['system.admin'] });
  const grpcPort = sim.grpcAddress.split(':').pop();
  const profiles = [
    profile('grpc', [`endpoint: ${sim.grpcAddress}`, `rest_endpoint: ${sim.restUrl}`, `token: ${token}`]),
    profile('rest', [`endpoint: ${sim.grpcAddress}`, `rest_endpoint: ${sim.restUrl}`, 'transport: rest', `token: ${token}`]),
    // gRPC on a port that is no SDK default, and no rest_endpoint: REST has nowhere known to go
    profile('odd-port', [`endpoint: 127.0.0.1:${grpcPort}`, `token: ${token}`]),
    profile('sdk-default', ['endpoint: px-node1.example:9100']),
    profile('portworx-default', ['endpoint: grpcs://px-node1.example:9020']),
    profile('no-port', ['endpoint: px-node1.example']),
  ];
  h = await makeHome();
  await mkdir(join(h.home, '.config/storctl'), { recursive: true, mode: 0o700 });
  await writeFile(join(h.home, '.config/storctl/config.yaml'), `current_profile: grpc\nprofiles:\n${profiles.join('\n')}\n`, { mode: 0o600 });
}, 60_000);

afterAll(async () => {
  await sim?.close();
  await h?.cleanup();
});

const run = (p: string, args: string[]) => h.run(['-p', p, ...args]);

function ok(r: CliResult, what: string): CliResult {
  expect(r.code, `${what}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(0);
  return r;
}

/** The error lines a failed command printed (warnings aside): exactly one is expected. */
function oneErrorLine(r: CliResult): string {
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('storctl: ') && !l.startsWith('storctl: warning:'));
  expect(lines, r.stderr).toHaveLength(1);
  return lines[0]!;
}

/** A read over both transports with -o json: both succeed with the very same output. */
async function both(args: string[]): Promise<any> {
  const [g, r] = await Promise.all([run('grpc', ['-o', 'json', ...args]), run('rest', ['-o', 'json', ...args])]);
  ok(g, `grpc: ${args.join(' ')}`);
  ok(r, `rest: ${args.join(' ')}`);
  expect(r.stdout).toBe(g.stdout);
  return g.json();
}

/** A command that fails over both transports: same exit code, one matching line, no stdout. */
async function bothFail(args: string[], code: number, message: RegExp): Promise<void> {
  const [g, r] = await Promise.all([run('grpc', args), run('rest', args)]);
  for (const [t, res] of [['grpc', g], ['rest', r]] as const) {
    expect(res.code, `${t}: ${args.join(' ')}\n${res.stderr}`).toBe(code);
    expect(oneErrorLine(res)).toMatch(message);
    expect(res.stdout).toBe('');
  }
}

/** Once per transport (mutations). */
async function each<T>(fn: (t: Transport) => Promise<T>): Promise<Record<Transport, T>> {
  const [g, r] = await Promise.all([fn('grpc'), fn('rest')]);
  return { grpc: g, rest: r };
}

async function createCredential(t: Transport, name: string): Promise<string> {
  const r = ok(await run(t, ['credential', 'create', name, '--bucket', 'b', '--access-key', 'AK', '--secret-key', 'SK', '-o', 'json']), `credential create ${name}`);
  return r.json().credential_id;
}

/** Deletes every credential by uuid (through rpc), so each block starts from none. */
async function clearCredentials(): Promise<void> {
  const ids = ok(await run('grpc', ['rpc', 'OpenStorageCredentials/Enumerate']), 'enumerate').json().credential_ids as string[];
  for (const id of ids) ok(await run('grpc', ['rpc', 'OpenStorageCredentials/Delete', '-d', JSON.stringify({ credential_id: id })]), `delete ${id}`);
}

async function deleteCredential(name: string): Promise<void> {
  ok(await run('grpc', ['credential', 'delete', name, '--yes']), `credential delete ${name}`);
}

describe('1. credentials by name', () => {
  beforeAll(clearCredentials);
  it('show, validate and delete take a name and act on the credential it names', async () => {
    const ids = { grpc: await createCredential('grpc', 'named-grpc'), rest: await createCredential('rest', 'named-rest') };
    expect(ids.grpc).toMatch(/^[0-9a-f-]{36}$/);
    for (const t of TRANSPORTS) {
      // the record carries the uuid, not the name the server echoes back
      expect(await both(['credential', 'show', `named-${t}`])).toMatchObject({ credential_id: ids[t], name: `named-${t}` });
      expect(await both(['credential', 'validate', `named-${t}`])).toEqual({ credential_id: ids[t], name: `named-${t}`, valid: true });
    }
    const del = await each((t) => run(t, ['credential', 'delete', `named-${t}`, '--yes', '-o', 'json']));
    for (const t of TRANSPORTS) expect(ok(del[t], `delete ${t}`).json()).toEqual([{ id: ids[t], name: `named-${t}`, result: 'deleted' }]);
    // and it is really gone
    expect((await both(['credential', 'list'])).map((c: any) => c.name)).toEqual([]);
  });

  it('an unknown id or name is exit 4 with one line and a hint', async () => {
    const line = /^storctl: no credential has the id or name "no-such-credential"; storctl credential list shows the credentials$/;
    await bothFail(['credential', 'show', 'no-such-credential'], 4, line);
    await bothFail(['credential', 'delete', 'no-such-credential', '--yes'], 4, line);
    await bothFail(['credential', 'validate', 'no-such-credential'], 4, line);
  });

  it('cloud-backup create, list and restore take --credential NAME', async () => {
    await createCredential('grpc', 'store-a');
    ok(await run('grpc', ['volume', 'create', 'cred-vol', '--size', '1GiB']), 'volume create');
    const created = await each((t) => run(t, ['cloud-backup', 'create', 'cred-vol', '--credential', 'store-a', '--wait', '-o', 'json']));
    const backupIds = TRANSPORTS.map((t) => ok(created[t], `backup create ${t}`).json().backup_id as string);
    expect((await both(['cloud-backup', 'list', '--credential', 'store-a'])).map((b: any) => b.id).sort()).toEqual([...backupIds].sort());
    const restored = await each((t) => run(t, ['cloud-backup', 'restore', backupIds[0]!, '--credential', 'store-a', '--name', `cred-restored-${t}`, '--wait', '-o', 'json']));
    for (const t of TRANSPORTS) expect(ok(restored[t], `restore ${t}`).json().status).toBe('SdkCloudBackupStatusTypeDone');
    ok(await run('grpc', ['volume', 'delete', 'cred-restored-grpc', 'cred-restored-rest', '--yes']), 'cleanup');
    await deleteCredential('store-a');
  });
});

describe('2. snapshots as upstream makes them (source.parent, no readonly)', () => {
  it('snapshot list shows them, volume list hides them unless --all', async () => {
    ok(await run('grpc', ['volume', 'create', 'snap-src', '--size', '1GiB']), 'volume create');
    ok(await run('grpc', ['volume', 'create', 'snap-other', '--size', '1GiB']), 'volume create');
    const snaps = await each((t) => run(t, ['snapshot', 'create', 'snap-src', '--name', `s-${t}`, '-o', 'json']));
    const ids = TRANSPORTS.map((t) => ok(snaps[t], `snapshot create ${t}`).json().id as string);
    expect(snaps.grpc.json()).toMatchObject({ readonly: false, source: { parent: expect.any(String) } });
    expect((await both(['snapshot', 'list'])).map((s: any) => s.id).sort()).toEqual([...ids].sort());
    expect((await both(['snapshot', 'list', '--volume', 'snap-src'])).map((s: any) => s.locator.name).sort()).toEqual(['s-grpc', 's-rest']);
    expect((await both(['volume', 'list'])).map((v: any) => v.locator.name)).not.toContain('s-grpc');
    expect((await both(['volume', 'list'])).map((v: any) => v.locator.name)).toContain('snap-src');
    expect((await both(['volume', 'list', '--all'])).map((v: any) => v.locator.name)).toEqual(expect.arrayContaining(['snap-src', 's-grpc', 's-rest']));
    expect(await both(['volume', 'list', '--snapshots'])).toEqual(await both(['volume', 'list', '--all'])); // the old flag still works
  });

  it('snapshot create with a name the volume already has returns that snapshot, no duplicate', async () => {
    const first = ok(await run('grpc', ['snapshot', 'create', 'snap-src', '--name', 's-dup', '-o', 'json']), 'first').json();
    const again = await each((t) => run(t, ['snapshot', 'create', 'snap-src', '--name', 's-dup', '-o', 'json']));
    for (const t of TRANSPORTS) expect(ok(again[t], `again ${t}`).json().id).toBe(first.id);
    expect((await both(['rpc', 'OpenStorageVolume/InspectWithFilters', '-d', '{"name": "s-dup"}'])).volumes.map((v: any) => v.volume.id)).toEqual([first.id]);
    // a name another volume holds is a conflict, not a second volume of that name
    await bothFail(['snapshot', 'create', 'snap-src', '--name', 'snap-other'], 5, /^storctl: the name "snap-other" is taken by .*, which is not a snapshot of snap-src; choose another --name$/);
    ok(await run('grpc', ['rpc', 'OpenStorageVolume/Delete', '-d', JSON.stringify({ volume_id: first.id })]), 'cleanup');
  });

  it('snapshot restore and delete accept them; a volume is refused', async () => {
    const restored = await each((t) => run(t, ['snapshot', 'restore', `s-${t}`, '--yes', '-o', 'json']));
    for (const t of TRANSPORTS) expect(ok(restored[t], `restore ${t}`).json().locator.name).toBe('snap-src');
    await bothFail(['snapshot', 'delete', 'snap-src', '--yes'], 4, /^storctl: snap-src is a volume, not a snapshot; storctl snapshot list shows the snapshots$/);
    const del = await each((t) => run(t, ['snapshot', 'delete', `s-${t}`, '--yes', '-o', 'json']));
    for (const t of TRANSPORTS) expect(ok(del[t], `delete ${t}`).json()).toEqual([expect.objectContaining({ name: `s-${t}`, result: 'deleted' })]);
    expect(await both(['snapshot', 'list', '--volume', 'snap-src'])).toEqual([]);
  });
});

describe('3. cloud-backup delete --credential', () => {
  beforeAll(clearCredentials);
  it('with several credentials: asks which (exit 2), deletes with --credential ID|NAME', async () => {
    const k1 = await createCredential('grpc', 'store-1');
    await createCredential('rest', 'store-2');
    ok(await run('grpc', ['volume', 'create', 'del-vol', '--size', '1GiB']), 'volume create');
    const made = await each((t) => run(t, ['cloud-backup', 'create', 'del-vol', '--credential', k1, '--wait', '-o', 'json']));
    const ids = { grpc: ok(made.grpc, 'backup grpc').json().backup_id as string, rest: ok(made.rest, 'backup rest').json().backup_id as string };
    const several = /^storctl: 2 cloud credentials are configured: say which store holds the backups with --credential ID\|NAME; the credentials: store-1, store-2$/;
    await bothFail(['cloud-backup', 'delete', ids.grpc, '--yes'], 2, several);
    await bothFail(['cloud-backup', 'list'], 2, /^storctl: 2 cloud credentials are configured: say which store to list with --credential ID\|NAME/);
    const del = await each((t) => run(t, ['cloud-backup', 'delete', ids[t], '--credential', t === 'grpc' ? 'store-1' : k1, '--yes', '-o', 'json']));
    for (const t of TRANSPORTS) expect(ok(del[t], `delete ${t}`).json()).toEqual([{ id: ids[t], name: '', result: 'deleted' }]);
    expect(await both(['cloud-backup', 'list', '--credential', k1])).toEqual([]);
    await bothFail(['cloud-backup', 'delete', ids.grpc, '--credential', 'store-9', '--yes'], 4, /no credential has the id or name "store-9"/);
  });

  it('with one credential: it is the default', async () => {
    await deleteCredential('store-2');
    const made = ok(await run('rest', ['cloud-backup', 'create', 'del-vol', '--wait', '-o', 'json']), 'backup');
    const id = made.json().backup_id as string;
    expect((await both(['cloud-backup', 'list'])).map((b: any) => b.id)).toEqual([id]);
    expect(ok(await run('grpc', ['cloud-backup', 'delete', id, '--yes', '-o', 'json']), 'delete').json()).toEqual([{ id, name: '', result: 'deleted' }]);
    expect(await both(['cloud-backup', 'list'])).toEqual([]);
    await deleteCredential('store-1');
    expect(await both(['cloud-backup', 'list'])).toEqual([]); // no credential: no store, nothing to list
    await bothFail(['cloud-backup', 'delete', id, '--yes'], 2, /^storctl: no cloud credential is configured on the server; create one: storctl credential create/);
  });
});

describe('4. cloud-backup restore without a task_id in the reply', () => {
  beforeAll(clearCredentials);
  it('shows the restore into the new volume, never another task', async () => {
    await createCredential('grpc', 'store-r');
    ok(await run('grpc', ['volume', 'create', 'restore-src', '--size', '1GiB']), 'volume create');
    const backup = ok(await run('grpc', ['cloud-backup', 'create', 'restore-src', '--wait', '-o', 'json']), 'backup').json();
    const restored = await each((t) => run(t, ['cloud-backup', 'restore', backup.backup_id, '--name', `restored-${t}`, ...(t === 'grpc' ? ['--wait'] : []), '-o', 'json']));
    for (const t of TRANSPORTS) {
      const r = ok(restored[t], `restore ${t}`).json();
      const volume = await both(['volume', 'show', `restored-${t}`]);
      expect(r.restore_volume_id).toBe(volume.id);
      // the task shown is this restore: its operation, its volume, not the backup's task
      expect(r).toMatchObject({ optype: 'SdkCloudBackupOpTypeRestoreOp', src_volume_id: volume.id });
      expect(r.task_id).not.toBe(backup.task_id);
      expect(r.task_id).not.toBe('');
    }
    expect(restored.grpc.json().status).toBe('SdkCloudBackupStatusTypeDone'); // --wait waited for the restore
    ok(await run('grpc', ['volume', 'delete', 'restored-grpc', 'restored-rest', '--yes']), 'cleanup');
    await deleteCredential('store-r');
  });
});

describe('5. the REST gateway is derived only from default ports', () => {
  const explainRow = async (p: string) => (ok(await h.run(['profile', 'explain', p, '-o', 'json']), `explain ${p}`).json() as any[]).find((r) => r.setting === 'rest_endpoint');

  it('profile explain shows the derived rest_endpoint and where it came from', async () => {
    expect(await explainRow('sdk-default')).toEqual({ setting: 'rest_endpoint', value: 'http://px-node1.example:9110', source: 'derived from endpoint :9100 (SDK default pair)', ignored: [] });
    expect(await explainRow('portworx-default')).toEqual({ setting: 'rest_endpoint', value: 'https://px-node1.example:9021', source: 'derived from endpoint :9020 (Portworx default pair)', ignored: [] });
    expect(await explainRow('no-port')).toEqual({ setting: 'rest_endpoint', value: 'http://px-node1.example:9110', source: 'derived from endpoint :9100 (no port given) (SDK default pair)', ignored: [] });
    const port = sim.grpcAddress.split(':').pop();
    expect(await explainRow('odd-port')).toEqual({ setting: 'rest_endpoint', value: '', source: `not set: endpoint :${port} is no default gRPC port; REST calls (transport rest, api) need it`, ignored: [] });
    expect(await explainRow('grpc')).toMatchObject({ value: sim.restUrl, source: expect.stringMatching(/config\.yaml:\d+$/) });
  });

  it('a gRPC endpoint on another port: REST calls and api stop with exit 2 and the fix; gRPC works', async () => {
    const port = sim.grpcAddress.split(':').pop();
    const line = `storctl: profile "odd-port" has no rest_endpoint, and endpoint 127.0.0.1:${port} is not on a default gRPC port (9100, Portworx 9020), so the REST gateway's port is unknown; storctl profile set odd-port rest_endpoint=http://127.0.0.1:PORT`;
    for (const args of [['--transport', 'rest', 'volume', 'list'], ['api', 'GET', '/v1/volumes']]) {
      const r = await run('odd-port', args);
      expect(r.code, r.stderr).toBe(2);
      expect(oneErrorLine(r)).toBe(line);
      expect(r.stdout).toBe('');
    }
    const before = sim.counters['restRequests'] ?? 0;
    ok(await run('odd-port', ['volume', 'list']), 'gRPC on the profile\'s own port');
    // the way out the message names works
    const fixed = await run('odd-port', ['--endpoint', sim.restUrl, 'api', 'GET', '/v1/identities/version']);
    expect(ok(fixed, 'api with an http --endpoint').json().sdk_version.version).toBe('0.186.0');
    expect(sim.counters['restRequests']).toBe(before + 1);
  });
});

describe('6. sizes, required flags, alert queries, every service in rpc', () => {
  it('volume update --size smaller than the volume is refused (exit 2) and changes nothing', async () => {
    ok(await run('grpc', ['volume', 'create', 'grow-only', '--size', '2GiB']), 'volume create');
    await bothFail(['volume', 'update', 'grow-only', '--size', '1GiB'], 2, /^storctl: --size 1GiB is smaller than volume grow-only \(2 GiB\): OpenStorage volumes only grow; give a size of at least 2 GiB, or leave --size out$/);
    expect((await both(['volume', 'show', 'grow-only'])).spec.size).toBe(2 * 2 ** 30);
    const grown = await run('rest', ['volume', 'update', 'grow-only', '--size', '3GiB', '-o', 'json']);
    expect(ok(grown, 'grow').json().spec.size).toBe(3 * 2 ** 30);
  });

  it('volume create without --size: "--size is required", exit 2', async () => {
    await bothFail(['volume', 'create', 'no-size'], 2, /^storctl: --size is required; e\.g\. storctl volume create no-size --size 10GiB$/);
    expect((await both(['volume', 'list', '--name', 'no-size']))).toEqual([]);
  });

  it('alert list without filters sends queries the server accepts', async () => {
    const all = await both(['alert', 'list']);
    expect(all.map((a: any) => a.message)).toEqual(['Cluster started', 'Node 1 storage is running low on space', 'Pool 0 went offline and came back']);
    expect((await both(['alert', 'list', '--active'])).map((a: any) => a.id)).toEqual(['1', '2']);
  });

  it('rpc reaches every service of the proto: ClusterPair and the others', async () => {
    expect(await both(['rpc', 'ClusterPair/Enumerate'])).toEqual({ result: { default_id: '', pairs: {} } });
    expect(await both(['rpc', 'openstorage.api.OpenStorageClusterPair/GetToken'])).toEqual({ result: { token: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    // known to storctl, not implemented by this server: the server's UNIMPLEMENTED (exit 7), not a local refusal
    for (const method of ['OpenStorageBucket/Create', 'Migrate/Status', 'VerifyChecksum/Status']) {
      const [g, r] = await Promise.all([run('grpc', ['rpc', method]), run('rest', ['rpc', method])]);
      for (const res of [g, r]) {
        expect(res.code, `${method}: ${res.stderr}`).toBe(7);
        expect(oneErrorLine(res)).not.toMatch(/unknown OpenStorage service/);
      }
    }
    await bothFail(['rpc', 'Nope/Enumerate'], 2, /unknown OpenStorage service "Nope"; services: .*OpenStorageClusterPair.*OpenStorageVerifyChecksum/);
  });
});
