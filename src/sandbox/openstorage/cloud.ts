// OpenStorageCredentials and OpenStorageCloudBackup of the simulator. Backups
// and restores run on a clock: NotStarted, then Active with growing
// bytes_done, then Done after `backupDurationMs` (pauses stop the clock).

import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { StatusError, type Caller } from './auth.js';
import { timestampFromDate } from '../../backends/openstorage/codec.js';
import { CLUSTER_UUID, NODE_ID, permitted, type BackupTask, type FakeDriver, type ServiceHandlers } from './driver.js';
import { newVolume } from './volumes.js';
import { clone, denied, invalid, labelsMatch, notFound, num, obj, str, strList, strMap, type Obj } from './util.js';

const CRED_TYPES = ['aws_credential', 'azure_credential', 'google_credential', 'nfs_credential'] as const;

/** The parts of a credential that Inspect may show (secrets never leave the server). */
function publicCredential(id: string, c: Obj): Obj {
  const out: Obj = { credential_id: id };
  for (const k of ['name', 'bucket', 'ownership', 'use_proxy', 'iam_policy']) if (c[k] !== undefined) out[k] = clone(c[k]);
  const aws = obj(c['aws_credential']);
  const azure = obj(c['azure_credential']);
  const google = obj(c['google_credential']);
  const nfs = obj(c['nfs_credential']);
  if (aws) {
    const a: Obj = {};
    for (const k of ['access_key', 'endpoint', 'region', 'disable_ssl', 'disable_path_style', 'server_side_encryption']) {
      if (aws[k] !== undefined) a[k] = aws[k];
    }
    if (c['s3_storage_class'] !== undefined) a['s3_storage_class'] = c['s3_storage_class'];
    out['aws_credential'] = a;
  } else if (azure) {
    out['azure_credential'] = { account_name: azure['account_name'] };
  } else if (google) {
    out['google_credential'] = { project_id: google['project_id'] };
  } else if (nfs) {
    out['nfs_credential'] = clone(nfs);
  }
  return out;
}

function credentialType(c: Obj): string | undefined {
  return CRED_TYPES.find((k) => obj(c[k]) !== undefined);
}

function checkCredential(c: Obj): void {
  const type = credentialType(c);
  if (!type) throw invalid('Unknown credential type');
  const body = obj(c[type]) ?? {};
  if (type === 'aws_credential' && (str(body['access_key']) === '' || str(body['secret_key']) === '')) {
    throw invalid('Must supply access key and secret key');
  }
  if (type === 'azure_credential' && (str(body['account_name']) === '' || str(body['account_key']) === '')) {
    throw invalid('Must supply account name and account key');
  }
  if (type === 'google_credential' && (str(body['project_id']) === '' || str(body['json_key']) === '')) {
    throw invalid('Must supply project id and json key');
  }
  if (type === 'nfs_credential' && str(body['server']) === '') throw invalid('Must supply an NFS server');
}

function credentialFor(driver: FakeDriver, id: string, caller: Caller, need: 'read' | 'write'): Obj {
  if (id === '') throw invalid('Must provide credentials uuid');
  const c = driver.credentials.get(id);
  if (!c) throw notFound(`Credential id ${id} not found`);
  if (!permitted(c['ownership'], caller, need)) throw denied(`Access denied to credential ${id}`);
  return c;
}

/**
 * What upstream's CredentialServer.Inspect finds for a reference: the credential whose id or
 * whose name it is (the first match, ids before names as map order allows), or NOT_FOUND.
 */
function credentialByIdOrName(driver: FakeDriver, ref: string, caller: Caller): { id: string; cred: Obj } {
  if (ref === '') throw invalid('Must provide a credential id');
  let found: [string, Obj] | undefined = driver.credentials.has(ref) ? [ref, driver.credentials.get(ref)!] : undefined;
  found ??= [...driver.credentials.entries()].find(([, c]) => str(c['name']) === ref);
  if (!found) throw notFound(`Credential id ${ref} not found`);
  if (!permitted(found[1]['ownership'], caller, 'read')) throw denied(`Access denied to ${ref}`);
  return { id: found[0], cred: found[1] };
}

/** The fake driver's CredsValidate: a kvdb lookup by uuid, so a name is not found. */
function driverValidate(driver: FakeDriver, ref: string): void {
  if (!driver.credentials.has(ref)) throw new Error(`Credential id ${ref} not found`);
}

export function credentialHandlers(driver: FakeDriver): ServiceHandlers {
  return {
    Create(req, caller) {
      checkCredential(req);
      const name = str(req['name']);
      if (name !== '') {
        for (const existing of driver.credentials.values()) {
          if (str(existing['name']) === name) throw new StatusError(status.ALREADY_EXISTS, `Credential with name ${name} already exists`);
        }
      }
      const c = clone(req);
      delete c['credential_type'];
      if (caller.username !== undefined) c['ownership'] = { ...(obj(req['ownership']) ?? {}), owner: caller.username };
      const id = randomUUID();
      driver.credentials.set(id, c);
      return { credential_id: id };
    },
    Update(req, caller) {
      const id = str(req['credential_id']);
      const c = credentialFor(driver, id, caller, 'write');
      const upd = obj(req['update_req']);
      if (!upd) throw invalid('Must supply the new credential');
      checkCredential(upd);
      const next = clone(upd);
      delete next['credential_type'];
      if (c['ownership'] !== undefined) next['ownership'] = c['ownership'];
      driver.credentials.set(id, next);
      return {};
    },
    Enumerate(_req, caller) {
      const ids = [...driver.credentials.entries()].filter(([, c]) => permitted(c['ownership'], caller, 'read')).map(([id]) => id);
      return { credential_ids: ids };
    },
    // Like upstream: Inspect finds the credential by id or by name and echoes the request's
    // credential_id, so inspecting by name answers with the name where the uuid belongs.
    Inspect(req, caller) {
      const ref = str(req['credential_id']);
      return publicCredential(ref, credentialByIdOrName(driver, ref, caller).cred);
    },
    // Like upstream: the ownership check goes through Inspect (a name passes), then the driver
    // deletes the kvdb key named by the request, so deleting by name answers {} and deletes nothing.
    Delete(req, caller) {
      const ref = str(req['credential_id']);
      if (ref === '') throw invalid('Must provide credentials uuid');
      const { cred } = credentialByIdOrName(driver, ref, caller);
      if (!permitted(cred['ownership'], caller, 'write')) throw denied(`Only admin access type to credential is allowed to delete ${ref}`);
      driver.credentials.delete(ref);
      return {};
    },
    // Like upstream: Inspect passes for a name, then the driver's CredsValidate looks the
    // request's value up as a uuid and fails (INTERNAL).
    Validate(req, caller) {
      const ref = str(req['credential_id']);
      if (ref === '') throw invalid('Must provide credentials uuid');
      credentialByIdOrName(driver, ref, caller);
      try {
        driverValidate(driver, ref);
      } catch (e) {
        throw new StatusError(status.INTERNAL, `failed to validate credentials: ${(e as Error).message}`);
      }
      return {};
    },
    DeleteReferences(req, caller) {
      credentialFor(driver, str(req['credential_id']), caller, 'write');
      return {};
    },
  };
}

// ------------------------------------------------------------ cloud backups

type TaskState = 'SdkCloudBackupStatusTypeNotStarted' | 'SdkCloudBackupStatusTypeActive' | 'SdkCloudBackupStatusTypeDone' | 'SdkCloudBackupStatusTypePaused' | 'SdkCloudBackupStatusTypeStopped';

function progress(driver: FakeDriver, t: BackupTask, at = Date.now()): { state: TaskState; fraction: number; completedAt?: number } {
  if (t.stopped !== undefined) return { state: 'SdkCloudBackupStatusTypeStopped', fraction: 0 };
  const duration = Math.max(1, driver.options.backupDurationMs);
  const until = t.pausedSince ?? at;
  const active = until - t.startedAt - t.pausedMs;
  const fraction = Math.min(1, Math.max(0, active / duration));
  if (fraction >= 1) return { state: 'SdkCloudBackupStatusTypeDone', fraction: 1, completedAt: t.startedAt + t.pausedMs + duration };
  if (t.pausedSince !== undefined) return { state: 'SdkCloudBackupStatusTypePaused', fraction };
  if (fraction < 0.1) return { state: 'SdkCloudBackupStatusTypeNotStarted', fraction: 0 };
  return { state: 'SdkCloudBackupStatusTypeActive', fraction };
}

function taskStatus(driver: FakeDriver, t: BackupTask): Obj {
  const p = progress(driver, t);
  const duration = Math.max(1, driver.options.backupDurationMs);
  const out: Obj = {
    backup_id: t.backupId,
    optype: t.op === 'backup' ? 'SdkCloudBackupOpTypeBackupOp' : 'SdkCloudBackupOpTypeRestoreOp',
    status: p.state,
    bytes_done: String(Math.floor(t.bytesTotal * p.fraction)),
    start_time: timestampFromDate(new Date(t.startedAt)),
    node_id: NODE_ID,
    src_volume_id: t.op === 'backup' ? t.srcVolumeId : (t.restoreVolumeId ?? ''),
    credential_id: t.credentialId,
    bytes_total: String(t.bytesTotal),
    eta_seconds: String(p.state === 'SdkCloudBackupStatusTypeDone' ? 0 : Math.ceil((duration * (1 - p.fraction)) / 1000)),
    group_id: t.groupId,
  };
  if (p.completedAt !== undefined) out['completed_time'] = timestampFromDate(new Date(p.completedAt));
  if (p.state === 'SdkCloudBackupStatusTypeStopped') out['info'] = ['Stopped by user request'];
  return out;
}

function backupInfo(driver: FakeDriver, t: BackupTask): Obj {
  return {
    id: t.backupId,
    src_volume_id: t.srcVolumeId,
    src_volume_name: t.srcVolumeName,
    timestamp: timestampFromDate(new Date(t.startedAt)),
    metadata: { ...t.labels, volumename: t.srcVolumeName },
    status: progress(driver, t).state,
    cluster_type: 'SdkCloudBackupClusterCurrent',
  };
}

/**
 * The credential a cloud-backup RPC uses, as upstream's CloudBackupServer picks it: without one,
 * the only credential the caller may see (INVALID_ARGUMENT with none or several); with one, an
 * ownership check through Inspect (an unknown reference passes it), then the fake driver's
 * CredsValidate by uuid, whose failure becomes INTERNAL "<failed> : Credential id X not found".
 */
function cloudCredential(driver: FakeDriver, ref: string, caller: Caller, failed: string): string {
  if (ref === '') {
    const visible = [...driver.credentials.entries()].filter(([, c]) => permitted(c['ownership'], caller, 'read'));
    if (visible.length > 1) throw invalid('More than one credential configured,please specify a credential name or uuid to use');
    if (visible.length === 0) throw invalid('No configured credentials found,please create a credential');
    return visible[0]![0];
  }
  try {
    credentialByIdOrName(driver, ref, caller);
  } catch (e) {
    if (!(e instanceof StatusError) || e.code !== status.NOT_FOUND) throw e;
  }
  try {
    driverValidate(driver, ref);
  } catch (e) {
    throw new StatusError(status.INTERNAL, `${failed}: ${(e as Error).message}`);
  }
  return ref;
}

function startBackup(driver: FakeDriver, caller: Caller, volumeId: string, cred: string, taskId: string, labels: Record<string, string>, groupId = ''): BackupTask {
  if (volumeId === '') throw invalid('Must provide source volume id');
  const v = driver.volumeFor(volumeId, caller, 'read');
  const existing = driver.tasks.get(taskId);
  if (existing) {
    if (existing.srcVolumeId !== volumeId || existing.op !== 'backup') {
      throw new StatusError(status.ALREADY_EXISTS, `Task id ${taskId} is already used by another operation`);
    }
    return existing;
  }
  const t: BackupTask = {
    taskId,
    op: 'backup',
    backupId: `${CLUSTER_UUID}/${volumeId}-${randomUUID().slice(0, 8)}`,
    srcVolumeId: volumeId,
    srcVolumeName: str(obj(v['locator'])?.['name']),
    credentialId: cred,
    groupId,
    labels,
    bytesTotal: num(obj(v['spec'])?.['size']) || 1 << 30,
    startedAt: Date.now(),
    pausedMs: 0,
  };
  const own = obj(obj(v['spec'])?.['ownership']);
  if (own) t.ownership = clone(own);
  driver.tasks.set(taskId, t);
  driver.backups.set(t.backupId, t);
  return t;
}

function backupFor(driver: FakeDriver, id: string, caller: Caller): BackupTask {
  if (id === '') throw invalid('Must provide backup id');
  const b = driver.backups.get(id);
  if (!b) throw notFound(`Backup ${id} not found`);
  if (!permitted(b.ownership, caller, 'read')) throw denied(`Access denied to backup ${id}`);
  return b;
}

export function cloudBackupHandlers(driver: FakeDriver): ServiceHandlers {
  return {
    Create(req, caller) {
      if (str(req['volume_id']) === '') throw invalid('Must supply a volume id');
      const cred = cloudCredential(driver, str(req['credential_id']), caller, 'Failed to create backup');
      const taskId = str(req['task_id']) || randomUUID();
      const t = startBackup(driver, caller, str(req['volume_id']), cred, taskId, strMap(req['labels']));
      return { task_id: t.taskId };
    },

    GroupCreate(req, caller) {
      const ids = strList(req['volume_ids']);
      if (ids.length === 0) throw invalid('Must provide at least one volume id');
      const cred = cloudCredential(driver, str(req['credential_id']), caller, 'Failed to create group backup');
      const groupId = str(req['group_id']) || randomUUID();
      const tasks = ids.map((id) => startBackup(driver, caller, id, cred, randomUUID(), strMap(req['labels']), groupId));
      return { group_cloud_backup_id: groupId, task_ids: tasks.map((t) => t.taskId) };
    },

    // Like upstream's fake driver: the reply names the new volume but carries no task_id; the
    // restore shows up in Status under an id of its own (find it by the restored volume's id).
    Restore(req, caller) {
      if (str(req['backup_id']) === '') throw invalid('Must provide backup id');
      const cred = cloudCredential(driver, str(req['credential_id']), caller, 'Failed to restore backup');
      const b = backupFor(driver, str(req['backup_id']), caller);
      if (progress(driver, b).state !== 'SdkCloudBackupStatusTypeDone') {
        throw new StatusError(status.FAILED_PRECONDITION, `Backup ${b.backupId} is not complete`);
      }
      const name = str(req['restore_volume_name']) || `restore-${b.srcVolumeName || b.srcVolumeId}-${randomUUID().slice(0, 8)}`;
      if (driver.volumeByName(name)) throw new StatusError(status.ALREADY_EXISTS, `Volume with name ${name} already exists`);
      const src = driver.volumes.get(b.srcVolumeId);
      const spec: Obj = src ? clone(obj(src['spec']) ?? {}) : { size: String(b.bytesTotal), ha_level: '1' };
      const locator = obj(req['locator']);
      const v = newVolume(driver, { name, spec, labels: { ...strMap(locator?.['volume_labels']) }, caller });
      const taskId = randomUUID();
      const t: BackupTask = {
        ...b,
        taskId,
        op: 'restore',
        credentialId: cred,
        startedAt: Date.now(),
        pausedMs: 0,
        restoreVolumeId: str(v['id']),
      };
      delete t.pausedSince;
      delete t.stopped;
      driver.tasks.set(taskId, t);
      return { restore_volume_id: v['id'] };
    },

    Delete(req, caller) {
      const id = str(req['backup_id']);
      if (id === '') throw invalid('Must provide backup id');
      cloudCredential(driver, str(req['credential_id']), caller, 'Failed to delete backup');
      if (!driver.backups.has(id)) return {};
      backupFor(driver, id, caller);
      driver.backups.delete(id);
      return {};
    },

    DeleteAll(req, caller) {
      const vol = str(req['src_volume_id']);
      if (vol === '') throw invalid('Must provide source volume id');
      cloudCredential(driver, str(req['credential_id']), caller, 'Failed to delete backup');
      for (const [id, b] of driver.backups) {
        if (b.srcVolumeId === vol && permitted(b.ownership, caller, 'write')) driver.backups.delete(id);
      }
      return {};
    },

    EnumerateWithFilters(req, caller) {
      const vol = str(req['src_volume_id']);
      const cred = cloudCredential(driver, str(req['credential_id']), caller, 'Failed to enumerate backups');
      const wantStatus = str(req['status_filter']);
      const meta = strMap(req['metadata_filter']);
      const backupId = str(req['cloud_backup_id']);
      const cluster = str(req['cluster_id']);
      const max = num(req['max_backups']);
      if (cluster !== '' && cluster !== CLUSTER_UUID && req['all'] !== true) return {};
      let list = [...driver.backups.values()]
        .filter((b) => permitted(b.ownership, caller, 'read'))
        .filter((b) => vol === '' || b.srcVolumeId === vol)
        .filter((b) => b.credentialId === cred)
        .filter((b) => backupId === '' || b.backupId === backupId)
        .filter((b) => req['missing_src_volumes'] !== true || !driver.volumes.has(b.srcVolumeId))
        .map((b) => backupInfo(driver, b))
        .filter((info) => wantStatus === '' || wantStatus === 'SdkCloudBackupStatusTypeUnknown' || info['status'] === wantStatus)
        .filter((info) => labelsMatch(strMap(info['metadata']), meta));
      const start = Number(str(req['continuation_token']) || '0') || 0;
      list = list.slice(start);
      const out: Obj = {};
      if (max > 0 && list.length > max) {
        out['continuation_token'] = String(start + max);
        list = list.slice(0, max);
      }
      out['backups'] = list;
      return out;
    },

    Status(req, caller) {
      const vol = str(req['volume_id']);
      const taskId = str(req['task_id']);
      const statuses: Record<string, Obj> = {};
      for (const t of driver.tasks.values()) {
        if (!permitted(t.ownership, caller, 'read')) continue;
        if (taskId !== '' && t.taskId !== taskId) continue;
        if (vol !== '' && t.srcVolumeId !== vol && t.restoreVolumeId !== vol) continue;
        statuses[t.taskId] = taskStatus(driver, t);
      }
      if (taskId !== '' && Object.keys(statuses).length === 0) throw notFound(`Task ${taskId} not found`);
      return { statuses };
    },

    Catalog(req, caller) {
      cloudCredential(driver, str(req['credential_id']), caller, 'Failed to get catalog');
      const b = backupFor(driver, str(req['backup_id']), caller);
      return { contents: ['/', '/data', `/data/${b.srcVolumeName || b.srcVolumeId}.img`] };
    },

    History(req, caller) {
      const vol = str(req['src_volume_id']);
      const items = [...driver.backups.values()]
        .filter((b) => permitted(b.ownership, caller, 'read') && (vol === '' || b.srcVolumeId === vol))
        .map((b) => ({ src_volume_id: b.srcVolumeId, timestamp: timestampFromDate(new Date(b.startedAt)), status: progress(driver, b).state }));
      return { history_list: items };
    },

    StateChange(req, caller) {
      const taskId = str(req['task_id']);
      if (taskId === '') throw invalid('Must provide task id');
      const t = driver.tasks.get(taskId);
      if (!t || !permitted(t.ownership, caller, 'write')) throw notFound(`Task ${taskId} not found`);
      const p = progress(driver, t);
      const wanted = str(req['requested_state']);
      if (p.state === 'SdkCloudBackupStatusTypeDone' || p.state === 'SdkCloudBackupStatusTypeStopped') {
        throw new StatusError(status.FAILED_PRECONDITION, `Task ${taskId} has already finished`);
      }
      switch (wanted) {
        case 'SdkCloudBackupRequestedStatePause':
          t.pausedSince ??= Date.now();
          break;
        case 'SdkCloudBackupRequestedStateResume':
          if (t.pausedSince !== undefined) {
            t.pausedMs += Date.now() - t.pausedSince;
            delete t.pausedSince;
          }
          break;
        case 'SdkCloudBackupRequestedStateStop':
          t.stopped = Date.now();
          break;
        default:
          throw invalid(`Invalid requested state ${wanted || 'SdkCloudBackupRequestedStateUnknown'}`);
      }
      return {};
    },

    SchedCreate(req, caller) {
      const info = obj(req['cloud_sched_info']);
      if (!info) throw invalid('SchedCreate: Must provide schedule info');
      const vol = str(info['src_volume_id']);
      if (vol === '' && str(info['group_id']) === '') throw invalid('Must provide source volume id');
      if (vol !== '') driver.volumeFor(vol, caller, 'read');
      info['credential_id'] = cloudCredential(driver, str(info['credential_id']), caller, 'Failed to create backup');
      if (!Array.isArray(info['schedules']) || info['schedules'].length === 0) throw invalid('Must provide at least one schedule');
      const id = randomUUID();
      driver.backupSchedules.set(id, clone(info));
      return { backup_schedule_id: id };
    },

    SchedUpdate(req, caller) {
      const id = str(req['sched_uuid']);
      if (id === '') throw invalid('Must provide schedule uuid');
      if (!driver.backupSchedules.has(id)) throw notFound(`Backup schedule ${id} not found`);
      const info = obj(req['cloud_sched_info']);
      if (!info) throw invalid('Must provide schedule info');
      if (str(info['src_volume_id']) !== '') driver.volumeFor(str(info['src_volume_id']), caller, 'read');
      driver.backupSchedules.set(id, clone(info));
      return {};
    },

    SchedDelete(req) {
      const id = str(req['backup_schedule_id']);
      if (id === '') throw invalid('Must provide schedule uuid');
      driver.backupSchedules.delete(id);
      return {};
    },

    SchedEnumerate() {
      return { cloud_sched_list: Object.fromEntries([...driver.backupSchedules.entries()].map(([k, v]) => [k, clone(v)])) };
    },

    Size(req, caller) {
      const b = backupFor(driver, str(req['backup_id']), caller);
      return {
        size: String(b.bytesTotal),
        total_download_bytes: String(b.bytesTotal),
        compressed_object_bytes: String(Math.floor(b.bytesTotal / 2)),
        capacity_required_for_restore: String(b.bytesTotal),
      };
    },
  };
}
