// Cloud backups (OpenStorageCloudBackup). Backup list records are SdkCloudBackupInfo messages;
// status records are SdkCloudBackupStatus messages plus `task_id` (their key in the answer).
import type { Context } from '../../framework/context.js';
import type { OpenStorageClient, Rec } from './client.js';
import { obj } from './resources.js';
import { startWait } from '../../output/waiting.js';

const TERMINAL = /(Done|Failed|Aborted|Stopped|Invalid)$/;

export async function taskStatuses(osd: OpenStorageClient, req: { volume_id?: string; task_id?: string }): Promise<Rec[]> {
  const r = await osd.call('OpenStorageCloudBackup', 'Status', req);
  return Object.entries(obj(r.statuses)).map(([task_id, s]) => ({ task_id, ...obj(s) }));
}

/**
 * Polls a task's status until it finishes (Done, Failed, Aborted, Stopped), within the wait
 * budget (--wait-timeout / wait_timeout; output/waiting.ts).
 */
export async function waitForTask(ctx: Context, osd: OpenStorageClient, taskId: string, intervalMs = 500): Promise<Rec> {
  const w = await startWait(ctx, { label: `cloud backup task ${taskId}`, goal: 'to finish' });
  try {
    for (;;) {
      const [s] = await w.race(taskStatuses(osd, { task_id: taskId }));
      if (s && TERMINAL.test(String(s.status))) return s;
      w.report(String(s?.status ?? 'unknown'), `${String(s?.bytes_done ?? 0)} of ${String(s?.bytes_total ?? '?')} bytes`);
      if (w.expired()) throw w.timeout();
      await w.sleep(intervalMs);
    }
  } finally {
    w.stop();
  }
}

export function failedStatus(s: Rec): boolean {
  return /(Failed|Aborted|Stopped|Invalid)$/.test(String(s.status));
}
