import { defineCommand } from '../../framework/command.js';
import { kumoscale, seg, type Rec } from '../../backends/kumoscale/client.js';
import { TENANT_FLAG } from '../../backends/kumoscale/flags.js';
import { findReplica, findVolume, getVolume } from '../../backends/kumoscale/resources.js';
import { poll } from '../../backends/kumoscale/wait.js';

interface Opts {
  purge?: boolean;
  tenant?: string;
  wait?: boolean;
}

export default defineCommand<Opts>({
  summary: 'Remove a replica from a volume',
  description:
    'Step 1, always: PATCH [/{tenantId}]/replica/{volume}/{replica} marks the replica Terminating; the host agent that mirrors the replicas drops it and confirms, and the provisioner removes it. ' +
    'With --purge storctl also sends step 2 itself (DELETE …/replica/{volume}/{replica}): use it only when no host uses the volume, because it skips the host\'s cleanup. REPLICA is the replica UUID or its backend\'s ID. --wait polls until the replica is gone. The last replica cannot be removed: delete the volume instead.',
  backends: ['kumoscale'],
  destructive: true,
  args: [
    { name: 'volume', description: 'Volume UUID or alias', required: true },
    { name: 'replica', description: 'Replica UUID, or the persistent ID of its backend', required: true },
  ],
  flags: [
    { name: 'purge', type: 'boolean', description: 'Also confirm the removal on the host\'s behalf (skips the host cleanup)' },
    TENANT_FLAG,
    { name: 'wait', type: 'boolean', description: 'Wait until the replica is gone' },
  ],
  examples: ['storctl replica delete db-data 0c:c4:7a:5e:00:02', 'storctl replica delete scratch 3d9a…  --purge --yes'],
  async run(ctx, args, opts) {
    const c = await kumoscale(ctx);
    const v = await findVolume(c, args[0]!, opts.tenant);
    const uuid = String(v.uuid);
    const rep = String(findReplica(v, args[1]!).uuid);
    if (!(await ctx.confirm(`Remove replica ${rep} of volume ${v.alias ?? uuid}${opts.purge ? ' (without host cleanup)' : ''}?`))) return;
    const path = `/replica/${seg(uuid)}/${seg(rep)}`;
    await c.op({ method: 'PATCH', path, tenant: opts.tenant, action: `cannot remove replica ${rep} of volume ${v.alias ?? uuid}` });
    if (opts.purge) await c.op({ method: 'DELETE', path, tenant: opts.tenant, action: `cannot purge replica ${rep} of volume ${v.alias ?? uuid}` });
    if (opts.wait) {
      const has = (x: Rec | undefined) => Array.isArray(x?.location) && x!.location.some((l: Rec) => l.uuid === rep);
      await poll(ctx, {
        label: `removal of replica ${rep}`,
        get: () => getVolume(c, uuid, opts.tenant),
        describe: (x) => (has(x) ? String(x!.location.find((l: Rec) => l.uuid === rep)?.replicaState) : 'gone'),
        done: (x) => !has(x),
      });
    }
  },
});
