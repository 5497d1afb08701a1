// The route table. Paths sit at the root (no /api or version prefix). Routes marked
// `tenant` also accept an optional leading /{tenantId} segment; without it they act on the
// default tenant "0".
//
// Single-object GETs, fixed per route so tests are deterministic:
//   GET /volumes/{uuid}     -> one-element array ([] when unknown)   (as Cinder/os-brick read it)
//   GET /snapshots/{id}     -> one-element array ([] when unknown)   (as Cinder reads it)
//   GET /backends/{id}      -> bare object (DeviceNotFound envelope when unknown) (as the Slate doc shows)
//   GET /license            -> bare object
// Lists are bare arrays. Operations answer {"status","description"} with HTTP 200, also on failure.
import {
  addBackend, createTenant, deleteTask, deleteTenant, installLicense, removeBackend, updateBackend, updateTask, updateTenant,
} from './admin.js';
import type { Body } from './fields.js';
import { allTargets, deleteHost, hostProbe, publish, targetView, unpublish } from './hosts.js';
import { createSnapshot, createSnapshotVolume, deleteSnapshot, findSnapshot } from './snapshots.js';
import { DEFAULT_TENANT, fail, ok, type Envelope, type KsState } from './state.js';
import { backendView, hostView, snapshotView, taskView, tenantView, volumeView } from './views.js';
import {
  addReplica, cloneVolume, createVolume, deleteReplica, deleteVolume, findVolume, migrateVolume, patchVolume,
  setReplicaState, terminateReplica,
} from './volumes.js';

export type Reply = { json: unknown } | { empty: true };

export interface Ctx {
  state: KsState;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Body;
  tenantId: string;
}

interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  tenant?: boolean;
  handle: (c: Ctx) => Reply | Envelope | unknown[];
}

const p = (c: Ctx, k: string): string => c.params[k] ?? '';

const ROUTES: Route[] = [
  // ---- license, syslog, logs, inventory ----
  { method: 'GET', path: '/license', handle: (c) => ({ json: { ...c.state.license } }) },
  { method: 'POST', path: '/license', handle: (c) => installLicense(c.state, c.body) },
  { method: 'GET', path: '/syslog', handle: (c) => c.state.syslog.map((s) => ({ ...s })) },
  {
    // U: host agents fire and forget; the sim answers 200 with an empty body (clients treat that as success).
    method: 'POST', path: '/forward_log',
    handle: (c) => {
      c.state.forwardedLogs.push(c.body);
      return { empty: true };
    },
  },
  {
    // U: reply shape undocumented; the sim dumps its main collections.
    method: 'GET', path: '/inventory',
    handle: (c) => ({
      json: {
        backends: [...c.state.backends.values()].map((b) => backendView(c.state, b)),
        volumes: [...c.state.volumes.values()].map((v) => volumeView(c.state, v)),
        snapshots: [...c.state.snapshots.values()].map(snapshotView),
        hosts: [...c.state.hosts.values()].map((h) => hostView(c.state, h)),
      },
    }),
  },
  {
    // U: semantics undocumented; the sim drops volumes, snapshots, publications and tasks, keeping the pool.
    method: 'DELETE', path: '/reset_inventory',
    handle: (c) => {
      for (const b of c.state.backends.values()) for (const s of b.ssds) s.allocated = 0;
      c.state.volumes.clear();
      c.state.snapshots.clear();
      c.state.tasks.clear();
      return ok();
    },
  },
  // ---- backends ----
  { method: 'GET', path: '/backends', handle: (c) => [...c.state.backends.values()].map((b) => backendView(c.state, b)) },
  { method: 'POST', path: '/backends', handle: (c) => addBackend(c.state, c.body) },
  {
    method: 'GET', path: '/backends/{id}',
    handle: (c) => {
      const b = c.state.backends.get(p(c, 'id'));
      return b ? { json: backendView(c.state, b) } : fail('DeviceNotFound', `Backend ${p(c, 'id')} does not exist`);
    },
  },
  { method: 'PUT', path: '/backends/{id}', handle: (c) => updateBackend(c.state, p(c, 'id'), c.body) },
  { method: 'DELETE', path: '/backends/{id}', handle: (c) => removeBackend(c.state, p(c, 'id')) },
  // ---- tenants ----
  {
    method: 'GET', path: '/tenants',
    handle: (c) => [DEFAULT_TENANT, ...c.state.tenants.keys()].map((id) => tenantView(c.state, id)),
  },
  { method: 'POST', path: '/tenants', handle: (c) => createTenant(c.state, c.body) },
  { method: 'PUT', path: '/tenants/{id}', handle: (c) => updateTenant(c.state, p(c, 'id'), c.body) },
  { method: 'DELETE', path: '/tenants/{id}', handle: (c) => deleteTenant(c.state, p(c, 'id')) },
  // ---- volumes ----
  { method: 'POST', path: '/volumes', tenant: true, handle: (c) => createVolume(c.state, c.tenantId, c.body) },
  {
    method: 'GET', path: '/volumes', tenant: true,
    handle: (c) => c.state.tenantVolumes(c.tenantId).map((v) => volumeView(c.state, v)),
  },
  {
    method: 'GET', path: '/volumes/{uuid}', tenant: true,
    handle: (c) => {
      const v = findVolume(c.state, c.tenantId, p(c, 'uuid'));
      return v ? [volumeView(c.state, v)] : [];
    },
  },
  {
    method: 'GET', path: '/volumes_by_alias/{alias}', tenant: true,
    handle: (c) => c.state.tenantVolumes(c.tenantId).filter((v) => v.alias === p(c, 'alias')).map((v) => volumeView(c.state, v)),
  },
  { method: 'PATCH', path: '/volumes/{uuid}', tenant: true, handle: (c) => patchVolume(c.state, c.tenantId, p(c, 'uuid'), c.body) },
  { method: 'DELETE', path: '/volumes/{uuid}', tenant: true, handle: (c) => deleteVolume(c.state, c.tenantId, p(c, 'uuid')) },
  { method: 'POST', path: '/clone_volume', tenant: true, handle: (c) => cloneVolume(c.state, c.tenantId, c.body) },
  { method: 'POST', path: '/migrate_volume', tenant: true, handle: (c) => migrateVolume(c.state, c.tenantId, c.body) },
  // ---- replicas ----
  { method: 'POST', path: '/replica/{vol}', tenant: true, handle: (c) => addReplica(c.state, c.tenantId, p(c, 'vol'), c.body) },
  {
    method: 'PATCH', path: '/replica/{vol}/{rep}', tenant: true,
    handle: (c) => terminateReplica(c.state, c.tenantId, p(c, 'vol'), p(c, 'rep')),
  },
  {
    method: 'DELETE', path: '/replica/{vol}/{rep}', tenant: true,
    handle: (c) => deleteReplica(c.state, c.tenantId, p(c, 'vol'), p(c, 'rep')),
  },
  {
    method: 'PATCH', path: '/replica/{vol}/{rep}/{state}', tenant: true,
    handle: (c) => setReplicaState(c.state, c.tenantId, p(c, 'vol'), p(c, 'rep'), p(c, 'state')),
  },
  // ---- snapshots ----
  { method: 'POST', path: '/snapshots', tenant: true, handle: (c) => createSnapshot(c.state, c.tenantId, c.body) },
  {
    method: 'GET', path: '/snapshots', tenant: true,
    handle: (c) => [...c.state.snapshots.values()].filter((s) => s.tenantId === c.tenantId).map(snapshotView),
  },
  {
    method: 'GET', path: '/snapshots/{id}', tenant: true,
    handle: (c) => {
      const s = findSnapshot(c.state, c.tenantId, p(c, 'id'));
      return s ? [snapshotView(s)] : [];
    },
  },
  {
    method: 'GET', path: '/snapshots_by_vol/{vol}', tenant: true,
    handle: (c) =>
      [...c.state.snapshots.values()].filter((s) => s.tenantId === c.tenantId && s.volumeID === p(c, 'vol')).map(snapshotView),
  },
  {
    method: 'GET', path: '/snapshots_by_alias/{alias}', tenant: true,
    handle: (c) =>
      [...c.state.snapshots.values()].filter((s) => s.tenantId === c.tenantId && s.alias === p(c, 'alias')).map(snapshotView),
  },
  { method: 'DELETE', path: '/snapshots/{id}', tenant: true, handle: (c) => deleteSnapshot(c.state, c.tenantId, p(c, 'id')) },
  { method: 'POST', path: '/snapshot_volumes', tenant: true, handle: (c) => createSnapshotVolume(c.state, c.tenantId, c.body) },
  // ---- hosts, targets, publish ----
  { method: 'POST', path: '/host_probe', handle: (c) => hostProbe(c.state, c.body) },
  {
    method: 'GET', path: '/hosts',
    handle: (c) => {
      const name = c.query.get('hostName');
      return [...c.state.hosts.values()].filter((h) => name === null || h.name === name).map((h) => hostView(c.state, h));
    },
  },
  { method: 'DELETE', path: '/hosts/{hostId}', handle: (c) => deleteHost(c.state, p(c, 'hostId')) },
  {
    method: 'GET', path: '/targets',
    handle: (c) => {
      const hostId = c.query.get('hostId');
      const volId = c.query.get('volId');
      // U: the reply without any query parameter is undocumented; the sim refuses it logically.
      if (!hostId && !volId) return fail('InvalidParameter', 'hostId or volId query parameter is required');
      return allTargets(c.state)
        .filter((t) => (!hostId || t.hostId === hostId) && (!volId || t.volIds.includes(volId)))
        .map((t) => targetView(c.state, t));
    },
  },
  { method: 'POST', path: '/publish', tenant: true, handle: (c) => publish(c.state, c.tenantId, c.body) },
  { method: 'POST', path: '/unpublish', tenant: true, handle: (c) => unpublish(c.state, c.tenantId, c.body) },
  // ---- tasks ----
  {
    method: 'GET', path: '/tasks',
    handle: (c) => {
      const taskId = c.query.get('taskId');
      const hostId = c.query.get('hostId');
      return [...c.state.tasks.values()]
        .filter((t) => (!taskId || t.taskId === taskId) && (!hostId || t.hostId === hostId))
        .map(taskView);
    },
  },
  { method: 'DELETE', path: '/tasks', handle: (c) => deleteTask(c.state, c.query.get('taskId'), c.query.get('hostId')) },
  { method: 'PUT', path: '/tasks', handle: (c) => updateTask(c.state, c.body) },
];

interface Compiled extends Route {
  segs: string[];
}

const COMPILED: Compiled[] = ROUTES.map((r) => ({ ...r, segs: r.path.split('/').filter(Boolean) }));

function matchSegs(pattern: string[], segs: string[]): Record<string, string> | undefined {
  if (pattern.length !== segs.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const pat = pattern[i]!;
    if (pat.startsWith('{')) params[pat.slice(1, -1)] = segs[i]!;
    else if (pat !== segs[i]) return undefined;
  }
  return params;
}

export type Match =
  | { kind: 'route'; route: Compiled; params: Record<string, string>; tenantId: string }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

/** Finds the route: plain paths first, then the same path behind a /{tenantId} prefix. */
export function matchRoute(method: string, segs: string[]): Match {
  const attempt = (s: string[], tenantOnly: boolean): { hit?: Match; allow: string[] } => {
    const allow: string[] = [];
    for (const r of COMPILED) {
      if (tenantOnly && !r.tenant) continue;
      const params = matchSegs(r.segs, s);
      if (!params) continue;
      if (r.method === method) return { hit: { kind: 'route', route: r, params, tenantId: DEFAULT_TENANT }, allow };
      allow.push(r.method);
    }
    return { allow };
  };
  const plain = attempt(segs, false);
  if (plain.hit) return plain.hit;
  if (plain.allow.length === 0 && segs.length >= 2) {
    const prefixed = attempt(segs.slice(1), true);
    if (prefixed.hit && prefixed.hit.kind === 'route') return { ...prefixed.hit, tenantId: segs[0]! };
    if (prefixed.allow.length) return { kind: 'method-not-allowed', allow: prefixed.allow };
  }
  return plain.allow.length ? { kind: 'method-not-allowed', allow: plain.allow } : { kind: 'not-found' };
}

/** Runs a matched route; unknown tenant prefixes answer NotExists. */
export function runRoute(m: Extract<Match, { kind: 'route' }>, state: KsState, query: URLSearchParams, body: Body): Reply {
  if (!state.tenantExists(m.tenantId)) return { json: fail('NotExists', `Tenant ${m.tenantId} does not exist`) };
  const out = m.route.handle({ state, params: m.params, query, body, tenantId: m.tenantId });
  if (Array.isArray(out)) return { json: out };
  if (out && typeof out === 'object' && ('json' in out || 'empty' in out)) return out as Reply;
  return { json: out };
}
