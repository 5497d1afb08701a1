// Choosing a service endpoint: a profile override, else the catalog entry of the wanted
// type (first match in the order given), name, region and interface.
import type { Context } from '../framework/context.js';
import { NotFoundError } from '../framework/errors.js';
import type { CatalogService } from './types.js';
import { getSession, requireCatalog } from './session.js';

export interface EndpointQuery {
  /** Service types in order of preference, e.g. ["volumev3", "block-storage", "volumev2", "volume"]. */
  types: readonly string[];
  name?: string;
  region?: string;
  interface?: string;
}

export function selectEndpoint(catalog: readonly CatalogService[], q: EndpointQuery): { url: string; type: string } | undefined {
  const iface = q.interface ?? 'public';
  for (const type of q.types) {
    for (const svc of catalog.filter((s) => s.type === type && (!q.name || s.name === q.name))) {
      const ep = svc.endpoints.find((e) => e.interface === iface && (!q.region || e.region === q.region));
      if (ep) return { url: ep.url.replace(/\/+$/, ''), type };
    }
  }
  return undefined;
}

/** The base URL for one of `types`, honouring `endpoints:` overrides and --endpoint. */
export async function serviceEndpoint(ctx: Context, types: readonly string[]): Promise<{ url: string; type: string }> {
  const profile = await ctx.profile();
  const overrides = profile.get<Record<string, string>>('endpoints') ?? {};
  for (const t of types) if (overrides[t]) return { url: String(overrides[t]).replace(/\/+$/, ''), type: t };
  const session = await getSession(ctx);
  const catalog = requireCatalog(session);
  const region = profile.get('region_name');
  const iface = profile.get('interface') ?? 'public';
  const found = selectEndpoint(catalog, { types, region, interface: iface });
  if (found) return found;
  const have = [...new Set(catalog.map((s) => s.type))].join(', ') || 'nothing';
  throw new NotFoundError(`no ${types.join(' / ')} endpoint (interface ${iface}${region ? `, region ${region}` : ''}) in the service catalog of profile "${profile.name}"; it has: ${have}`, {
    hint: `set endpoints='{"${types[0]}":"https://…"}' in the profile, or check region_name and interface`,
  });
}
