import { defineCommand } from '../../framework/command.js';
import { listEndpoints } from '../../backends/openstack/keystone.js';
import { ENDPOINT_COLUMNS, endpointColumns } from '../../backends/openstack/views.js';

interface Opts {
  service?: string;
  interface?: string;
}

export default defineCommand<Opts>({
  summary: 'List Keystone endpoints (admin)',
  description:
    'Every endpoint registered in Keystone with its service (GET /v3/endpoints and /v3/services). Keystone allows this to admins only: others get exit 3 and should use `storctl catalog list`, which shows the endpoints in their token. JSON records are Keystone\'s endpoint objects.',
  backends: ['openstack'],
  flags: [
    { name: 'service', type: 'string', valueName: 'NAME|TYPE', description: 'Only endpoints of this service' },
    { name: 'interface', type: 'string', valueName: 'INTERFACE', choices: ['public', 'internal', 'admin'], description: 'Only this interface' },
  ],
  columns: ENDPOINT_COLUMNS,
  examples: ['storctl endpoint list', 'storctl endpoint list --service volumev3 --interface public'],
  async run(ctx, _args, opts) {
    const { endpoints, services } = await listEndpoints(ctx, { service: opts.service, interface: opts.interface });
    await ctx.printList(endpoints, endpointColumns(services));
  },
});
