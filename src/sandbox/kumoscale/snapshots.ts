// Snapshots and snapshot volumes. Snapshots exist only for single-replica volumes; their
// change-log reserve is taken from the parent's backend. Deletion order is enforced:
// snapshot volumes, then the snapshot, then the source volume.
import { asBody, bool, num, str, type Body } from './fields.js';
import { commit, fitOn } from './placement.js';
import { fail, GB, ok, type Envelope, type KsState, type Snapshot, type Volume } from './state.js';
import { findVolume, parseStorageClass, replicaBytes } from './volumes.js';

export function findSnapshot(state: KsState, tenantId: string, id: string): Snapshot | undefined {
  const s = state.snapshots.get(id);
  return s && s.tenantId === tenantId ? s : undefined;
}

function pct(b: Body): number | null {
  const v = num(b, 'reservedSpacePercentage');
  if (v === undefined) return 0;
  if (v === null || v < 0 || v > 100) return null;
  return v;
}

export function createSnapshot(state: KsState, tenantId: string, body: Body): Envelope {
  const alias = str(body, 'alias');
  const volumeID = str(body, 'volumeID'); // capital "ID", as KIOXIA clients send it
  if (!alias) return fail('InvalidParameter', 'alias is mandatory');
  if (!volumeID) return fail('InvalidParameter', 'volumeID is mandatory');
  const reserve = pct(body);
  if (reserve === null) return fail('InvalidParameter', 'reservedSpacePercentage must be between 0 and 100');
  const v = findVolume(state, tenantId, volumeID);
  if (!v) return fail('NotExists', `Volume ${volumeID} does not exist`);
  if (v.replicas.length !== 1) return fail('NotSupported', 'Snapshots are supported on volumes with numReplicas = 1 only');
  const id = str(body, 'snapshotID') || state.newId();
  if (state.snapshots.has(id)) return fail('AlreadyExists', `Snapshot ${id} already exists`);
  if ([...state.snapshots.values()].some((s) => s.tenantId === tenantId && s.alias === alias)) {
    return fail('AlreadyExists', `A snapshot with alias ${alias} already exists`);
  }
  const backend = state.backends.get(v.replicas[0]!.alloc.backendId);
  const bytes = Math.ceil((v.capacity * GB * reserve) / 100);
  const alloc = backend ? fitOn(state, backend, bytes, true) : undefined;
  if (!alloc) return fail('NotAvailable', 'Not enough free space on the volume\'s backend for the snapshot reserve');
  commit(state, alloc);
  state.snapshots.set(id, {
    snapshotID: id, alias, volumeID, tenantId, capacity: v.capacity,
    reservedSpacePercentage: reserve, alloc, timestamp: state.now(),
  });
  return ok();
}

export function deleteSnapshot(state: KsState, tenantId: string, id: string): Envelope {
  const s = findSnapshot(state, tenantId, id);
  if (!s) return fail('NotExists', `Snapshot ${id} does not exist`);
  const users = [...state.volumes.values()].filter((v) => v.snapshotID === id);
  if (users.length > 0) return fail('VolumeInUse', `Snapshot ${id} has ${users.length} snapshot volume(s); delete them first`);
  commit(state, s.alloc, -1);
  state.snapshots.delete(id);
  return ok();
}

export function createSnapshotVolume(state: KsState, tenantId: string, body: Body): Envelope {
  const alias = str(body, 'alias');
  const snapshotID = str(body, 'snapshotID');
  const writable = bool(body, 'writable');
  if (!alias) return fail('InvalidParameter', 'alias is mandatory');
  if (!snapshotID) return fail('InvalidParameter', 'snapshotID is mandatory');
  if (writable === undefined || writable === null) return fail('InvalidParameter', 'writable (boolean) is mandatory');
  const reserve = pct(body);
  if (reserve === null) return fail('InvalidParameter', 'reservedSpacePercentage must be between 0 and 100');
  const snap = findSnapshot(state, tenantId, snapshotID);
  if (!snap) return fail('NotExists', `Snapshot ${snapshotID} does not exist`);
  const parent = state.volumes.get(snap.volumeID);
  if (!parent) return fail('NotExists', `Volume ${snap.volumeID} does not exist`);
  const uuid = str(body, 'volumeID') || state.newId();
  if (state.volumes.has(uuid)) return fail('AlreadyExists', `Volume ${uuid} already exists`);
  if (state.tenantVolumes(tenantId).some((v) => v.alias === alias)) {
    return fail('AlreadyExists', `A volume with alias ${alias} already exists`);
  }
  const overrides = asBody({
    maxIOPSPerGB: body['maxIOPSPerGB'], maxBWPerGB: body['maxBWPerGB'], allowSpan: body['allowSpan'],
    name: body['storageClassName'],
  });
  const sc = parseStorageClass(overrides, { ...parent.storageClass, numReplicas: 1 });
  if ('status' in sc) return sc;
  // Writable snapshot volumes hold a reserve for their own writes; read-only ones hold nothing.
  const bytes = writable ? replicaBytes(snap.capacity, 'THIN', reserve) : 0;
  const backend = state.backends.get(snap.alloc.backendId);
  const alloc = backend ? fitOn(state, backend, bytes, true) : undefined;
  if (!alloc) return fail('NotAvailable', 'Not enough free space on the snapshot\'s backend');
  commit(state, alloc);
  const vol: Volume = {
    uuid, alias, tenantId, capacity: snap.capacity, provisioningType: 'THIN',
    reservedSpacePercentage: writable ? reserve : 0, protocol: str(body, 'protocol') || 'NVMeoF',
    storageClass: sc,
    replicas: [{ uuid: state.newId(), alloc, replicaState: 'Available', currentStateTime: state.now() }],
    snapshotID, writable, publishedTo: new Set(),
  };
  state.volumes.set(uuid, vol);
  return ok();
}
