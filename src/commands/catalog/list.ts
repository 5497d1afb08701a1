import { defineCommand } from '../../framework/command.js';
import { getSession, requireCatalog } from '../../auth/session.js';
import type { CatalogService } from '../../auth/types.js';

export const CATALOG_COLUMNS = [
  { key: 'name', header: 'Name' },
  { key: 'type', header: 'Type' },
  {
    key: 'endpoints',
    header: 'Endpoints',
    format: 'list' as const,
    get: (s: CatalogService) => s.endpoints.map((e) => `${e.interface}${e.region ? `@${e.region}` : ''}: ${e.url}`),
  },
];

export default defineCommand({
  summary: 'List the OpenStack service catalog',
  description: 'The services and endpoints that came with the Keystone token (from the token cache when it is fresh: no request).',
  backends: ['openstack', 'swift'],
  columns: CATALOG_COLUMNS,
  examples: ['storctl catalog list', 'storctl catalog list -o json'],
  async run(ctx) {
    const session = await getSession(ctx);
    await ctx.printList(requireCatalog(session) as unknown as Record<string, unknown>[]);
  },
});
