// Volume operations shared by several commands (volume create/clone, volume/replica migrate,
// replica add): what they send and how they wait and show the result.
import type { Context } from '../../framework/context.js';
import { StorctlError } from '../../framework/errors.js';
import { inert } from '../../output/inert.js';
import type { KsClient, Rec } from './client.js';
import { findBackend, findReplica, getVolume } from './resources.js';
import { newTasksFor, taskIds, waitVolume } from './wait.js';
import { VOLUME_SHOW_COLUMNS } from './views.js';

/** A note for people on a terminal (stderr); scripts get only the data. */
export function note(ctx: Context, message: string): void {
  if (ctx.io.stderr.isTTY) ctx.io.stderr.write(`storctl: ${inert(message)}\n`);
}

/**
 * Runs a change that may start background work on volume `uuid`, and with `wait` follows the
 * tasks it started and polls the volume until `until` holds (default: replicas settled).
 */
export async function changeVolume(
  ctx: Context,
  c: KsClient,
  uuid: string,
  change: () => Promise<unknown>,
  opts: { wait?: boolean; tenant?: string; until?: (v: Rec) => boolean; what?: string },
): Promise<Rec | undefined> {
  const before = opts.wait ? await taskIds(c) : undefined;
  await change();
  if (!opts.wait) return getVolume(c, uuid, opts.tenant);
  const tasks = await newTasksFor(c, before, uuid);
  if (tasks.length) ctx.debug(`following task(s) ${tasks.map((t) => t.taskId).join(', ')}`);
  return waitVolume(ctx, c, uuid, {
    tasks,
    ...(opts.tenant ? { tenant: opts.tenant } : {}),
    ...(opts.until ? { until: opts.until } : {}),
    ...(opts.what ? { what: opts.what } : {}),
  });
}

/** Prints a volume just created (or says the provisioner does not show it yet). */
export async function showNewVolume(ctx: Context, v: Rec | undefined, uuid: string, alias: string): Promise<void> {
  if (!v) {
    ctx.warn(`the provisioner accepted volume ${alias} (${uuid}) but does not list it yet`);
    await ctx.printObject({ uuid, alias }, VOLUME_SHOW_COLUMNS);
    return;
  }
  await ctx.printObject(v, VOLUME_SHOW_COLUMNS);
}

export interface MigrateOpts {
  replica?: string;
  to?: string;
  tenant?: string;
  wait?: boolean;
}

/**
 * POST /migrate_volume {volId, repId?, destinationBackendId?}. `volId`/`repId` come from
 * KIOXIA's Cinder driver; `destinationBackendId` only from an unattributed newer client
 * (unconfirmed: a provisioner that ignores it picks the destination itself).
 */
export async function migrateVolume(ctx: Context, c: KsClient, volume: Rec, opts: MigrateOpts): Promise<Rec | undefined> {
  const uuid = String(volume.uuid);
  const body: Rec = { volId: uuid };
  if (opts.replica) body.repId = String(findReplica(volume, opts.replica).uuid);
  if (opts.to) body.destinationBackendId = String((await findBackend(c, opts.to)).persistentID);
  const v = await changeVolume(ctx, c, uuid, () => c.op({ method: 'POST', path: '/migrate_volume', tenant: opts.tenant, json: body, action: `cannot migrate volume ${volume.alias ?? uuid}` }), {
    wait: opts.wait,
    tenant: opts.tenant,
    what: `migration of volume ${volume.alias ?? uuid}`,
  });
  if (!opts.wait) note(ctx, 'the migration runs in the background; follow it with `storctl task list`, or pass --wait');
  if (!v) throw new StorctlError(`volume ${uuid} is gone`);
  return v;
}
