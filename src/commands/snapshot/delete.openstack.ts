import { defineCommand } from '../../framework/command.js';
import { cinder } from '../../backends/openstack/cinder.js';
import { deleteSnapshot, findSnapshot, snapshotWait } from '../../backends/openstack/snapshots.js';
import { waitFor } from '../../backends/openstack/wait.js';

interface Opts {
  force?: boolean;
  wait?: boolean;
}

export default defineCommand<Opts>({
  summary: 'Delete Cinder snapshots',
  description:
    'Deletes one or more snapshots (names or IDs, all resolved first). --force (admin) deletes regardless of state. With --wait the command returns once they are gone. Several snapshots: each failure is reported and the exit code is the first failure\'s.',
  backends: ['openstack'],
  destructive: true,
  args: [{ name: 'snapshot', description: 'Snapshot names or IDs', required: true, variadic: true }],
  flags: [
    { name: 'force', type: 'boolean', description: 'Delete regardless of state (admin)' },
    { name: 'wait', type: 'boolean', description: 'Wait until the snapshots are gone' },
  ],
  examples: ['storctl snapshot delete nightly-2026-10-01 --yes', 'storctl snapshot delete old-1 old-2 --wait'],
  async run(ctx, args, opts) {
    const c = await cinder(ctx);
    const snaps = await Promise.all(args.map((ref) => findSnapshot(c, ref)));
    const names = snaps.map((s) => (s.name ? `${s.name} (${s.id})` : s.id));
    if (!(await ctx.confirm(`Delete ${snaps.length === 1 ? 'snapshot' : `${snaps.length} snapshots:`} ${names.join(', ')}?`))) return;
    let first: unknown;
    const fail = (s: { id: string }, err: unknown) => {
      if (snaps.length === 1) throw err;
      first ??= err;
      ctx.warn(`could not delete snapshot ${s.id}: ${(err as Error).message}`);
    };
    const started = [];
    for (const s of snaps) {
      try {
        await deleteSnapshot(c, s.id, { force: opts.force });
        started.push(s);
      } catch (err) {
        fail(s, err);
      }
    }
    if (opts.wait) {
      for (const s of started) {
        try {
          await waitFor(ctx, snapshotWait(c, s, 'gone'));
        } catch (err) {
          fail(s, err);
        }
      }
    }
    if (first) throw first;
  },
});
