import { defineCommand } from '../../framework/command.js';
import { cinder } from '../../backends/openstack/cinder.js';
import { backupWait, deleteBackup, findBackup } from '../../backends/openstack/backups.js';
import { waitFor } from '../../backends/openstack/wait.js';

interface Opts {
  force?: boolean;
  wait?: boolean;
}

export default defineCommand<Opts>({
  summary: 'Delete Cinder backups',
  description:
    'Deletes one or more backups (names or IDs, all resolved first). Cinder deletes only available or error backups without incremental children; --force (admin) deletes regardless of state. With --wait the command returns once they are gone. Exit codes: 4 when a backup does not exist, 5 when its state forbids deleting, 7 when Cinder has no running cinder-backup service (Cinder answers 404 "Service cinder-backup could not be found." although the backup exists; the message is Cinder\'s).',
  backends: ['openstack'],
  destructive: true,
  args: [{ name: 'backup', description: 'Backup names or IDs', required: true, variadic: true }],
  flags: [
    { name: 'force', type: 'boolean', description: 'Delete regardless of state (admin)' },
    { name: 'wait', type: 'boolean', description: 'Wait until the backups are gone' },
  ],
  examples: ['storctl backup delete db-weekly --yes', 'storctl backup delete old-1 old-2 --wait'],
  async run(ctx, args, opts) {
    const c = await cinder(ctx);
    const backups = await Promise.all(args.map((ref) => findBackup(c, ref)));
    const names = backups.map((b) => (b.name ? `${b.name} (${b.id})` : b.id));
    if (!(await ctx.confirm(`Delete ${backups.length === 1 ? 'backup' : `${backups.length} backups:`} ${names.join(', ')}?`))) return;
    let first: unknown;
    const fail = (b: { id: string }, err: unknown) => {
      if (backups.length === 1) throw err;
      first ??= err;
      ctx.warn(`could not delete backup ${b.id}: ${(err as Error).message}`);
    };
    const started = [];
    for (const b of backups) {
      try {
        await deleteBackup(c, b.id, { force: opts.force });
        started.push(b);
      } catch (err) {
        fail(b, err);
      }
    }
    if (opts.wait) {
      for (const b of started) {
        try {
          await waitFor(ctx, backupWait(c, b, 'gone'));
        } catch (err) {
          fail(b, err);
        }
      }
    }
    if (first) throw first;
  },
});
