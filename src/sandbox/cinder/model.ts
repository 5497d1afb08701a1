// In-memory state of the Cinder simulator: volume types, volumes, snapshots,
// backups, user messages and quotas, plus the timers that move resources
// through Cinder's state machine (creating → available, extending, deleting...).
import { randomUUID, createHash } from 'node:crypto';
import { nowMicros, pyTime } from './http.js';

export interface VolumeType {
  id: string;
  name: string;
  description: string | null;
  isPublic: boolean;
  extraSpecs: Record<string, string>;
  createdMicros: number;
}

export interface Attachment {
  attachmentId: string;
  serverId: string;
  device: string | null;
  hostName: string | null;
  attachedAt: string;
}

export interface Volume {
  id: string;
  projectId: string;
  userId: string;
  name: string | null;
  description: string | null;
  status: string;
  size: number;
  availabilityZone: string;
  typeId: string;
  snapshotId: string | null;
  sourceVolid: string | null;
  metadata: Record<string, string>;
  /** Cinder's admin metadata that shows up in `metadata` (readonly, attached_mode). */
  adminMetadata: Record<string, string>;
  bootable: boolean;
  attachments: Attachment[];
  host: string | null;
  createdMicros: number;
  createdAt: string;
  updatedAt: string | null;
}

export interface Snapshot {
  id: string;
  projectId: string;
  userId: string;
  volumeId: string;
  /** Volume type of the source volume (for per-type quota usage). */
  typeId: string;
  name: string | null;
  description: string | null;
  status: string;
  size: number;
  metadata: Record<string, string>;
  progress: string;
  createdMicros: number;
  createdAt: string;
  updatedAt: string | null;
}

export interface Backup {
  id: string;
  projectId: string;
  userId: string;
  volumeId: string;
  snapshotId: string | null;
  name: string | null;
  description: string | null;
  status: string;
  size: number;
  objectCount: number;
  availabilityZone: string | null;
  container: string | null;
  failReason: string | null;
  isIncremental: boolean;
  parentId: string | null;
  metadata: Record<string, string>;
  createdMicros: number;
  createdAt: string;
  updatedAt: string | null;
  dataTimestamp: string;
}

export interface UserMessage {
  id: string;
  projectId: string;
  eventId: string;
  userMessage: string;
  resourceType: string;
  resourceUuid: string;
  requestId: string;
  createdMicros: number;
}

/** Operations `failNext` can make fail in the background (the API call itself still succeeds). */
export type CinderFailOp = 'create' | 'extend' | 'delete' | 'retype' | 'snapshot' | 'backup' | 'restore';

export const DEFAULT_TYPE_NAME = '__DEFAULT__';
export const ZONE = 'nova';
export const SIM_HOST = 'storctl-sim';
export const VOLUME_HOST = `${SIM_HOST}@fake#fake`;
export const SERVICE_UUID = '6b4f7c1e-2a43-4d51-9c8e-0d7f5a3e21b4';

export const QUOTA_DEFAULTS: Record<string, number> = {
  volumes: 10,
  per_volume_gigabytes: -1,
  snapshots: 10,
  gigabytes: 1000,
  backups: 10,
  backup_gigabytes: 1000,
  groups: 10,
};

/** Statuses `os-reset_status` accepts, in Cinder's order. */
export const VOLUME_STATUSES = [
  'creating', 'available', 'deleting', 'error', 'error_deleting', 'error_managing', 'managing',
  'attaching', 'in-use', 'detaching', 'maintenance', 'restoring-backup', 'error_restoring',
  'reserved', 'awaiting-transfer', 'backing-up', 'error_backing-up', 'error_extending',
  'downloading', 'uploading', 'retyping', 'extending',
];

export function stableUserId(label: string): string {
  return createHash('sha256').update(`storctl-cinder-user/${label}`).digest('hex').slice(0, 32);
}

export class CinderState {
  readonly volumes = new Map<string, Volume>();
  readonly snapshots = new Map<string, Snapshot>();
  readonly backups = new Map<string, Backup>();
  readonly types = new Map<string, VolumeType>();
  readonly messages = new Map<string, UserMessage>();
  readonly quotas = new Map<string, Record<string, number>>();
  readonly defaultTypeId: string;
  /**
   * Whether a cinder-backup service runs (enabled and up). Without one, as on a deployment
   * that has no cinder-backup, the scheduler fails new backups ("Service not found for
   * creating backup.") and delete/restore answer 404 "Service cinder-backup could not be found.".
   */
  backupService = true;
  private readonly failures = new Map<CinderFailOp, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(readonly delay: number) {
    this.defaultTypeId = this.addType(DEFAULT_TYPE_NAME, {}, true, 'Default Volume Type').id;
  }

  // -- helpers -------------------------------------------------------------

  later(fn: () => void, ms = this.delay): void {
    if (this.closed) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.closed) fn();
    }, ms);
    t.unref();
    this.timers.add(t);
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  failNext(op: CinderFailOp, times = 1): void {
    this.failures.set(op, (this.failures.get(op) ?? 0) + times);
  }

  /** Consume one pending failure for `op`. */
  shouldFail(op: CinderFailOp): boolean {
    const n = this.failures.get(op) ?? 0;
    if (n <= 0) return false;
    this.failures.set(op, n - 1);
    return true;
  }

  touch(r: { updatedAt: string | null }): void {
    r.updatedAt = pyTime(nowMicros());
  }

  addType(name: string, extraSpecs: Record<string, string> = {}, isPublic = true, description: string | null = null): VolumeType {
    const t: VolumeType = { id: randomUUID(), name, description, isPublic, extraSpecs: { ...extraSpecs }, createdMicros: nowMicros() };
    this.types.set(t.id, t);
    return t;
  }

  typeByName(name: string): VolumeType | undefined {
    for (const t of this.types.values()) if (t.name === name) return t;
    return undefined;
  }

  typeName(id: string): string {
    return this.types.get(id)?.name ?? DEFAULT_TYPE_NAME;
  }

  /** Volume type whose scheduler lookup fails (no backend with that name). */
  typeUnschedulable(typeId: string): boolean {
    return this.types.get(typeId)?.extraSpecs['volume_backend_name'] === 'doesnotexist';
  }

  typeMultiattach(typeId: string): boolean {
    const v = this.types.get(typeId)?.extraSpecs['multiattach'];
    return typeof v === 'string' && /^<is>\s*true$/i.test(v.trim());
  }

  typeInUse(typeId: string): boolean {
    for (const v of this.volumes.values()) if (v.typeId === typeId) return true;
    return false;
  }

  newVolume(p: Partial<Volume> & { projectId: string; userId: string; size: number }): Volume {
    const micros = nowMicros();
    const v: Volume = {
      id: randomUUID(),
      name: null,
      description: null,
      status: 'creating',
      availabilityZone: ZONE,
      typeId: this.defaultTypeId,
      snapshotId: null,
      sourceVolid: null,
      metadata: {},
      adminMetadata: {},
      bootable: false,
      attachments: [],
      host: null,
      createdMicros: micros,
      createdAt: pyTime(micros),
      updatedAt: null,
      ...p,
    };
    this.volumes.set(v.id, v);
    return v;
  }

  addMessage(projectId: string, resourceType: string, resourceUuid: string, eventId: string, text: string, requestId: string): void {
    const m: UserMessage = {
      id: randomUUID(),
      projectId,
      eventId,
      userMessage: text,
      resourceType,
      resourceUuid,
      requestId,
      createdMicros: nowMicros(),
    };
    this.messages.set(m.id, m);
  }

  // -- quotas ----------------------------------------------------------------

  quotaKeys(): string[] {
    const keys = ['volumes', 'per_volume_gigabytes', 'snapshots', 'gigabytes', 'backups', 'backup_gigabytes'];
    const types = [...this.types.values()].sort((a, b) => b.createdMicros - a.createdMicros);
    for (const t of types) keys.push(`volumes_${t.name}`, `gigabytes_${t.name}`, `snapshots_${t.name}`);
    keys.push('groups');
    return keys;
  }

  quotaDefault(key: string): number {
    return QUOTA_DEFAULTS[key] ?? -1;
  }

  quotaLimit(projectId: string, key: string): number {
    const own = this.quotas.get(projectId)?.[key];
    return own ?? this.quotaDefault(key);
  }

  usage(projectId: string): Record<string, number> {
    const u: Record<string, number> = {};
    for (const k of this.quotaKeys()) u[k] = 0;
    // Per volume type: [volumes, gigabytes, snapshots].
    const perType = new Map<string, [number, number, number]>();
    const slot = (typeId: string): [number, number, number] => {
      let s = perType.get(typeId);
      if (!s) perType.set(typeId, (s = [0, 0, 0]));
      return s;
    };
    let volumes = 0;
    let gigabytes = 0;
    let snapshots = 0;
    for (const v of this.volumes.values()) {
      if (v.projectId !== projectId) continue;
      volumes++;
      gigabytes += v.size;
      const s = slot(v.typeId);
      s[0]++;
      s[1] += v.size;
    }
    for (const x of this.snapshots.values()) {
      if (x.projectId !== projectId) continue;
      snapshots++;
      gigabytes += x.size;
      const s = slot(x.typeId);
      s[1] += x.size;
      s[2]++;
    }
    u['volumes'] = volumes;
    u['gigabytes'] = gigabytes;
    u['snapshots'] = snapshots;
    for (const [typeId, [nv, gb, ns]] of perType) {
      const tn = this.typeName(typeId);
      u[`volumes_${tn}`] = (u[`volumes_${tn}`] ?? 0) + nv;
      u[`gigabytes_${tn}`] = (u[`gigabytes_${tn}`] ?? 0) + gb;
      u[`snapshots_${tn}`] = (u[`snapshots_${tn}`] ?? 0) + ns;
    }
    let backups = 0;
    let backupGb = 0;
    for (const b of this.backups.values()) {
      if (b.projectId !== projectId) continue;
      backups++;
      backupGb += b.size;
    }
    u['backups'] = backups;
    u['backup_gigabytes'] = backupGb;
    return u;
  }
}
