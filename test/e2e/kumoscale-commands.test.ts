// Every KumoScale command through the built CLI against the provisioner simulator, as an
// administrator would use them: output, exit codes and the simulator's state afterwards.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startSandboxHome, type CliResult, type SandboxHome } from './harness.js';

// Dozens of CLI processes per test on a shared machine: allow more than the default 30 s.
vi.setConfig({ testTimeout: 120_000 });

let h: SandboxHome;
let ks: any;

const run = (...args: string[]) => h.run(['-p', 'sandbox-kumoscale', ...args]);
async function ok(...args: string[]): Promise<CliResult> {
  const r = await run(...args);
  expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r;
}
const json = async (...args: string[]) => (await ok(...args, '-o', 'json')).json();

const HOST_ID = '4c4c4544-0042-3610-8052-b4c04f4e3732';

beforeAll(async () => {
  h = await startSandboxHome(['kumoscale']);
  ks = h.sandbox.sims.kumoscale;
  // Hosts register themselves through their agent; `storctl api` plays the agent here.
  const probe = { hostId: HOST_ID, hostNqn: 'nqn.2014-08.org.nvmexpress:uuid:4c4c4544', name: 'compute-1', clientType: 'Agent', version: 'test', duration: 3600 };
  await ok('api', 'POST', '/host_probe', '-d', JSON.stringify(probe));
});

afterAll(async () => {
  await h?.cleanup();
});

describe('provisioner, license, syslog', () => {
  it('info', async () => {
    const r = await ok('info');
    expect(r.stdout).toMatch(/Authentication Mode\s*│\s*LOCAL/);
  });

  it('license show and set', async () => {
    expect(await json('license', 'show')).toMatchObject({ type: 'Evaluation', maxBackends: 16 });
    const bad = await run('license', 'set', 'short');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('InvalidLicense');
    const file = join(h.home, 'license.txt');
    await writeFile(file, 'KSLIC-0123456789ABCDEF\n');
    expect(await json('license', 'set', '--file', file)).toMatchObject({ type: 'Subscription', maxBackends: 64 });
    expect(ks.state.license.maxBackends).toBe(64);
  });

  it('syslog show; syslog set explains that the call is unconfirmed', async () => {
    expect(await json('syslog', 'show')).toEqual([expect.objectContaining({ name: 'default', url: 'udp://127.0.0.1:514' })]);
    const r = await run('syslog', 'set', 'central', '--url', 'udp://10.0.0.9:514');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/does not accept POST \/syslog .*unconfirmed in the reference/);
  });
});

describe('backends', () => {
  it('list, show (by ID and by IP), json keeps extra fields', async () => {
    const list = await json('backend', 'list');
    expect(list.map((b: any) => b.persistentID)).toEqual(['0c:c4:7a:5e:00:01', '0c:c4:7a:5e:00:02', '0c:c4:7a:5e:00:03']);
    expect(list[0].ssds).toBeDefined(); // a field storctl does not know stays in JSON
    expect((await json('backend', 'show', '0c:c4:7a:5e:00:02')).mgmtIPs).toEqual(['10.0.0.12']);
    expect((await json('backend', 'show', '10.0.0.13')).persistentID).toBe('0c:c4:7a:5e:00:03');
    const table = await ok('backend', 'list', '--long');
    expect(table.stdout).toContain('192.168.100.11:4420/TCP');
    const missing = await run('backend', 'show', 'no-such-node');
    expect(missing.code).toBe(4);
  });

  it('add --wait, update, remove; refusals carry the provisioner\'s code', async () => {
    const b = await json('backend', 'add', '10.0.0.14', '--rack', 'r4', '--zone', 'z2', '--wait');
    expect(b).toMatchObject({ persistentID: '0c:c4:7a:5e:00:04', rack: 'r4', state: 'Available' });
    const again = await run('backend', 'add', '10.0.0.14');
    expect(again.code).toBe(5);
    expect(again.stderr).toContain('AlreadyExists');
    const nogroups = await run('backend', 'add', '10.0.0.15');
    expect(nogroups.code).toBe(5);
    expect(nogroups.stderr).toContain('NoGroups');
    expect((await run('backend', 'add', '10.0.0.14', '--rack', 'x'.repeat(300))).code).toBe(2);
    expect(await json('backend', 'update', '0c:c4:7a:5e:00:04', '--rack', 'r9')).toMatchObject({ rack: 'r9' });
    const refused = await run('backend', 'remove', '0c:c4:7a:5e:00:04');
    expect(refused.code).toBe(2); // destructive: no TTY and no --yes
    await ok('backend', 'remove', '0c:c4:7a:5e:00:04', '--yes');
    expect(ks.state.backends.has('0c:c4:7a:5e:00:04')).toBe(false);
  });
});

describe('tenants', () => {
  it('create, show, update, list, delete', async () => {
    const t = await json('tenant', 'create', 'team-a', '--id', 'team-a', '--capacity', '500GB', '--iops', '100000', '--bandwidth', '1GB');
    expect(t).toMatchObject({ tenantId: 'team-a', name: 'team-a', capacity: 500, totalIOPS: 100000, totalBW: 1_000_000_000 });
    expect((await json('tenant', 'show', 'team-a')).capacity).toBe(500);
    expect((await json('tenant', 'update', 'team-a', '--capacity', '1TB')).capacity).toBe(1000);
    expect((await json('tenant', 'list')).map((x: any) => x.tenantId)).toEqual(['0', 'team-a']);
    const missing = await run('tenant', 'create', 'x', '--capacity', '1GB');
    expect(missing.code).toBe(2);
  });

  it('volumes live inside a tenant with --tenant; the budget is enforced', async () => {
    await ok('volume', 'create', 'tv1', '--size', '400GB', '--tenant', 'team-a');
    expect((await json('volume', 'list', '--tenant', 'team-a')).map((v: any) => v.alias)).toEqual(['tv1']);
    expect((await json('volume', 'list')).some((v: any) => v.alias === 'tv1')).toBe(false);
    const over = await run('volume', 'create', 'tv2', '--size', '700GB', '--tenant', 'team-a');
    expect(over.code).toBe(5);
    expect(over.stderr).toMatch(/budget exceeded.*\(NotAvailable\)/);
    const busy = await run('tenant', 'delete', 'team-a', '--yes');
    expect(busy.code).toBe(5);
    await ok('volume', 'delete', 'tv1', '--tenant', 'team-a', '--yes');
    await ok('tenant', 'delete', 'team-a', '--yes');
    expect(ks.state.tenants.size).toBe(0);
    expect((await run('volume', 'list', '--tenant', 'team-a')).code).toBe(4);
  });
});

describe('volumes', () => {
  let uuid: string;

  it('create with units, replicas and placement; show by alias and UUID', async () => {
    const v = await json('volume', 'create', 'db-data', '--size', '100GB', '--replicas', '2', '--zone', 'z1', '--max-iops-per-gb', '50');
    uuid = v.uuid;
    expect(v).toMatchObject({ alias: 'db-data', capacity: 100, numReplicas: 2, maxIOPS: 5000 });
    expect(v.location.map((l: any) => l.backend.persistentID).sort()).toEqual(['0c:c4:7a:5e:00:01', '0c:c4:7a:5e:00:02']);
    expect(ks.state.volumes.get(uuid).storageClass.zones).toEqual(['z1']);
    expect((await json('volume', 'show', 'db-data')).uuid).toBe(uuid);
    expect((await json('volume', 'show', uuid)).alias).toBe('db-data');
    const r = await ok('volume', 'list');
    expect(r.stdout).toMatch(/db-data\s*│\s*100\s*│\s*2\s*│\s*Available/);
  });

  it('sizes are whole GB: GiB is rounded up with a notice; bad sizes are usage errors', async () => {
    const r = await run('volume', 'create', 'small', '--size', '10GiB', '-o', 'json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().capacity).toBe(11);
    expect(r.stderr).toContain('10.74 GB');
    expect((await run('volume', 'create', 'bad', '--size', 'lots')).code).toBe(2);
    expect((await run('volume', 'create', 'nosize')).code).toBe(2);
  });

  it('logical failures: alias taken (5), no room (5), unknown volume (4)', async () => {
    const dup = await run('volume', 'create', 'db-data', '--size', '1GB');
    expect(dup.code).toBe(5);
    expect(dup.stderr).toContain('(AlreadyExists)');
    const huge = await run('volume', 'create', 'huge', '--size', '100TB');
    expect(huge.code).toBe(5);
    expect(huge.stderr).toContain('(NotAvailable)');
    expect((await run('volume', 'show', 'nope')).code).toBe(4);
  });

  it('extend (KumoScale "expand")', async () => {
    expect((await json('volume', 'extend', 'db-data', '150GB', '--wait')).capacity).toBe(150);
    const smaller = await run('volume', 'extend', 'db-data', '100GB');
    expect(smaller.code).toBe(2);
  });

  it('clone, and create --source', async () => {
    const c = await json('volume', 'clone', 'db-data', 'db-copy');
    expect(c).toMatchObject({ alias: 'db-copy', capacity: 150 });
    const c2 = await json('volume', 'create', 'db-copy2', '--source', 'db-copy', '--size', '200GB');
    expect(c2).toMatchObject({ alias: 'db-copy2', capacity: 200 });
    await ok('volume', 'delete', 'db-copy', 'db-copy2', '--yes', '--wait');
    expect([...ks.state.volumes.values()].some((v: any) => v.alias.startsWith('db-copy'))).toBe(false);
  });

  it('publish to a host, list targets, unpublish', async () => {
    const targets = await json('volume', 'publish', 'db-data', '--host', 'compute-1');
    expect(targets).toHaveLength(2);
    expect(targets[0].targetName).toMatch(/^nqn\./);
    const table = await ok('target', 'list', '--volume', 'db-data');
    expect(table.stdout).toContain('4420/TCP');
    expect(await json('target', 'list', '--host', HOST_ID)).toHaveLength(2);
    expect((await run('target', 'list')).code).toBe(2);
    const again = await run('volume', 'publish', 'db-data', '--host', 'compute-1');
    expect(again.code).toBe(5);
    expect(again.stderr).toContain('AlreadyPublished');
    const inUse = await run('volume', 'delete', 'db-data', '--yes');
    expect(inUse.code).toBe(5);
    expect(inUse.stderr).toContain('VolumeInUse');
    await ok('volume', 'unpublish', 'db-data', '--host', 'compute-1', '--yes');
    expect(ks.state.volumes.get(uuid).publishedTo.size).toBe(0);
    const notPub = await run('volume', 'unpublish', 'db-data', '--host', HOST_ID, '--yes');
    expect(notPub.code).toBe(5);
    expect(notPub.stderr).toContain('VolumeNotPublished');
  });
});

describe('replicas and tasks', () => {
  it('replica list / add --wait follows the resync task', async () => {
    expect(await json('replica', 'list', 'db-data')).toHaveLength(2);
    const started = Date.now();
    const reps = await json('replica', 'add', 'db-data', '--wait');
    expect(reps).toHaveLength(3);
    expect(reps.every((r: any) => r.replicaState === 'Available')).toBe(true);
    expect(Date.now() - started).toBeGreaterThan(2000); // the simulator's task takes 3 s
    const tasks = await json('task', 'list');
    expect(tasks).toContainEqual(expect.objectContaining({ state: 'Ended', taskStatus: 'Success', taskConfiguration: expect.objectContaining({ type: 'ReplicaSync' }) }));
  });

  it('replica delete marks Terminating; --purge removes it', async () => {
    await ok('replica', 'delete', 'db-data', '0c:c4:7a:5e:00:03', '--yes');
    const v = await json('volume', 'show', 'db-data');
    expect(v.location.find((l: any) => l.backend.persistentID === '0c:c4:7a:5e:00:03').replicaState).toBe('Terminating');
    await ok('replica', 'delete', 'db-data', '0c:c4:7a:5e:00:03', '--purge', '--yes', '--wait');
    expect(await json('replica', 'list', 'db-data')).toHaveLength(2);
  });

  it('replica migrate --wait moves a replica to the named backend', async () => {
    const reps = await json('replica', 'migrate', 'db-data', '--replica', '0c:c4:7a:5e:00:01', '--to', '0c:c4:7a:5e:00:03', '--wait');
    expect(reps.map((r: any) => r.backend.persistentID).sort()).toEqual(['0c:c4:7a:5e:00:02', '0c:c4:7a:5e:00:03']);
    expect(reps.every((r: any) => r.replicaState === 'Available')).toBe(true);
  });

  it('volume migrate without --wait returns at once; task show --wait follows the task', async () => {
    ks.state.taskDurationMs = 600_000; // tasks now end only when the test says so
    const v = await json('volume', 'migrate', 'db-data', '--replica', '0c:c4:7a:5e:00:03', '--to', '0c:c4:7a:5e:00:01');
    expect(v.location.some((l: any) => l.replicaState === 'Synchronizing')).toBe(true);
    const running = (await json('task', 'list', '--running')) as any[];
    expect(running).toHaveLength(1);
    const id = running[0].taskId;
    const busy = await run('task', 'remove', id, '--yes');
    expect(busy.code).toBe(5);
    expect(busy.stderr).toContain('InvalidState');
    const waiting = run('task', 'show', id, '--wait', '-o', 'json');
    await new Promise((r) => setTimeout(r, 2500));
    expect(ks.state.tasks.get(id).state).toBe('Running');
    ks.completeTasks();
    const done = await waiting;
    expect(done.code, done.stderr).toBe(0);
    expect(done.json()).toMatchObject({ taskId: id, state: 'Ended', taskStatus: 'Success' });
    await ok('task', 'remove', id, '--yes');
    expect((await run('task', 'show', id)).code).toBe(4);
  });

  it('a task that fails makes --wait exit 7 with its description', async () => {
    await ok('replica', 'add', 'db-data');
    const [t] = (await json('task', 'list', '--running')) as any[];
    await ok('api', 'PUT', '/tasks', '-d', JSON.stringify({ taskId: t.taskId, taskStatus: 'Failed', statusDescription: 'target SSD went offline' }));
    const r = await run('task', 'show', t.taskId, '--wait');
    expect(r.code).toBe(7);
    expect(r.stderr).toContain('target SSD went offline');
    ks.state.taskDurationMs = 3000;
  });
});

describe('snapshots', () => {
  it('create, list, show, snapshot volume, delete in order', async () => {
    await ok('volume', 'create', 'single', '--size', '20GB');
    const s = await json('snapshot', 'create', 'nightly', '--volume', 'single', '--reserved-space', '10');
    expect(s).toMatchObject({ alias: 'nightly', capacity: 20 });
    expect((await json('snapshot', 'list')).map((x: any) => x.alias)).toEqual(['nightly']);
    expect(await json('snapshot', 'list', '--volume', 'single')).toHaveLength(1);
    expect((await json('snapshot', 'show', 'nightly')).snapshotID).toBe(s.snapshotID);
    expect((await json('snapshot', 'show', s.snapshotID)).alias).toBe('nightly');
    const multi = await run('snapshot', 'create', 'nope', '--volume', 'db-data');
    expect(multi.code).toBe(1);
    expect(multi.stderr).toContain('NotSupported');
    const sv = await json('volume', 'create', 'restored', '--snapshot', 'nightly', '--read-only');
    expect(sv).toMatchObject({ alias: 'restored', snapshotID: s.snapshotID, writable: false, capacity: 20 });
    const sv2 = await json('volume', 'create', 'restored-rw', '--from-snapshot', s.snapshotID);
    expect(sv2.writable).toBe(true);
    expect((await run('snapshot', 'delete', 'nightly', '--yes')).code).toBe(5);
    await ok('volume', 'delete', 'restored', 'restored-rw', '--yes');
    await ok('snapshot', 'delete', 'nightly', '--yes', '--wait');
    await ok('volume', 'delete', 'single', '--yes');
    expect(ks.state.snapshots.size).toBe(0);
  });
});

describe('hosts', () => {
  it('list, show, remove', async () => {
    const list = await json('host', 'list');
    expect(list).toEqual([expect.objectContaining({ uuid: HOST_ID, name: 'compute-1' })]);
    expect(await json('host', 'list', '--name', 'other')).toEqual([]);
    expect((await json('host', 'show', 'compute-1')).uuid).toBe(HOST_ID);
    await ok('host', 'remove', 'compute-1', '--yes');
    expect((await run('host', 'show', 'compute-1')).code).toBe(4);
  });
});

describe('cleanup', () => {
  it('volume delete', async () => {
    await ok('volume', 'delete', 'db-data', 'small', '--yes');
    expect(ks.state.volumes.size).toBe(0);
  });

  it('kumoscale commands refuse other backends\' flags and profiles', async () => {
    const r = await run('volume', 'create', 'x', '--size', '1GB', '--type', 'ssd');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--type does not apply');
  });
});
