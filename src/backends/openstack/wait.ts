// --wait: poll a resource with backoff until it reaches a final state. The budget
// (--wait-timeout / wait_timeout), the status line and the timeout error (exit 6) are shared by
// every wait loop (output/waiting.ts). Ending in an error state is a ServerError carrying the
// server's own reason.
import type { Context } from '../../framework/context.js';
import { ServerError, StorctlError } from '../../framework/errors.js';
import { startWait } from '../../output/waiting.js';

export interface WaitSpec<T> {
  /** "volume 5c1e… (db-1)": what the spinner and errors call it. */
  label: string;
  /** The current state; undefined once the resource is gone. */
  poll: () => Promise<T | undefined>;
  status: (r: T) => string;
  /** Success: these statuses, or "gone" (deletes). */
  until: readonly string[] | 'gone';
  /** A failed end state. Default: any status containing "error". */
  failed?: (status: string) => boolean;
  /** The server's explanation of a failure. */
  fault?: (r: T) => Promise<string | undefined>;
  /** Default: --wait-timeout / the profile's wait_timeout / 30 minutes. */
  timeoutMs?: number;
  /** A hint for a failure (e.g. the command that shows more). */
  hint?: string;
}

export interface Backoff {
  firstMs: number;
  factor: number;
  maxMs: number;
}

export const BACKOFF: Backoff = { firstMs: 250, factor: 1.5, maxMs: 5000 };

/** The delay before poll number `n` (0-based). */
export function backoffDelay(n: number, b: Backoff = BACKOFF): number {
  return Math.min(b.maxMs, Math.round(b.firstMs * b.factor ** n));
}

/** "to become available", "to become available or in-use", "to be gone". */
function goalOf(until: readonly string[] | 'gone'): string {
  return until === 'gone' ? 'to be gone' : `to become ${until.join(' or ')}`;
}

/** Polls until done. Returns the final record (undefined when waiting for it to be gone). */
export async function waitFor<T>(ctx: Context, spec: WaitSpec<T>): Promise<T | undefined> {
  const failed = spec.failed ?? ((s: string) => /error/i.test(s));
  const w = await startWait(ctx, { label: spec.label, goal: goalOf(spec.until), ...(spec.timeoutMs !== undefined ? { timeoutMs: spec.timeoutMs } : {}) });
  try {
    for (let n = 0; ; n++) {
      await w.sleep(backoffDelay(n));
      const r = await w.race(spec.poll());
      if (r === undefined) {
        if (spec.until === 'gone') return undefined;
        throw new StorctlError(`${spec.label} disappeared while waiting for it`);
      }
      const status = String(spec.status(r));
      w.report(status);
      if (spec.until !== 'gone' && spec.until.includes(status)) return r;
      if (failed(status)) {
        const reason = await spec.fault?.(r).catch(() => undefined);
        throw new ServerError(`${spec.label} ended in status ${status}${reason ? `: ${reason}` : ''}`, {
          ...(spec.hint ? { hint: spec.hint } : {}),
          details: { status },
        });
      }
      if (w.expired()) throw w.timeout();
    }
  } finally {
    w.stop();
  }
}
