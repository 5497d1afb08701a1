// --wait: poll a resource with backoff until it reaches a final state, with a spinner on a
// terminal (stderr, only when the context is interactive). Ending in an error state is a
// ServerError carrying the server's own reason.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Context } from '../../framework/context.js';
import { ServerError, StorctlError } from '../../framework/errors.js';

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
  /** Default 30 minutes. */
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

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

class Spinner {
  private timer?: NodeJS.Timeout;
  private frame = 0;
  private text = '';
  private readonly started = Date.now();

  constructor(private readonly out: NodeJS.WritableStream) {}

  start(text: string): void {
    this.text = text;
    this.draw();
    this.timer = setInterval(() => this.draw(), 100);
    this.timer.unref();
  }

  update(text: string): void {
    this.text = text;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.out.write('\r\x1b[2K');
  }

  private draw(): void {
    const secs = Math.floor((Date.now() - this.started) / 1000);
    this.out.write(`\r\x1b[2K${FRAMES[this.frame++ % FRAMES.length]} ${this.text} (${secs}s)`);
  }
}

/** Polls until done. Returns the final record (undefined when waiting for it to be gone). */
export async function waitFor<T>(ctx: Context, spec: WaitSpec<T>): Promise<T | undefined> {
  const failed = spec.failed ?? ((s: string) => /error/i.test(s));
  const deadline = Date.now() + (spec.timeoutMs ?? 30 * 60_000);
  const spinner = ctx.interactive ? new Spinner(ctx.io.stderr) : undefined;
  spinner?.start(`waiting for ${spec.label}`);
  let last = '';
  try {
    for (let n = 0; ; n++) {
      await sleep(backoffDelay(n), undefined, { signal: ctx.signal });
      const r = await spec.poll();
      if (r === undefined) {
        if (spec.until === 'gone') return undefined;
        throw new StorctlError(`${spec.label} disappeared while waiting for it`);
      }
      const status = spec.status(r);
      if (status !== last) {
        ctx.debug(`${spec.label}: ${status}`);
        last = status;
      }
      spinner?.update(`waiting for ${spec.label}: ${status}`);
      if (spec.until !== 'gone' && spec.until.includes(status)) return r;
      if (failed(status)) {
        const reason = await spec.fault?.(r).catch(() => undefined);
        throw new ServerError(`${spec.label} ended in status ${status}${reason ? `: ${reason}` : ''}`, {
          ...(spec.hint ? { hint: spec.hint } : {}),
          details: { status },
        });
      }
      if (Date.now() > deadline) {
        throw new StorctlError(`gave up waiting for ${spec.label}: still ${status} after ${Math.round((spec.timeoutMs ?? 30 * 60_000) / 60_000)} min`, {
          ...(spec.hint ? { hint: spec.hint } : {}),
        });
      }
    }
  } finally {
    spinner?.stop();
  }
}
