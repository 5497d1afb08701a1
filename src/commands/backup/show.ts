import { defineCommand } from '../../framework/command.js';
import { cinder } from '../../backends/openstack/cinder.js';
import { findBackup } from '../../backends/openstack/backups.js';
import { BACKUP_COLUMNS } from '../../backends/openstack/views.js';

export default defineCommand({
  summary: 'Show one Cinder backup',
  description: 'BACKUP is an ID or a unique name (ambiguous: exit 5, unknown: exit 4). JSON is Cinder\'s backup object, as in `backup list -o json`; fail_reason says why a backup is in error.',
  backends: ['openstack'],
  args: [{ name: 'backup', description: 'Backup name or ID', required: true }],
  columns: BACKUP_COLUMNS,
  examples: ['storctl backup show db-weekly', 'storctl backup show db-weekly -o json'],
  async run(ctx, args) {
    const c = await cinder(ctx);
    await ctx.printObject(await findBackup(c, args[0]!), BACKUP_COLUMNS.map((col) => ({ ...col, long: false })));
  },
});
