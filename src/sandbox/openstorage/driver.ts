// In-memory state of the simulated OpenStorage server, modelled on the
// behaviour of the upstream "fake" driver (see the SDK reference, 1.2).

import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Caller, SdkRole } from './auth.js';
import { builtinRoles } from './auth.js';
import { clone, denied, notFound, obj, str, type Obj } from './util.js';

export const CLUSTER_UUID = 'ce6b309e289d620be08c964969aeb39f';
export const CLUSTER_NAME = 'mock';
export const NODE_ID = '1';

export interface PoolSeed {
  uuid: string;
  /** Bytes. */
  totalSize: number;
  medium?: 'STORAGE_MEDIUM_MAGNETIC' | 'STORAGE_MEDIUM_SSD' | 'STORAGE_MEDIUM_NVME';
}

export interface DriverOptions {
  authEnabled: boolean;
  /** Milliseconds a cloud backup or restore takes to reach Done. */
  backupDurationMs: number;
  pools: PoolSeed[];
  /** Answer Alerts RPCs with UNAVAILABLE "Resource has not been initialized", like the upstream fake driver. */
  alertsUnavailable: boolean;
}

export type HandlerResult = Obj | Promise<Obj>;
export type UnaryHandler = (req: Obj, caller: Caller) => HandlerResult;

export interface StreamSink {
  write(msg: Obj): void;
  end(): void;
  /** Registers cleanup run when the client goes away or the server closes. */
  onClose(fn: () => void): void;
}

export interface StreamHandlerSpec {
  stream: (req: Obj, caller: Caller, sink: StreamSink) => void | Promise<void>;
}

export type ServiceHandlers = Record<string, UnaryHandler | StreamHandlerSpec>;

export type AccessKind = 'read' | 'write' | 'admin';

const ACCESS_RANK: Record<string, number> = { Read: 0, Write: 1, Admin: 2 };
const NEED_RANK: Record<AccessKind, number> = { read: 0, write: 1, admin: 2 };

/**
 * Whether the caller may use a resource with this ownership: admins and
 * unowned (public) resources always; otherwise the owner, or a collaborator /
 * group member with a sufficient access type, or the public ACL.
 */
export function permitted(ownership: unknown, caller: Caller, need: AccessKind): boolean {
  if (caller.isAdmin) return true;
  const own = obj(ownership);
  const owner = str(own?.['owner']);
  if (!own || owner === '') return true;
  if (caller.username !== undefined && owner === caller.username) return true;
  const acls = obj(own['acls']);
  if (!acls) return false;
  const rank = (v: unknown): number => ACCESS_RANK[str(v) || 'Read'] ?? 0;
  const pub = obj(acls['public']);
  if (pub && rank(pub['type']) >= NEED_RANK[need]) return true;
  const collaborators = obj(acls['collaborators']) ?? {};
  if (caller.username !== undefined && caller.username in collaborators && rank(collaborators[caller.username]) >= NEED_RANK[need]) {
    return true;
  }
  const groups = obj(acls['groups']) ?? {};
  return caller.groups.some((g) => g in groups && rank(groups[g]) >= NEED_RANK[need]);
}

export interface BackupTask {
  taskId: string;
  op: 'backup' | 'restore';
  backupId: string;
  srcVolumeId: string;
  srcVolumeName: string;
  credentialId: string;
  groupId: string;
  labels: Record<string, string>;
  bytesTotal: number;
  startedAt: number;
  /** Milliseconds spent paused so far. */
  pausedMs: number;
  pausedSince?: number;
  stopped?: number;
  restoreVolumeId?: string;
  ownership?: Obj;
}

export class FakeDriver {
  readonly volumes = new Map<string, Obj>();
  readonly schedulePolicies = new Map<string, Obj>();
  readonly roles = new Map<string, SdkRole>();
  readonly credentials = new Map<string, Obj>();
  readonly tasks = new Map<string, BackupTask>();
  /** Finished backups kept in the "cloud", by backup id. */
  readonly backups = new Map<string, BackupTask>();
  readonly backupSchedules = new Map<string, Obj>();
  readonly alerts: Obj[] = [];
  readonly events = new EventEmitter();
  readonly pools: Obj[];
  nextAlertId = 1;
  /** The cluster's pairing token (ClusterPair.GetToken). */
  readonly pairToken = randomBytes(32).toString('hex');
  private closers = new Set<() => void>();

  constructor(readonly options: DriverOptions) {
    this.events.setMaxListeners(0);
    for (const r of builtinRoles()) this.roles.set(r.name, r);
    this.pools = options.pools.map((p, i) => ({
      ID: i,
      Cos: 'HIGH',
      Medium: p.medium ?? 'STORAGE_MEDIUM_SSD',
      RaidLevel: 'raid0',
      TotalSize: String(p.totalSize),
      Used: '0',
      labels: { medium: p.medium ?? 'STORAGE_MEDIUM_SSD' },
      uuid: p.uuid,
    }));
  }

  /** The one node of the fake cluster. */
  node(): Obj {
    const n: Obj = {
      id: NODE_ID,
      cpu: 54.3859649122807,
      cpu_cores: '2',
      mem_total: '25276063744',
      mem_used: '23855104',
      mem_free: '25252208640',
      status: 'STATUS_OK',
      mgmt_ip: '127.0.0.1',
      data_ip: '127.0.0.1',
      hostname: 'vm',
      scheduler_node_name: 'node-1',
      security_status: this.options.authEnabled ? 'SECURED' : 'UNSECURED',
    };
    if (this.pools.length > 0) n['pools'] = clone(this.pools);
    return n;
  }

  // ------------------------------------------------------------ volumes

  volumeByName(name: string): Obj | undefined {
    for (const v of this.volumes.values()) if (str(obj(v['locator'])?.['name']) === name) return v;
    return undefined;
  }

  /** The volume, or NOT_FOUND / PERMISSION_DENIED. */
  volumeFor(id: string, caller: Caller, need: AccessKind): Obj {
    const v = this.volumes.get(id);
    if (!v) throw notFound(`Volume id ${id} not found`);
    if (!permitted(obj(v['spec'])?.['ownership'], caller, need)) throw denied(`Access denied to volume ${id}`);
    return v;
  }

  visibleVolumes(caller: Caller): Obj[] {
    return [...this.volumes.values()].filter((v) => permitted(obj(v['spec'])?.['ownership'], caller, 'read'));
  }

  /** Tells Watch streams that a volume was created or changed. */
  volumeChanged(v: Obj): void {
    this.events.emit('volume', clone(v));
  }

  // ------------------------------------------------------------ lifecycle

  /** Registers a function run at close (open streams end there). */
  onClose(fn: () => void): () => void {
    this.closers.add(fn);
    return () => this.closers.delete(fn);
  }

  close(): void {
    for (const fn of [...this.closers]) fn();
    this.closers.clear();
    this.events.removeAllListeners();
  }
}
