import { defineCommand } from '../../../framework/command.js';
import { cinder } from '../../../backends/openstack/cinder.js';
import { listServices } from '../../../backends/openstack/cinder-admin.js';
import { SERVICE_COLUMNS } from '../../../backends/openstack/views.js';

export default defineCommand<{ host?: string; service?: string }>({
  summary: 'List Cinder services (admin)',
  description: 'The scheduler, volume and backup services Cinder knows, with their state. Needs the admin role (exit 3 otherwise). JSON records are Cinder\'s os-services objects.',
  backends: ['openstack'],
  flags: [
    { name: 'host', type: 'string', valueName: 'HOST', description: 'Only services on this host' },
    { name: 'service', type: 'string', valueName: 'BINARY', description: 'Only this binary (cinder-volume, cinder-scheduler, cinder-backup)' },
  ],
  columns: SERVICE_COLUMNS,
  examples: ['storctl volume service list', 'storctl volume service list --service cinder-volume -o json'],
  async run(ctx, _args, opts) {
    const c = await cinder(ctx);
    await ctx.printList(await listServices(c, { host: opts.host, binary: opts.service }));
  },
});
