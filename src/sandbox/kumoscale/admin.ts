// Backend pool, tenants, license and task administration.
import { num, str, strList, type Body } from './fields.js';
import {
  backendFromSeed, DEFAULT_TENANT, fail, ok,
  type Envelope, type KsState, type TaskState, type TaskStatus,
} from './state.js';

const LABEL_MAX = 255;

function labels(body: Body): { rack?: string; zone?: string; region?: string } | Envelope {
  const out: { rack?: string; zone?: string; region?: string } = {};
  for (const k of ['rack', 'zone', 'region'] as const) {
    const v = str(body, k);
    if (v === null) return fail('InvalidParameter', `${k} must be a string`);
    if (v !== undefined && v.length > LABEL_MAX) {
      return fail('InvalidLocationValue', `${k} is longer than ${LABEL_MAX} characters`);
    }
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** POST /backends. The node must be reachable in the simulated fleet (else NotAvailable). */
export function addBackend(state: KsState, body: Body): Envelope {
  const ips = strList(body, 'mgmtIPs'); // documented as an array; a single string is accepted too
  if (!ips || ips.length === 0) return fail('InvalidParameter', 'mgmtIPs is mandatory');
  const l = labels(body);
  if ('status' in l) return l;
  for (const b of state.backends.values()) {
    if (b.mgmtIPs.some((ip) => ips.includes(ip))) {
      return fail('AlreadyExists', `A backend with management IP ${ips.join(', ')} already exists`);
    }
  }
  const node = [...state.fleet.values()].find((n) => n.mgmtIPs.some((ip) => ips.includes(ip)));
  if (!node) return fail('NotAvailable', `No compatible KumoScale storage node answers at ${ips.join(', ')}`);
  if (state.backends.has(node.persistentID)) {
    return fail('AlreadyExists', `Backend ${node.persistentID} is already in the pool`);
  }
  if (node.ssds.length === 0) return fail('NoGroups', `Storage node ${node.persistentID} has no SSD groups configured`);
  if (state.backends.size >= state.license.maxBackends) {
    return fail('NotAvailable', `The license allows ${state.license.maxBackends} backends`);
  }
  const mgmtPort = num(body, 'mgmtPort');
  const hostId = str(body, 'hostId');
  const b = backendFromSeed(node, {
    ...l,
    ...(typeof mgmtPort === 'number' ? { mgmtPort } : {}),
    ...(hostId ? { hostId } : {}),
  });
  b.mgmtIPs = [...ips];
  state.backends.set(b.persistentID, b);
  return ok();
}

export function updateBackend(state: KsState, id: string, body: Body): Envelope {
  const b = state.backends.get(id);
  if (!b) return fail('DeviceNotFound', `Backend ${id} does not exist`);
  const l = labels(body);
  if ('status' in l) return l;
  Object.assign(b, l);
  return ok();
}

export function removeBackend(state: KsState, id: string): Envelope {
  if (!state.backends.has(id)) return fail('DeviceNotFound', `Backend ${id} does not exist`);
  let replicas = 0;
  for (const v of state.volumes.values()) {
    for (const r of v.replicas) if (r.alloc.backendId === id || r.migratingTo?.backendId === id) replicas++;
  }
  const snaps = [...state.snapshots.values()].filter((s) => s.alloc.backendId === id).length;
  if (replicas + snaps > 0) {
    return fail('VolumeInUse', `Backend ${id} still holds ${replicas} replica(s) and ${snaps} snapshot(s)`);
  }
  state.backends.delete(id);
  return ok();
}

// ---- tenants ----

function tenantNumbers(body: Body, required: boolean): { capacity?: number; totalIOPS?: number; totalBW?: number } | Envelope {
  const out: { capacity?: number; totalIOPS?: number; totalBW?: number } = {};
  for (const k of ['capacity', 'totalIOPS', 'totalBW'] as const) {
    const v = num(body, k);
    if (v === null || (v !== undefined && v < 0)) return fail('InvalidParameter', `${k} must be a non-negative number`);
    if (v === undefined && required) return fail('InvalidParameter', `${k} is mandatory`);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

export function createTenant(state: KsState, body: Body): Envelope {
  const n = tenantNumbers(body, true);
  if ('status' in n) return n;
  const id = str(body, 'tenantId') || state.newId();
  if (state.tenantExists(id)) return fail('AlreadyExists', `Tenant ${id} already exists`);
  const pool = state.tenantCapacityGB(DEFAULT_TENANT);
  if ((n.capacity ?? 0) > pool) return fail('NotAvailable', `Capacity ${n.capacity} GB exceeds the pool's ${pool} GB`);
  state.tenants.set(id, {
    tenantId: id, name: str(body, 'name') || '', capacity: n.capacity ?? 0,
    totalIOPS: n.totalIOPS ?? 0, totalBW: n.totalBW ?? 0,
  });
  return ok();
}

export function updateTenant(state: KsState, id: string, body: Body): Envelope {
  if (id === DEFAULT_TENANT) return fail('NotSupported', 'The default tenant follows the pool and cannot be changed');
  const t = state.tenants.get(id);
  if (!t) return fail('NotExists', `Tenant ${id} does not exist`);
  const n = tenantNumbers(body, false);
  if ('status' in n) return n;
  if (n.capacity !== undefined && n.capacity < state.tenantConsumedGB(id)) {
    return fail('InvalidParameter', `Tenant ${id} already consumes ${state.tenantConsumedGB(id)} GB`);
  }
  Object.assign(t, n);
  const name = str(body, 'name');
  if (name) t.name = name;
  return ok();
}

export function deleteTenant(state: KsState, id: string): Envelope {
  if (id === DEFAULT_TENANT) return fail('NotSupported', 'The default tenant cannot be deleted');
  if (!state.tenants.has(id)) return fail('NotExists', `Tenant ${id} does not exist`);
  const used = state.tenantVolumes(id).length + [...state.snapshots.values()].filter((s) => s.tenantId === id).length;
  if (used > 0) return fail('VolumeInUse', `Tenant ${id} still owns ${used} volume(s)/snapshot(s)`);
  state.tenants.delete(id);
  return ok();
}

// ---- license ----

/** POST /license {license}. U: the sim accepts any key of 16+ characters from [A-Za-z0-9+/=-]. */
export function installLicense(state: KsState, body: Body): Envelope {
  const key = str(body, 'license');
  if (!key) return fail('InvalidParameter', 'license is mandatory');
  if (!/^[A-Za-z0-9+/=-]{16,}$/.test(key.trim())) return fail('InvalidLicense', 'The license key is not valid');
  state.license = {
    type: 'Subscription',
    expirationDate: new Date(state.now() + 365 * 86_400_000).toISOString().slice(0, 10),
    maxBackends: 64,
  };
  return ok();
}

// ---- tasks ----

export function deleteTask(state: KsState, taskId: string | null, hostId: string | null): Envelope {
  if (!taskId) return fail('InvalidParameter', 'taskId query parameter is mandatory');
  const t = state.tasks.get(taskId);
  if (!t || (hostId && t.hostId !== hostId)) return fail('NotExists', `Task ${taskId} does not exist`);
  if (t.state !== 'Ended') return fail('InvalidState', `Task ${taskId} has not ended (progress ${t.progress}%)`);
  state.tasks.delete(taskId);
  return ok();
}

const TASK_STATES: TaskState[] = ['Running', 'Ended'];
const TASK_STATUSES: TaskStatus[] = ['InProgress', 'Success', 'Failed'];

/** PUT /tasks (host agents). Once an agent drives a task, elapsed time no longer advances it. */
export function updateTask(state: KsState, body: Body): Envelope {
  const taskId = str(body, 'taskId');
  if (!taskId) return fail('InvalidParameter', 'taskId is mandatory');
  const t = state.tasks.get(taskId);
  if (!t) return fail('NotExists', `Task ${taskId} does not exist`);
  const progress = num(body, 'progress');
  const st = str(body, 'state');
  const status = str(body, 'taskStatus');
  if (progress === null || (progress !== undefined && (progress < 0 || progress > 100))) {
    return fail('InvalidParameter', 'progress must be 0..100');
  }
  const stOk = st === undefined || TASK_STATES.some((x) => x === st);
  const statusOk = status === undefined || TASK_STATUSES.some((x) => x === status);
  if (!stOk || !statusOk) {
    return fail('InvalidParameter', `state must be ${TASK_STATES.join('|')}, taskStatus ${TASK_STATUSES.join('|')}`);
  }
  t.manual = true;
  if (progress !== undefined) t.progress = progress;
  const desc = str(body, 'statusDescription');
  if (desc) t.statusDescription = desc;
  const cfg = body['taskConfiguration'];
  if (cfg && typeof cfg === 'object' && !Array.isArray(cfg)) {
    for (const [k, v] of Object.entries(cfg)) if (typeof v === 'string') t.taskConfiguration[k] = v;
  }
  if (st === 'Ended' || status === 'Success' || status === 'Failed') {
    state.finishTask(t, status === 'Failed' ? (desc || 'Failed') : undefined);
    if (desc) t.statusDescription = desc;
  }
  return ok();
}
