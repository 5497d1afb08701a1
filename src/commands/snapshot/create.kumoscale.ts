import { defineCommand } from '../../framework/command.js';
import { StorctlError, UsageError } from '../../framework/errors.js';
import { kumoscale, type Rec } from '../../backends/kumoscale/client.js';
import { TENANT_FLAG } from '../../backends/kumoscale/flags.js';
import { findVolume, getSnapshot, newId } from '../../backends/kumoscale/resources.js';
import { wholeNumber } from '../../backends/kumoscale/units.js';
import { poll } from '../../backends/kumoscale/wait.js';
import { SNAPSHOT_COLUMNS } from '../../backends/kumoscale/views.js';

interface Opts {
  volume?: string;
  reservedSpace?: number;
  id?: string;
  tenant?: string;
  wait?: boolean;
}

export default defineCommand<Opts>({
  summary: 'Snapshot a volume',
  description:
    'KumoScale: Sends POST [/{tenantId}]/snapshots {alias, volumeID, snapshotID, reservedSpacePercentage}. Only single-replica volumes can be snapshotted. --reserved-space is the share of the volume kept for the change log. The snapshot gets a generated ID (or --id) and is shown; make a volume from it with `storctl volume create NAME --snapshot ID`. Deletion goes in reverse: snapshot volumes, then the snapshot, then the volume.',
  backends: ['kumoscale'],
  args: [{ name: 'name', description: 'Alias of the snapshot' }],
  flags: [
    { name: 'volume', type: 'string', valueName: 'VOLUME', description: 'Volume to snapshot (UUID or alias)', required: true },
    { name: 'reserved-space', type: 'number', valueName: 'PERCENT', description: 'Share of the volume reserved for changes' },
    { name: 'id', type: 'string', valueName: 'ID', description: 'ID of the new snapshot (default: generated)' },
    TENANT_FLAG,
    { name: 'wait', type: 'boolean', description: 'Wait until the snapshot is listed' },
  ],
  columns: SNAPSHOT_COLUMNS,
  examples: ['storctl snapshot create nightly --volume db-data', 'storctl snapshot create before-upgrade --volume db-data --reserved-space 10 -o json'],
  async run(ctx, args, opts) {
    const alias = args[0];
    if (!alias) throw new UsageError('a snapshot name (alias) is required', { hint: 'storctl snapshot create NAME --volume VOLUME' });
    if (!opts.volume) throw new UsageError('--volume is required');
    const c = await kumoscale(ctx);
    const v = await findVolume(c, opts.volume, opts.tenant);
    const id = opts.id ?? newId();
    const body: Rec = { alias, volumeID: v.uuid, snapshotID: id };
    if (opts.reservedSpace !== undefined) body.reservedSpacePercentage = wholeNumber(opts.reservedSpace, '--reserved-space', 100);
    await c.op({ method: 'POST', path: '/snapshots', tenant: opts.tenant, json: body, action: `cannot snapshot volume ${v.alias ?? v.uuid}` });
    const snap = opts.wait
      ? await poll(ctx, { label: `snapshot ${alias}`, get: () => getSnapshot(c, id, opts.tenant), describe: (s) => (s ? 'listed' : 'not listed yet'), done: (s) => s !== undefined })
      : await getSnapshot(c, id, opts.tenant);
    if (!snap) throw new StorctlError(`the provisioner accepted snapshot ${alias} (${id}) but does not list it yet`, { hint: 'check `storctl snapshot list` in a moment' });
    await ctx.printObject(snap, SNAPSHOT_COLUMNS.map((col) => ({ ...col, long: false })));
  },
});
