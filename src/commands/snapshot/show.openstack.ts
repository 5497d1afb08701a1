import { defineCommand } from '../../framework/command.js';
import { cinder } from '../../backends/openstack/cinder.js';
import { findSnapshot } from '../../backends/openstack/snapshots.js';
import { SNAPSHOT_COLUMNS } from '../../backends/openstack/views.js';

export default defineCommand({
  summary: 'Show one Cinder snapshot',
  description: 'SNAPSHOT is an ID or a unique name (ambiguous: exit 5, unknown: exit 4). JSON is Cinder\'s snapshot object, as in `snapshot list -o json`.',
  backends: ['openstack'],
  args: [{ name: 'snapshot', description: 'Snapshot name or ID', required: true }],
  columns: SNAPSHOT_COLUMNS,
  examples: ['storctl snapshot show nightly-2026-11-01', 'storctl snapshot show 0b6c4f2e-… -o json'],
  async run(ctx, args) {
    const c = await cinder(ctx);
    await ctx.printObject(await findSnapshot(c, args[0]!), SNAPSHOT_COLUMNS.map((col) => ({ ...col, long: false })));
  },
});
