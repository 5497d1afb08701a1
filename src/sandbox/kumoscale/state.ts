// In-memory model of one KumoScale Provisioner: the storage-node fleet, the backend pool,
// tenants, volumes with their replicas, snapshots, hosts, tasks, license and syslog.
// Field names mirror the REST API (shared/specs/kumoscale-provisioner.md); the JSON views
// live in views.ts, the operations in volumes.ts / hosts.ts / admin.ts.
import { randomUUID } from 'node:crypto';

/** Bytes per GB. Units are unconfirmed (U): the sim counts volume/tenant GB as 10^9 bytes. */
export const GB = 1_000_000_000;

/**
 * Result codes. The first group is documented or seen in KIOXIA clients (D/C). The second
 * group is the sim's own choice (U) for failures whose real code we could not find.
 */
export type ResultCode =
  | 'Success'
  | 'AlreadyExists'
  | 'NoGroups'
  | 'InvalidLocationValue'
  | 'NotAvailable' // also used (U) for "out of capacity" and "no backend fits the storage class"
  | 'DeviceNotFound' // unknown backend or replica
  | 'NotExists' // unknown volume, snapshot, tenant, host or task
  | 'AlreadyPublished'
  | 'VolumeNotPublished'
  // ---- U: sim-chosen codes ----
  | 'InvalidParameter' // missing/ill-typed mandatory field
  | 'InvalidState' // operation not allowed in the object's current state
  | 'VolumeInUse' // delete refused: published, has snapshots, or backend still holds data
  | 'NotSupported'
  | 'InvalidLicense';

export interface Envelope {
  status: string;
  description: string;
}

export const ok = (description = 'Success'): Envelope => ({ status: 'Success', description });
export const fail = (status: ResultCode, description: string): Envelope => ({ status, description });
export const isOk = (e: Envelope): boolean => e.status === 'Success';

export interface Portal {
  ip: string;
  port: number;
  transport: string;
}

/** A storage node the simulated network can reach (it may or may not be in the pool). */
export interface StorageNodeSeed {
  persistentID: string;
  mgmtIPs: string[];
  mgmtPort?: number;
  rack?: string;
  zone?: string;
  region?: string;
  hostId?: string;
  /** SSD groups; an empty list makes Add Backend answer `NoGroups`. */
  ssds: { serialNumber: string; model?: string; capacity: number /* bytes */ }[];
  portals?: Portal[];
  totalBW?: number;
  totalIOPS?: number;
  /** Already in the provisioner's pool at start-up. */
  inPool?: boolean;
}

export interface Ssd {
  serialNumber: string;
  model: string;
  totalCapacity: number;
  allocated: number;
}

export interface Backend {
  persistentID: string;
  mgmtIPs: string[];
  mgmtPort: number;
  rack: string;
  zone: string;
  region: string;
  hostId: string;
  inUse: boolean;
  state: 'Available' | 'Unavailable';
  ssds: Ssd[];
  portals: Portal[];
  totalBW: number;
  totalIOPS: number;
  probeInterval: number;
}

/** Space one replica (or snapshot reserve) holds on one backend, per SSD. */
export interface Allocation {
  backendId: string;
  parts: { serial: string; bytes: number }[];
}

export type ReplicaState = 'Available' | 'Synchronizing' | 'Missing' | 'Terminating' | 'Unknown';

export interface Replica {
  uuid: string;
  alloc: Allocation;
  replicaState: ReplicaState;
  currentStateTime: number;
  /** Destination space while a migration runs; the replica moves there when its task ends. */
  migratingTo?: Allocation;
}

export interface StorageClass {
  numReplicas: number;
  racks: string[];
  regions: string[];
  zones: string[];
  sameRackAllowed: boolean;
  blockSize: number;
  maxIOPSPerGB: number;
  desiredIOPSPerGB: number;
  maxBWPerGB: number;
  desiredBWPerGB: number;
  maxReplicaDownTime: number;
  hostId: string;
  allowSpan: boolean;
  shareSSDBetweenVolumes: boolean;
  name: string;
}

export interface Volume {
  uuid: string;
  alias: string;
  tenantId: string;
  capacity: number; // GB
  provisioningType: 'THICK' | 'THIN';
  reservedSpacePercentage: number;
  protocol: string;
  storageClass: StorageClass;
  replicas: Replica[];
  snapshotID?: string;
  writable: boolean;
  /** Host IDs this volume is published to. */
  publishedTo: Set<string>;
}

export interface Snapshot {
  snapshotID: string;
  alias: string;
  volumeID: string;
  tenantId: string;
  capacity: number; // GB, the parent's size at snapshot time
  reservedSpacePercentage: number;
  alloc: Allocation;
  timestamp: number;
}

export interface Host {
  uuid: string;
  nqn: string;
  name: string;
  clientType: string;
  version: string;
  lastProbeTime: number;
  duration: number;
}

export interface Tenant {
  tenantId: string;
  name: string;
  capacity: number; // GB
  totalIOPS: number;
  totalBW: number;
}

export type TaskState = 'Running' | 'Ended'; // U: values undocumented
export type TaskStatus = 'InProgress' | 'Success' | 'Failed'; // U

export interface Task {
  taskId: string;
  hostId: string;
  state: TaskState;
  progress: number;
  taskStatus: TaskStatus;
  statusDescription: string;
  taskConfiguration: Record<string, string>;
  createdAt: number;
  durationMs: number;
  /** Set once a host agent drives the task through PUT /tasks: time no longer moves it. */
  manual: boolean;
  /** Applies the task's effect; returns a failure text when the work could not finish. */
  complete?: () => string | undefined;
}

export interface License {
  type: string;
  expirationDate: string;
  maxBackends: number;
}

export interface SyslogEntry {
  name: string;
  url: string;
  state: string;
  useTls: boolean;
  certFileName: string;
}

export const DEFAULT_TENANT = '0';

function mac(n: number): string {
  return `0c:c4:7a:5e:00:${n.toString(16).padStart(2, '0')}`;
}

const TB = 1_000_000_000_000;

/** Three nodes in the pool (racks r1..r3, 4 x 1 TB SSDs each), one spare, one without SSD groups. */
export function defaultStorageNodes(): StorageNodeSeed[] {
  const node = (i: number, inPool: boolean, ssdCount = 4): StorageNodeSeed => ({
    persistentID: mac(i),
    mgmtIPs: [`10.0.0.${10 + i}`],
    rack: `r${i}`,
    zone: i <= 2 ? 'z1' : 'z2',
    region: 'reg1',
    ssds: Array.from({ length: ssdCount }, (_, s) => ({
      serialNumber: `KSIM${i}${String(s).padStart(3, '0')}`,
      model: 'KIOXIA CM6-R 1TB (simulated)',
      capacity: TB,
    })),
    portals: [
      { ip: `192.168.100.${10 + i}`, port: 4420, transport: 'TCP' },
      { ip: `192.168.200.${10 + i}`, port: 4420, transport: 'RoCEv2' },
    ],
    totalBW: 12_000_000_000,
    totalIOPS: 3_000_000,
    inPool,
  });
  return [node(1, true), node(2, true), node(3, true), node(4, false), node(5, false, 0)];
}

export class KsState {
  readonly fleet = new Map<string, StorageNodeSeed>();
  readonly backends = new Map<string, Backend>();
  readonly tenants = new Map<string, Tenant>();
  readonly volumes = new Map<string, Volume>();
  readonly snapshots = new Map<string, Snapshot>();
  readonly hosts = new Map<string, Host>();
  readonly tasks = new Map<string, Task>();
  readonly forwardedLogs: unknown[] = [];
  license: License;
  syslog: SyslogEntry[] = [
    { name: 'default', url: 'udp://127.0.0.1:514', state: 'Enabled', useTls: false, certFileName: '' },
  ];

  constructor(
    nodes: StorageNodeSeed[],
    public taskDurationMs: number,
    public readonly version: string,
    public readonly now: () => number = Date.now,
  ) {
    this.license = {
      type: 'Evaluation',
      expirationDate: new Date(now() + 90 * 86_400_000).toISOString().slice(0, 10),
      maxBackends: 16,
    };
    for (const n of nodes) {
      this.fleet.set(n.persistentID, n);
      if (n.inPool) this.backends.set(n.persistentID, backendFromSeed(n, {}));
    }
  }

  newId(): string {
    return randomUUID();
  }

  ssdFree(s: Ssd): number {
    return s.totalCapacity - s.allocated;
  }

  backendTotal(b: Backend): number {
    return b.ssds.reduce((a, s) => a + s.totalCapacity, 0);
  }

  backendAvailable(b: Backend): number {
    return b.ssds.reduce((a, s) => a + this.ssdFree(s), 0);
  }

  /** Volumes (incl. snapshot volumes) of one tenant, in creation order. */
  tenantVolumes(tenantId: string): Volume[] {
    return [...this.volumes.values()].filter((v) => v.tenantId === tenantId);
  }

  tenantExists(tenantId: string): boolean {
    return tenantId === DEFAULT_TENANT || this.tenants.has(tenantId);
  }

  /** Budget of a tenant in GB; the default tenant's budget is the whole pool. */
  tenantCapacityGB(tenantId: string): number {
    if (tenantId !== DEFAULT_TENANT) return this.tenants.get(tenantId)?.capacity ?? 0;
    let bytes = 0;
    for (const b of this.backends.values()) bytes += this.backendTotal(b);
    return Math.floor(bytes / GB);
  }

  /** Space a tenant's volumes and snapshot reserves hold, in GB (U: counted per replica). */
  tenantConsumedGB(tenantId: string): number {
    let bytes = 0;
    for (const v of this.volumes.values()) {
      if (v.tenantId !== tenantId) continue;
      for (const r of v.replicas) bytes += allocBytes(r.alloc) + (r.migratingTo ? allocBytes(r.migratingTo) : 0);
    }
    for (const s of this.snapshots.values()) if (s.tenantId === tenantId) bytes += allocBytes(s.alloc);
    return bytes / GB;
  }

  /** Marks every replica on a backend Missing (node down) or Available again (node back). */
  setBackendState(persistentID: string, state: Backend['state']): void {
    const b = this.backends.get(persistentID);
    if (!b) throw new Error(`KumoScale sim: no backend ${persistentID} in the pool`);
    b.state = state;
    const t = this.now();
    for (const v of this.volumes.values()) {
      for (const r of v.replicas) {
        if (r.alloc.backendId !== persistentID || r.replicaState === 'Terminating') continue;
        const next: ReplicaState = state === 'Unavailable' ? 'Missing' : 'Available';
        if (r.replicaState !== next) {
          r.replicaState = next;
          r.currentStateTime = t;
        }
      }
    }
  }

  /** Advances time-driven tasks; completes those whose duration has passed. */
  tick(): void {
    const t = this.now();
    for (const task of this.tasks.values()) {
      if (task.state !== 'Running' || task.manual) continue;
      const elapsed = t - task.createdAt;
      if (elapsed < task.durationMs) {
        task.progress = Math.min(99, Math.floor((elapsed / Math.max(1, task.durationMs)) * 100));
        continue;
      }
      this.finishTask(task);
    }
  }

  finishTask(task: Task, forcedFailure?: string): void {
    const failure = forcedFailure ?? task.complete?.();
    task.state = 'Ended';
    task.progress = 100;
    task.taskStatus = failure ? 'Failed' : 'Success';
    task.statusDescription = failure ?? 'Completed';
    delete task.complete;
  }

  addTask(hostId: string, taskConfiguration: Record<string, string>, complete: () => string | undefined): Task {
    const task: Task = {
      taskId: this.newId(),
      hostId,
      state: 'Running',
      progress: 0,
      taskStatus: 'InProgress',
      statusDescription: 'In progress',
      taskConfiguration,
      createdAt: this.now(),
      durationMs: this.taskDurationMs,
      manual: false,
      complete,
    };
    this.tasks.set(task.taskId, task);
    return task;
  }
}

export function allocBytes(a: Allocation): number {
  return a.parts.reduce((s, p) => s + p.bytes, 0);
}

export function backendFromSeed(
  n: StorageNodeSeed,
  labels: { rack?: string; zone?: string; region?: string; hostId?: string; mgmtPort?: number },
): Backend {
  return {
    persistentID: n.persistentID,
    mgmtIPs: [...n.mgmtIPs],
    mgmtPort: labels.mgmtPort ?? n.mgmtPort ?? 443,
    rack: labels.rack ?? n.rack ?? '',
    zone: labels.zone ?? n.zone ?? '',
    region: labels.region ?? n.region ?? '',
    hostId: labels.hostId ?? n.hostId ?? '',
    inUse: true,
    state: 'Available',
    ssds: n.ssds.map((s) => ({
      serialNumber: s.serialNumber,
      model: s.model ?? 'NVMe SSD (simulated)',
      totalCapacity: s.capacity,
      allocated: 0,
    })),
    portals: (n.portals ?? []).map((p) => ({ ...p })),
    totalBW: n.totalBW ?? 12_000_000_000,
    totalIOPS: n.totalIOPS ?? 3_000_000,
    probeInterval: 30,
  };
}
