// Volume types (+ extra specs), quota sets, limits, services, availability
// zones and user messages for the Cinder simulator.
import { accepted, at, type Ctx, type Reply } from './context.js';
import {
  ApiError,
  GENERIC_400,
  HtmlNotFound,
  badRequest,
  boolFromString,
  conflict,
  forbidden,
  isObj,
  notFound,
  nowMicros,
  parseJsonObject,
  pyRepr,
  pyTime,
  schemaError,
} from './http.js';
import { SIM_HOST, ZONE, type UserMessage, type VolumeType } from './model.js';
import { messageView, typeView } from './views.js';
import { allTenants, checkName } from './volumes.js';

// ---------------------------------------------------------------------------
// volume types

function findType(ctx: Ctx, id: string): VolumeType {
  const t = ctx.state.types.get(id);
  if (!t || (!t.isPublic && !ctx.isAdmin)) throw notFound(`Volume type ${id} could not be found.`);
  return t;
}

function specsOf(v: unknown, field: string): Record<string, string> {
  if (!isObj(v)) throw schemaError(field, v, `${pyRepr(v)} is not of type 'object'`);
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x !== 'string') throw schemaError(k, x, `${pyRepr(x)} is not of type 'string'`);
    out[k] = x;
  }
  return out;
}

function listTypes(ctx: Ctx): Reply {
  let wantPublic: boolean | undefined = true;
  if (ctx.isAdmin) {
    const raw = ctx.params.get('is_public');
    if (raw !== null) {
      if (raw.toLowerCase() === 'none') wantPublic = undefined;
      else {
        wantPublic = boolFromString(raw);
        if (wantPublic === undefined) throw badRequest(`Invalid is_public filter [${raw}]`);
      }
    }
  }
  const types = [...ctx.state.types.values()]
    .filter((t) => wantPublic === undefined || t.isPublic === wantPublic)
    .sort((a, b) => b.createdMicros - a.createdMicros);
  return { status: 200, body: { volume_types: types.map((t) => typeView(ctx, t, 'show')) } };
}

export function typesRoute(ctx: Ctx, method: string, rest: string[], raw: Buffer): Reply {
  const st = ctx.state;
  const [id, sub, key] = rest;
  if (id === undefined) {
    if (method === 'GET') return listTypes(ctx);
    if (method !== 'POST') throw new HtmlNotFound();
    if (!ctx.isAdmin) throw forbidden('volume_extension:type_create');
    const body = parseJsonObject(raw);
    if (!('volume_type' in body)) throw badRequest("'volume_type' is a required property");
    const b = body['volume_type'];
    if (!isObj(b)) throw schemaError('volume_type', b, `${pyRepr(b)} is not of type 'object'`);
    if (!('name' in b)) throw schemaError('volume_type', b, "'name' is a required property");
    const name = b['name'];
    if (typeof name !== 'string' || name.trim().length === 0) {
      throw schemaError('name', name, `${pyRepr(name)} is not valid under any of the given schemas`);
    }
    if (name.length > 255) throw schemaError('name', name, `${pyRepr(name)} is too long`);
    const description = checkName('description', b['description']) ?? null;
    const pubRaw = b['os-volume-type-access:is_public'] ?? b['is_public'];
    const isPublic = pubRaw === undefined || pubRaw === null ? true : boolFromString(pubRaw);
    if (isPublic === undefined) throw badRequest(`Invalid value '${String(pubRaw)}' for is_public. Accepted values: True or False.`);
    const specs = b['extra_specs'] === undefined || b['extra_specs'] === null ? {} : specsOf(b['extra_specs'], 'extra_specs');
    if (st.typeByName(name)) throw conflict(`Volume Type ${name} already exists.`);
    const t = st.addType(name, specs, isPublic, description);
    return { status: 200, body: { volume_type: typeView(ctx, t, 'create') } };
  }
  if (id === 'default' && rest.length === 1 && method === 'GET') {
    return { status: 200, body: { volume_type: typeView(ctx, st.types.get(st.defaultTypeId)!, 'default') } };
  }
  if (sub === undefined) {
    if (method === 'GET') return { status: 200, body: { volume_type: typeView(ctx, findType(ctx, id), 'show') } };
    if (method === 'PUT') {
      if (!ctx.isAdmin) throw forbidden('volume_extension:type_update');
      const body = parseJsonObject(raw);
      if (!('volume_type' in body)) throw badRequest("'volume_type' is a required property");
      const b = body['volume_type'];
      if (!isObj(b)) throw schemaError('volume_type', b, `${pyRepr(b)} is not of type 'object'`);
      const t = findType(ctx, id);
      const name = checkName('name', b['name']);
      const description = checkName('description', b['description']);
      if (name !== undefined && name !== null && name !== t.name) {
        if (st.typeByName(name)) throw conflict(`Volume Type ${name} already exists.`);
        t.name = name;
      }
      if (description !== undefined) t.description = description;
      if (b['is_public'] !== undefined) {
        const p = boolFromString(b['is_public']);
        if (p === undefined) throw badRequest(`Invalid value '${String(b['is_public'])}' for is_public. Accepted values: True or False.`);
        t.isPublic = p;
      }
      return { status: 200, body: { volume_type: typeView(ctx, t, 'show') } };
    }
    if (method === 'DELETE') {
      if (!ctx.isAdmin) throw forbidden('volume_extension:type_delete');
      const t = findType(ctx, id);
      if (t.id === st.defaultTypeId) {
        throw badRequest(`The volume type ${t.id} is a default volume type and cannot be deleted.`);
      }
      if (st.typeInUse(t.id)) throw badRequest('Target volume type is still in use.');
      st.types.delete(t.id);
      for (const q of st.quotas.values()) {
        for (const k of [`volumes_${t.name}`, `gigabytes_${t.name}`, `snapshots_${t.name}`]) delete q[k];
      }
      return accepted;
    }
    throw new HtmlNotFound();
  }
  if (sub !== 'extra_specs' || rest.length > 3) throw new HtmlNotFound();
  const t = findType(ctx, id);
  const visible = typeView(ctx, t, 'show')['extra_specs'] as Record<string, string>;
  const inUse = (): void => {
    if (st.typeInUse(t.id)) throw badRequest('Volume Type is currently in use.');
  };
  const missing = (): ApiError => notFound(`Volume Type ${t.id} has no extra specs with key ${key}.`);
  if (key === undefined) {
    if (method === 'GET') return { status: 200, body: { extra_specs: visible } };
    if (method !== 'POST') throw new HtmlNotFound();
    if (!ctx.isAdmin) throw forbidden('volume_extension:types_extra_specs:create');
    const body = parseJsonObject(raw);
    if (!('extra_specs' in body)) throw badRequest("'extra_specs' is a required property");
    const specs = specsOf(body['extra_specs'], 'extra_specs');
    inUse();
    t.extraSpecs = { ...t.extraSpecs, ...specs };
    return { status: 200, body: { extra_specs: specs } };
  }
  if (method === 'GET') {
    if (!(key in visible)) throw missing();
    return { status: 200, body: { [key]: visible[key] } };
  }
  if (method === 'PUT') {
    if (!ctx.isAdmin) throw forbidden('volume_extension:types_extra_specs:update');
    const body = parseJsonObject(raw);
    const specs = specsOf(body, 'extra_specs');
    if (!(key in specs)) throw badRequest('Request body and URI mismatch');
    if (Object.keys(specs).length > 1) throw badRequest('Request body contains too many items');
    inUse();
    t.extraSpecs = { ...t.extraSpecs, [key]: specs[key]! };
    return { status: 200, body: { [key]: specs[key] } };
  }
  if (method === 'DELETE') {
    if (!ctx.isAdmin) throw forbidden('volume_extension:types_extra_specs:delete');
    inUse();
    if (!(key in t.extraSpecs)) throw missing();
    const next = { ...t.extraSpecs };
    delete next[key];
    t.extraSpecs = next;
    return accepted;
  }
  throw new HtmlNotFound();
}

// ---------------------------------------------------------------------------
// quotas and limits

function quotaSet(ctx: Ctx, projectId: string, usage: boolean, defaults: boolean): Record<string, unknown> {
  const st = ctx.state;
  const used = usage ? st.usage(projectId) : undefined;
  const out: Record<string, unknown> = {};
  for (const k of st.quotaKeys()) {
    const limit = defaults ? st.quotaDefault(k) : st.quotaLimit(projectId, k);
    out[k] = used ? { limit, in_use: k === 'per_volume_gigabytes' ? 0 : used[k] ?? 0, reserved: 0 } : limit;
  }
  return out;
}

export function quotaRoute(ctx: Ctx, method: string, rest: string[], raw: Buffer): Reply {
  const st = ctx.state;
  const [pid, sub] = rest;
  if (pid === undefined || rest.length > 2 || (sub !== undefined && sub !== 'defaults')) throw new HtmlNotFound();
  if (sub === 'defaults') {
    if (method !== 'GET') throw new HtmlNotFound();
    return { status: 200, body: { quota_set: { ...quotaSet(ctx, pid, false, true), id: pid } } };
  }
  if (method === 'GET') {
    if (!ctx.isAdmin && pid !== ctx.projectId) throw forbidden('volume_extension:quotas:show');
    const usage = boolFromString(ctx.params.get('usage') ?? 'false') ?? false;
    return { status: 200, body: { quota_set: { ...quotaSet(ctx, pid, usage, false), id: pid } } };
  }
  if (method === 'PUT') {
    if (!ctx.isAdmin) throw forbidden('volume_extension:quotas:update');
    const body = parseJsonObject(raw);
    const qs = body['quota_set'];
    if (!isObj(qs)) throw badRequest("Missing required element 'quota_set' in request body.");
    const keys = new Set(st.quotaKeys());
    const bad = Object.keys(qs).filter((k) => !keys.has(k) && k !== 'skip_validation' && k !== 'id');
    if (bad.length) throw badRequest(`Invalid input received: Bad key(s) in quota set: ${bad.join(',')}`);
    const usage = st.usage(pid);
    const updates: Record<string, number> = {};
    for (const [k, v] of Object.entries(qs)) {
      if (k === 'skip_validation' || k === 'id') continue;
      if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) throw badRequest(GENERIC_400);
      if (typeof v !== 'number' || !Number.isInteger(v)) throw badRequest(`${k} must be an integer`);
      if (v < -1) throw badRequest(`${k} must be >= -1`);
      if (v > 2147483647) throw badRequest(`${k} must be <= 2147483647`);
      const used = k === 'per_volume_gigabytes' ? 0 : usage[k] ?? 0;
      if (v !== -1 && v < used) {
        throw badRequest(
          `Quota ${k} limit must be equal or greater than existing resources. Current usage is ${used} and the requested limit is ${v}.`,
        );
      }
      updates[k] = v;
    }
    st.quotas.set(pid, { ...(st.quotas.get(pid) ?? {}), ...updates });
    return { status: 200, body: { quota_set: quotaSet(ctx, pid, false, false) } };
  }
  if (method === 'DELETE') {
    if (!ctx.isAdmin) throw forbidden('volume_extension:quotas:delete');
    st.quotas.delete(pid);
    return { status: 200 };
  }
  throw new HtmlNotFound();
}

export function limits(ctx: Ctx): Reply {
  const st = ctx.state;
  const p = ctx.projectId;
  const u = st.usage(p);
  return {
    status: 200,
    body: {
      limits: {
        rate: [],
        absolute: {
          maxTotalVolumes: st.quotaLimit(p, 'volumes'),
          maxTotalSnapshots: st.quotaLimit(p, 'snapshots'),
          maxTotalVolumeGigabytes: st.quotaLimit(p, 'gigabytes'),
          maxTotalBackups: st.quotaLimit(p, 'backups'),
          maxTotalBackupGigabytes: st.quotaLimit(p, 'backup_gigabytes'),
          totalVolumesUsed: u['volumes'] ?? 0,
          totalGigabytesUsed: u['gigabytes'] ?? 0,
          totalSnapshotsUsed: u['snapshots'] ?? 0,
          totalBackupsUsed: u['backups'] ?? 0,
          totalBackupGigabytesUsed: u['backup_gigabytes'] ?? 0,
        },
      },
    },
  };
}

// ---------------------------------------------------------------------------
// services, availability zones

export function services(ctx: Ctx): Reply {
  if (!ctx.isAdmin) throw forbidden('volume_extension:services:index');
  const now = pyTime(nowMicros());
  const rows: Record<string, unknown>[] = [];
  const row = (binary: string, host: string): void => {
    const o: Record<string, unknown> = { binary, host, zone: ZONE, status: 'enabled', state: 'up', updated_at: now };
    if (binary === 'cinder-volume' && at(ctx, 49)) o['backend_state'] = 'up';
    if (at(ctx, 7)) o['cluster'] = null;
    o['disabled_reason'] = null;
    if (binary === 'cinder-volume') {
      o['replication_status'] = 'disabled';
      o['active_backend_id'] = null;
      o['frozen'] = false;
    }
    rows.push(o);
  };
  row('cinder-volume', `${SIM_HOST}@fake`);
  row('cinder-scheduler', SIM_HOST);
  if (ctx.state.backupService) row('cinder-backup', SIM_HOST);
  const binary = ctx.params.get('binary');
  const host = ctx.params.get('host');
  const out = rows.filter((r) => (binary === null || r['binary'] === binary) && (host === null || r['host'] === host));
  return { status: 200, body: { services: out } };
}

export function availabilityZones(): Reply {
  return { status: 200, body: { availabilityZoneInfo: [{ zoneName: ZONE, zoneState: { available: true } }] } };
}

// ---------------------------------------------------------------------------
// user messages (3.3+)

export function messagesRoute(ctx: Ctx, method: string, rest: string[]): Reply {
  const st = ctx.state;
  if (!at(ctx, 3)) throw notFound('The resource could not be found.');
  const [id] = rest;
  const visible = (m: UserMessage | undefined): m is UserMessage => !!m && (ctx.isAdmin || m.projectId === ctx.projectId);
  if (id === undefined) {
    if (method !== 'GET') throw new HtmlNotFound();
    const all = allTenants(ctx);
    const list = [...st.messages.values()]
      .filter((m) => (all ? true : m.projectId === ctx.projectId))
      .filter((m) => {
        for (const [k, v] of ctx.params) {
          if (k === 'resource_uuid' && m.resourceUuid !== v) return false;
          if (k === 'resource_type' && m.resourceType !== v) return false;
          if (k === 'event_id' && m.eventId !== v) return false;
        }
        return true;
      })
      .sort((a, b) => b.createdMicros - a.createdMicros);
    return { status: 200, body: { messages: list.map((m) => messageView(ctx, m)) } };
  }
  if (rest.length !== 1) throw new HtmlNotFound();
  const m = st.messages.get(id);
  if (!visible(m)) throw notFound(`Message ${id} could not be found.`);
  if (method === 'GET') return { status: 200, body: { message: messageView(ctx, m) } };
  if (method === 'DELETE') {
    st.messages.delete(id);
    return { status: 204 };
  }
  throw new HtmlNotFound();
}
