// Volume, replica, clone and migrate operations. Every function answers with the result
// envelope; space is taken from backend SSDs (placement.ts) and checked against the tenant.
import { asBody, bool, num, str, strList, type Body } from './fields.js';
import { commit, eligibleBackends, fitOn, growOn, placeReplicas, release } from './placement.js';
import {
  allocBytes, DEFAULT_TENANT, fail, GB, ok,
  type Allocation, type Envelope, type KsState, type Replica, type ReplicaState, type StorageClass, type Volume,
} from './state.js';

const MAX_STEADY_REPLICAS = 3; // a volume may hold 4 only while a replica is added or removed
const MAX_REPLICAS = 4;

export function findVolume(state: KsState, tenantId: string, uuid: string): Volume | undefined {
  const v = state.volumes.get(uuid);
  return v && v.tenantId === tenantId ? v : undefined;
}

const noVolume = (uuid: string): Envelope => fail('NotExists', `Volume ${uuid} does not exist`);

/** Reads the inline storageClass object; defaults follow the spec's table (allowSpan: U, false). */
export function parseStorageClass(raw: unknown, base?: StorageClass): StorageClass | Envelope {
  const b = asBody(raw);
  const sc: StorageClass = base
    ? { ...base, racks: [...base.racks], zones: [...base.zones], regions: [...base.regions] }
    : {
        numReplicas: 1, racks: [], regions: [], zones: [], sameRackAllowed: false, blockSize: 4096,
        maxIOPSPerGB: 0, desiredIOPSPerGB: 0, maxBWPerGB: 0, desiredBWPerGB: 0, maxReplicaDownTime: 0,
        hostId: '', allowSpan: false, shareSSDBetweenVolumes: false, name: '',
      };
  for (const k of ['numReplicas', 'blockSize', 'maxIOPSPerGB', 'desiredIOPSPerGB', 'maxBWPerGB', 'desiredBWPerGB', 'maxReplicaDownTime'] as const) {
    const v = num(b, k);
    if (v === null || (v !== undefined && (v < 0 || !Number.isInteger(v)))) {
      return fail('InvalidParameter', `storageClass.${k} must be a non-negative integer`);
    }
    if (v !== undefined) sc[k] = v;
  }
  for (const k of ['racks', 'regions', 'zones'] as const) {
    const v = strList(b, k);
    if (v === null) return fail('InvalidParameter', `storageClass.${k} must be an array of strings`);
    if (v !== undefined) sc[k] = v;
  }
  for (const k of ['sameRackAllowed', 'allowSpan', 'shareSSDBetweenVolumes'] as const) {
    const v = bool(b, k);
    if (v === null) return fail('InvalidParameter', `storageClass.${k} must be a boolean`);
    if (v !== undefined) sc[k] = v;
  }
  for (const k of ['hostId', 'name'] as const) {
    const v = str(b, k);
    if (v === null) return fail('InvalidParameter', `storageClass.${k} must be a string`);
    if (v !== undefined) sc[k] = v;
  }
  if (sc.blockSize !== 512 && sc.blockSize !== 4096) return fail('InvalidParameter', 'blockSize must be 512 or 4096');
  if (sc.numReplicas < 1 || sc.numReplicas > MAX_STEADY_REPLICAS) {
    return fail('InvalidParameter', `numReplicas must be between 1 and ${MAX_STEADY_REPLICAS}`);
  }
  return sc;
}

function isEnvelope(x: unknown): x is Envelope {
  return !!x && typeof x === 'object' && 'status' in x && 'description' in x;
}

/** Bytes one replica of `capacityGB` holds: all of it when THICK, the reserve when THIN. */
export function replicaBytes(capacityGB: number, type: 'THICK' | 'THIN', reservePct: number): number {
  const full = capacityGB * GB;
  return type === 'THICK' ? full : Math.ceil((full * reservePct) / 100);
}

function budgetCheck(state: KsState, tenantId: string, extraBytes: number): Envelope | undefined {
  if (tenantId === DEFAULT_TENANT) return undefined; // the pool itself is the default tenant's budget
  const cap = state.tenantCapacityGB(tenantId);
  const used = state.tenantConsumedGB(tenantId);
  if (used + extraBytes / GB > cap) {
    return fail('NotAvailable', `Tenant ${tenantId} capacity budget exceeded: ${used} of ${cap} GB used`);
  }
  return undefined;
}

function newReplica(state: KsState, alloc: Allocation, replicaState: ReplicaState): Replica {
  commit(state, alloc);
  return { uuid: state.newId(), alloc, replicaState, currentStateTime: state.now() };
}

function setReplica(state: KsState, r: Replica, s: ReplicaState): void {
  if (r.replicaState !== s) {
    r.replicaState = s;
    r.currentStateTime = state.now();
  }
}

interface NewVolume {
  uuid?: string | undefined;
  alias: string;
  capacity: number;
  sc: StorageClass;
  provisioningType: 'THICK' | 'THIN';
  reservedSpacePercentage: number;
  protocol: string;
}

function insertVolume(state: KsState, tenantId: string, nv: NewVolume): Envelope {
  if (nv.uuid && state.volumes.has(nv.uuid)) return fail('AlreadyExists', `Volume ${nv.uuid} already exists`);
  // U: the sim keeps aliases unique per tenant (lookups by alias still answer with arrays).
  if (state.tenantVolumes(tenantId).some((v) => v.alias === nv.alias)) {
    return fail('AlreadyExists', `A volume with alias ${nv.alias} already exists`);
  }
  const bytes = replicaBytes(nv.capacity, nv.provisioningType, nv.reservedSpacePercentage);
  const over = budgetCheck(state, tenantId, bytes * nv.sc.numReplicas);
  if (over) return over;
  const allocs = placeReplicas(state, nv.sc.numReplicas, bytes, nv.sc);
  if (!allocs) {
    return fail(
      'NotAvailable',
      `Not enough free capacity: no ${nv.sc.numReplicas} backend(s) matching the storage class can hold ${nv.capacity} GB` +
        (nv.sc.allowSpan ? '' : ' on a single SSD (allowSpan is false)'),
    );
  }
  const vol: Volume = {
    uuid: nv.uuid || state.newId(),
    alias: nv.alias,
    tenantId,
    capacity: nv.capacity,
    provisioningType: nv.provisioningType,
    reservedSpacePercentage: nv.reservedSpacePercentage,
    protocol: nv.protocol,
    storageClass: nv.sc,
    replicas: allocs.map((a) => newReplica(state, a, 'Available')),
    writable: true,
    publishedTo: new Set(),
  };
  state.volumes.set(vol.uuid, vol);
  return ok();
}

function readCommon(b: Body): { alias: string; reserve: number; uuidKey?: string } | Envelope {
  const alias = str(b, 'alias');
  if (!alias) return fail('InvalidParameter', 'alias is mandatory');
  const reserve = num(b, 'reservedSpacePercentage');
  if (reserve === null || (reserve !== undefined && (reserve < 0 || reserve > 100))) {
    return fail('InvalidParameter', 'reservedSpacePercentage must be between 0 and 100');
  }
  return { alias, reserve: reserve ?? 0 };
}

export function createVolume(state: KsState, tenantId: string, body: Body): Envelope {
  const common = readCommon(body);
  if (isEnvelope(common)) return common;
  const capacity = num(body, 'capacity');
  if (!capacity || capacity <= 0 || !Number.isInteger(capacity)) {
    return fail('InvalidParameter', 'capacity is mandatory: a positive whole number of GB');
  }
  if (body['storageClass'] === undefined) return fail('InvalidParameter', 'storageClass is mandatory');
  const sc = parseStorageClass(body['storageClass']);
  if (isEnvelope(sc)) return sc;
  const type = (str(body, 'provisioningType') ?? 'THICK').toUpperCase();
  if (type !== 'THICK' && type !== 'THIN') return fail('InvalidParameter', 'provisioningType must be THICK or THIN');
  const uuid = str(body, 'uuid');
  if (uuid === null) return fail('InvalidParameter', 'uuid must be a string');
  return insertVolume(state, tenantId, {
    uuid, alias: common.alias, capacity, sc, provisioningType: type,
    reservedSpacePercentage: common.reserve, protocol: str(body, 'protocol') || 'NVMeoF',
  });
}

export function deleteVolume(state: KsState, tenantId: string, uuid: string): Envelope {
  const v = findVolume(state, tenantId, uuid);
  if (!v) return noVolume(uuid);
  if (v.publishedTo.size > 0) {
    return fail('VolumeInUse', `Volume ${uuid} is published to ${v.publishedTo.size} host(s); unpublish it first`);
  }
  const snaps = [...state.snapshots.values()].filter((s) => s.volumeID === uuid);
  if (snaps.length > 0) return fail('VolumeInUse', `Volume ${uuid} has ${snaps.length} snapshot(s); delete them first`);
  for (const r of v.replicas) {
    release(state, r.alloc);
    release(state, r.migratingTo);
  }
  state.volumes.delete(uuid);
  for (const t of state.tasks.values()) {
    if (t.state === 'Running' && t.taskConfiguration['volId'] === uuid) state.finishTask(t, 'Volume was deleted');
  }
  return ok();
}

/** PATCH /volumes/{uuid}: `newCapacity` expands (C/D); `allowSpan` modifies the span flag (U). */
export function patchVolume(state: KsState, tenantId: string, uuid: string, body: Body): Envelope {
  const v = findVolume(state, tenantId, uuid);
  if (!v) return noVolume(uuid);
  const newCap = num(body, 'newCapacity');
  const span = bool(body, 'allowSpan');
  if (newCap === null || span === null || (newCap === undefined && span === undefined)) {
    return fail('InvalidParameter', 'newCapacity (GB) or allowSpan is required');
  }
  if (newCap !== undefined) {
    if (!v.writable) return fail('NotSupported', 'A read-only snapshot volume cannot be expanded');
    if (!Number.isInteger(newCap) || newCap <= v.capacity) {
      return fail('InvalidParameter', `newCapacity must be a whole number of GB larger than ${v.capacity}`);
    }
    const allowSpan = span ?? v.storageClass.allowSpan;
    const extra =
      replicaBytes(newCap, v.provisioningType, v.reservedSpacePercentage) -
      replicaBytes(v.capacity, v.provisioningType, v.reservedSpacePercentage);
    const over = budgetCheck(state, tenantId, extra * v.replicas.length);
    if (over) return over;
    const grown: Allocation[] = [];
    for (const r of v.replicas) {
      const g = growOn(state, r.alloc, extra, allowSpan);
      if (!g) {
        for (const done of grown) release(state, done);
        return fail('NotAvailable', `Not enough free space on backend ${r.alloc.backendId} to expand to ${newCap} GB`);
      }
      commit(state, g);
      grown.push(g);
    }
    v.replicas.forEach((r, i) => mergeInto(r.alloc, grown[i]!));
    v.capacity = newCap;
  }
  if (span !== undefined) v.storageClass.allowSpan = span;
  return ok();
}

function mergeInto(a: Allocation, extra: Allocation): void {
  for (const p of extra.parts) {
    const same = a.parts.find((x) => x.serial === p.serial);
    if (same) same.bytes += p.bytes;
    else a.parts.push({ ...p });
  }
}

export function cloneVolume(state: KsState, tenantId: string, body: Body): Envelope {
  const srcId = str(body, 'sourceVolumeId');
  if (!srcId) return fail('InvalidParameter', 'sourceVolumeId is mandatory');
  const src = findVolume(state, tenantId, srcId);
  if (!src) return noVolume(srcId);
  const common = readCommon(body);
  if (isEnvelope(common)) return common;
  const capacity = num(body, 'capacity') ?? src.capacity;
  if (capacity === null || !Number.isInteger(capacity) || capacity < src.capacity) {
    return fail('InvalidParameter', `capacity must be at least the source's ${src.capacity} GB`);
  }
  const volumeId = str(body, 'volumeId');
  if (volumeId === null) return fail('InvalidParameter', 'volumeId must be a string');
  return insertVolume(state, tenantId, {
    uuid: volumeId, alias: common.alias, capacity,
    sc: { ...src.storageClass, numReplicas: Math.min(src.replicas.length, MAX_STEADY_REPLICAS) },
    provisioningType: src.provisioningType,
    reservedSpacePercentage: num(body, 'reservedSpacePercentage') ?? src.reservedSpacePercentage,
    protocol: src.protocol,
  });
}

/** Task owner: the first host the volume is published to, else empty (U). */
function taskHost(v: Volume): string {
  return [...v.publishedTo][0] ?? '';
}

export function addReplica(state: KsState, tenantId: string, uuid: string, body: Body): Envelope {
  const v = findVolume(state, tenantId, uuid);
  if (!v) return noVolume(uuid);
  if (v.snapshotID !== undefined || [...state.snapshots.values()].some((s) => s.volumeID === uuid)) {
    return fail('NotSupported', 'Volumes with snapshots, and snapshot volumes, keep a single replica');
  }
  if (v.replicas.length >= MAX_REPLICAS) return fail('InvalidState', `Volume already holds ${MAX_REPLICAS} replicas`);
  if (!v.replicas.some((r) => r.replicaState === 'Available')) {
    return fail('InvalidState', 'At least one replica must be Available to add a replica');
  }
  const sc = parseStorageClass(
    { ...body, numReplicas: 1 },
    { ...v.storageClass, racks: [], zones: [], regions: [], sameRackAllowed: false },
  );
  if (isEnvelope(sc)) return sc;
  const bytes = replicaBytes(v.capacity, v.provisioningType, v.reservedSpacePercentage);
  const over = budgetCheck(state, tenantId, bytes);
  if (over) return over;
  const backends = new Set(v.replicas.map((r) => r.alloc.backendId));
  const racks = new Set(v.replicas.map((r) => state.backends.get(r.alloc.backendId)?.rack ?? '').filter(Boolean));
  const allocs = placeReplicas(state, 1, bytes, sc, { backends, racks });
  if (!allocs) return fail('NotAvailable', 'No backend matching the constraints has room for another replica');
  const r = newReplica(state, allocs[0]!, 'Synchronizing');
  v.replicas.push(r);
  v.storageClass.numReplicas = Math.min(v.replicas.length, MAX_STEADY_REPLICAS);
  state.addTask(taskHost(v), { type: 'ReplicaSync', volId: v.uuid, replicaId: r.uuid, backendId: r.alloc.backendId }, () => {
    if (!v.replicas.includes(r) || !state.volumes.has(v.uuid)) return 'Replica was removed';
    setReplica(state, r, 'Available');
    return undefined;
  });
  return ok();
}

function findReplica(v: Volume, repId: string): Replica | undefined {
  return v.replicas.find((r) => r.uuid === repId);
}

/** Step 1 of replica removal: mark it Terminating (the host agent then confirms with DELETE). */
export function terminateReplica(state: KsState, tenantId: string, uuid: string, repId: string): Envelope {
  const v = findVolume(state, tenantId, uuid);
  if (!v) return noVolume(uuid);
  const r = findReplica(v, repId);
  if (!r) return fail('DeviceNotFound', `Replica ${repId} not found in volume ${uuid}`);
  if (!v.replicas.some((x) => x !== r && x.replicaState !== 'Terminating')) {
    return fail('InvalidState', 'The last replica of a volume cannot be removed; delete the volume instead');
  }
  setReplica(state, r, 'Terminating');
  return ok();
}

export function deleteReplica(state: KsState, tenantId: string, uuid: string, repId: string): Envelope {
  const v = findVolume(state, tenantId, uuid);
  if (!v) return noVolume(uuid);
  const r = findReplica(v, repId);
  if (!r) return fail('DeviceNotFound', `Replica ${repId} not found in volume ${uuid}`);
  if (v.replicas.length === 1) return fail('InvalidState', 'The last replica of a volume cannot be removed');
  release(state, r.alloc);
  release(state, r.migratingTo);
  v.replicas = v.replicas.filter((x) => x !== r);
  v.storageClass.numReplicas = Math.min(v.replicas.length, MAX_STEADY_REPLICAS);
  return ok();
}

const SETTABLE: ReplicaState[] = ['Available', 'Synchronizing', 'Missing'];

export function setReplicaState(state: KsState, tenantId: string, uuid: string, repId: string, s: string): Envelope {
  const v = findVolume(state, tenantId, uuid);
  if (!v) return noVolume(uuid);
  const r = findReplica(v, repId);
  if (!r) return fail('DeviceNotFound', `Replica ${repId} not found in volume ${uuid}`);
  const wanted = SETTABLE.find((x) => x === s);
  if (!wanted) return fail('InvalidParameter', `Replica state must be one of ${SETTABLE.join(', ')}`);
  setReplica(state, r, wanted);
  return ok();
}

/**
 * POST /migrate_volume {volId, repId?, destinationBackendId?, migrationHandler?}. Online move of
 * one replica: destination space is taken at once, the replica shows `Synchronizing` (U) and a
 * task runs; when it ends the replica sits on the destination and the source space is freed.
 */
export function migrateVolume(state: KsState, tenantId: string, body: Body): Envelope {
  const volId = str(body, 'volId');
  if (!volId) return fail('InvalidParameter', 'volId is mandatory');
  const v = findVolume(state, tenantId, volId);
  if (!v) return noVolume(volId);
  const repId = str(body, 'repId');
  const r = repId ? findReplica(v, repId) : v.replicas.find((x) => x.replicaState === 'Available');
  if (!r) return fail('DeviceNotFound', repId ? `Replica ${repId} not found in volume ${volId}` : 'No Available replica to migrate');
  if (r.migratingTo) return fail('InvalidState', `Replica ${r.uuid} is already migrating`);
  if (r.replicaState !== 'Available') return fail('InvalidState', `Replica ${r.uuid} is ${r.replicaState}`);
  const holders = new Set(v.replicas.map((x) => x.alloc.backendId));
  const destId = str(body, 'destinationBackendId');
  const bytes = allocBytes(r.alloc);
  let dest: Allocation | undefined;
  if (destId) {
    const b = state.backends.get(destId);
    if (!b) return fail('DeviceNotFound', `Backend ${destId} is not in the pool`);
    if (holders.has(destId)) return fail('InvalidParameter', `Backend ${destId} already holds a replica of this volume`);
    if (!b.inUse || b.state !== 'Available') return fail('NotAvailable', `Backend ${destId} is ${b.state}`);
    dest = fitOn(state, b, bytes, v.storageClass.allowSpan);
  } else {
    for (const b of eligibleBackends(state, v.storageClass)) {
      if (holders.has(b.persistentID)) continue;
      dest = fitOn(state, b, bytes, v.storageClass.allowSpan);
      if (dest) break;
    }
  }
  if (!dest) return fail('NotAvailable', 'No destination backend has room for the replica');
  commit(state, dest);
  r.migratingTo = dest;
  const source = r.alloc.backendId;
  setReplica(state, r, 'Synchronizing');
  const cfg: Record<string, string> = {
    type: 'Migration', volId, replicaId: r.uuid, sourceBackendId: source, destinationBackendId: dest.backendId,
  };
  const handler = str(body, 'migrationHandler');
  if (handler) cfg['migrationHandler'] = handler;
  state.addTask(taskHost(v), cfg, () => {
    if (!state.volumes.has(volId) || !v.replicas.includes(r) || !r.migratingTo) return 'Replica was removed';
    release(state, r.alloc);
    r.alloc = r.migratingTo;
    delete r.migratingTo;
    setReplica(state, r, 'Available');
    return undefined;
  });
  return ok();
}
