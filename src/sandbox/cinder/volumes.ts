// Volume handlers: list/detail/show/create/update/delete and the metadata
// sub-resource. Actions live in actions.ts.
import { accepted, at, isPagingParam, listBody, matchFilters, paginate, type Ctx, type Reply, type SortFns } from './context.js';
import {
  ApiError,
  GENERIC_400,
  HtmlNotFound,
  badRequest,
  boolFromString,
  forbidden,
  isObj,
  notFound,
  overLimit,
  parseJsonObject,
  pyRepr,
  schemaError,
} from './http.js';
import { VOLUME_HOST, ZONE, type Snapshot, type Volume, type VolumeType } from './model.js';
import { volumeDetail, volumeSummary } from './views.js';

const UUID_RE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

export function isUuidLike(s: string): boolean {
  return UUID_RE.test(s);
}

export function findVolume(ctx: Ctx, id: string): Volume {
  const v = ctx.state.volumes.get(id);
  if (!v || (!ctx.isAdmin && v.projectId !== ctx.projectId)) throw notFound(`Volume ${id} could not be found.`);
  return v;
}

export function findSnapshot(ctx: Ctx, id: string): Snapshot {
  const s = ctx.state.snapshots.get(id);
  if (!s || (!ctx.isAdmin && s.projectId !== ctx.projectId)) throw notFound(`Snapshot ${id} could not be found.`);
  return s;
}

/** Look a volume type up the way volume create / retype do: by id when it looks like one, else by name. */
export function typeByNameOrId(ctx: Ctx, ref: string): VolumeType {
  const st = ctx.state;
  const visible = (t: VolumeType | undefined): t is VolumeType => !!t && (t.isPublic || ctx.isAdmin);
  if (isUuidLike(ref)) {
    const t = st.types.get(ref);
    if (visible(t)) return t;
    throw notFound(`Volume type ${ref} could not be found.`);
  }
  const t = st.typeByName(ref);
  if (visible(t)) return t;
  throw notFound(`Volume type with name ${ref} could not be found.`);
}

export function allTenants(ctx: Ctx): boolean {
  return ctx.isAdmin && (boolFromString(ctx.params.get('all_tenants') ?? 'false') ?? false);
}

// ---------------------------------------------------------------------------
// list

const VOLUME_SORT: SortFns<Volume> = {
  id: (v) => v.id,
  created_at: (v) => v.createdMicros,
  updated_at: (v) => v.updatedAt,
  name: (v) => v.name,
  description: (v) => v.description,
  status: (v) => v.status,
  size: (v) => v.size,
  availability_zone: (v) => v.availabilityZone,
  bootable: (v) => v.bootable,
  user_id: (v) => v.userId,
  project_id: (v) => v.projectId,
  host: (v) => v.host,
  volume_type_id: (v) => v.typeId,
};

function volumeFilterFields(ctx: Ctx): SortFns<Volume> {
  const st = ctx.state;
  return {
    id: (v) => v.id,
    name: (v) => v.name,
    display_name: (v) => v.name,
    description: (v) => v.description,
    display_description: (v) => v.description,
    status: (v) => v.status,
    size: (v) => v.size,
    bootable: (v) => v.bootable,
    availability_zone: (v) => v.availabilityZone,
    user_id: (v) => v.userId,
    project_id: (v) => v.projectId,
    snapshot_id: (v) => v.snapshotId,
    source_volid: (v) => v.sourceVolid,
    volume_type_id: (v) => v.typeId,
    volume_type: (v) => st.typeName(v.typeId),
    host: (v) => v.host,
    migration_status: () => null,
    group_id: () => null,
    consistencygroup_id: () => null,
    multiattach: (v) => st.typeMultiattach(v.typeId),
  };
}

export function listVolumes(ctx: Ctx, detail: boolean): Reply {
  const st = ctx.state;
  const all = allTenants(ctx);
  const withCountParam = at(ctx, 45) ? ctx.params.get('with_count') : null;
  const withCount = withCountParam !== null && (boolFromString(withCountParam) ?? false);
  const filters: [string, string][] = [];
  for (const [k, v] of ctx.params) {
    if (isPagingParam(k) || k === 'all_tenants') continue;
    if (k === 'with_count' && at(ctx, 45)) continue;
    if (k === 'volume_type') {
      // Cinder resolves a type name or id to its id before filtering.
      const t = isUuidLike(v) ? st.types.get(v) : st.typeByName(v);
      filters.push(['volume_type_id', t ? t.id : `\u0000${v}`]);
      continue;
    }
    filters.push([k, v]);
  }
  const fields = volumeFilterFields(ctx);
  const items: Volume[] = [];
  for (const v of st.volumes.values()) {
    if (!all && v.projectId !== ctx.projectId) continue;
    if (filters.length && !matchFilters(v, filters, fields, (x) => x.metadata)) continue;
    items.push(v);
  }
  const page = paginate(ctx, {
    items,
    sortFns: VOLUME_SORT,
    findMarker: (id) => {
      const m = st.volumes.get(id);
      return m && (all || m.projectId === ctx.projectId) ? m : undefined;
    },
    markerNotFound: (id) => notFound(`Volume ${id} could not be found.`),
    linkPath: detail ? 'volumes/detail' : 'volumes',
    linksKey: 'volumes_links',
  });
  const view = detail ? (v: Volume) => volumeDetail(ctx, v) : (v: Volume) => volumeSummary(ctx, v);
  return { status: 200, body: listBody('volumes', 'volumes_links', page, view, withCount) };
}

export function showVolume(ctx: Ctx, id: string): Reply {
  return { status: 200, body: { volume: volumeDetail(ctx, findVolume(ctx, id)) } };
}

// ---------------------------------------------------------------------------
// validation helpers shared by create/update

export function checkName(field: string, v: unknown): string | null | undefined {
  if (v === undefined) return undefined;
  if (v === null) return null;
  if (typeof v !== 'string') throw schemaError(field, v, `${pyRepr(v)} is not valid under any of the given schemas`);
  if (v.length > 255) throw schemaError(field, v, `${pyRepr(v)} is too long`);
  return v;
}

export function checkMetadata(v: unknown, field = 'metadata'): Record<string, string> | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObj(v)) throw schemaError(field, v, `${pyRepr(v)} is not of type 'object'`);
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    if (k.length === 0 || k.length > 255) throw schemaError(field, v, `${pyRepr(k)} does not match any of the regexes: '^[a-zA-Z0-9-_:. /]{1,255}$'`);
    if (typeof x !== 'string') throw schemaError(k, x, `${pyRepr(x)} is not of type 'string'`);
    if (x.length > 255) throw schemaError(k, x, `${pyRepr(x)} is too long`);
    out[k] = x;
  }
  return out;
}

function checkSize(v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') {
    if (!/^[0-9]+$/.test(v)) throw schemaError('size', v, `${pyRepr(v)} does not match '^[0-9]+$'`);
    v = Number(v);
  }
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    throw schemaError('size', v, `${pyRepr(v)} is not of type 'integer', 'string', 'null'`);
  }
  if (v < 1) throw schemaError('size', v, `${v} is less than the minimum of 1`);
  if (v > 2147483647) throw schemaError('size', v, `${v} is greater than the maximum of 2147483647`);
  return v;
}

// ---------------------------------------------------------------------------
// quota checks (raise 413 like Cinder's QUOTAS.reserve → process_reserve_over_quota)

export function checkVolumeQuota(ctx: Ctx, projectId: string, typeName: string, addVolumes: number, addGb: number): void {
  const st = ctx.state;
  const usage = st.usage(projectId);
  const over = (key: string, add: number): boolean => {
    const lim = st.quotaLimit(projectId, key);
    return add > 0 && lim >= 0 && (usage[key] ?? 0) + add > lim;
  };
  for (const key of ['gigabytes', `gigabytes_${typeName}`]) {
    if (over(key, addGb)) {
      throw overLimit(
        `VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed ${key} quota. ` +
          `Requested ${addGb}G, quota is ${st.quotaLimit(projectId, key)}G and ${usage[key] ?? 0}G has been consumed.`,
      );
    }
  }
  for (const key of ['volumes', `volumes_${typeName}`]) {
    if (over(key, addVolumes)) {
      throw overLimit(
        `VolumeLimitExceeded: Maximum number of volumes allowed (${st.quotaLimit(projectId, key)}) exceeded for quota '${key}'.`,
      );
    }
  }
}

export function checkPerVolumeLimit(ctx: Ctx, projectId: string, size: number): void {
  const lim = ctx.state.quotaLimit(projectId, 'per_volume_gigabytes');
  if (lim >= 0 && size > lim) {
    throw overLimit(`VolumeSizeExceedsLimit: Requested volume size ${size}G is larger than maximum allowed limit ${lim}G.`);
  }
}

// ---------------------------------------------------------------------------
// create

export function createVolume(ctx: Ctx, raw: Buffer): Reply {
  const st = ctx.state;
  const body = parseJsonObject(raw);
  if (!('volume' in body)) throw badRequest("'volume' is a required property");
  const b = body['volume'];
  if (!isObj(b)) throw schemaError('volume', b, `${pyRepr(b)} is not of type 'object'`);
  let size = checkSize(b['size']);
  const name = checkName('name', b['name'] ?? b['display_name']);
  const description = checkName('description', b['description'] ?? b['display_description']);
  const metadata = checkMetadata(b['metadata']) ?? {};
  const ref = (k: string): string | undefined => {
    const v = b[k];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string') throw schemaError(k, v, `${pyRepr(v)} is not valid under any of the given schemas`);
    return v;
  };
  const snapshotId = ref('snapshot_id');
  const sourceVolid = ref('source_volid');
  const imageRef = ref('imageRef') ?? ref('image_id');
  const typeRef = ref('volume_type');
  const azRef = ref('availability_zone');

  // There is no Glance behind the simulator, as in the testbed.
  if (imageRef !== undefined) throw badRequest('Invalid image identifier or unable to access requested image.');

  let type: VolumeType | undefined = typeRef !== undefined ? typeByNameOrId(ctx, typeRef) : undefined;
  let az = ZONE;
  let bootable = false;
  if (snapshotId !== undefined) {
    const s = findSnapshot(ctx, snapshotId);
    if (s.status !== 'available') throw badRequest("Invalid snapshot: Originating snapshot status must be one of 'available' values");
    if (size === undefined) size = s.size;
    if (size < s.size) {
      throw badRequest(
        `Invalid input received: Volume size '${size}'GB cannot be smaller than the snapshot size ${s.size}GB. They must be >= original snapshot size.`,
      );
    }
    const src = st.volumes.get(s.volumeId);
    type ??= st.types.get(s.typeId);
    if (src) {
      az = src.availabilityZone;
      bootable = src.bootable;
    }
  } else if (sourceVolid !== undefined) {
    const src = findVolume(ctx, sourceVolid);
    if (src.status !== 'available' && src.status !== 'in-use') {
      throw badRequest("Invalid volume: Originating source volume status must be one of 'available, in-use' values");
    }
    if (size === undefined) size = src.size;
    if (size < src.size) {
      throw badRequest(
        `Invalid input received: Volume size '${size}'GB cannot be smaller than original volume size ${src.size}GB. They must be >= original volume size.`,
      );
    }
    type ??= st.types.get(src.typeId);
    az = src.availabilityZone;
    bootable = src.bootable;
  }
  if (size === undefined) throw badRequest(GENERIC_400);
  if (azRef !== undefined) {
    if (azRef !== ZONE) throw badRequest(`Availability zone '${azRef}' is invalid.`);
    az = azRef;
  }
  type ??= st.types.get(st.defaultTypeId)!;

  checkPerVolumeLimit(ctx, ctx.projectId, size);
  checkVolumeQuota(ctx, ctx.projectId, type.name, 1, size);

  const v = st.newVolume({
    projectId: ctx.projectId,
    userId: ctx.token.userId,
    size,
    name: name ?? null,
    description: description ?? null,
    typeId: type.id,
    availabilityZone: az,
    snapshotId: snapshotId ?? null,
    sourceVolid: sourceVolid ?? null,
    metadata,
    bootable,
  });
  scheduleCreate(ctx, v, st.shouldFail('create'));
  return { status: 202, body: { volume: volumeDetail(ctx, v, false) } };
}

/** creating → (scheduled: host set) → available | error. */
export function scheduleCreate(ctx: Ctx, v: Volume, fail: boolean, finalStatus = 'available'): void {
  const st = ctx.state;
  const reqId = ctx.requestId;
  const half = Math.floor(st.delay / 2);
  st.later(() => {
    if (!st.volumes.has(v.id) || v.status !== 'creating') return;
    if (st.typeUnschedulable(v.typeId)) {
      v.status = 'error';
      st.touch(v);
      st.addMessage(v.projectId, 'VOLUME', v.id, 'VOLUME_VOLUME_001_003',
        'schedule allocate volume:Could not find any available weighted backend.', reqId);
      return;
    }
    v.host = VOLUME_HOST;
    st.later(() => {
      if (!st.volumes.has(v.id) || v.status !== 'creating') return;
      if (fail) {
        v.status = 'error';
        st.touch(v);
        st.addMessage(v.projectId, 'VOLUME', v.id, 'VOLUME_VOLUME_002_001',
          'create volume from backend storage:An unknown error occurred.', reqId);
        return;
      }
      v.status = finalStatus;
      st.touch(v);
    }, st.delay - half);
  }, half);
}

// ---------------------------------------------------------------------------
// update

const UPDATE_KEYS = new Set(['name', 'description', 'display_name', 'display_description', 'metadata']);

export function updateVolume(ctx: Ctx, id: string, raw: Buffer): Reply {
  const body = parseJsonObject(raw);
  if (!('volume' in body)) throw badRequest("'volume' is a required property");
  const b = body['volume'];
  if (!isObj(b)) throw schemaError('volume', b, `${pyRepr(b)} is not of type 'object'`);
  const extra = Object.keys(b).filter((k) => !UPDATE_KEYS.has(k));
  if (extra.length) {
    throw schemaError('volume', b, `Additional properties are not allowed (${extra.map((k) => pyRepr(k)).join(', ')} ${extra.length === 1 ? 'was' : 'were'} unexpected)`);
  }
  const name = checkName('name', b['name'] ?? b['display_name']);
  const description = checkName('description', b['description'] ?? b['display_description']);
  const metadata = checkMetadata(b['metadata']);
  const v = findVolume(ctx, id);
  if (name !== undefined) v.name = name;
  if (description !== undefined) v.description = description;
  if (metadata !== undefined) v.metadata = metadata;
  ctx.state.touch(v);
  return { status: 200, body: { volume: volumeDetail(ctx, v, false) } };
}

// ---------------------------------------------------------------------------
// delete

const DELETABLE = ['available', 'error', 'error_restoring', 'error_extending', 'error_managing'];
const DELETE_RULES =
  'must not be migrating, attached, belong to a group, have snapshots, awaiting a transfer, or be disassociated from snapshots after volume transfer.';

export function deleteVolume(ctx: Ctx, id: string): Reply {
  const cascadeRaw = ctx.params.get('cascade');
  const cascade = cascadeRaw !== null && (boolFromString(cascadeRaw) ?? false);
  const forceRaw = at(ctx, 23) ? ctx.params.get('force') : null;
  const force = forceRaw !== null && (boolFromString(forceRaw) ?? false);
  if (force && !ctx.isAdmin) throw forbidden('volume:force_delete');
  const v = findVolume(ctx, id);
  removeVolume(ctx, v, cascade, force);
  return accepted;
}

/** Cinder's volume API delete(): the conditional update and what follows. */
export function removeVolume(ctx: Ctx, v: Volume, cascade: boolean, force: boolean): void {
  const st = ctx.state;
  const snaps = [...st.snapshots.values()].filter((s) => s.volumeId === v.id);
  const attached = v.attachments.length > 0;
  if (!v.host && !attached) {
    // Never scheduled: Cinder deletes the row right away.
    for (const s of snaps) st.snapshots.delete(s.id);
    st.volumes.delete(v.id);
    return;
  }
  let ok = !attached;
  if (!force && !DELETABLE.includes(v.status)) ok = false;
  if (cascade) {
    if (!force && snaps.some((s) => s.status !== 'available' && s.status !== 'error')) ok = false;
  } else if (snaps.length > 0) {
    ok = false;
  }
  if (!ok) {
    const status = force ? '' : `status must be ${DELETABLE.join(' or ')} and`;
    throw new ApiError(400, 'badRequest', `Invalid volume: Volume ${status} ${DELETE_RULES}`);
  }
  const fail = st.shouldFail('delete');
  v.status = 'deleting';
  st.touch(v);
  for (const s of snaps) {
    s.status = 'deleting';
    st.touch(s);
  }
  st.later(() => {
    for (const s of snaps) st.snapshots.delete(s.id);
    if (fail) {
      v.status = 'error_deleting';
      st.touch(v);
      return;
    }
    st.volumes.delete(v.id);
  });
}

// ---------------------------------------------------------------------------
// metadata sub-resource (volumes and snapshots)

export interface HasMetadata {
  metadata: Record<string, string>;
  updatedAt: string | null;
}

export function metadataRoute(
  ctx: Ctx,
  method: string,
  target: HasMetadata,
  what: string,
  key: string | undefined,
  raw: Buffer,
): Reply {
  const st = ctx.state;
  if (key === undefined) {
    if (method === 'GET') return { status: 200, body: { metadata: { ...target.metadata } } };
    if (method === 'POST' || method === 'PUT') {
      const body = parseJsonObject(raw);
      if (!('metadata' in body)) throw badRequest("'metadata' is a required property");
      const m = checkMetadata(body['metadata']) ?? {};
      target.metadata = method === 'PUT' ? m : { ...target.metadata, ...m };
      st.touch(target);
      return { status: 200, body: { metadata: { ...target.metadata } } };
    }
    throw new HtmlNotFound();
  }
  const missing = (): ApiError => notFound(`${what} has no metadata with key ${key}.`);
  if (method === 'GET') {
    if (!(key in target.metadata)) throw missing();
    return { status: 200, body: { meta: { [key]: target.metadata[key] } } };
  }
  if (method === 'PUT') {
    const body = parseJsonObject(raw);
    if (!('meta' in body)) throw badRequest("'meta' is a required property");
    const m = checkMetadata(body['meta'], 'meta') ?? {};
    if (!(key in m)) throw badRequest('Request body and URI mismatch');
    if (Object.keys(m).length > 1) throw badRequest('Request body contains too many items');
    target.metadata = { ...target.metadata, [key]: m[key]! };
    st.touch(target);
    return { status: 200, body: { meta: { [key]: m[key] } } };
  }
  if (method === 'DELETE') {
    if (!(key in target.metadata)) throw missing();
    const next = { ...target.metadata };
    delete next[key];
    target.metadata = next;
    st.touch(target);
    return { status: 200 };
  }
  throw new HtmlNotFound();
}
