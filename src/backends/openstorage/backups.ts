// Cloud backups (OpenStorageCloudBackup). Backup list records are SdkCloudBackupInfo messages;
// status records are SdkCloudBackupStatus messages plus `task_id` (their key in the answer).
import type { Context } from '../../framework/context.js';
import type { OpenStorageClient, Rec } from './client.js';
import { obj } from './resources.js';
import { startWait } from '../../output/waiting.js';

const TERMINAL = /(Done|Failed|Aborted|Stopped|Invalid)$/;
const RESTORE_OP = 'SdkCloudBackupOpTypeRestoreOp';

/**
 * Status records. With `task_id`, only that task's: upstream's fake driver answers a task id
 * with other tasks' statuses too (every one for an empty id), so the answer is filtered by key.
 */
export async function taskStatuses(osd: OpenStorageClient, req: { volume_id?: string; task_id?: string }): Promise<Rec[]> {
  const r = await osd.call('OpenStorageCloudBackup', 'Status', req);
  const all = Object.entries(obj(r.statuses)).map(([task_id, s]) => ({ task_id, ...obj(s) }));
  return req.task_id ? all.filter((s) => s.task_id === req.task_id) : all;
}

/** The status of one task, if the server knows it (none for an empty id, which means "every task"). */
export async function taskStatus(osd: OpenStorageClient, taskId: string): Promise<Rec | undefined> {
  if (taskId === '') return undefined;
  return (await taskStatuses(osd, { task_id: taskId }))[0];
}

/**
 * The restore into a volume, found by the restored volume's id (for servers whose Restore reply
 * has no task_id): its restore task, the most recent if there are several.
 */
export async function restoreStatus(osd: OpenStorageClient, volumeId: string): Promise<Rec | undefined> {
  const restores = (await taskStatuses(osd, { volume_id: volumeId })).filter((s) => s.optype === RESTORE_OP);
  restores.sort((a, b) => String(a.start_time ?? '').localeCompare(String(b.start_time ?? '')));
  return restores[restores.length - 1];
}

/**
 * Polls a status until it finishes (Done, Failed, Aborted, Stopped), within the wait budget
 * (--wait-timeout / wait_timeout; output/waiting.ts).
 */
async function waitFor(ctx: Context, label: string, poll: () => Promise<Rec | undefined>, intervalMs: number): Promise<Rec> {
  const w = await startWait(ctx, { label, goal: 'to finish' });
  try {
    for (;;) {
      const s = await w.race(poll());
      if (s && TERMINAL.test(String(s.status))) return s;
      w.report(String(s?.status ?? 'unknown'), `${String(s?.bytes_done ?? 0)} of ${String(s?.bytes_total ?? '?')} bytes`);
      if (w.expired()) throw w.timeout();
      await w.sleep(intervalMs);
    }
  } finally {
    w.stop();
  }
}

/** Waits for a task by its id. */
export function waitForTask(ctx: Context, osd: OpenStorageClient, taskId: string, intervalMs = 500): Promise<Rec> {
  return waitFor(ctx, `cloud backup task ${taskId}`, () => taskStatus(osd, taskId), intervalMs);
}

/** Waits for the restore into a volume (a Restore reply without task_id). */
export function waitForRestore(ctx: Context, osd: OpenStorageClient, volumeId: string, intervalMs = 500): Promise<Rec> {
  return waitFor(ctx, `restore into volume ${volumeId}`, () => restoreStatus(osd, volumeId), intervalMs);
}

export function failedStatus(s: Rec): boolean {
  return /(Failed|Aborted|Stopped|Invalid)$/.test(String(s.status));
}
