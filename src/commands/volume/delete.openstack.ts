import { defineCommand } from '../../framework/command.js';
import { UsageError } from '../../framework/errors.js';
import { cinder } from '../../backends/openstack/cinder.js';
import { deleteVolume, findVolume, volumeAction, volumeWait } from '../../backends/openstack/volumes.js';
import { waitFor } from '../../backends/openstack/wait.js';

interface Opts {
  force?: boolean;
  cascade?: boolean;
  wait?: boolean;
}

export default defineCommand<Opts>({
  summary: 'Delete Cinder volumes',
  description:
    'Deletes one or more volumes (names or IDs); every name is resolved before anything is deleted. Cinder refuses volumes that are attached, have snapshots (unless --cascade) or are busy; --force (admin) deletes whatever the state. With --wait the command returns once the volumes are gone, and fails with the state they ended in otherwise. Several volumes: each failure is reported and the exit code is the first failure\'s.',
  backends: ['openstack'],
  destructive: true,
  args: [{ name: 'volume', description: 'Volume names or IDs', required: true, variadic: true }],
  flags: [
    { name: 'force', type: 'boolean', description: 'Delete regardless of state (admin; os-force_delete)' },
    { name: 'cascade', type: 'boolean', description: 'Delete the volume\'s snapshots too' },
    { name: 'wait', type: 'boolean', description: 'Wait until the volumes are gone' },
  ],
  examples: ['storctl volume delete scratch-1 scratch-2 --yes', 'storctl volume delete db-old --cascade --wait'],
  async run(ctx, args, opts) {
    if (opts.force && opts.cascade) throw new UsageError('--force and --cascade exclude each other', { hint: 'delete the snapshots first, or drop --force' });
    const c = await cinder(ctx);
    const volumes = await Promise.all(args.map((ref) => findVolume(c, ref)));
    const names = volumes.map((v) => (v.name ? `${v.name} (${v.id})` : v.id));
    if (!(await ctx.confirm(`Delete ${volumes.length === 1 ? 'volume' : `${volumes.length} volumes:`} ${names.join(', ')}?`))) return;
    let first: unknown;
    const fail = (v: { id: string }, err: unknown) => {
      if (volumes.length === 1) throw err;
      first ??= err;
      ctx.warn(`could not delete volume ${v.id}: ${(err as Error).message}`);
    };
    const started = [];
    for (const v of volumes) {
      try {
        if (opts.force) await volumeAction(c, v.id, 'os-force_delete', {});
        else await deleteVolume(c, v.id, { cascade: opts.cascade });
        started.push(v);
      } catch (err) {
        fail(v, err);
      }
    }
    // Cinder deletes in the background: all deletions run while we wait for each in turn.
    if (opts.wait) {
      for (const v of started) {
        try {
          await waitFor(ctx, volumeWait(c, v, 'gone'));
        } catch (err) {
          fail(v, err);
        }
      }
    }
    if (first) throw first;
  },
});
