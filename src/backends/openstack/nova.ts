// Nova, only what storage admins need: flavors (one /flavors/detail request per page).
import type { Context } from '../../framework/context.js';
import { authedRequest } from '../../auth/session.js';
import { serviceEndpoint } from '../../auth/catalog.js';
import { apiError } from './errors.js';
import { markerPages, queryString, type Query } from './pager.js';
import { resolveRef } from './resolve.js';
import type { ApiRecord } from './types.js';

export type Flavor = ApiRecord;

async function novaGet<T>(ctx: Context, path: string, query?: Query): Promise<T> {
  const base = (await serviceEndpoint(ctx, ['compute'])).url;
  const url = `${base}/${path}${queryString(query)}`;
  const res = await authedRequest(ctx, { method: 'GET', url, headers: { accept: 'application/json' } });
  if (res.status >= 400) throw apiError(res, { service: 'Nova', method: 'GET', url });
  return res.json<T>();
}

export interface FlavorFilters {
  /** Public and private flavors (admins). */
  all?: boolean;
  /** Only private flavors (admins). */
  privateOnly?: boolean;
  limit?: number;
}

export function listFlavors(ctx: Context, f: FlavorFilters = {}): AsyncGenerator<Flavor> {
  const isPublic = f.all ? 'None' : f.privateOnly ? 'false' : undefined;
  return markerPages<Flavor>((q) => novaGet(ctx, 'flavors/detail', q), { key: 'flavors', query: { is_public: isPublic }, limit: f.limit });
}

export async function getFlavor(ctx: Context, id: string): Promise<Flavor> {
  return (await novaGet<{ flavor: Flavor }>(ctx, `flavors/${encodeURIComponent(id)}`)).flavor;
}

/** Flavor IDs are free-form ("1", "m1.tiny-x"), so the ID is always tried first. */
export function findFlavor(ctx: Context, ref: string): Promise<Flavor> {
  return resolveRef<Flavor>(ref, {
    kind: 'flavor',
    byId: (id) => getFlavor(ctx, id),
    byName: () => listFlavors(ctx, { all: true }),
    idLike: () => true,
    listCommand: 'storctl flavor list',
  });
}
