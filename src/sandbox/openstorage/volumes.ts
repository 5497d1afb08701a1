// OpenStorageVolume, OpenStorageMountAttach and OpenStorageWatch of the simulator.

import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { StatusError, type Caller } from './auth.js';
import { NODE_ID, permitted, type FakeDriver, type ServiceHandlers } from './driver.js';
import { clone, denied, invalid, labelsMatch, notFound, now, num, obj, str, strList, strMap, type Obj } from './util.js';

/** Fixed numbers the fake driver reports for every volume. */
export const FAKE_STATS: Obj = {
  reads: '12345',
  read_ms: '1',
  read_bytes: '1234567',
  writes: '9876',
  write_ms: '2',
  write_bytes: '7654321',
  io_progress: '987',
  io_ms: '3',
  bytes_used: '1234567890',
  interval_ms: '4',
};

function locatorOf(v: Obj): Obj {
  return obj(v['locator']) ?? {};
}

function nameOf(v: Obj): string {
  return str(locatorOf(v)['name']);
}

function labelsOf(v: Obj): Record<string, string> {
  return strMap(locatorOf(v)['volume_labels']);
}

/** What upstream's SnapEnumerate lists: every volume with a parent (clones too, on the fake driver). */
function isSnapshot(v: Obj): boolean {
  return str(obj(v['source'])?.['parent']) !== '';
}

/** SdkVolumeInspectResponse for a stored volume. */
export function inspectResponse(v: Obj): Obj {
  const out: Obj = { volume: clone(v), name: nameOf(v) };
  const labels = labelsOf(v);
  if (Object.keys(labels).length > 0) out['labels'] = labels;
  return out;
}

function ownershipFor(caller: Caller, requested: unknown): Obj | undefined {
  const req = obj(requested);
  if (caller.username === undefined) return req && caller.isAdmin && caller.authEnabled ? clone(req) : undefined;
  const own: Obj = { owner: caller.username };
  // An admin may create on behalf of someone else.
  if (req && caller.isAdmin && str(req['owner']) !== '') own['owner'] = str(req['owner']);
  if (req && obj(req['acls'])) own['acls'] = clone(obj(req['acls']));
  return own;
}

export function newVolume(
  driver: FakeDriver,
  args: { name: string; spec: Obj; labels: Record<string, string>; parent?: string; caller: Caller },
): Obj {
  const id = randomUUID();
  const spec = clone(args.spec);
  const ownership = ownershipFor(args.caller, spec['ownership']);
  if (ownership) spec['ownership'] = ownership;
  else delete spec['ownership'];
  const labels = { ...strMap(spec['volume_labels']), ...args.labels };
  const locator: Obj = { name: args.name };
  if (Object.keys(labels).length > 0) locator['volume_labels'] = labels;
  const ts = now();
  const v: Obj = {
    id,
    source: args.parent ? { parent: args.parent } : {},
    locator,
    ctime: ts,
    spec,
    last_scan: ts,
    format: 'FS_TYPE_XFS',
    status: 'VOLUME_STATUS_UP',
    state: 'VOLUME_STATE_AVAILABLE',
  };
  driver.volumes.set(id, v);
  driver.volumeChanged(v);
  return v;
}

function filterVolumes(driver: FakeDriver, caller: Caller, req: Obj): Obj[] {
  const name = str(req['name']);
  const labels = strMap(req['labels']);
  const owner = str(obj(req['ownership'])?.['owner']);
  const group = str(obj(req['group'])?.['id']);
  return driver.visibleVolumes(caller).filter((v) => {
    if (name !== '' && nameOf(v) !== name) return false;
    if (!labelsMatch(labelsOf(v), labels)) return false;
    const spec = obj(v['spec']) ?? {};
    if (owner !== '' && str(obj(spec['ownership'])?.['owner']) !== owner) return false;
    if (group !== '' && str(obj(spec['group'])?.['id']) !== group) return false;
    return true;
  });
}

/** VolumeSpecUpdate field → VolumeSpec field where the names differ. */
const SPEC_UPDATE_RENAMES: Record<string, string> = {
  mount_opt_spec: 'mount_options',
  sharedv4_mount_opt_spec: 'sharedv4_mount_options',
  fastpath: 'fp_preference',
};

const SPEC_UPDATE_SKIP = new Set(['ownership', 'pure_nfs_endpoint']);

function requireVolumeId(req: Obj): string {
  const id = str(req['volume_id']);
  if (id === '') throw invalid('Must supply volume id');
  return id;
}

export function volumeHandlers(driver: FakeDriver): ServiceHandlers {
  return {
    Create(req, caller) {
      const name = str(req['name']);
      if (name === '') throw invalid('Must supply a unique name');
      const spec = obj(req['spec']);
      if (!spec) throw invalid('Must supply spec object');
      const existing = driver.volumeByName(name);
      if (existing) {
        const id = str(existing['id']);
        if (!permitted(obj(existing['spec'])?.['ownership'], caller, 'read')) throw denied(`Access denied to volume ${id}`);
        return { volume_id: id };
      }
      if (num(spec['ha_level']) < 1) {
        throw new StatusError(status.INTERNAL, 'Failed to create volume: HA level cannot be zero');
      }
      const v = newVolume(driver, { name, spec, labels: strMap(req['labels']), caller });
      return { volume_id: v['id'] };
    },

    Clone(req, caller) {
      const name = str(req['name']);
      if (name === '') throw invalid('Must supply a unique name');
      const parentId = str(req['parent_id']);
      if (parentId === '') throw invalid('Must supply a parent volume id');
      const parent = driver.volumeFor(parentId, caller, 'read');
      const existing = driver.volumeByName(name);
      if (existing) return { volume_id: existing['id'] };
      const labels = { ...labelsOf(parent), ...strMap(req['additional_labels']) };
      const v = newVolume(driver, { name, spec: obj(parent['spec']) ?? {}, labels, parent: parentId, caller });
      return { volume_id: v['id'] };
    },

    Delete(req, caller) {
      const id = requireVolumeId(req);
      const v = driver.volumes.get(id);
      if (!v) return {};
      driver.volumeFor(id, caller, 'write');
      driver.volumes.delete(id);
      driver.volumeChanged({ ...v, state: 'VOLUME_STATE_DELETED' });
      return {};
    },

    Inspect(req, caller) {
      const id = requireVolumeId(req);
      return inspectResponse(driver.volumeFor(id, caller, 'read'));
    },

    InspectWithFilters(req, caller) {
      return { volumes: filterVolumes(driver, caller, req).map(inspectResponse) };
    },

    Update(req, caller) {
      const id = requireVolumeId(req);
      const v = driver.volumeFor(id, caller, 'write');
      const labels = strMap(req['labels']);
      if (Object.keys(labels).length > 0) {
        const loc = locatorOf(v);
        const merged = { ...labelsOf(v) };
        for (const [k, val] of Object.entries(labels)) {
          if (val === '') delete merged[k];
          else merged[k] = val;
        }
        loc['volume_labels'] = merged;
        v['locator'] = loc;
      }
      const upd = obj(req['spec']);
      if (upd) {
        const spec = obj(v['spec']) ?? {};
        for (const [key, val] of Object.entries(upd)) {
          if (val === undefined || val === null || SPEC_UPDATE_SKIP.has(key) || key.endsWith('_opt') || key === 'mount_opt') continue;
          // The fake driver takes any new size, smaller ones too (Portworx refuses to shrink).
          if (key === 'ha_level' && (num(val) < 1 || num(val) > 3)) {
            throw invalid(`Invalid HA level ${str(val)}: must be between 1 and 3`);
          }
          spec[SPEC_UPDATE_RENAMES[key] ?? key] = clone(val);
        }
        const own = obj(upd['ownership']);
        if (own) {
          if (!permitted(spec['ownership'], caller, 'admin')) throw denied(`Access denied to volume ${id}`);
          spec['ownership'] = clone(own);
        }
        v['spec'] = spec;
      }
      driver.volumeChanged(v);
      return {};
    },

    Stats(req, caller) {
      driver.volumeFor(requireVolumeId(req), caller, 'read');
      return { stats: { ...FAKE_STATS } };
    },

    CapacityUsage(req, caller) {
      driver.volumeFor(requireVolumeId(req), caller, 'read');
      return { capacity_usage_info: { exclusive_bytes: FAKE_STATS['bytes_used'], shared_bytes: '0', total_bytes: FAKE_STATS['bytes_used'] } };
    },

    Enumerate(_req, caller) {
      return { volume_ids: driver.visibleVolumes(caller).map((v) => v['id']) };
    },

    EnumerateWithFilters(req, caller) {
      return { volume_ids: filterVolumes(driver, caller, req).map((v) => v['id']) };
    },

    // Like upstream (the SDK server and the fake driver): a snapshot is a volume whose
    // source.parent is the volume; `readonly` is not set, and every call makes a new snapshot,
    // whatever names exist already.
    SnapshotCreate(req, caller) {
      const id = requireVolumeId(req);
      const name = str(req['name']);
      if (name === '') throw invalid('Must supply a name');
      const parent = driver.volumeFor(id, caller, 'read');
      const snap = newVolume(driver, {
        name,
        spec: obj(parent['spec']) ?? {},
        labels: strMap(req['labels']),
        parent: id,
        caller,
      });
      return { snapshot_id: snap['id'] };
    },

    SnapshotRestore(req, caller) {
      const id = requireVolumeId(req);
      const snapId = str(req['snapshot_id']);
      if (snapId === '') throw invalid('Must supply snapshot id');
      const v = driver.volumeFor(id, caller, 'write');
      const snap = driver.volumeFor(snapId, caller, 'read');
      if (str(obj(snap['source'])?.['parent']) !== id) {
        throw invalid(`Snapshot ${snapId} is not a snapshot of volume ${id}`);
      }
      v['last_scan'] = now();
      driver.volumeChanged(v);
      return {};
    },

    SnapshotEnumerate(req, caller) {
      const id = str(req['volume_id']);
      const ids = driver
        .visibleVolumes(caller)
        .filter((v) => isSnapshot(v) && (id === '' || str(obj(v['source'])?.['parent']) === id))
        .map((v) => v['id']);
      return { volume_snapshot_ids: ids };
    },

    SnapshotEnumerateWithFilters(req, caller) {
      const id = str(req['volume_id']);
      const labels = strMap(req['labels']);
      const ids = driver
        .visibleVolumes(caller)
        .filter((v) => isSnapshot(v) && (id === '' || str(obj(v['source'])?.['parent']) === id) && labelsMatch(labelsOf(v), labels))
        .map((v) => v['id']);
      return { volume_snapshot_ids: ids };
    },

    SnapshotScheduleUpdate(req, caller) {
      const id = requireVolumeId(req);
      const v = driver.volumeFor(id, caller, 'write');
      const names = strList(req['snapshot_schedule_names']);
      for (const n of names) {
        if (!driver.schedulePolicies.has(n)) throw notFound(`Schedule policy ${n} not found`);
      }
      const spec = obj(v['spec']) ?? {};
      spec['snapshot_schedule'] = names.length > 0 ? `policy=${names.join(',')}` : '';
      v['spec'] = spec;
      driver.volumeChanged(v);
      return {};
    },

    VolumeCatalog(req, caller) {
      const v = driver.volumeFor(requireVolumeId(req), caller, 'read');
      const root = str(req['path']) || '/';
      return {
        catalog: {
          root: {
            name: root,
            path: root,
            type: 'Directory',
            LastModified: v['ctime'],
            children: [{ name: 'README', path: `${root.replace(/\/$/, '')}/README`, type: 'File', size: '42', LastModified: v['ctime'] }],
          },
          report: { directories: '0', files: '1' },
        },
      };
    },
  };
}

export function mountAttachHandlers(driver: FakeDriver): ServiceHandlers {
  return {
    Attach(req, caller) {
      const id = requireVolumeId(req);
      const v = driver.volumeFor(id, caller, 'write');
      if (str(v['attached_on']) === '') {
        v['attached_on'] = NODE_ID;
        v['attached_state'] = 'ATTACH_STATE_INTERNAL';
        v['device_path'] = `/dev/pxd/pxd${id.replace(/-/g, '').slice(0, 12)}`;
        v['state'] = 'VOLUME_STATE_ATTACHED';
        v['attach_time'] = now();
        driver.volumeChanged(v);
      }
      return { device_path: v['device_path'] };
    },

    Detach(req, caller) {
      const id = requireVolumeId(req);
      const v = driver.volumeFor(id, caller, 'write');
      const options = obj(req['options']) ?? {};
      if (strList(v['attach_path']).length > 0 && options['unmount_before_detach'] !== true && options['force'] !== true) {
        throw new StatusError(status.FAILED_PRECONDITION, `Volume ${id} is still mounted`);
      }
      for (const k of ['attached_on', 'attached_state', 'device_path', 'attach_path']) delete v[k];
      if (str(v['state']) === 'VOLUME_STATE_ATTACHED') {
        v['state'] = 'VOLUME_STATE_DETACHED';
        v['detach_time'] = now();
      }
      driver.volumeChanged(v);
      return {};
    },

    Mount(req, caller) {
      const id = requireVolumeId(req);
      const path = str(req['mount_path']);
      if (path === '') throw invalid('Invalid Mount Path');
      const v = driver.volumeFor(id, caller, 'write');
      if (str(v['attached_on']) === '') throw new StatusError(status.FAILED_PRECONDITION, `Volume ${id} is not attached`);
      const paths = strList(v['attach_path']);
      if (!paths.includes(path)) paths.push(path);
      v['attach_path'] = paths;
      driver.volumeChanged(v);
      return {};
    },

    Unmount(req, caller) {
      const id = requireVolumeId(req);
      const path = str(req['mount_path']);
      if (path === '') throw invalid('Invalid Mount Path');
      const v = driver.volumeFor(id, caller, 'write');
      v['attach_path'] = strList(v['attach_path']).filter((p) => p !== path);
      driver.volumeChanged(v);
      return {};
    },
  };
}

export function watchHandlers(driver: FakeDriver): ServiceHandlers {
  return {
    Watch: {
      stream(req, caller, sink) {
        const ev = obj(req['volume_event']);
        if (!ev) throw invalid('Must supply an event type to watch');
        const labels = strMap(ev['labels']);
        const send = (v: Obj): void => {
          if (!permitted(obj(v['spec'])?.['ownership'], caller, 'read')) return;
          if (!labelsMatch(labelsOf(v), labels)) return;
          sink.write({ volume_event: { volume: v, name: nameOf(v) } });
        };
        for (const v of driver.volumes.values()) send(clone(v));
        driver.events.on('volume', send);
        sink.onClose(() => driver.events.off('volume', send));
      },
    },
  };
}
