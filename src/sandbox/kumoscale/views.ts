// JSON shapes the provisioner returns on GET. Documented/client-confirmed fields come first;
// fields marked "extra" are the sim's additions, allowed because the docs say GET replies may
// carry undocumented fields that clients must ignore. storctl must not depend on them.
import { allocBytes, DEFAULT_TENANT, GB, type Backend, type Host, type KsState, type Snapshot, type Task, type Volume } from './state.js';

export function backendView(state: KsState, b: Backend): Record<string, unknown> {
  let desiredIOPS = 0;
  let desiredBW = 0;
  for (const v of state.volumes.values()) {
    for (const r of v.replicas) {
      if (r.alloc.backendId !== b.persistentID) continue;
      desiredIOPS += v.storageClass.desiredIOPSPerGB * v.capacity;
      desiredBW += v.storageClass.desiredBWPerGB * v.capacity;
    }
  }
  const now = state.now();
  return {
    persistentID: b.persistentID,
    mgmtIPs: [...b.mgmtIPs],
    mgmtPort: b.mgmtPort,
    rack: b.rack,
    zone: b.zone,
    region: b.region,
    hostId: b.hostId,
    inUse: b.inUse,
    state: b.state,
    totalCapacity: state.backendTotal(b),
    availableCapacity: state.backendAvailable(b),
    totalBW: b.totalBW,
    availableBW: Math.max(0, b.totalBW - desiredBW),
    totalIOPS: b.totalIOPS,
    availableIOPS: Math.max(0, b.totalIOPS - desiredIOPS),
    // Spelling as the API has it: lastProbTime (epoch ms). Probes happen every probeInterval s.
    lastProbTime: now - (now % (b.probeInterval * 1000)),
    probeInterval: b.probeInterval,
    portals: b.portals.map((p) => ({ ...p })),
    // extra (U): per-SSD capacity, bytes.
    ssds: b.ssds.map((s) => ({
      serialNumber: s.serialNumber,
      model: s.model,
      totalCapacity: s.totalCapacity,
      availableCapacity: state.ssdFree(s),
      state: 'Healthy',
    })),
  };
}

export function volumeView(state: KsState, v: Volume): Record<string, unknown> {
  const sc = v.storageClass;
  const out: Record<string, unknown> = {
    uuid: v.uuid,
    alias: v.alias,
    capacity: v.capacity,
    numReplicas: v.replicas.length,
    maxIOPS: sc.maxIOPSPerGB * v.capacity,
    desiredIOPS: sc.desiredIOPSPerGB * v.capacity,
    maxBW: sc.maxBWPerGB * v.capacity,
    desiredBW: sc.desiredBWPerGB * v.capacity,
    blockSize: sc.blockSize,
    maxReplicaDownTime: sc.maxReplicaDownTime,
    writable: v.writable,
    reservedSpacePercentage: v.reservedSpacePercentage,
    location: v.replicas.map((r) => {
      const b = state.backends.get(r.alloc.backendId);
      return {
        uuid: r.uuid,
        backend: { persistentID: r.alloc.backendId, mgmtIPs: b ? [...b.mgmtIPs] : [] },
        replicaState: r.replicaState,
        currentStateTime: r.currentStateTime,
        // extra (U): SSDs the replica spans and, while migrating, where it is going.
        ssds: [...new Set(r.alloc.parts.map((p) => p.serial))],
        ...(r.migratingTo ? { migratingTo: r.migratingTo.backendId } : {}),
      };
    }),
    // extra (U): creation parameters echoed back.
    provisioningType: v.provisioningType,
    protocol: v.protocol,
    allowSpan: sc.allowSpan,
    storageClass: { ...sc, numReplicas: v.replicas.length },
    tenantId: v.tenantId,
  };
  if (v.snapshotID !== undefined) out['snapshotID'] = v.snapshotID;
  return out;
}

export function snapshotView(s: Snapshot): Record<string, unknown> {
  return {
    snapshotID: s.snapshotID,
    alias: s.alias,
    volumeID: s.volumeID,
    capacity: s.capacity,
    reservedSpace: allocBytes(s.alloc) / GB, // GB (U)
    timestamp: s.timestamp, // epoch ms (U: format undocumented)
    reservedSpacePercentage: s.reservedSpacePercentage, // extra
  };
}

export function hostState(state: KsState, h: Host): string {
  // U: values undocumented. "Active" while the last probe is within `duration` seconds.
  return state.now() - h.lastProbeTime <= h.duration * 1000 ? 'Active' : 'Inactive';
}

export function hostView(state: KsState, h: Host): Record<string, unknown> {
  return {
    uuid: h.uuid,
    nqn: h.nqn,
    name: h.name,
    clientType: h.clientType,
    version: h.version,
    state: hostState(state, h),
    lastProbeTime: h.lastProbeTime,
    duration: h.duration,
  };
}

export function taskView(t: Task): Record<string, unknown> {
  return {
    taskId: t.taskId,
    hostId: t.hostId,
    state: t.state,
    progress: t.progress,
    taskStatus: t.taskStatus,
    statusDescription: t.statusDescription,
    taskConfiguration: { ...t.taskConfiguration },
    creationTime: t.createdAt, // extra (U), epoch ms
  };
}

export function tenantView(state: KsState, tenantId: string): Record<string, unknown> {
  const t = state.tenants.get(tenantId);
  let totalIOPS = t?.totalIOPS ?? 0;
  let totalBW = t?.totalBW ?? 0;
  if (tenantId === DEFAULT_TENANT) {
    for (const b of state.backends.values()) {
      totalIOPS += b.totalIOPS;
      totalBW += b.totalBW;
    }
  }
  return {
    tenantId,
    name: t?.name ?? (tenantId === DEFAULT_TENANT ? 'default' : ''),
    capacity: state.tenantCapacityGB(tenantId),
    totalIOPS,
    totalBW,
    consumedCapacity: state.tenantConsumedGB(tenantId),
  };
}
