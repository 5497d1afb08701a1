import { defineCommand } from '../../framework/command.js';
import { UsageError } from '../../framework/errors.js';
import { listFlavors } from '../../backends/openstack/nova.js';
import { parseLimit } from '../../backends/openstack/args.js';
import { FLAVOR_COLUMNS } from '../../backends/openstack/views.js';

interface Opts {
  all?: boolean;
  private?: boolean;
  limit?: number;
}

export default defineCommand<Opts>({
  summary: 'List Nova flavors',
  description:
    'Every flavor with its sizes in ONE request (GET /flavors/detail; more only past 1000 flavors), unlike clients that fetch each flavor\'s details separately. Public flavors by default; --all adds private ones, --private shows only those (admins). JSON records are Nova\'s flavor objects, the same as `flavor show`.',
  backends: ['openstack'],
  flags: [
    { name: 'all', type: 'boolean', description: 'Public and private flavors (admin)' },
    { name: 'private', type: 'boolean', description: 'Only private flavors (admin)' },
    { name: 'limit', type: 'number', valueName: 'N', description: 'List at most N flavors' },
  ],
  columns: FLAVOR_COLUMNS,
  examples: ['storctl flavor list', 'storctl flavor list --all --long', 'storctl flavor list -o json'],
  async run(ctx, _args, opts) {
    if (opts.all && opts.private) throw new UsageError('--all and --private exclude each other');
    await ctx.printList(listFlavors(ctx, { all: opts.all, privateOnly: opts.private, limit: parseLimit(opts.limit) }));
  },
});
