// --wait for KumoScale. The provisioner hands back no job handle (reference §3.4): changes
// either finish before the reply, or settle later (replica resync, migration, replica removal).
// We poll the object itself, and follow tasks the change started in GET /tasks when the
// provisioner lists any (a task that ends Failed is a ServerError with its description).
// The budget (--wait-timeout / wait_timeout), status line and timeout error (exit 6) are shared
// with every other wait loop (output/waiting.ts).
import type { Context } from '../../framework/context.js';
import { NotFoundError, ServerError } from '../../framework/errors.js';
import { DEFAULT_WAIT_TIMEOUT_MS, startWait } from '../../output/waiting.js';
import type { KsClient, Rec } from './client.js';
import { getTask, getVolume } from './resources.js';

export const WAIT_TIMEOUT_MS = DEFAULT_WAIT_TIMEOUT_MS;

export interface PollSpec<T> {
  label: string;
  /** What we wait for it to do, for the status line and the timeout: default "to settle". */
  goal?: string;
  get: () => Promise<T | undefined>;
  /** true = done; a string = failed with that reason; false = keep polling. */
  done: (value: T | undefined) => boolean | string;
  /** The state; a change of it is reported. */
  describe: (value: T | undefined) => string;
  /** Progress shown next to the state on a terminal (not a change of state). */
  detail?: (value: T | undefined) => string;
  /** Default: --wait-timeout / the profile's wait_timeout / 30 minutes. */
  timeoutMs?: number;
}

/** Delay before poll n: 0.5 s growing by half each time, at most 5 s. */
export function pollDelay(n: number): number {
  return Math.min(5000, Math.round(500 * 1.5 ** n));
}

export async function poll<T>(ctx: Context, spec: PollSpec<T>): Promise<T | undefined> {
  const w = await startWait(ctx, { label: spec.label, goal: spec.goal ?? 'to settle', ...(spec.timeoutMs !== undefined ? { timeoutMs: spec.timeoutMs } : {}) });
  try {
    for (let n = 0; ; n++) {
      const value = await w.race(spec.get());
      w.report(spec.describe(value), spec.detail?.(value) ?? '');
      const done = spec.done(value);
      if (done === true) return value;
      if (typeof done === 'string') throw new ServerError(`${spec.label} failed: ${done}`, { hint: 'see `storctl task list` and the provisioner\'s events' });
      if (w.expired()) throw w.timeout();
      await w.sleep(pollDelay(n));
    }
  } finally {
    w.stop();
  }
}

/** Task IDs known now (to tell which tasks a change starts); undefined when /tasks is not served. */
export async function taskIds(c: KsClient): Promise<Set<string> | undefined> {
  try {
    return new Set((await c.list({ path: '/tasks', action: 'cannot list tasks' })).map((t) => String(t.taskId)));
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
}

/** Tasks that appeared since `before` and concern volume `volId` (taskConfiguration.volId). */
export async function newTasksFor(c: KsClient, before: Set<string> | undefined, volId: string): Promise<Rec[]> {
  if (!before) return [];
  const all = await c.list({ path: '/tasks', action: 'cannot list tasks' });
  return all.filter((t) => !before.has(String(t.taskId)) && (t.taskConfiguration?.volId === volId || t.taskConfiguration?.volumeId === volId));
}

/** Task state/taskStatus values are unconfirmed (reference §2.8); Running/Ended and InProgress/Success/Failed are assumed. */
export function taskEnded(t: Rec): boolean {
  return t.state === 'Ended' || t.taskStatus === 'Success' || t.taskStatus === 'Failed';
}

/** Polls a task until it has ended; Failed is an error carrying its statusDescription. */
export async function waitTask(ctx: Context, c: KsClient, taskId: string, timeoutMs?: number): Promise<Rec | undefined> {
  return poll(ctx, {
    label: `task ${taskId}`,
    goal: 'to end',
    get: () => getTask(c, taskId),
    describe: (t) => (t ? `${t.state ?? '?'} ${t.taskStatus ?? ''}`.trim() : 'gone'),
    detail: (t) => (t && typeof t.progress === 'number' ? `${t.progress}%` : ''),
    done: (t) => {
      if (!t) return true; // removed by someone: nothing left to follow
      if (!taskEnded(t)) return false;
      return t.taskStatus === 'Failed' ? String(t.statusDescription || 'the task failed') : true;
    },
    ...(timeoutMs ? { timeoutMs } : {}),
  });
}

/** Every replica Available and none migrating (`migratingTo` is a simulator extra, read if present). */
export function volumeSettled(v: Rec): boolean {
  const loc: Rec[] = Array.isArray(v.location) ? v.location : [];
  return loc.every((l) => l.replicaState === 'Available' && !l.migratingTo);
}

/** Waits for the tasks a change started, then for the volume's replicas to settle. */
export async function waitVolume(
  ctx: Context,
  c: KsClient,
  uuid: string,
  opts: { tenant?: string; tasks?: Rec[]; until?: (v: Rec) => boolean; what?: string; timeoutMs?: number } = {},
): Promise<Rec | undefined> {
  for (const t of opts.tasks ?? []) await waitTask(ctx, c, String(t.taskId), opts.timeoutMs);
  const until = opts.until ?? volumeSettled;
  return poll(ctx, {
    label: opts.what ?? `volume ${uuid}`,
    get: () => getVolume(c, uuid, opts.tenant),
    describe: (v) => (v ? (Array.isArray(v.location) ? v.location.map((l: Rec) => l.replicaState).join(',') : 'present') : 'gone'),
    done: (v) => (v ? until(v) : 'the volume disappeared'),
    ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
  });
}
