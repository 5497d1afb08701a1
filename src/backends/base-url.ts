// The base URL a raw `storctl api` request is relative to, per backend.
import type { Context } from '../framework/context.js';
import { UsageError } from '../framework/errors.js';
import { serviceEndpoint } from '../auth/catalog.js';
import { getSession } from '../auth/session.js';

export async function apiBaseUrl(ctx: Context, service?: string): Promise<string> {
  const profile = await ctx.profile();
  const endpoints = profile.get<string[]>('endpoint') ?? [];
  switch (profile.backend) {
    case 'openstack':
    case 'swift': {
      if (service) return (await serviceEndpoint(ctx, [service])).url;
      if (profile.backend === 'swift') {
        if (endpoints[0]) return endpoints[0];
        const s = await getSession(ctx);
        if (s.record?.storageUrl) return s.record.storageUrl;
        return (await serviceEndpoint(ctx, ['object-store'])).url;
      }
      const s = await getSession(ctx);
      if (s.record?.authUrl) return s.record.authUrl;
      throw new UsageError('no base URL: pass --service TYPE (e.g. volumev3) or a full URL');
    }
    case 'openstorage': {
      // rest_endpoint, or derived only from a default gRPC port (never a guessed port)
      const { restEndpoint } = await import('./openstorage/rest-endpoint.js');
      return restEndpoint(profile, ctx.globals.endpoint).url;
    }
    case 'kumoscale': {
      // The provisioner that answered last, like every KumoScale command.
      const { parseEndpoints, preferenceFile, readPreferred } = await import('./kumoscale/endpoints.js');
      const { cacheDir } = await import('../config/paths.js');
      const list = parseEndpoints(profile.get('endpoint'), profile.name);
      return (await readPreferred(preferenceFile(cacheDir(ctx.env), list), list)) ?? list[0]!;
    }
  }
}
