import { defineCommand } from '../../framework/command.js';
import { cinder } from '../../backends/openstack/cinder.js';
import { backupWait, createBackup, getBackup } from '../../backends/openstack/backups.js';
import { findVolume } from '../../backends/openstack/volumes.js';
import { findSnapshot } from '../../backends/openstack/snapshots.js';
import { parseProperties } from '../../backends/openstack/args.js';
import { waitFor } from '../../backends/openstack/wait.js';
import { BACKUP_COLUMNS } from '../../backends/openstack/views.js';

interface Opts {
  name?: string;
  description?: string;
  container?: string;
  snapshot?: string;
  incremental?: boolean;
  force?: boolean;
  property?: string[];
  wait?: boolean;
}

export default defineCommand<Opts>({
  summary: 'Back up a Cinder volume',
  description:
    'Starts a backup of VOLUME (name or ID), or of one of its snapshots (--snapshot). Needs a cinder-backup service. --property needs microversion 3.43 (asked for only then). With --wait the command returns once the backup is available and fails with its fail_reason when it ends in error. Prints the backup.',
  backends: ['openstack'],
  args: [{ name: 'volume', description: 'Volume to back up (name or ID)', required: true }],
  flags: [
    { name: 'name', type: 'string', valueName: 'NAME', description: 'Backup name' },
    { name: 'description', type: 'string', valueName: 'TEXT', description: 'Description' },
    { name: 'container', type: 'string', valueName: 'CONTAINER', description: 'Backup container (e.g. Swift container)' },
    { name: 'snapshot', type: 'string', valueName: 'SNAPSHOT', description: 'Back up this snapshot of the volume (name or ID)' },
    { name: 'incremental', type: 'boolean', description: 'Incremental backup (needs an earlier full backup)' },
    { name: 'force', type: 'boolean', description: 'Back up an attached (in-use) volume too' },
    { name: 'property', type: 'list', valueName: 'KEY=VALUE', description: 'Backup metadata (repeatable; microversion 3.43)' },
    { name: 'wait', type: 'boolean', description: 'Wait until the backup is available' },
  ],
  columns: BACKUP_COLUMNS,
  examples: ['storctl backup create db-data --name db-weekly --wait', 'storctl backup create db-data --incremental --force'],
  async run(ctx, args, opts) {
    const c = await cinder(ctx);
    const v = await findVolume(c, args[0]!);
    const spec: Record<string, unknown> = { volume_id: v.id };
    if (opts.name !== undefined) spec.name = opts.name;
    if (opts.description !== undefined) spec.description = opts.description;
    if (opts.container !== undefined) spec.container = opts.container;
    if (opts.snapshot !== undefined) spec.snapshot_id = (await findSnapshot(c, opts.snapshot)).id;
    if (opts.incremental) spec.incremental = true;
    if (opts.force) spec.force = true;
    let mv: string | undefined;
    if (opts.property?.length) {
      spec.metadata = parseProperties(opts.property);
      mv = await c.microversionFor('3.43', 'backup metadata (--property)');
    }
    const started = await createBackup(c, spec, mv);
    const backup = opts.wait ? await waitFor(ctx, backupWait(c, started, ['available'])) : await getBackup(c, started.id);
    await ctx.printObject(backup!, BACKUP_COLUMNS.map((col) => ({ ...col, long: false })));
  },
});
