// Snapshots and backups (including restore) for the Cinder simulator.
import { randomUUID } from 'node:crypto';
import { accepted, at, isPagingParam, listBody, matchFilters, paginate, type Ctx, type Reply, type SortFns } from './context.js';
import {
  HtmlNotFound,
  badRequest,
  boolFromString,
  forbidden,
  isObj,
  notFound,
  nowMicros,
  overLimit,
  parseJsonObject,
  pyRepr,
  pyStr,
  pyTime,
  schemaError,
} from './http.js';
import { VOLUME_HOST, type Backup, type Snapshot } from './model.js';
import { backupDetail, backupSummary, snapshotView } from './views.js';
import { allTenants, checkMetadata, checkName, checkVolumeQuota, findSnapshot, findVolume, isUuidLike, metadataRoute } from './volumes.js';

const BOOL_CHOICES =
  "[True, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES', 'Yes', 'yes', 'y', 't', " +
  "False, 'False', 'FALSE', 'false', '0', 'OFF', 'Off', 'off', 'NO', 'No', 'no', 'n', 'f']";

function optBool(field: string, v: unknown): boolean {
  if (v === undefined || v === null) return false;
  const b = boolFromString(v);
  if (b === undefined) throw schemaError(field, v, `${pyRepr(v)} is not one of ${BOOL_CHOICES}`);
  return b;
}

function uuidField(field: string, v: unknown): string {
  if (typeof v !== 'string' || !isUuidLike(v)) throw schemaError(field, v, `${pyRepr(v)} is not valid under any of the given schemas`);
  return v;
}

interface Owned {
  id: string;
  projectId: string;
  createdMicros: number;
}

function listScope<T extends Owned>(ctx: Ctx, all: Iterable<T>, fields: SortFns<T>, metadata?: (x: T) => Record<string, string>): {
  items: T[];
  everyone: boolean;
} {
  const everyone = allTenants(ctx);
  const filters: [string, string][] = [];
  for (const [k, v] of ctx.params) {
    if (isPagingParam(k) || k === 'all_tenants') continue;
    if (k === 'with_count' && at(ctx, 45)) continue;
    filters.push([k, v]);
  }
  const items: T[] = [];
  for (const x of all) {
    if (!everyone && x.projectId !== ctx.projectId) continue;
    if (filters.length && !matchFilters(x, filters, fields, metadata)) continue;
    items.push(x);
  }
  return { items, everyone };
}

function withCount(ctx: Ctx): boolean {
  const raw = at(ctx, 45) ? ctx.params.get('with_count') : null;
  return raw !== null && (boolFromString(raw) ?? false);
}

// ---------------------------------------------------------------------------
// snapshots

const SNAP_FIELDS: SortFns<Snapshot> = {
  id: (s) => s.id,
  created_at: (s) => s.createdMicros,
  updated_at: (s) => s.updatedAt,
  name: (s) => s.name,
  display_name: (s) => s.name,
  description: (s) => s.description,
  status: (s) => s.status,
  size: (s) => s.size,
  volume_id: (s) => s.volumeId,
  project_id: (s) => s.projectId,
  user_id: (s) => s.userId,
};

export function listSnapshots(ctx: Ctx, detail: boolean): Reply {
  const st = ctx.state;
  const { items, everyone } = listScope(ctx, st.snapshots.values(), SNAP_FIELDS, (s) => s.metadata);
  const page = paginate(ctx, {
    items,
    sortFns: SNAP_FIELDS,
    findMarker: (id) => {
      const m = st.snapshots.get(id);
      return m && (everyone || m.projectId === ctx.projectId) ? m : undefined;
    },
    markerNotFound: (id) => notFound(`Snapshot ${id} could not be found.`),
    linkPath: detail ? 'snapshots/detail' : 'snapshots',
    linksKey: 'snapshots_links',
  });
  return {
    status: 200,
    body: listBody('snapshots', 'snapshots_links', page, (s) => snapshotView(ctx, s, detail ? 'detail' : 'summary'), withCount(ctx)),
  };
}

export function createSnapshot(ctx: Ctx, raw: Buffer): Reply {
  const st = ctx.state;
  const body = parseJsonObject(raw);
  if (!('snapshot' in body)) throw badRequest("'snapshot' is a required property");
  const b = body['snapshot'];
  if (!isObj(b)) throw schemaError('snapshot', b, `${pyRepr(b)} is not of type 'object'`);
  if (!('volume_id' in b)) throw schemaError('snapshot', b, "'volume_id' is a required property");
  const volumeId = uuidField('volume_id', b['volume_id']);
  const force = optBool('force', b['force']);
  const name = checkName('name', b['name'] ?? b['display_name']);
  const description = checkName('description', b['description'] ?? b['display_description']);
  const metadata = checkMetadata(b['metadata']) ?? {};
  const v = findVolume(ctx, volumeId);
  if (!v.host) throw badRequest('Invalid volume: volume is not assigned to a host');
  if (v.status === 'maintenance') throw badRequest('Invalid volume: The snapshot cannot be created when the volume is in maintenance mode.');
  if (v.status === 'error') throw badRequest('Invalid volume: The snapshot cannot be created when the volume is in error status.');
  if (!force && v.status !== 'available') {
    throw badRequest(`Invalid volume: Volume ${v.id} status must be available, but current status is: ${v.status}.`);
  }
  if (force && v.status !== 'available' && v.status !== 'in-use') {
    throw badRequest(`Invalid volume: Volume ${v.id} status must be available or in-use, but current status is: ${v.status}.`);
  }
  const usage = st.usage(v.projectId);
  const tn = st.typeName(v.typeId);
  for (const key of ['gigabytes', `gigabytes_${tn}`]) {
    const lim = st.quotaLimit(v.projectId, key);
    if (lim >= 0 && (usage[key] ?? 0) + v.size > lim) {
      throw overLimit(
        `VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed ${key} quota. ` +
          `Requested ${v.size}G, quota is ${lim}G and ${usage[key] ?? 0}G has been consumed.`,
      );
    }
  }
  for (const key of ['snapshots', `snapshots_${tn}`]) {
    const lim = st.quotaLimit(v.projectId, key);
    if (lim >= 0 && (usage[key] ?? 0) + 1 > lim) {
      throw overLimit(`SnapshotLimitExceeded: Maximum number of snapshots allowed (${lim}) exceeded`);
    }
  }
  const micros = nowMicros();
  const s: Snapshot = {
    id: randomUUID(),
    projectId: v.projectId,
    userId: ctx.token.userId,
    volumeId: v.id,
    typeId: v.typeId,
    name: name ?? null,
    description: description ?? null,
    status: 'creating',
    size: v.size,
    metadata,
    progress: '0%',
    createdMicros: micros,
    createdAt: pyTime(micros),
    updatedAt: null,
  };
  st.snapshots.set(s.id, s);
  const fail = st.shouldFail('snapshot');
  st.later(() => {
    if (!st.snapshots.has(s.id) || s.status !== 'creating') return;
    s.status = fail ? 'error' : 'available';
    if (!fail) s.progress = '100%';
    st.touch(s);
  });
  return { status: 202, body: { snapshot: snapshotView(ctx, s, 'basic') } };
}

export function snapshotRoute(ctx: Ctx, method: string, rest: string[], raw: Buffer): Reply {
  const st = ctx.state;
  const [id, sub, key] = rest;
  if (id === undefined) {
    if (method === 'GET') return listSnapshots(ctx, false);
    if (method === 'POST') return createSnapshot(ctx, raw);
    throw new HtmlNotFound();
  }
  if (id === 'detail' && rest.length === 1 && method === 'GET') return listSnapshots(ctx, true);
  if (sub === 'metadata' && rest.length <= 3) {
    const s = findSnapshot(ctx, id);
    return metadataRoute(ctx, method, s, `Snapshot ${s.id}`, key, raw);
  }
  if (sub === 'action' && rest.length === 2 && method === 'POST') {
    const body = parseJsonObject(raw);
    const s = findSnapshot(ctx, id);
    if ('os-reset_status' in body) {
      if (!ctx.isAdmin) throw forbidden('volume_extension:snapshot_admin_actions:reset_status');
      const a = body['os-reset_status'];
      const status = isObj(a) ? a['status'] : undefined;
      const ok = ['error', 'available', 'creating', 'deleting', 'deleted', 'updating', 'error_deleting', 'unmanaging', 'backing-up', 'restoring'];
      if (typeof status !== 'string' || !ok.includes(status.toLowerCase())) {
        throw badRequest(`Snapshot status: ${pyStr(status)} is invalid, valid statuses are: (${ok.map((x) => `'${x}'`).join(', ')}).`);
      }
      s.status = status.toLowerCase();
      st.touch(s);
      return accepted;
    }
    if ('os-force_delete' in body) {
      if (!ctx.isAdmin) throw forbidden('volume_extension:snapshot_admin_actions:force_delete');
      beginSnapshotDelete(ctx, s);
      return accepted;
    }
    throw badRequest(`There is no such action: ${Object.keys(body)[0] ?? 'None'}. Verify the request body and Content-Type header and try again.`);
  }
  if (rest.length !== 1) throw new HtmlNotFound();
  if (method === 'GET') return { status: 200, body: { snapshot: snapshotView(ctx, findSnapshot(ctx, id), 'detail') } };
  if (method === 'PUT') {
    const body = parseJsonObject(raw);
    if (!('snapshot' in body)) throw badRequest("'snapshot' is a required property");
    const b = body['snapshot'];
    if (!isObj(b)) throw schemaError('snapshot', b, `${pyRepr(b)} is not of type 'object'`);
    const allowed = ['name', 'description', 'display_name', 'display_description'];
    const extra = Object.keys(b).filter((k) => !allowed.includes(k));
    if (extra.length) {
      throw schemaError('snapshot', b, `Additional properties are not allowed (${extra.map((k) => pyRepr(k)).join(', ')} ${extra.length === 1 ? 'was' : 'were'} unexpected)`);
    }
    if (Object.keys(b).length === 0) throw schemaError('snapshot', b, '{} is not valid under any of the given schemas');
    const name = checkName('name', b['name'] ?? b['display_name']);
    const description = checkName('description', b['description'] ?? b['display_description']);
    const s = findSnapshot(ctx, id);
    if (name !== undefined) s.name = name;
    if (description !== undefined) s.description = description;
    st.touch(s);
    return { status: 200, body: { snapshot: snapshotView(ctx, s, 'basic') } };
  }
  if (method === 'DELETE') {
    const s = findSnapshot(ctx, id);
    if (s.status !== 'available' && s.status !== 'error') {
      throw badRequest('Invalid snapshot: Snapshot status must be available or error and must not be part of a group.');
    }
    beginSnapshotDelete(ctx, s);
    return accepted;
  }
  throw new HtmlNotFound();
}

function beginSnapshotDelete(ctx: Ctx, s: Snapshot): void {
  const st = ctx.state;
  const fail = st.shouldFail('delete');
  s.status = 'deleting';
  st.touch(s);
  st.later(() => {
    if (fail) {
      s.status = 'error_deleting';
      st.touch(s);
    } else {
      st.snapshots.delete(s.id);
    }
  });
}

// ---------------------------------------------------------------------------
// backups

const BACKUP_FIELDS: SortFns<Backup> = {
  id: (b) => b.id,
  created_at: (b) => b.createdMicros,
  updated_at: (b) => b.updatedAt,
  name: (b) => b.name,
  display_name: (b) => b.name,
  description: (b) => b.description,
  status: (b) => b.status,
  size: (b) => b.size,
  volume_id: (b) => b.volumeId,
  project_id: (b) => b.projectId,
  container: (b) => b.container,
};

function findBackup(ctx: Ctx, id: string): Backup {
  const b = ctx.state.backups.get(id);
  if (!b || (!ctx.isAdmin && b.projectId !== ctx.projectId)) throw notFound(`Backup ${id} could not be found.`);
  return b;
}

export function listBackups(ctx: Ctx, detail: boolean): Reply {
  const st = ctx.state;
  const { items, everyone } = listScope(ctx, st.backups.values(), BACKUP_FIELDS, (b) => b.metadata);
  const page = paginate(ctx, {
    items,
    sortFns: BACKUP_FIELDS,
    findMarker: (id) => {
      const m = st.backups.get(id);
      return m && (everyone || m.projectId === ctx.projectId) ? m : undefined;
    },
    markerNotFound: (id) => notFound(`Backup ${id} could not be found.`),
    linkPath: detail ? 'backups/detail' : 'backups',
    linksKey: 'backups_links',
  });
  const view = detail ? (b: Backup) => backupDetail(ctx, b) : (b: Backup) => backupSummary(ctx, b);
  return { status: 200, body: listBody('backups', 'backups_links', page, view, withCount(ctx)) };
}

function createBackup(ctx: Ctx, raw: Buffer): Reply {
  const st = ctx.state;
  const body = parseJsonObject(raw);
  if (!('backup' in body)) throw badRequest("'backup' is a required property");
  const b = body['backup'];
  if (!isObj(b)) throw schemaError('backup', b, `${pyRepr(b)} is not of type 'object'`);
  if (!('volume_id' in b)) throw schemaError('backup', b, "'volume_id' is a required property");
  const volumeId = uuidField('volume_id', b['volume_id']);
  const incremental = optBool('incremental', b['incremental']);
  const force = optBool('force', b['force']);
  const name = checkName('name', b['name'] ?? b['display_name']);
  const description = checkName('description', b['description'] ?? b['display_description']);
  const container = b['container'];
  if (container !== undefined && container !== null && typeof container !== 'string') {
    throw schemaError('container', container, `${pyRepr(container)} is not of type 'string', 'null'`);
  }
  const metadata = at(ctx, 43) ? checkMetadata(b['metadata']) ?? {} : {};
  const snapshotId = b['snapshot_id'] === undefined || b['snapshot_id'] === null ? null : uuidField('snapshot_id', b['snapshot_id']);
  const v = findVolume(ctx, volumeId);
  const snap = snapshotId ? findSnapshot(ctx, snapshotId) : undefined;
  if (snap) {
    if (snap.status !== 'available') {
      throw badRequest(`Invalid snapshot: Snapshot to be backed up must be available, but the current status is "${snap.status}".`);
    }
  } else if (v.status !== 'available' && v.status !== 'in-use') {
    throw badRequest(`Invalid volume: Volume to be backed up must be available or in-use, but the current status is "${v.status}".`);
  } else if (v.status === 'in-use' && !force) {
    throw badRequest('Invalid volume: Backing up an in-use volume must use the force flag.');
  }
  let parent: Backup | undefined;
  if (incremental) {
    for (const x of st.backups.values()) {
      if (x.volumeId === v.id && x.status === 'available' && (!parent || x.createdMicros > parent.createdMicros)) parent = x;
    }
    if (!parent) throw badRequest('Invalid backup: No backups available to do an incremental backup.');
  }
  const usage = st.usage(v.projectId);
  const gbLim = st.quotaLimit(v.projectId, 'backup_gigabytes');
  if (gbLim >= 0 && (usage['backup_gigabytes'] ?? 0) + v.size > gbLim) {
    throw overLimit(
      `VolumeBackupSizeExceedsAvailableQuota: Requested backup exceeds allowed Backup gigabytes quota. ` +
        `Requested ${v.size}G, quota is ${gbLim}G and ${usage['backup_gigabytes'] ?? 0}G has been consumed.`,
    );
  }
  const nLim = st.quotaLimit(v.projectId, 'backups');
  if (nLim >= 0 && (usage['backups'] ?? 0) + 1 > nLim) {
    throw overLimit(`BackupLimitExceeded: Maximum number of backups allowed (${nLim}) exceeded`);
  }
  const micros = nowMicros();
  const bk: Backup = {
    id: randomUUID(),
    projectId: v.projectId,
    userId: ctx.token.userId,
    volumeId: v.id,
    snapshotId,
    name: name ?? null,
    description: description ?? null,
    status: 'creating',
    size: v.size,
    objectCount: 0,
    availabilityZone: v.availabilityZone,
    container: typeof container === 'string' ? container : null,
    failReason: null,
    isIncremental: incremental,
    parentId: parent?.id ?? null,
    metadata,
    createdMicros: micros,
    createdAt: pyTime(micros),
    updatedAt: null,
    dataTimestamp: snap ? snap.createdAt : pyTime(micros),
  };
  st.backups.set(bk.id, bk);
  const fail = st.shouldFail('backup');
  const source = snap ?? v;
  const previous = source.status;
  source.status = 'backing-up';
  st.touch(source);
  st.later(() => {
    if (source.status === 'backing-up') {
      source.status = previous;
      st.touch(source);
    }
    if (!st.backups.has(bk.id) || bk.status !== 'creating') return;
    if (!st.backupService) {
      // The scheduler finds no backup host (cinder/scheduler/manager.py create_backup).
      bk.status = 'error';
      bk.failReason = 'Service not found for creating backup.';
    } else if (fail) {
      bk.status = 'error';
      bk.failReason = 'Backup driver reported an error.';
    } else {
      bk.status = 'available';
      bk.container ??= 'volumebackups';
      bk.objectCount = Math.ceil((bk.size * 1024) / 50);
    }
    st.touch(bk);
  });
  return { status: 202, body: { backup: backupSummary(ctx, bk) } };
}

function restoreBackup(ctx: Ctx, id: string, raw: Buffer): Reply {
  const st = ctx.state;
  const body = parseJsonObject(raw);
  if (!('restore' in body)) throw badRequest("'restore' is a required property");
  const r = body['restore'] ?? {};
  if (!isObj(r)) throw schemaError('restore', r, `${pyRepr(r)} is not of type 'object', 'null'`);
  const volumeId = r['volume_id'] === undefined || r['volume_id'] === null ? undefined : uuidField('volume_id', r['volume_id']);
  const name = checkName('name', r['name']);
  const bk = findBackup(ctx, id);
  if (bk.status !== 'available') throw badRequest('Invalid backup: Backup status must be available');
  let v;
  if (volumeId !== undefined) {
    v = findVolume(ctx, volumeId);
    if (v.status !== 'available') throw badRequest('Invalid volume: Volume to be restored to must be available');
    if (v.size < bk.size) {
      throw badRequest(`Invalid volume: volume size ${v.size} is too small to restore backup of size ${bk.size}.`);
    }
  } else {
    const type = st.types.get(st.defaultTypeId)!;
    checkVolumeQuota(ctx, ctx.projectId, type.name, 1, bk.size);
    v = st.newVolume({
      projectId: ctx.projectId,
      userId: ctx.token.userId,
      size: bk.size,
      name: name ?? `restore_backup_${bk.id}`,
      description: `auto-created_from_restore_from_backup`,
      host: VOLUME_HOST,
    });
  }
  // cinder/backup/api.py restore(): the backup host is chosen after the volume checks, so a
  // volume it created for the restore (and waited for) stays behind.
  if (!st.backupService) {
    if (volumeId === undefined) v.status = 'available';
    throw serviceNotFound();
  }
  const fail = st.shouldFail('restore');
  const target = v;
  bk.status = 'restoring';
  target.status = 'restoring-backup';
  st.touch(bk);
  st.touch(target);
  st.later(() => {
    if (bk.status === 'restoring') {
      bk.status = 'available';
      st.touch(bk);
    }
    if (st.volumes.has(target.id) && target.status === 'restoring-backup') {
      target.status = fail ? 'error_restoring' : 'available';
      st.touch(target);
    }
  });
  return { status: 202, body: { restore: { backup_id: bk.id, volume_id: target.id, volume_name: target.name } } };
}

/** Cinder's ServiceNotFound for cinder-backup (a 404 itemNotFound, although the backup exists). */
function serviceNotFound(): Error {
  return notFound('Service cinder-backup could not be found.');
}

function beginBackupDelete(ctx: Ctx, bk: Backup): void {
  const st = ctx.state;
  const fail = st.shouldFail('delete');
  bk.status = 'deleting';
  st.touch(bk);
  st.later(() => {
    if (fail) {
      bk.status = 'error_deleting';
      st.touch(bk);
    } else {
      st.backups.delete(bk.id);
    }
  });
}

export function backupRoute(ctx: Ctx, method: string, rest: string[], raw: Buffer): Reply {
  const st = ctx.state;
  const [id, sub] = rest;
  if (id === undefined) {
    if (method === 'GET') return listBackups(ctx, false);
    if (method === 'POST') return createBackup(ctx, raw);
    throw new HtmlNotFound();
  }
  if (id === 'detail' && rest.length === 1 && method === 'GET') return listBackups(ctx, true);
  if (sub === 'restore' && rest.length === 2 && method === 'POST') return restoreBackup(ctx, id, raw);
  if (sub === 'action' && rest.length === 2 && method === 'POST') {
    const body = parseJsonObject(raw);
    const bk = findBackup(ctx, id);
    if ('os-reset_status' in body) {
      if (!ctx.isAdmin) throw forbidden('volume_extension:backup_admin_actions:reset_status');
      const a = body['os-reset_status'];
      const status = isObj(a) ? a['status'] : undefined;
      if (status !== 'available' && status !== 'error') {
        throw schemaError('status', status, `${pyRepr(status)} is not one of ['available', 'error']`);
      }
      bk.status = status;
      st.touch(bk);
      return accepted;
    }
    if ('os-force_delete' in body) {
      if (!ctx.isAdmin) throw forbidden('volume_extension:backup_admin_actions:force_delete');
      beginBackupDelete(ctx, bk);
      return accepted;
    }
    throw badRequest(`There is no such action: ${Object.keys(body)[0] ?? 'None'}. Verify the request body and Content-Type header and try again.`);
  }
  if (rest.length !== 1) throw new HtmlNotFound();
  if (method === 'GET') return { status: 200, body: { backup: backupDetail(ctx, findBackup(ctx, id)) } };
  if (method === 'PUT' && at(ctx, 9)) {
    const body = parseJsonObject(raw);
    if (!('backup' in body)) throw badRequest("'backup' is a required property");
    const b = body['backup'];
    if (!isObj(b)) throw schemaError('backup', b, `${pyRepr(b)} is not of type 'object'`);
    const name = checkName('name', b['name']);
    const description = checkName('description', b['description']);
    const metadata = at(ctx, 43) ? checkMetadata(b['metadata']) : undefined;
    const bk = findBackup(ctx, id);
    if (name !== undefined) bk.name = name;
    if (description !== undefined) bk.description = description;
    if (metadata !== undefined) bk.metadata = metadata;
    st.touch(bk);
    return { status: 200, body: { backup: backupSummary(ctx, bk) } };
  }
  if (method === 'DELETE') {
    const bk = findBackup(ctx, id);
    if (bk.status !== 'available' && bk.status !== 'error') throw badRequest('Invalid backup: Backup status must be available or error');
    for (const x of st.backups.values()) {
      if (x.parentId === bk.id) throw badRequest('Invalid backup: Incremental backups exist for this backup.');
    }
    // cinder/backup/api.py delete(): _get_available_backup_service_host raises ServiceNotFound.
    if (!st.backupService) throw serviceNotFound();
    beginBackupDelete(ctx, bk);
    return accepted;
  }
  throw new HtmlNotFound();
}
