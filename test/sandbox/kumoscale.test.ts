import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, fetch } from 'undici';
import { generateTestPki, type TestPki } from '../../src/sandbox/tls.js';
import { KUMOSCALE_SANDBOX_USER, startKumoScale, type KumoScaleSim } from '../../src/sandbox/kumoscale/index.js';

type Json = Record<string, unknown>;

let pki: TestPki;
let certAgent: Agent;
let noCertAgent: Agent;

const basic = (user: string, pass: string): string => 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64');
const ADMIN = basic(KUMOSCALE_SANDBOX_USER.user, KUMOSCALE_SANDBOX_USER.password);

async function call(
  sim: KumoScaleSim,
  method: string,
  path: string,
  body?: unknown,
  opts: { auth?: string | null; agent?: Agent } = {},
): Promise<{ status: number; text: string; json: unknown; type: string }> {
  const headers: Record<string, string> = {};
  const auth = opts.auth === undefined ? ADMIN : opts.auth;
  if (auth) headers['authorization'] = auth;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(sim.url + path, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    dispatcher: opts.agent ?? certAgent,
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, type: res.headers.get('content-type') ?? '' };
}

const backendsById = async (sim: KumoScaleSim): Promise<Map<string, Json>> => {
  const r = await call(sim, 'GET', '/backends');
  return new Map((r.json as Json[]).map((b) => [b['persistentID'] as string, b]));
};

const totalAvailable = async (sim: KumoScaleSim): Promise<number> =>
  [...(await backendsById(sim)).values()].reduce((s, b) => s + (b['availableCapacity'] as number), 0);

beforeAll(async () => {
  pki = await generateTestPki();
  const ca = readFileSync(pki.caCert);
  certAgent = new Agent({ connect: { ca, cert: readFileSync(pki.clientCert), key: readFileSync(pki.clientKey) } });
  noCertAgent = new Agent({ connect: { ca } });
});

afterAll(async () => {
  await certAgent?.close();
  await noCertAgent?.close();
  if (pki) rmSync(pki.dir, { recursive: true, force: true });
});

describe('KumoScale simulator: TLS and authentication', () => {
  let sim: KumoScaleSim;
  beforeAll(async () => {
    sim = await startKumoScale({
      pki,
      auth: {
        mode: 'LOCAL',
        users: [KUMOSCALE_SANDBOX_USER, { user: 'watcher', password: 'w-pass-1', role: 'monitor' }],
        tokens: ['static-token-123'],
      },
    });
  });
  afterAll(() => sim.close());

  it('serves HTTPS on 127.0.0.1 and answers GET /info without credentials', async () => {
    expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const r = await call(sim, 'GET', '/info', undefined, { auth: null });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ authenticationMode: 'LOCAL' });
    expect(typeof (r.json as Json)['version']).toBe('string');
  });

  it('accepts Basic auth and rejects wrong or missing credentials with a 401 HTML page', async () => {
    const good = await call(sim, 'GET', '/backends');
    expect(good.status).toBe(200);
    expect(Array.isArray(good.json)).toBe(true);
    // usernames are case-insensitive
    expect((await call(sim, 'GET', '/backends', undefined, { auth: basic('ADMIN', KUMOSCALE_SANDBOX_USER.password) })).status).toBe(200);

    const bad = await call(sim, 'GET', '/backends', undefined, { auth: basic('admin', 'nope') });
    expect(bad.status).toBe(401);
    expect(bad.type).toContain('text/html');
    expect(bad.text).toContain('Status 401');

    const none = await call(sim, 'GET', '/backends', undefined, { auth: null });
    expect(none.status).toBe(401);
    const unknownBearer = await call(sim, 'GET', '/backends', undefined, { auth: 'Bearer Unknown' });
    expect(unknownBearer.status).toBe(401);
  });

  it('accepts minted and configured Bearer tokens, rejects expired ones', async () => {
    const token = sim.mintToken('admin');
    expect(token.split('.')).toHaveLength(3);
    expect((await call(sim, 'GET', '/volumes', undefined, { auth: `Bearer ${token}` })).status).toBe(200);
    expect((await call(sim, 'GET', '/volumes', undefined, { auth: 'Bearer static-token-123' })).status).toBe(200);
    const expired = sim.mintToken('admin', -10);
    const r = await call(sim, 'GET', '/volumes', undefined, { auth: `Bearer ${expired}` });
    expect(r.status).toBe(401);
    expect(r.text).toContain('Status 401');
    expect(sim.counters['bearerAuth']).toBeGreaterThanOrEqual(2);
  });

  it('answers 403 with an HTML page when the role may not change state', async () => {
    const auth = basic('watcher', 'w-pass-1');
    expect((await call(sim, 'GET', '/tenants', undefined, { auth })).status).toBe(200);
    const r = await call(sim, 'POST', '/tenants', { capacity: 1, totalIOPS: 1, totalBW: 1 }, { auth });
    expect(r.status).toBe(403);
    expect(r.text).toContain('Status 403');
  });

  it('answers unknown paths with a 404 HTML page', async () => {
    const r = await call(sim, 'GET', '/no/such/thing/here');
    expect(r.status).toBe(404);
    expect(r.text).toContain('Status 404');
  });

  it('mode NONE accepts any caller and reports NONE', async () => {
    const open = await startKumoScale({ pki, auth: { mode: 'NONE' } });
    try {
      expect((await call(open, 'GET', '/info', undefined, { auth: null })).json).toMatchObject({ authenticationMode: 'NONE' });
      expect((await call(open, 'GET', '/backends', undefined, { auth: null })).status).toBe(200);
      expect((await call(open, 'GET', '/backends', undefined, { auth: 'Bearer Unknown' })).status).toBe(200);
    } finally {
      await open.close();
    }
  });

  it('requireClientCert rejects a TLS client without a certificate', async () => {
    const strict = await startKumoScale({ pki, requireClientCert: true });
    try {
      await expect(call(strict, 'GET', '/info', undefined, { auth: null, agent: noCertAgent })).rejects.toThrow();
      expect(strict.counters['tlsClientErrors']).toBeGreaterThanOrEqual(1);
      const ok = await call(strict, 'GET', '/info', undefined, { auth: null });
      expect(ok.status).toBe(200);
      expect(strict.counters['clientCertPresented']).toBeGreaterThanOrEqual(1);
    } finally {
      await strict.close();
    }
  });
});

describe('KumoScale simulator: volumes, capacity and logical failures', () => {
  let sim: KumoScaleSim;
  beforeAll(async () => {
    sim = await startKumoScale({ pki });
  });
  afterAll(() => sim.close());

  const storageClass = { numReplicas: 2, sameRackAllowed: false, blockSize: 4096, desiredIOPSPerGB: 100, allowSpan: false };

  it('creates, reads, expands and deletes a volume while accounting backend capacity', async () => {
    const before = await backendsById(sim);
    const created = await call(sim, 'POST', '/volumes', {
      alias: 'vol-a', capacity: 100, uuid: 'vol-a-uuid', provisioningType: 'THICK', protocol: 'NVMeoF', storageClass,
    });
    expect(created.status).toBe(200);
    expect(created.json).toEqual({ status: 'Success', description: 'Success' });

    const one = await call(sim, 'GET', '/volumes/vol-a-uuid');
    expect(Array.isArray(one.json)).toBe(true); // one-element array, as KIOXIA clients read it
    const vol = (one.json as Json[])[0]!;
    expect(vol).toMatchObject({ uuid: 'vol-a-uuid', alias: 'vol-a', capacity: 100, numReplicas: 2, desiredIOPS: 10_000 });
    const location = vol['location'] as { backend: { persistentID: string }; replicaState: string }[];
    expect(location).toHaveLength(2);
    expect(location.every((l) => l.replicaState === 'Available')).toBe(true);
    const holders = location.map((l) => l.backend.persistentID);
    expect(new Set(holders).size).toBe(2);

    let after = await backendsById(sim);
    for (const id of holders) {
      expect((before.get(id)!['availableCapacity'] as number) - (after.get(id)!['availableCapacity'] as number)).toBe(100e9);
    }
    const tenants = (await call(sim, 'GET', '/tenants')).json as Json[];
    expect(tenants.find((t) => t['tenantId'] === '0')).toMatchObject({ consumedCapacity: 200 });

    // Cinder sends newCapacity as a string.
    expect((await call(sim, 'PATCH', '/volumes/vol-a-uuid', { newCapacity: '150' })).json).toMatchObject({ status: 'Success' });
    after = await backendsById(sim);
    for (const id of holders) {
      expect((before.get(id)!['availableCapacity'] as number) - (after.get(id)!['availableCapacity'] as number)).toBe(150e9);
    }
    expect((await call(sim, 'PATCH', '/volumes/vol-a-uuid', { newCapacity: 120 })).json).toMatchObject({ status: 'InvalidParameter' });

    const byAlias = await call(sim, 'GET', '/volumes_by_alias/vol-a');
    expect((byAlias.json as Json[]).map((v) => v['capacity'])).toEqual([150]);

    expect((await call(sim, 'DELETE', '/volumes/vol-a-uuid')).json).toMatchObject({ status: 'Success' });
    after = await backendsById(sim);
    for (const [id, b] of before) expect(after.get(id)!['availableCapacity']).toBe(b['availableCapacity']);
    expect((await call(sim, 'GET', '/volumes/vol-a-uuid')).json).toEqual([]);
    expect((await call(sim, 'DELETE', '/volumes/vol-a-uuid')).json).toMatchObject({ status: 'NotExists' });
  });

  it('reports logical failures as HTTP 200 with status and description', async () => {
    const free = await totalAvailable(sim);
    // 2000 GB does not fit on one 1 TB SSD without spanning.
    const noSpan = await call(sim, 'POST', '/volumes', { alias: 'big', capacity: 2000, storageClass: { allowSpan: false } });
    expect(noSpan.status).toBe(200);
    expect(noSpan.json).toMatchObject({ status: 'NotAvailable' });
    expect(typeof (noSpan.json as Json)['description']).toBe('string');
    expect(await totalAvailable(sim)).toBe(free);

    const span = await call(sim, 'POST', '/volumes', { alias: 'big', capacity: 2000, storageClass: { allowSpan: true } });
    expect(span.json).toMatchObject({ status: 'Success' });
    const big = ((await call(sim, 'GET', '/volumes_by_alias/big')).json as Json[])[0]!;
    expect(((big['location'] as Json[])[0]!['ssds'] as string[]).length).toBeGreaterThan(1);
    expect(await totalAvailable(sim)).toBe(free - 2000e9);

    const dup = await call(sim, 'POST', '/volumes', { alias: 'big', capacity: 1, storageClass: {} });
    expect(dup.status).toBe(200);
    expect(dup.json).toMatchObject({ status: 'AlreadyExists' });

    const missing = await call(sim, 'POST', '/volumes', { alias: 'x', storageClass: {} });
    expect(missing.json).toMatchObject({ status: 'InvalidParameter' });

    const backendDup = await call(sim, 'POST', '/backends', { mgmtIPs: ['10.0.0.11'] });
    expect(backendDup.json).toMatchObject({ status: 'AlreadyExists' });
    expect((await call(sim, 'POST', '/backends', { mgmtIPs: ['10.0.0.15'] })).json).toMatchObject({ status: 'NoGroups' });
    expect((await call(sim, 'POST', '/backends', { mgmtIPs: ['10.0.0.14'], rack: 'x'.repeat(256) })).json).toMatchObject({
      status: 'InvalidLocationValue',
    });
    expect((await call(sim, 'POST', '/backends', { mgmtIPs: ['10.0.0.14'], rack: 'r4' })).json).toMatchObject({ status: 'Success' });
    const added = await call(sim, 'GET', '/backends/0c:c4:7a:5e:00:04');
    expect(added.json).toMatchObject({ persistentID: '0c:c4:7a:5e:00:04', rack: 'r4', state: 'Available' }); // bare object

    sim.failNextWith({ status: 'NotAvailable', description: 'injected' }, { method: 'GET', path: '/volumes' });
    expect((await call(sim, 'GET', '/volumes')).json).toEqual({ status: 'NotAvailable', description: 'injected' });
    sim.failNextWith(503);
    expect((await call(sim, 'GET', '/volumes')).status).toBe(503);

    expect((await call(sim, 'DELETE', '/volumes/' + (big['uuid'] as string))).json).toMatchObject({ status: 'Success' });
  });

  it('enforces a tenant capacity budget behind the /{tenantId} prefix', async () => {
    expect((await call(sim, 'POST', '/tenants', { tenantId: 't1', name: 'team', capacity: 50, totalIOPS: 1000, totalBW: 1000 })).json)
      .toMatchObject({ status: 'Success' });
    expect((await call(sim, 'POST', '/t1/volumes', { alias: 'tv', capacity: 60, storageClass: {} })).json).toMatchObject({
      status: 'NotAvailable',
    });
    expect((await call(sim, 'POST', '/t1/volumes', { alias: 'tv', capacity: 40, storageClass: {} })).json).toMatchObject({
      status: 'Success',
    });
    expect(((await call(sim, 'GET', '/t1/volumes')).json as Json[]).map((v) => v['alias'])).toEqual(['tv']);
    expect(((await call(sim, 'GET', '/volumes')).json as Json[]).map((v) => v['alias'])).not.toContain('tv');
    const t1 = ((await call(sim, 'GET', '/tenants')).json as Json[]).find((t) => t['tenantId'] === 't1');
    expect(t1).toMatchObject({ capacity: 50, consumedCapacity: 40 });
    expect((await call(sim, 'DELETE', '/tenants/t1')).json).toMatchObject({ status: 'VolumeInUse' });
    expect((await call(sim, 'GET', '/nope/volumes')).json).toMatchObject({ status: 'NotExists' });
  });

  it('takes snapshots of single-replica volumes and makes snapshot volumes', async () => {
    await call(sim, 'POST', '/volumes', { alias: 'src', uuid: 'src-1', capacity: 10, storageClass: {} });
    expect((await call(sim, 'POST', '/snapshots', { alias: 's1', volumeID: 'src-1', snapshotID: 'snap-1', reservedSpacePercentage: 10 })).json)
      .toMatchObject({ status: 'Success' });
    const snap = await call(sim, 'GET', '/snapshots/snap-1');
    expect(snap.json).toMatchObject([{ snapshotID: 'snap-1', volumeID: 'src-1', capacity: 10, reservedSpace: 1 }]);
    expect((await call(sim, 'POST', '/snapshot_volumes', { alias: 'sv', snapshotID: 'snap-1', writable: false, volumeID: 'sv-1' })).json)
      .toMatchObject({ status: 'Success' });
    expect(((await call(sim, 'GET', '/volumes/sv-1')).json as Json[])[0]).toMatchObject({ snapshotID: 'snap-1', writable: false });
    expect((await call(sim, 'DELETE', '/snapshots/snap-1')).json).toMatchObject({ status: 'VolumeInUse' });
    expect((await call(sim, 'DELETE', '/volumes/src-1')).json).toMatchObject({ status: 'VolumeInUse' });
    expect((await call(sim, 'DELETE', '/volumes/sv-1')).json).toMatchObject({ status: 'Success' });
    expect((await call(sim, 'DELETE', '/snapshots/snap-1')).json).toMatchObject({ status: 'Success' });
    expect((await call(sim, 'DELETE', '/volumes/src-1')).json).toMatchObject({ status: 'Success' });
  });
});

describe('KumoScale simulator: hosts, publish and targets', () => {
  let sim: KumoScaleSim;
  beforeAll(async () => {
    sim = await startKumoScale({ pki });
  });
  afterAll(() => sim.close());

  it('publishes a volume to a host NQN and unpublishes it', async () => {
    const hostId = '6c3d1c4e-0000-4000-8000-000000000001';
    const nqn = 'nqn.2014-08.org.nvmexpress:uuid:' + hostId;
    expect((await call(sim, 'POST', '/host_probe', { hostNqn: nqn, hostId, name: 'compute-1', clientType: 'Agent', version: 't', duration: 60 })).json)
      .toMatchObject({ status: 'Success' });
    const hosts = (await call(sim, 'GET', '/hosts?hostName=compute-1')).json as Json[];
    expect(hosts).toHaveLength(1);
    expect(hosts[0]).toMatchObject({ uuid: hostId, nqn, name: 'compute-1', state: 'Active' });

    await call(sim, 'POST', '/volumes', { alias: 'pv', uuid: 'pv-1', capacity: 5, storageClass: { numReplicas: 2 } });
    expect((await call(sim, 'POST', '/publish', { hostId, volId: 'pv-1' })).json).toMatchObject({ status: 'Success' });
    expect((await call(sim, 'POST', '/publish', { hostId, volId: 'pv-1' })).json).toMatchObject({ status: 'AlreadyPublished' });
    expect((await call(sim, 'POST', '/publish', { hostId: 'nobody', volId: 'pv-1' })).json).toMatchObject({ status: 'NotExists' });

    const targets = (await call(sim, 'GET', `/targets?hostId=${hostId}&volId=pv-1`)).json as Json[];
    expect(targets).toHaveLength(2); // one target per backend holding a replica
    for (const t of targets) {
      expect(t['targetName']).toMatch(/^nqn\./);
      expect(t).toMatchObject({ numNamespaces: 1 });
      const b = await call(sim, 'GET', `/backends/${(t['backend'] as Json)['persistentID'] as string}`);
      expect(((b.json as Json)['portals'] as Json[])[0]).toMatchObject({ port: 4420 });
    }

    expect((await call(sim, 'DELETE', '/volumes/pv-1')).json).toMatchObject({ status: 'VolumeInUse' });
    expect((await call(sim, 'DELETE', `/hosts/${hostId}`)).json).toMatchObject({ status: 'VolumeInUse' });
    expect((await call(sim, 'POST', '/unpublish', { hostId, volId: 'pv-1' })).json).toMatchObject({ status: 'Success' });
    expect((await call(sim, 'POST', '/unpublish', { hostId, volId: 'pv-1' })).json).toMatchObject({ status: 'VolumeNotPublished' });
    expect((await call(sim, 'GET', `/targets?hostId=${hostId}`)).json).toEqual([]);
    expect((await call(sim, 'DELETE', '/volumes/pv-1')).json).toMatchObject({ status: 'Success' });
    expect((await call(sim, 'DELETE', `/hosts/${hostId}`)).json).toMatchObject({ status: 'Success' });
  });
});

describe('KumoScale simulator: tasks', () => {
  let sim: KumoScaleSim;
  beforeAll(async () => {
    sim = await startKumoScale({ pki, taskDurationMs: 1500 });
  });
  afterAll(() => sim.close());

  it('adding a replica starts a resync task that progresses to completion', async () => {
    await call(sim, 'POST', '/volumes', { alias: 'rv', uuid: 'rv-1', capacity: 10, storageClass: { numReplicas: 1 } });
    const freeBefore = await totalAvailable(sim);
    expect((await call(sim, 'POST', '/replica/rv-1', { sameRackAllowed: false })).json).toMatchObject({ status: 'Success' });
    expect(await totalAvailable(sim)).toBe(freeBefore - 10e9);

    const running = (await call(sim, 'GET', '/tasks')).json as Json[];
    expect(running).toHaveLength(1);
    const task = running[0]!;
    expect(task).toMatchObject({ state: 'Running', taskStatus: 'InProgress' });
    expect(task['progress'] as number).toBeLessThan(100);
    expect((task['taskConfiguration'] as Json)['volId']).toBe('rv-1');
    const vol = ((await call(sim, 'GET', '/volumes/rv-1')).json as Json[])[0]!;
    expect((vol['location'] as Json[]).map((l) => l['replicaState'])).toEqual(['Available', 'Synchronizing']);

    const taskId = task['taskId'] as string;
    expect((await call(sim, 'DELETE', `/tasks?taskId=${taskId}`)).json).toMatchObject({ status: 'InvalidState' });

    await new Promise((r) => setTimeout(r, 300));
    const mid = ((await call(sim, 'GET', `/tasks?taskId=${taskId}`)).json as Json[])[0]!;
    expect(mid['progress'] as number).toBeGreaterThan(0);

    // Poll the task the way `--wait` would, until it ends.
    let done: Json = mid;
    for (let i = 0; i < 50 && done['state'] !== 'Ended'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      done = ((await call(sim, 'GET', `/tasks?taskId=${taskId}`)).json as Json[])[0]!;
    }
    expect(done).toMatchObject({ state: 'Ended', taskStatus: 'Success', progress: 100 });
    const synced = ((await call(sim, 'GET', '/volumes/rv-1')).json as Json[])[0]!;
    expect((synced['location'] as Json[]).map((l) => l['replicaState'])).toEqual(['Available', 'Available']);
    expect(synced['numReplicas']).toBe(2);

    expect((await call(sim, 'DELETE', `/tasks?taskId=${taskId}`)).json).toMatchObject({ status: 'Success' });
    expect((await call(sim, 'GET', '/tasks')).json).toEqual([]);
  });

  it('migrating a replica moves its space to the destination backend when the task ends', async () => {
    await call(sim, 'POST', '/volumes', { alias: 'mv', uuid: 'mv-1', capacity: 20, storageClass: {} });
    const vol = ((await call(sim, 'GET', '/volumes/mv-1')).json as Json[])[0]!;
    const loc = (vol['location'] as Json[])[0]!;
    const source = (loc['backend'] as Json)['persistentID'] as string;
    const dest = [...(await backendsById(sim)).keys()].find((id) => id !== source)!;
    const before = await backendsById(sim);
    expect((await call(sim, 'POST', '/migrate_volume', { volId: 'mv-1', repId: loc['uuid'], destinationBackendId: dest })).json)
      .toMatchObject({ status: 'Success' });
    const during = await backendsById(sim);
    expect((before.get(dest)!['availableCapacity'] as number) - (during.get(dest)!['availableCapacity'] as number)).toBe(20e9);
    sim.completeTasks();
    const after = await backendsById(sim);
    expect(after.get(source)!['availableCapacity']).toBe((before.get(source)!['availableCapacity'] as number) + 20e9);
    const moved = ((await call(sim, 'GET', '/volumes/mv-1')).json as Json[])[0]!;
    expect((moved['location'] as Json[])[0]).toMatchObject({ replicaState: 'Available', backend: { persistentID: dest } });
    const tasks = (await call(sim, 'GET', '/tasks')).json as Json[];
    expect(tasks.find((t) => (t['taskConfiguration'] as Json)['type'] === 'Migration')).toMatchObject({ state: 'Ended' });
  });
});
