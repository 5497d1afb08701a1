import { defineCommand } from '../../framework/command.js';
import { UsageError } from '../../framework/errors.js';
import { cinder } from '../../backends/openstack/cinder.js';
import { findSnapshot, getSnapshot, setSnapshotMetadata, updateSnapshot } from '../../backends/openstack/snapshots.js';
import { parseProperties } from '../../backends/openstack/args.js';
import { SNAPSHOT_COLUMNS } from '../../backends/openstack/views.js';

interface Opts {
  name?: string;
  description?: string;
  property?: string[];
  clearProperties?: boolean;
}

export default defineCommand<Opts>({
  summary: 'Change a Cinder snapshot\'s name, description or metadata',
  description: 'Renames the snapshot, changes its description, and adds (--property) or replaces (--clear-properties with --property) metadata. Prints the snapshot afterwards.',
  backends: ['openstack'],
  args: [{ name: 'snapshot', description: 'Snapshot name or ID', required: true }],
  flags: [
    { name: 'name', type: 'string', valueName: 'NAME', description: 'New name' },
    { name: 'description', type: 'string', valueName: 'TEXT', description: 'New description' },
    { name: 'property', type: 'list', valueName: 'KEY=VALUE', description: 'Add or change metadata (repeatable)' },
    { name: 'clear-properties', type: 'boolean', description: 'Remove all metadata first (then add --property ones)' },
  ],
  columns: SNAPSHOT_COLUMNS,
  examples: ['storctl snapshot set nightly --name nightly-keep --property retain=true'],
  async run(ctx, args, opts) {
    const props = parseProperties(opts.property);
    if (opts.name === undefined && opts.description === undefined && !Object.keys(props).length && !opts.clearProperties) {
      throw new UsageError('nothing to change', { hint: 'see storctl snapshot set --help' });
    }
    const c = await cinder(ctx);
    const s = await findSnapshot(c, args[0]!);
    const fields: Record<string, unknown> = {};
    if (opts.name !== undefined) fields.name = opts.name;
    if (opts.description !== undefined) fields.description = opts.description;
    if (Object.keys(fields).length) await updateSnapshot(c, s.id, fields);
    if (opts.clearProperties) await setSnapshotMetadata(c, s.id, props, true);
    else if (Object.keys(props).length) await setSnapshotMetadata(c, s.id, props);
    await ctx.printObject(await getSnapshot(c, s.id), SNAPSHOT_COLUMNS.map((col) => ({ ...col, long: false })));
  },
});
