// Cloud backups (OpenStorageCloudBackup). Backup list records are SdkCloudBackupInfo messages;
// status records are SdkCloudBackupStatus messages plus `task_id` (their key in the answer).
import type { Context } from '../../framework/context.js';
import type { OpenStorageClient, Rec } from './client.js';
import { obj } from './resources.js';

const TERMINAL = /(Done|Failed|Aborted|Stopped|Invalid)$/;

export async function taskStatuses(osd: OpenStorageClient, req: { volume_id?: string; task_id?: string }): Promise<Rec[]> {
  const r = await osd.call('OpenStorageCloudBackup', 'Status', req);
  return Object.entries(obj(r.statuses)).map(([task_id, s]) => ({ task_id, ...obj(s) }));
}

/** Polls a task's status until it finishes (Done, Failed, Aborted, Stopped). */
export async function waitForTask(ctx: Context, osd: OpenStorageClient, taskId: string, intervalMs = 500): Promise<Rec> {
  for (;;) {
    const [s] = await taskStatuses(osd, { task_id: taskId });
    if (s && TERMINAL.test(String(s.status))) return s;
    ctx.debug(`task ${taskId}: ${String(s?.status ?? 'unknown')}, ${String(s?.bytes_done ?? 0)} of ${String(s?.bytes_total ?? '?')} bytes`);
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(resolve, intervalMs);
      ctx.signal.addEventListener('abort', () => {
        clearTimeout(t);
        reject(ctx.signal.reason);
      }, { once: true });
    });
  }
}

export function failedStatus(s: Rec): boolean {
  return /(Failed|Aborted|Stopped|Invalid)$/.test(String(s.status));
}
