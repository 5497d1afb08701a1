import { defineCommand } from '../../framework/command.js';
import { NotFoundError } from '../../framework/errors.js';
import { getSession, requireCatalog } from '../../auth/session.js';
import { CATALOG_COLUMNS } from './list.js';

export default defineCommand({
  summary: 'Show one service of the catalog by type or name',
  backends: ['openstack', 'swift'],
  args: [{ name: 'service', description: 'Service type (volumev3, object-store…) or name (cinderv3, swift…)', required: true }],
  columns: CATALOG_COLUMNS,
  examples: ['storctl catalog show volumev3', 'storctl catalog show object-store -o json'],
  async run(ctx, args) {
    const catalog = requireCatalog(await getSession(ctx));
    const want = args[0]!;
    const svc = catalog.find((s) => s.type === want) ?? catalog.find((s) => s.name === want);
    if (!svc) throw new NotFoundError(`no service "${want}" in the catalog; it has: ${catalog.map((s) => s.type).join(', ')}`);
    await ctx.printObject(svc as unknown as Record<string, unknown>);
  },
});
