// Finding things by what people type: a volume by UUID or alias, a snapshot by ID or alias, a
// host by UUID or name, a backend by persistent ID or management IP, a tenant by ID or name.
import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError, UsageError } from '../../framework/errors.js';
import { seg, type KsClient, type Rec } from './client.js';
import { isMissing } from './errors.js';

export { randomUUID as newId };

const inTenant = (tenant?: string) => (tenant ? ` in tenant ${tenant}` : '');

function pickOne(matches: Rec[], what: string, ref: string, idKey: string, hint: string, tenant?: string): Rec {
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) throw new NotFoundError(`${what} "${ref}" not found${inTenant(tenant)}`, { hint });
  throw new ConflictError(`${matches.length} ${what}s are called "${ref}"${inTenant(tenant)}: ${matches.map((m) => m[idKey]).join(', ')}`, {
    hint: `use the ${idKey} instead`,
  });
}

/**
 * GET that answers undefined for "no such object": an empty array or a NotExists envelope (what
 * KIOXIA clients see), or an HTTP 404 (a server that says it the web way).
 */
async function maybe(c: KsClient, path: string, action: string, tenant?: string): Promise<Rec | undefined> {
  try {
    return await c.one({ path, tenant, action });
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
}

/** Lookup by alias: the documented lookup path, or the whole list when a server lacks it. */
async function byAlias(c: KsClient, lookupPath: string, listPath: string, alias: string, tenant: string | undefined, action: string): Promise<Rec[]> {
  try {
    return (await c.list({ path: `${lookupPath}/${seg(alias)}`, tenant, action })).filter((r) => r.alias === alias);
  } catch (err) {
    if (isMissing(err)) return [];
    if (!(err instanceof NotFoundError)) throw err;
    return (await c.list({ path: listPath, tenant, action })).filter((r) => r.alias === alias);
  }
}

export async function findVolume(c: KsClient, ref: string, tenant?: string): Promise<Rec> {
  const action = `cannot look up volume ${ref}`;
  const v = await maybe(c, `/volumes/${seg(ref)}`, action, tenant);
  if (v) return v;
  const found = await byAlias(c, '/volumes_by_alias', '/volumes', ref, tenant, action);
  return pickOne(found, 'volume', ref, 'uuid', tenant ? 'check the tenant ID (`storctl tenant list`) and `storctl volume list --tenant ID`' : 'list volumes with `storctl volume list` (add --tenant ID for a tenant\'s volumes)', tenant);
}

/** The volume again by UUID (after a change), or undefined once it is gone. */
export function getVolume(c: KsClient, uuid: string, tenant?: string): Promise<Rec | undefined> {
  return maybe(c, `/volumes/${seg(uuid)}`, `cannot read volume ${uuid}`, tenant);
}

export async function findSnapshot(c: KsClient, ref: string, tenant?: string): Promise<Rec> {
  const action = `cannot look up snapshot ${ref}`;
  const s = await maybe(c, `/snapshots/${seg(ref)}`, action, tenant);
  if (s) return s;
  const found = await byAlias(c, '/snapshots_by_alias', '/snapshots', ref, tenant, action);
  return pickOne(found, 'snapshot', ref, 'snapshotID', 'list snapshots with `storctl snapshot list`', tenant);
}

export function getSnapshot(c: KsClient, id: string, tenant?: string): Promise<Rec | undefined> {
  return maybe(c, `/snapshots/${seg(id)}`, `cannot read snapshot ${id}`, tenant);
}

export async function findHost(c: KsClient, ref: string): Promise<Rec> {
  const hosts = await c.list({ path: '/hosts', action: `cannot look up host ${ref}` });
  const byId = hosts.filter((h) => h.uuid === ref);
  return pickOne(byId.length ? byId : hosts.filter((h) => h.name === ref), 'host', ref, 'uuid', 'list hosts with `storctl host list`');
}

export async function findBackend(c: KsClient, ref: string): Promise<Rec> {
  const b = await maybe(c, `/backends/${seg(ref)}`, `cannot look up backend ${ref}`);
  if (b) return b;
  const all = await c.list({ path: '/backends', action: `cannot look up backend ${ref}` });
  const byIp = all.filter((x) => Array.isArray(x.mgmtIPs) && x.mgmtIPs.includes(ref));
  return pickOne(byIp, 'backend', ref, 'persistentID', 'list backends with `storctl backend list`');
}

export async function findTenant(c: KsClient, ref: string): Promise<Rec> {
  const all = await c.list({ path: '/tenants', action: `cannot look up tenant ${ref}` });
  const byId = all.filter((t) => String(t.tenantId) === ref);
  return pickOne(byId.length ? byId : all.filter((t) => t.name === ref), 'tenant', ref, 'tenantId', 'list tenants with `storctl tenant list`');
}

export async function getTask(c: KsClient, taskId: string): Promise<Rec | undefined> {
  const list = await c.list({ path: '/tasks', query: { taskId }, action: `cannot read task ${taskId}` });
  // A server that ignores the filter answers every task; pick ours.
  return list.find((t) => t.taskId === taskId);
}

export async function findTask(c: KsClient, taskId: string): Promise<Rec> {
  const t = await getTask(c, taskId);
  if (!t) throw new NotFoundError(`task "${taskId}" not found`, { hint: 'list tasks with `storctl task list`' });
  return t;
}

/** The replica `ref` (its UUID, or its backend's persistent ID) of a volume. */
export function findReplica(volume: Rec, ref: string): Rec {
  const loc: Rec[] = Array.isArray(volume.location) ? volume.location : [];
  const hit = loc.filter((l) => l.uuid === ref);
  const onBackend = hit.length ? hit : loc.filter((l) => l.backend?.persistentID === ref);
  if (onBackend.length === 1) return onBackend[0]!;
  if (onBackend.length === 0) {
    throw new NotFoundError(`volume ${volume.alias ?? volume.uuid} has no replica "${ref}"`, {
      hint: `its replicas: ${loc.map((l) => `${l.uuid} on ${l.backend?.persistentID ?? '?'}`).join(', ') || 'none'}`,
    });
  }
  throw new UsageError(`several replicas match "${ref}"; give the replica UUID`);
}
