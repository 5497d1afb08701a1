// Keystone reads: projects (v3 /projects for admins, /auth/projects for everyone else, v2.0
// /tenants on legacy clouds), regions, endpoints and services. The base URL is the one the
// session authenticated against.
import type { Context } from '../../framework/context.js';
import { AuthError, UsageError } from '../../framework/errors.js';
import { authedRequest, getSession } from '../../auth/session.js';
import { apiError } from './errors.js';
import { queryString, type Query } from './pager.js';
import { resolveRef } from './resolve.js';
import type { ApiRecord } from './types.js';

export type Project = ApiRecord;

export interface KeystoneInfo {
  base: string;
  v2: boolean;
  admin: boolean;
  projectId?: string;
}

export async function keystoneInfo(ctx: Context): Promise<KeystoneInfo> {
  const session = await getSession(ctx);
  const record = session.record;
  if (!record?.authUrl) {
    throw new UsageError('this profile does not authenticate with Keystone', { hint: 'use an OpenStack profile with auth_url' });
  }
  const base = record.authUrl.replace(/\/+$/, '');
  return {
    base,
    v2: record.authType === 'keystone-v2' || /\/v2\.0$/.test(base),
    admin: (record.identity.roles ?? []).includes('admin'),
    projectId: record.identity.projectId,
  };
}

async function ksGet<T>(ctx: Context, ks: KeystoneInfo, path: string, query?: Query): Promise<T> {
  const url = `${ks.base}/${path}${queryString(query)}`;
  const res = await authedRequest(ctx, { method: 'GET', url, headers: { accept: 'application/json' } });
  if (res.status >= 400) throw apiError(res, { service: 'Keystone', method: 'GET', url });
  return res.json<T>();
}

/** Projects this user may see: every project for admins, else the ones with a role. */
export async function listProjects(ctx: Context, q: { name?: string } = {}): Promise<Project[]> {
  const ks = await keystoneInfo(ctx);
  if (ks.v2) {
    const tenants = (await ksGet<{ tenants?: Project[] }>(ctx, ks, 'tenants')).tenants ?? [];
    return q.name ? tenants.filter((t) => t.name === q.name) : tenants;
  }
  if (ks.admin) {
    try {
      return (await ksGet<{ projects?: Project[] }>(ctx, ks, 'projects', { name: q.name })).projects ?? [];
    } catch (err) {
      if (!(err instanceof AuthError)) throw err;
      ctx.debug('GET /v3/projects refused; listing the projects of this user instead');
    }
  }
  const mine = (await ksGet<{ projects?: Project[] }>(ctx, ks, 'auth/projects')).projects ?? [];
  return q.name ? mine.filter((p) => p.name === q.name) : mine;
}

export async function findProject(ctx: Context, ref: string): Promise<Project> {
  const ks = await keystoneInfo(ctx);
  return resolveRef<Project>(ref, {
    kind: 'project',
    byId: ks.v2
      ? async (id) => (await listProjects(ctx)).find((p) => p.id === id)
      : async (id) => {
          try {
            return (await ksGet<{ project: Project }>(ctx, ks, `projects/${encodeURIComponent(id)}`)).project;
          } catch (err) {
            if (err instanceof AuthError) return (await listProjects(ctx)).find((p) => p.id === id);
            throw err;
          }
        },
    byName: (name) => listProjects(ctx, { name }),
    idLike: (s) => /^[0-9a-f]{32}$/i.test(s) || /^[0-9a-f-]{36}$/i.test(s) || s === 'default',
    listCommand: 'storctl project list',
  });
}

export async function listRegions(ctx: Context): Promise<ApiRecord[]> {
  const ks = await keystoneInfo(ctx);
  if (ks.v2) {
    // Keystone v2.0 had no region API: the regions named in the token's catalog.
    const session = await getSession(ctx);
    const names = new Set<string>();
    for (const s of session.record?.catalog ?? []) for (const e of s.endpoints) if (e.region) names.add(e.region);
    return [...names].map((id) => ({ id, description: '', parent_region_id: null }));
  }
  return (await ksGet<{ regions?: ApiRecord[] }>(ctx, ks, 'regions')).regions ?? [];
}

export interface EndpointListing {
  endpoints: ApiRecord[];
  services: Map<string, { name?: string; type?: string }>;
}

/** Endpoints (admin) with the services they belong to. */
export async function listEndpoints(ctx: Context, q: { service?: string; interface?: string; region?: string } = {}): Promise<EndpointListing> {
  const ks = await keystoneInfo(ctx);
  if (ks.v2) throw new UsageError('Keystone v2.0 has no endpoint API', { hint: 'use `storctl catalog list`' });
  const hint = 'listing endpoints needs the admin role; `storctl catalog list` shows the endpoints in your token';
  const refused = (err: unknown) => (err instanceof AuthError ? new AuthError(`Keystone refused to list endpoints: ${err.message.replace(/^Keystone refused [^:]*: /, '')}`, { hint, ...(err.details ? { details: err.details } : {}) }) : err);
  const [eps, svcs] = await Promise.all([
    ksGet<{ endpoints?: ApiRecord[] }>(ctx, ks, 'endpoints', { interface: q.interface, region_id: q.region }).catch((e) => Promise.reject(refused(e))),
    ksGet<{ services?: ApiRecord[] }>(ctx, ks, 'services').catch((e) => Promise.reject(refused(e))),
  ]);
  const services = new Map<string, { name?: string; type?: string }>();
  for (const s of svcs.services ?? []) services.set(s.id, { name: s.name ?? undefined, type: typeof s.type === 'string' ? s.type : undefined });
  let endpoints = eps.endpoints ?? [];
  if (q.service) {
    endpoints = endpoints.filter((e) => {
      const s = services.get(String(e.service_id));
      return s?.name === q.service || s?.type === q.service || e.service_id === q.service;
    });
  }
  return { endpoints, services };
}
