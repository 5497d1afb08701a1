import { defineCommand } from '../../framework/command.js';
import { kumoscale, seg, type Rec } from '../../backends/kumoscale/client.js';
import { TENANT_FLAG } from '../../backends/kumoscale/flags.js';
import { findSnapshot, getSnapshot } from '../../backends/kumoscale/resources.js';
import { poll } from '../../backends/kumoscale/wait.js';

interface Opts {
  tenant?: string;
  wait?: boolean;
}

export default defineCommand<Opts>({
  summary: 'Delete snapshots',
  description:
    'KumoScale: Sends DELETE [/{tenantId}]/snapshots/{id} for each snapshot (IDs or aliases; all looked up first). A snapshot with snapshot volumes is refused (exit 5): delete those volumes first. --wait polls until the snapshots are gone.',
  backends: ['kumoscale'],
  destructive: true,
  args: [{ name: 'snapshot', description: 'Snapshot IDs or aliases', required: true, variadic: true }],
  flags: [TENANT_FLAG, { name: 'wait', type: 'boolean', description: 'Wait until the snapshots are gone' }],
  examples: ['storctl snapshot delete nightly --yes'],
  async run(ctx, args, opts) {
    const c = await kumoscale(ctx);
    const snaps = await Promise.all(args.map((a) => findSnapshot(c, a, opts.tenant)));
    const names = snaps.map((s) => (s.alias ? `${s.alias} (${s.snapshotID})` : String(s.snapshotID)));
    if (!(await ctx.confirm(`Delete ${snaps.length === 1 ? 'snapshot' : `${snaps.length} snapshots:`} ${names.join(', ')}?`))) return;
    let first: unknown;
    const fail = (err: unknown) => {
      if (snaps.length === 1) throw err;
      first ??= err;
      ctx.warn((err as Error).message);
    };
    const deleted: Rec[] = [];
    for (const s of snaps) {
      try {
        await c.op({ method: 'DELETE', path: `/snapshots/${seg(String(s.snapshotID))}`, tenant: opts.tenant, action: `cannot delete snapshot ${s.alias ?? s.snapshotID}` });
        deleted.push(s);
      } catch (err) {
        fail(err);
      }
    }
    if (opts.wait) {
      for (const s of deleted) {
        await poll(ctx, {
          label: `deletion of snapshot ${s.alias ?? s.snapshotID}`,
          get: () => getSnapshot(c, String(s.snapshotID), opts.tenant),
          describe: (x) => (x ? 'present' : 'gone'),
          done: (x) => x === undefined,
        }).catch(fail);
      }
    }
    if (first) throw first;
  },
});
