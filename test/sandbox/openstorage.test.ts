import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import { request } from 'undici';
import { serviceClient, type OpenStorageServiceName } from '../../src/backends/openstorage/proto.js';
import { HTTP_RULES, matchHttpRule } from '../../src/backends/openstorage/http-rules.js';
import { startOpenStorage, type OpenStorageSim } from '../../src/sandbox/openstorage/index.js';

type Obj = Record<string, any>;

const SECRET = 'test-shared-secret';
const ISSUER = 'openstorage.io';

class Clients {
  private cache = new Map<string, grpc.Client>();
  constructor(private readonly address: string) {}
  get(name: OpenStorageServiceName): any {
    let c = this.cache.get(name);
    if (!c) {
      const Ctor = serviceClient(name);
      c = new Ctor(this.address, grpc.credentials.createInsecure());
      this.cache.set(name, c);
    }
    return c;
  }
  close(): void {
    for (const c of this.cache.values()) c.close();
  }
}

function md(token?: string): grpc.Metadata {
  const m = new grpc.Metadata();
  if (token !== undefined) m.set('authorization', `bearer ${token}`);
  return m;
}

function call(clients: Clients, service: OpenStorageServiceName, rpc: string, req: Obj = {}, token?: string): Promise<Obj> {
  return new Promise((resolve, reject) => {
    clients.get(service)[rpc](req, md(token), (err: grpc.ServiceError | null, res: Obj) => (err ? reject(err) : resolve(res)));
  });
}

async function callErr(clients: Clients, service: OpenStorageServiceName, rpc: string, req: Obj = {}, token?: string): Promise<grpc.ServiceError> {
  try {
    await call(clients, service, rpc, req, token);
  } catch (e) {
    return e as grpc.ServiceError;
  }
  throw new Error(`${service}.${rpc} unexpectedly succeeded`);
}

function collect(stream: grpc.ClientReadableStream<Obj>): Promise<Obj[]> {
  return new Promise((resolve, reject) => {
    const out: Obj[] = [];
    stream.on('data', (m: Obj) => out.push(m));
    stream.on('end', () => resolve(out));
    stream.on('error', reject);
  });
}

async function rest(sim: OpenStorageSim, method: string, path: string, body?: unknown, token?: string | null, rawAuth?: string) {
  const headers: Record<string, string> = {};
  if (token) headers['authorization'] = `bearer ${token}`;
  if (rawAuth !== undefined) headers['authorization'] = rawAuth;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await request(`${sim.restUrl}${path}`, {
    method: method as 'GET',
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.body.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, text, json, headers: res.headers };
}

function ndjson(text: string): Obj[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Obj);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('openstorage wire definitions', () => {
  it('has an HTTP rule for every RPC and resolves routes', () => {
    expect(HTTP_RULES.length).toBe(132); // every RPC of the SDK's 25 services
    const m = matchHttpRule('GET', '/v1/volumes/inspect/abc%2Fdef');
    expect(m && m !== 'method-not-allowed' && m.rule.rpc).toBe('Inspect');
    expect(m && m !== 'method-not-allowed' && m.params['volume_id']).toBe('abc/def');
    const shared = matchHttpRule('GET', '/v1/nodes/usage/1');
    expect(shared && shared !== 'method-not-allowed' && shared.rule.rpc).toBe('VolumeUsageByNode');
    expect(matchHttpRule('PATCH', '/v1/volumes')).toBe('method-not-allowed');
    expect(matchHttpRule('GET', '/v1/nope')).toBeUndefined();
  });
});

describe('openstorage simulator without auth', () => {
  let sim: OpenStorageSim;
  let clients: Clients;

  beforeAll(async () => {
    sim = await startOpenStorage({ backupDurationMs: 300 });
    clients = new Clients(sim.grpcAddress);
  });
  afterAll(async () => {
    clients.close();
    await sim.close();
  });

  it('reports the version over gRPC and REST', async () => {
    const g = await call(clients, 'OpenStorageIdentity', 'Version');
    expect(g.sdk_version).toEqual({ minor: 186, version: '0.186.0' });
    expect(g.version).toEqual({ driver: 'fake', version: '1.0.0-fake', details: { example: 'data' } });
    const r = await rest(sim, 'GET', '/v1/identities/version');
    expect(r.status).toBe(200);
    expect(r.text).toBe('{"sdk_version":{"minor":186,"version":"0.186.0"},"version":{"driver":"fake","version":"1.0.0-fake","details":{"example":"data"}}}');
    expect(r.headers['content-type']).toBe('application/json');
  });

  it('lists capabilities', async () => {
    const g = await call(clients, 'OpenStorageIdentity', 'Capabilities');
    expect(g.capabilities).toHaveLength(13);
    expect(g.capabilities[0]).toEqual({ service: { type: 'CLUSTER' }, type: 'service' });
    const r = await rest(sim, 'GET', '/v1/identities/capabilities');
    expect(r.json.capabilities.map((c: Obj) => c.service.type)).toEqual([
      'CLUSTER', 'CLOUD_BACKUP', 'CREDENTIALS', 'NODE', 'OBJECT_STORAGE', 'SCHEDULE_POLICY', 'VOLUME',
      'ALERTS', 'MOUNT_ATTACH', 'ROLE', 'CLUSTER_PAIR', 'MIGRATE', 'STORAGE_POLICY',
    ]);
    expect(r.json.capabilities[0]).toEqual({ service: { type: 'CLUSTER' } });
  });

  it('inspects the cluster and the node', async () => {
    const c = await rest(sim, 'GET', '/v1/clusters/inspectcurrent');
    expect(c.text).toBe('{"cluster":{"status":"STATUS_OK","id":"ce6b309e289d620be08c964969aeb39f","name":"mock"}}');
    expect((await rest(sim, 'GET', '/v1/nodes')).json).toEqual({ node_ids: ['1'] });
    const n = await rest(sim, 'GET', '/v1/nodes/inspect/1');
    expect(n.json.node).toMatchObject({ id: '1', cpu_cores: '2', mem_total: '25276063744', status: 'STATUS_OK', security_status: 'UNSECURED' });
    const g = await call(clients, 'OpenStorageNode', 'InspectCurrent');
    expect(g.node.mgmt_ip).toBe('127.0.0.1');
    expect(g.node.mem_free).toBe('25252208640');
    const f = await rest(sim, 'GET', '/v1/nodes/filters');
    expect(f.json.nodes).toHaveLength(1);
  });

  it('creates, inspects, enumerates and deletes volumes over REST', async () => {
    const created = await rest(sim, 'POST', '/v1/volumes', {
      name: 'vol1',
      spec: { size: '1073741824', ha_level: '1', format: 'FS_TYPE_EXT4', cos: 'HIGH' },
      labels: { app: 'demo' },
    });
    expect(created.status).toBe(200);
    const id = created.json.volume_id as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    // Idempotent by name.
    const again = await rest(sim, 'POST', '/v1/volumes', { name: 'vol1', spec: { size: '1073741824', ha_level: '1' } });
    expect(again.json).toEqual({ volume_id: id });

    const insp = await rest(sim, 'GET', `/v1/volumes/inspect/${id}`);
    expect(insp.status).toBe(200);
    const v = insp.json.volume;
    expect(v.id).toBe(id);
    expect(v.source).toEqual({});
    expect(v.locator).toEqual({ name: 'vol1', volume_labels: { app: 'demo' } });
    expect(v.spec).toEqual({ size: '1073741824', format: 'FS_TYPE_EXT4', ha_level: '1', cos: 'HIGH' });
    expect(v.format).toBe('FS_TYPE_XFS');
    expect(v.status).toBe('VOLUME_STATUS_UP');
    expect(v.state).toBe('VOLUME_STATE_AVAILABLE');
    expect(v.ctime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3}|\.\d{6}|\.\d{9})?Z$/);
    expect(v).not.toHaveProperty('readonly');
    expect(insp.json.name).toBe('vol1');
    expect(insp.json.labels).toEqual({ app: 'demo' });

    // camelCase names, numeric 64-bit values and numeric enums are accepted.
    const v2 = await rest(sim, 'POST', '/v1/volumes', { name: 'vol2', spec: { size: 2147483648, haLevel: 2, format: 2, shared: true } });
    expect(v2.status).toBe(200);
    const i2 = await rest(sim, 'GET', `/v1/volumes/inspect/${v2.json.volume_id}`);
    expect(i2.json.volume.spec).toEqual({ size: '2147483648', format: 'FS_TYPE_EXT4', ha_level: '2', shared: true });

    const list = await rest(sim, 'GET', '/v1/volumes');
    expect(list.json.volume_ids).toEqual(expect.arrayContaining([id, v2.json.volume_id]));
    const filtered = await rest(sim, 'POST', '/v1/volumes/filters', { labels: { app: 'demo' } });
    expect(filtered.json).toEqual({ volume_ids: [id] });
    const withFilters = await rest(sim, 'POST', '/v1/volumes/inspectwithfilters', { name: 'vol2' });
    expect(withFilters.json.volumes).toHaveLength(1);
    expect(withFilters.json.volumes[0].name).toBe('vol2');

    const del = await rest(sim, 'DELETE', `/v1/volumes/${v2.json.volume_id}`);
    expect(del.status).toBe(200);
    expect(del.json).toEqual({});
    expect((await rest(sim, 'DELETE', `/v1/volumes/${v2.json.volume_id}`)).json).toEqual({});
    expect((await rest(sim, 'GET', '/v1/volumes')).json.volume_ids).not.toContain(v2.json.volume_id);
  });

  it('returns gRPC errors with codes and gateway error bodies', async () => {
    const noName = await rest(sim, 'POST', '/v1/volumes', { spec: { ha_level: 1 } });
    expect(noName.status).toBe(400);
    expect(noName.json).toEqual({ error: 'Must supply a unique name', code: 3, message: 'Must supply a unique name' });
    const noSpec = await callErr(clients, 'OpenStorageVolume', 'Create', { name: 'x' });
    expect(noSpec.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(noSpec.details).toBe('Must supply spec object');
    const ha0 = await rest(sim, 'POST', '/v1/volumes', { name: 'ha0', spec: { size: '1024' } });
    expect(ha0.status).toBe(500);
    expect(ha0.json).toMatchObject({ code: 13, message: 'Failed to create volume: HA level cannot be zero' });
    const missing = await rest(sim, 'GET', '/v1/volumes/inspect/nope');
    expect(missing.status).toBe(404);
    expect(missing.text).toBe('{"error":"Volume id nope not found","code":5,"message":"Volume id nope not found"}');
    const gMissing = await callErr(clients, 'OpenStorageVolume', 'Inspect', { volume_id: 'nope' });
    expect(gMissing.code).toBe(grpc.status.NOT_FOUND);
    expect(gMissing.details).toBe('Volume id nope not found');
    const badEnum = await rest(sim, 'POST', '/v1/volumes', { name: 'x', spec: { format: 'xfs' } });
    expect(badEnum.status).toBe(400);
    expect(badEnum.json.message).toBe('unknown value "\\"xfs\\"" for enum openstorage.api.FSType');
    const badJson = await rest(sim, 'POST', '/v1/volumes', 'abc');
    expect(badJson.status).toBe(400);
    expect(badJson.json.message).toBe("invalid character 'a' looking for beginning of value");
    expect((await rest(sim, 'GET', '/v1/nothing')).status).toBe(404);
    expect((await rest(sim, 'PATCH', '/v1/volumes')).status).toBe(405);
    const usage = await callErr(clients, 'OpenStorageNode', 'VolumeUsageByNode', { node_id: '1' });
    expect(usage.code).toBe(grpc.status.INTERNAL);
    expect(usage.details).toMatch(/Operation not supported$/);
  });

  it('returns the same data over both transports', async () => {
    const g = await call(clients, 'OpenStorageVolume', 'Create', {
      name: 'both',
      spec: { size: '5368709120', ha_level: '3', format: 'FS_TYPE_EXT4', io_profile: 'IO_PROFILE_DB' },
      labels: { tier: 'gold' },
    });
    const id = g.volume_id as string;
    const viaGrpc = await call(clients, 'OpenStorageVolume', 'Inspect', { volume_id: id });
    const viaRest = (await rest(sim, 'GET', `/v1/volumes/inspect/${id}`)).json;
    expect(viaGrpc.volume.spec).toEqual(viaRest.volume.spec);
    expect(viaGrpc.volume.locator).toEqual(viaRest.volume.locator);
    expect(viaGrpc.labels).toEqual(viaRest.labels);
    expect(viaGrpc.volume.spec.size).toBe('5368709120');
    // Timestamps: object over gRPC, RFC 3339 over REST, same instant.
    const ts = viaGrpc.volume.ctime as { seconds: string; nanos: number };
    expect(typeof ts.seconds).toBe('string');
    expect(Math.floor(Date.parse(viaRest.volume.ctime) / 1000)).toBe(Number(ts.seconds));
    const restIds = (await rest(sim, 'GET', '/v1/volumes')).json.volume_ids;
    const grpcIds = (await call(clients, 'OpenStorageVolume', 'Enumerate')).volume_ids;
    expect(grpcIds).toEqual(restIds);
    const stats = (await rest(sim, 'GET', `/v1/volumes/stats/${id}`)).json;
    expect(stats).toEqual({
      stats: {
        reads: '12345', read_ms: '1', read_bytes: '1234567', writes: '9876', write_ms: '2', write_bytes: '7654321',
        io_progress: '987', io_ms: '3', bytes_used: '1234567890', interval_ms: '4',
      },
    });
    expect((await call(clients, 'OpenStorageVolume', 'Stats', { volume_id: id })).stats).toEqual(stats.stats);
  });

  it('creates, enumerates and restores snapshots', async () => {
    const { volume_id: id } = await call(clients, 'OpenStorageVolume', 'Create', { name: 'snapsrc', spec: { size: '1024', ha_level: '1' } });
    const snap = await rest(sim, 'POST', '/v1/volumes/snapshots', { volume_id: id, name: 'snap1', labels: { k: 'v' } });
    expect(snap.status).toBe(200);
    const snapId = snap.json.snapshot_id as string;
    const list = await rest(sim, 'GET', `/v1/volumes/snapshots?volume_id=${id}`);
    expect(list.json).toEqual({ volume_snapshot_ids: [snapId] });
    const filtered = await call(clients, 'OpenStorageVolume', 'SnapshotEnumerateWithFilters', { volume_id: id, labels: { k: 'v' } });
    expect(filtered.volume_snapshot_ids).toEqual([snapId]);
    expect((await rest(sim, 'GET', '/v1/volumes')).json.volume_ids).toContain(snapId);
    const s = await call(clients, 'OpenStorageVolume', 'Inspect', { volume_id: snapId });
    expect(s.volume.source).toEqual({ parent: id });
    expect(s.volume).not.toHaveProperty('readonly'); // upstream does not mark snapshots read-only
    // upstream makes a new snapshot each time, whatever its name
    const again = await call(clients, 'OpenStorageVolume', 'SnapshotCreate', { volume_id: id, name: 'snap1' });
    expect(again.snapshot_id).not.toBe(snapId);
    expect((await rest(sim, 'GET', `/v1/volumes/snapshots?volume_id=${id}`)).json.volume_snapshot_ids.sort()).toEqual([snapId, again.snapshot_id].sort());
    await call(clients, 'OpenStorageVolume', 'Delete', { volume_id: again.snapshot_id });
    // clones have a parent too, and SnapEnumerate lists them like the fake driver does
    const { volume_id: cloneId } = await call(clients, 'OpenStorageVolume', 'Clone', { name: 'snapsrc-clone', parent_id: id });
    expect((await call(clients, 'OpenStorageVolume', 'SnapshotEnumerate', {})).volume_snapshot_ids).toContain(cloneId);
    await call(clients, 'OpenStorageVolume', 'Delete', { volume_id: cloneId });
    const restore = await rest(sim, 'POST', '/v1/volumes/snapshots/restore', { volume_id: id, snapshot_id: snapId });
    expect(restore.status).toBe(200);
    expect(restore.json).toEqual({});
    const bad = await callErr(clients, 'OpenStorageVolume', 'SnapshotRestore', { volume_id: id, snapshot_id: 'nope' });
    expect(bad.code).toBe(grpc.status.NOT_FOUND);
  });

  it('keeps schedule policies and applies them to volumes', async () => {
    const policy = { name: 'daily', schedules: [{ retain: '5', daily: { hour: 1, minute: 30 } }] };
    expect((await rest(sim, 'POST', '/v1/schedulepolicies', { schedule_policy: policy })).status).toBe(200);
    const insp = await rest(sim, 'GET', '/v1/schedulepolicies/inspect/daily');
    expect(insp.json).toEqual({ policy: { name: 'daily', schedules: [{ retain: '5', daily: { hour: 1, minute: 30 } }] } });
    const g = await call(clients, 'OpenStorageSchedulePolicy', 'Inspect', { name: 'daily' });
    expect(g.policy.schedules[0].period_type).toBe('daily');
    const { volume_id: id } = await call(clients, 'OpenStorageVolume', 'Create', { name: 'sched', spec: { ha_level: '1' } });
    await call(clients, 'OpenStorageVolume', 'SnapshotScheduleUpdate', { volume_id: id, snapshot_schedule_names: ['daily'] });
    const v = await call(clients, 'OpenStorageVolume', 'Inspect', { volume_id: id });
    expect(v.volume.spec.snapshot_schedule).toBe('policy=daily');
    const missing = await rest(sim, 'POST', `/v1/volumes/snapshot/schedules/${id}`, { snapshot_schedule_names: ['nope'] });
    expect(missing.status).toBe(404);
  });

  it('never returns credential secrets', async () => {
    const c = await rest(sim, 'POST', '/v1/credentials', {
      name: 'cred1',
      bucket: 'b1',
      aws_credential: { access_key: 'AK', secret_key: 'SK', endpoint: '127.0.0.1:9999', region: 'us-east-1', disable_ssl: true },
    });
    expect(c.status).toBe(200);
    const id = c.json.credential_id as string;
    expect((await rest(sim, 'GET', '/v1/credentials')).json).toEqual({ credential_ids: [id] });
    const insp = await rest(sim, 'GET', `/v1/credentials/inspect/${id}`);
    expect(insp.json).toEqual({
      credential_id: id,
      name: 'cred1',
      bucket: 'b1',
      aws_credential: { access_key: 'AK', endpoint: '127.0.0.1:9999', region: 'us-east-1', disable_ssl: true },
    });
    const g = await call(clients, 'OpenStorageCredentials', 'Inspect', { credential_id: id });
    expect(JSON.stringify(g)).not.toContain('SK');
    expect(g.credential_type).toBe('aws_credential');
    expect((await rest(sim, 'GET', `/v1/credentials/validate/${id}`)).status).toBe(200);
    const noType = await callErr(clients, 'OpenStorageCredentials', 'Create', { name: 'x' });
    expect(noType.code).toBe(grpc.status.INVALID_ARGUMENT);
  });

  it('treats a credential name like upstream: Inspect echoes it, Validate fails, Delete deletes nothing', async () => {
    const { credential_id: id } = await call(clients, 'OpenStorageCredentials', 'Create', { name: 'byname', aws_credential: { access_key: 'a', secret_key: 'b' } });
    // Inspect finds it by name but puts the name where the uuid belongs, over both transports
    expect((await call(clients, 'OpenStorageCredentials', 'Inspect', { credential_id: 'byname' })).credential_id).toBe('byname');
    expect((await rest(sim, 'GET', '/v1/credentials/inspect/byname')).json).toMatchObject({ credential_id: 'byname', name: 'byname' });
    const v = await callErr(clients, 'OpenStorageCredentials', 'Validate', { credential_id: 'byname' });
    expect([v.code, v.details]).toEqual([grpc.status.INTERNAL, 'failed to validate credentials: Credential id byname not found']);
    expect((await rest(sim, 'GET', '/v1/credentials/validate/byname')).status).toBe(500);
    expect((await call(clients, 'OpenStorageCredentials', 'Delete', { credential_id: 'byname' }))).toEqual({});
    expect((await rest(sim, 'DELETE', '/v1/credentials/byname')).json).toEqual({});
    expect((await call(clients, 'OpenStorageCredentials', 'Enumerate')).credential_ids).toContain(id);
    const unknown = await callErr(clients, 'OpenStorageCredentials', 'Delete', { credential_id: 'no-such' });
    expect([unknown.code, unknown.details]).toEqual([grpc.status.NOT_FOUND, 'Credential id no-such not found']);
    expect((await call(clients, 'OpenStorageCredentials', 'Delete', { credential_id: id }))).toEqual({});
    expect((await call(clients, 'OpenStorageCredentials', 'Enumerate')).credential_ids).not.toContain(id);
  });

  it('runs cloud backups whose status progresses to Done', async () => {
    const { volume_id: vol } = await call(clients, 'OpenStorageVolume', 'Create', { name: 'bk', spec: { size: '1048576', ha_level: '1' } });
    const { credential_id: cred } = await call(clients, 'OpenStorageCredentials', 'Create', {
      name: 'bkcred',
      aws_credential: { access_key: 'a', secret_key: 'b' },
    });
    const created = await rest(sim, 'POST', '/v1/cloudbackups', { volume_id: vol, credential_id: cred });
    expect(created.status).toBe(200);
    const task = created.json.task_id as string;
    const first = await call(clients, 'OpenStorageCloudBackup', 'Status', { task_id: task });
    expect(['SdkCloudBackupStatusTypeNotStarted', 'SdkCloudBackupStatusTypeActive']).toContain(first.statuses[task].status);
    await sleep(400);
    const done = (await rest(sim, 'POST', '/v1/cloudbackups/status', { task_id: task })).json;
    expect(done.statuses[task]).toMatchObject({
      optype: 'SdkCloudBackupOpTypeBackupOp',
      status: 'SdkCloudBackupStatusTypeDone',
      bytes_done: '1048576',
      bytes_total: '1048576',
      src_volume_id: vol,
    });
    // two credentials now (cred1 and bkcred): calls without one are refused like upstream does
    const several = await callErr(clients, 'OpenStorageCloudBackup', 'EnumerateWithFilters', { src_volume_id: vol });
    expect([several.code, several.details]).toEqual([grpc.status.INVALID_ARGUMENT, 'More than one credential configured,please specify a credential name or uuid to use']);
    const byName = await callErr(clients, 'OpenStorageCloudBackup', 'EnumerateWithFilters', { src_volume_id: vol, credential_id: 'bkcred' });
    expect([byName.code, byName.details]).toEqual([grpc.status.INTERNAL, 'Failed to enumerate backups: Credential id bkcred not found']);
    const list = await rest(sim, 'POST', '/v1/cloudbackups/enumerate/filters', { src_volume_id: vol, credential_id: cred });
    expect(list.json.backups).toHaveLength(1);
    const backupId = list.json.backups[0].id as string;
    expect(list.json.backups[0].status).toBe('SdkCloudBackupStatusTypeDone');
    // the restore reply names the new volume and carries no task_id; Status finds the restore by that volume
    const restored = await call(clients, 'OpenStorageCloudBackup', 'Restore', { backup_id: backupId, restore_volume_name: 'bk-restored', credential_id: cred });
    expect(Object.keys(restored)).toEqual(['restore_volume_id']);
    const restRestored = await rest(sim, 'POST', '/v1/cloudbackups/restore', { backup_id: backupId, restore_volume_name: 'bk-restored-2', credential_id: cred });
    expect(Object.keys(restRestored.json)).toEqual(['restore_volume_id']);
    const byVolume = await call(clients, 'OpenStorageCloudBackup', 'Status', { volume_id: restored.restore_volume_id });
    expect(Object.values(byVolume.statuses).map((x: any) => x.optype)).toEqual(['SdkCloudBackupOpTypeRestoreOp']);
    expect(Object.keys((await call(clients, 'OpenStorageCloudBackup', 'Status', { task_id: '' })).statuses).length).toBe(3);
    const path = `/v1/cloudbackups/backup/${encodeURIComponent(backupId)}`;
    const refused = await rest(sim, 'DELETE', path);
    expect([refused.status, refused.json.code, refused.json.message]).toEqual([400, 3, 'More than one credential configured,please specify a credential name or uuid to use']);
    const del = await rest(sim, 'DELETE', `${path}?credential_id=${cred}`);
    expect(del.status).toBe(200);
    expect((await call(clients, 'OpenStorageCloudBackup', 'EnumerateWithFilters', { src_volume_id: vol, credential_id: cred })).backups).toBeUndefined();
  });

  it('streams alerts with filters over gRPC and REST', async () => {
    // upstream refuses a request without queries, over gRPC and REST
    await expect(collect(clients.get('OpenStorageAlerts').EnumerateWithFilters({}, md()))).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT, details: 'Must provide at least one query' });
    const none = await rest(sim, 'POST', '/v1/alerts/filters', { queries: [] });
    expect([none.status, ndjson(none.text)]).toEqual([400, [{ error: { grpc_code: 3, http_code: 400, message: 'Must provide at least one query', http_status: 'Bad Request' } }]]);
    const everyType = ['VOLUME', 'NODE', 'CLUSTER', 'DRIVE', 'POOL', 'NONE'].map((t) => ({ resource_type_query: { resource_type: `RESOURCE_TYPE_${t}` } }));
    const all = await collect(clients.get('OpenStorageAlerts').EnumerateWithFilters({ queries: everyType }, md()));
    const seeded = all.flatMap((m) => m.alerts);
    expect(seeded.length).toBe(3);
    const id = sim.emitAlert({ message: 'volume is degraded', severity: 'SEVERITY_TYPE_ALARM', resource: 'RESOURCE_TYPE_VOLUME', resourceId: 'v1', alertType: 7 });
    const r = await rest(sim, 'POST', '/v1/alerts/filters', {
      queries: [{ resource_type_query: { resource_type: 'RESOURCE_TYPE_VOLUME' } }],
    });
    expect(r.status).toBe(200);
    const lines = ndjson(r.text);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.result.alerts).toHaveLength(1);
    expect(lines[0]!.result.alerts[0]).toMatchObject({ id, severity: 'SEVERITY_TYPE_ALARM', alert_type: '7', message: 'volume is degraded', resource_id: 'v1' });
    expect(lines[0]!.result.alerts[0].timestamp).toMatch(/Z$/);
    const severe = await collect(
      clients.get('OpenStorageAlerts').EnumerateWithFilters(
        {
          queries: [
            { resource_type_query: { resource_type: 'RESOURCE_TYPE_NODE' }, opts: [{ min_severity_type: 'SEVERITY_TYPE_WARNING' }] },
            { resource_type_query: { resource_type: 'RESOURCE_TYPE_VOLUME' }, opts: [{ time_span: { start_time: { seconds: String(Math.floor(Date.now() / 1000) - 60) } } }] },
          ],
        },
        md(),
      ),
    );
    const got = severe.flatMap((m) => m.alerts).map((a: Obj) => a.resource);
    expect(got.sort()).toEqual(['RESOURCE_TYPE_NODE', 'RESOURCE_TYPE_VOLUME']);
    const notify = await rest(sim, 'POST', '/v1/alerts/filters', {
      queries: [{ resource_type_query: { resource_type: 'RESOURCE_TYPE_CLUSTER' }, opts: [{ min_severity_type: 'SEVERITY_TYPE_ALARM' }] }],
    });
    expect(ndjson(notify.text)).toEqual([]);
  });

  it('streams volume events from Watch', async () => {
    const stream = clients.get('OpenStorageWatch').Watch({ volume_event: { labels: { watch: 'me' } } }, md()) as grpc.ClientReadableStream<Obj>;
    const events: Obj[] = [];
    stream.on('data', (m: Obj) => events.push(m));
    stream.on('error', () => undefined);
    await sleep(100);
    await call(clients, 'OpenStorageVolume', 'Create', { name: 'watched', spec: { ha_level: '1' }, labels: { watch: 'me' } });
    await call(clients, 'OpenStorageVolume', 'Create', { name: 'unwatched', spec: { ha_level: '1' } });
    for (let i = 0; i < 20 && events.length === 0; i++) await sleep(25);
    stream.cancel();
    expect(events).toHaveLength(1);
    expect(events[0]!.volume_event.name).toBe('watched');
    expect(events[0]!.event_type).toBe('volume_event');
  });

  it('streams Watch over REST as result lines', async () => {
    const { volume_id: id } = await call(clients, 'OpenStorageVolume', 'Create', { name: 'restwatch', spec: { ha_level: '1' }, labels: { rw: '1' } });
    const ac = new AbortController();
    const res = await request(`${sim.restUrl}/v1/watch`, {
      method: 'POST',
      body: JSON.stringify({ volume_event: { labels: { rw: '1' } } }),
      signal: ac.signal,
    });
    expect(res.statusCode).toBe(200);
    let buf = '';
    for await (const chunk of res.body) {
      buf += chunk.toString();
      if (buf.includes('\n')) break;
    }
    ac.abort();
    const first = JSON.parse(buf.split('\n')[0]!);
    expect(first.result.volume_event.name).toBe('restwatch');
    expect(first.result.volume_event.volume.id).toBe(id);
    expect(first.result).not.toHaveProperty('event_type');
  });

  it('takes query parameters and path parameters for body-less routes', async () => {
    const { volume_id: id } = await call(clients, 'OpenStorageVolume', 'Create', { name: 'deep', spec: { ha_level: '1' } });
    const r = await rest(sim, 'GET', `/v1/volumes/inspect/${id}?options.deep=true&unknown=1`);
    expect(r.status).toBe(200);
    expect(r.json.name).toBe('deep');
  });

  it('resizes storage pools', async () => {
    const withPool = await startOpenStorage({ pools: [{ uuid: 'pool-a', totalSize: 100 * 1024 ** 3 }] });
    try {
      const node = await rest(withPool, 'GET', '/v1/nodes/inspectcurrent');
      expect(node.json.node.pools[0]).toMatchObject({ uuid: 'pool-a', TotalSize: String(100 * 1024 ** 3) });
      const ok = await rest(withPool, 'PUT', '/v1/storagepools/resize/pool-a?size=200&operation_type=RESIZE_TYPE_ADD_DISK');
      expect(ok.status).toBe(200);
      const after = await rest(withPool, 'GET', '/v1/nodes/inspectcurrent');
      expect(after.json.node.pools[0].TotalSize).toBe(String(200 * 1024 ** 3));
      expect((await rest(withPool, 'PUT', '/v1/storagepools/resize/nope?size=1')).status).toBe(404);
    } finally {
      await withPool.close();
    }
  });

  it('serves every service of the proto: ClusterPair answers, the rest say UNIMPLEMENTED', async () => {
    expect(await call(clients, 'OpenStorageClusterPair', 'Enumerate')).toEqual({ result: {} });
    expect((await rest(sim, 'GET', '/v1/clusterpairs')).json).toEqual({ result: {} });
    expect((await rest(sim, 'GET', '/v1/clusterpairs/token')).json.result.token).toMatch(/^[0-9a-f]{64}$/);
    const bucket = await callErr(clients, 'OpenStorageBucket', 'Create', { name: 'b' });
    expect(bucket.code).toBe(grpc.status.UNIMPLEMENTED);
    expect((await rest(sim, 'POST', '/v1/bucket', { name: 'b' })).status).toBe(501);
  });

  it('counts requests', () => {
    expect(sim.counters['OpenStorageVolume.Create']).toBeGreaterThan(3);
    expect(sim.counters['restRequests']).toBeGreaterThan(5);
  });
});

describe('openstorage simulator with auth', () => {
  let sim: OpenStorageSim;
  let clients: Clients;
  let admin: string;
  let viewer: string;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    sim = await startOpenStorage({ auth: { sharedSecret: SECRET, issuer: ISSUER } });
    clients = new Clients(sim.grpcAddress);
    admin = sim.mintToken({ sub: 'cli-admin', roles: ['system.admin'] });
    viewer = sim.mintToken({ sub: 'viewer', roles: ['system.view'] });
    alice = sim.mintToken({ sub: 'alice', roles: ['system.user'] });
    bob = sim.mintToken({ sub: 'bob', roles: ['system.user'] });
  });
  afterAll(async () => {
    clients.close();
    await sim.close();
  });

  it('lets anonymous callers do what system.guest allows', async () => {
    expect((await rest(sim, 'GET', '/v1/identities/version')).status).toBe(200);
    expect((await call(clients, 'OpenStorageCluster', 'InspectCurrent')).cluster.name).toBe('mock');
    const caps = await rest(sim, 'GET', '/v1/identities/capabilities');
    expect(caps.status).toBe(403);
    expect(caps.json).toEqual({ error: 'Access denied without authentication token', code: 7, message: 'Access denied without authentication token' });
    const creds = await callErr(clients, 'OpenStorageCredentials', 'Enumerate');
    expect(creds.code).toBe(grpc.status.PERMISSION_DENIED);
    const guestVol = await rest(sim, 'POST', '/v1/volumes', { name: 'public', spec: { ha_level: '1' } });
    expect(guestVol.status).toBe(200);
    const insp = await rest(sim, 'GET', `/v1/volumes/inspect/${guestVol.json.volume_id}`);
    expect(insp.json.volume.spec.ownership).toBeUndefined();
    expect((await rest(sim, 'GET', '/v1/nodes/inspectcurrent')).json.node.security_status).toBe('SECURED');
  });

  it('allows everything for system.admin and read-only calls for system.view', async () => {
    expect((await call(clients, 'OpenStorageIdentity', 'Capabilities', {}, admin)).capabilities).toHaveLength(13);
    const roles = await rest(sim, 'GET', '/v1/roles', undefined, admin);
    expect([...roles.json.names].sort()).toEqual(['system.admin', 'system.guest', 'system.user', 'system.view']);
    const created = await rest(sim, 'POST', '/v1/volumes', { name: 'adminvol', spec: { ha_level: '1' } }, admin);
    expect(created.status).toBe(200);
    const insp = await rest(sim, 'GET', `/v1/volumes/inspect/${created.json.volume_id}`, undefined, admin);
    expect(insp.json.volume.spec.ownership).toEqual({ owner: 'cli-admin' });

    expect((await call(clients, 'OpenStorageVolume', 'Enumerate', {}, viewer)).volume_ids).toBeDefined();
    const denied = await callErr(clients, 'OpenStorageVolume', 'Create', { name: 'v', spec: { ha_level: '1' } }, viewer);
    expect(denied.code).toBe(grpc.status.PERMISSION_DENIED);
    expect(denied.details).toBe(
      'Access to /openstorage.api.OpenStorageVolume/Create denied: rpc error: code = PermissionDenied desc = Access denied to roles: [system.view]',
    );
    const restDenied = await rest(sim, 'DELETE', `/v1/volumes/${created.json.volume_id}`, undefined, viewer);
    expect(restDenied.status).toBe(403);
  });

  it('rejects bad, foreign and expired tokens', async () => {
    const expired = sim.mintToken({ sub: 'old', roles: ['system.admin'], expiresInSeconds: -60 });
    const e1 = await callErr(clients, 'OpenStorageVolume', 'Enumerate', {}, expired);
    expect(e1.code).toBe(grpc.status.PERMISSION_DENIED);
    expect(e1.details).toBe('Unable to authenticate token');
    const r1 = await rest(sim, 'GET', '/v1/volumes', undefined, expired);
    expect(r1.status).toBe(403);
    expect(r1.json.message).toBe('Unable to authenticate token');

    const forged = `${admin.split('.').slice(0, 2).join('.')}.AAAA`;
    expect((await callErr(clients, 'OpenStorageVolume', 'Enumerate', {}, forged)).details).toBe('Unable to authenticate token');

    const garbage = await rest(sim, 'GET', '/v1/volumes', undefined, 'not-a-jwt');
    expect(garbage.status).toBe(401);
    expect(garbage.json).toMatchObject({ code: 16, message: 'Unable to obtain token issuer from authorization token' });

    const foreign = sim.mintToken({ sub: 'x', roles: ['system.admin'], issuer: 'evil.example' });
    const e2 = await callErr(clients, 'OpenStorageVolume', 'Enumerate', {}, foreign);
    expect(e2.code).toBe(grpc.status.UNAUTHENTICATED);
    expect(e2.details).toBe('evil.example is not a trusted issuer');

    const basic = await rest(sim, 'GET', '/v1/volumes', undefined, null, 'Basic dXNlcjpwYXNz');
    expect(basic.status).toBe(401);
    expect(basic.json.message).toBe('Invalid or missing authentication token');
    expect((await rest(sim, 'GET', '/v1/volumes', undefined, null, `Bearer ${admin}`)).status).toBe(200);
    expect(sim.counters['authFailures']).toBeGreaterThan(0);
  });

  it('authorizes with custom roles', async () => {
    const role = { name: 'vol.reader', rules: [{ services: ['volume'], apis: ['enumerate*', 'inspect*'] }] };
    const created = await rest(sim, 'POST', '/v1/roles', { role }, admin);
    expect(created.json).toEqual({ role });
    const reader = sim.mintToken({ sub: 'reader', roles: ['vol.reader'] });
    expect((await rest(sim, 'GET', '/v1/volumes', undefined, reader)).status).toBe(200);
    const e = await callErr(clients, 'OpenStorageVolume', 'Create', { name: 'r', spec: { ha_level: '1' } }, reader);
    expect(e.details).toMatch(/Access denied to roles: \[vol\.reader\]$/);
    const insp = await rest(sim, 'GET', '/v1/roles/inspect/vol.reader', undefined, admin);
    expect(insp.json.role.rules[0].apis).toEqual(['enumerate*', 'inspect*']);
    expect((await rest(sim, 'DELETE', '/v1/roles/vol.reader', undefined, admin)).status).toBe(200);
  });

  it('enforces volume ownership', async () => {
    const { volume_id: id } = await call(clients, 'OpenStorageVolume', 'Create', { name: 'alicevol', spec: { ha_level: '1' } }, alice);
    const mine = await call(clients, 'OpenStorageVolume', 'Inspect', { volume_id: id }, alice);
    expect(mine.volume.spec.ownership.owner).toBe('alice');
    expect((await call(clients, 'OpenStorageVolume', 'Enumerate', {}, bob)).volume_ids ?? []).not.toContain(id);
    const other = await callErr(clients, 'OpenStorageVolume', 'Inspect', { volume_id: id }, bob);
    expect(other.code).toBe(grpc.status.PERMISSION_DENIED);
    expect(other.details).toBe(`Access denied to volume ${id}`);
    const guest = await rest(sim, 'GET', `/v1/volumes/inspect/${id}`);
    expect(guest.status).toBe(403);
    expect((await call(clients, 'OpenStorageVolume', 'Enumerate', {}, admin)).volume_ids).toContain(id);
    expect((await callErr(clients, 'OpenStorageVolume', 'Delete', { volume_id: id }, bob)).code).toBe(grpc.status.PERMISSION_DENIED);
    await call(clients, 'OpenStorageVolume', 'Delete', { volume_id: id }, alice);
  });
});

describe('openstorage simulator with the upstream alert behaviour', () => {
  it('ends the REST stream with an error line', async () => {
    const sim = await startOpenStorage({ alertsUnavailable: true });
    try {
      const r = await rest(sim, 'POST', '/v1/alerts/filters', {});
      expect(r.status).toBe(503);
      expect(ndjson(r.text)).toEqual([
        { error: { grpc_code: 14, http_code: 503, message: 'Resource has not been initialized', http_status: 'Service Unavailable' } },
      ]);
    } finally {
      await sim.close();
    }
  });
});
