import { defineCommand } from '../../framework/command.js';
import { kumoscale, seg, type Rec } from '../../backends/kumoscale/client.js';
import { TENANT_FLAG } from '../../backends/kumoscale/flags.js';
import { findVolume, getVolume } from '../../backends/kumoscale/resources.js';
import { poll } from '../../backends/kumoscale/wait.js';

interface Opts {
  tenant?: string;
  wait?: boolean;
}

export default defineCommand<Opts>({
  summary: 'Delete volumes',
  description:
    'KumoScale: Sends DELETE [/{tenantId}]/volumes/{uuid} for each volume (UUIDs or aliases; all are looked up first). The data cannot be recovered. The provisioner refuses a volume that is still published to a host or has snapshots (exit 5): unpublish it and delete its snapshots first. --wait polls until the volumes are gone. Several volumes: each failure is reported and the exit code is the first failure\'s.',
  backends: ['kumoscale'],
  destructive: true,
  args: [{ name: 'volume', description: 'Volume UUIDs or aliases', required: true, variadic: true }],
  flags: [TENANT_FLAG, { name: 'wait', type: 'boolean', description: 'Wait until the volumes are gone' }],
  examples: ['storctl volume delete scratch-1 scratch-2 --yes', 'storctl volume delete db-old --tenant team-a --wait'],
  async run(ctx, args, opts) {
    const c = await kumoscale(ctx);
    const volumes = await Promise.all(args.map((a) => findVolume(c, a, opts.tenant)));
    const names = volumes.map((v) => (v.alias ? `${v.alias} (${v.uuid})` : String(v.uuid)));
    if (!(await ctx.confirm(`Delete ${volumes.length === 1 ? 'volume' : `${volumes.length} volumes:`} ${names.join(', ')}?`))) return;
    let first: unknown;
    const fail = (err: unknown) => {
      if (volumes.length === 1) throw err;
      first ??= err;
      ctx.warn((err as Error).message);
    };
    const deleted: Rec[] = [];
    for (const v of volumes) {
      try {
        await c.op({ method: 'DELETE', path: `/volumes/${seg(String(v.uuid))}`, tenant: opts.tenant, action: `cannot delete volume ${v.alias ?? v.uuid}` });
        deleted.push(v);
      } catch (err) {
        fail(err);
      }
    }
    if (opts.wait) {
      for (const v of deleted) {
        await poll(ctx, {
          label: `deletion of volume ${v.alias ?? v.uuid}`,
          get: () => getVolume(c, String(v.uuid), opts.tenant),
          describe: (x) => (x ? 'present' : 'gone'),
          done: (x) => x === undefined,
        }).catch(fail);
      }
    }
    if (first) throw first;
  },
});
