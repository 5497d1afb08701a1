// What every --wait loop shares: the budget (--wait-timeout DURATION, profile `wait_timeout`,
// default 30m), the deadline, and the status people see while waiting:
//  - stderr is a terminal: ONE line, redrawn in place (`\r` + clear line): spinner, what we wait
//    for, the last state, elapsed time; cleared when the wait ends;
//  - otherwise (logs, CI): a plain line per state change, from the first second on (a wait that
//    settles within a second prints nothing, so quick scripted waits stay quiet).
// Past the deadline a wait ends in a NetworkError (exit 6):
//   timed out after 2m waiting for volume X to become available (last status: creating); raise --wait-timeout or check the server
// Server-supplied states pass through `inert` before they reach the terminal.
import type { Context } from '../framework/context.js';
import { NetworkError, UsageError } from '../framework/errors.js';
import { inert } from './inert.js';

export const DEFAULT_WAIT_TIMEOUT_MS = 30 * 60_000;
/** Non-terminal status lines start once a wait has lasted this long. */
export const QUIET_MS = 1000;
/** A poll that is still out when the deadline passes gets this long before we give up on it. */
const LAST_POLL_GRACE_MS = 2000;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * "90s", "10m", "1h", "1h30m", "2.5m", "500ms", or a plain number of seconds, as milliseconds.
 * Undefined when the text is not a positive duration.
 */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value * 1000 : undefined;
  if (typeof value !== 'string') return undefined;
  const s = value.trim().toLowerCase();
  if (s === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) > 0 ? Number(s) * 1000 : undefined;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
  let total = 0;
  let end = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    end = re.lastIndex;
  }
  return end === s.length && total > 0 ? total : undefined;
}

/** 120000 → "2m", 90000 → "1m30s", 3600000 → "1h", 1500 → "1.5s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return String(ms);
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${Math.round(ms / 100) / 10}s`;
  let secs = Math.round(ms / 1000);
  const h = Math.floor(secs / 3600);
  secs -= h * 3600;
  const m = Math.floor(secs / 60);
  secs -= m * 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${secs ? `${secs}s` : ''}` || '0s';
}

/** The wait budget of this command: --wait-timeout, else the profile's wait_timeout, else 30m. */
export async function waitBudgetMs(ctx: Context): Promise<number> {
  let raw: unknown = ctx.globals?.waitTimeout;
  if (raw === undefined && typeof ctx.profile === 'function') {
    try {
      raw = (await ctx.profile()).get<unknown>('wait_timeout');
    } catch {
      raw = undefined; // no profile: the default
    }
  }
  if (raw === undefined || raw === null || raw === '') return DEFAULT_WAIT_TIMEOUT_MS;
  const ms = parseDuration(raw);
  if (ms === undefined) {
    throw new UsageError(`--wait-timeout / wait_timeout wants a duration such as 90s, 10m or 1h (a plain number is seconds), not "${inert(String(raw))}"`);
  }
  return ms;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export interface WaitOptions {
  /** "volume 5c1e… (db-1)". */
  label: string;
  /** "to become available", "to be gone", "to finish". */
  goal: string;
  /** Overrides the command's budget (tests). */
  timeoutMs?: number;
}

/** One --wait: deadline, sleeping, status line, and the timeout error. */
export class Waiter {
  private readonly started = Date.now();
  private readonly deadline: number;
  private readonly tty: boolean;
  private readonly out: NodeJS.WritableStream;
  private timer?: NodeJS.Timeout;
  private frame = 0;
  private lastState: string | undefined;
  private detail = '';
  private printedState: string | undefined;
  private drawn = false;

  constructor(
    private readonly ctx: Context,
    private readonly opts: WaitOptions,
    readonly budgetMs: number,
  ) {
    this.deadline = this.started + budgetMs;
    this.out = ctx.io.stderr;
    this.tty = !!ctx.io.stderr.isTTY || ctx.interactive === true;
    if (this.tty) {
      this.draw();
      this.timer = setInterval(() => this.draw(), 100);
      this.timer.unref();
    }
  }

  /** What we are waiting for: "volume X to become available". */
  get what(): string {
    return `${this.opts.label} ${this.opts.goal}`;
  }

  elapsedMs(): number {
    return Date.now() - this.started;
  }

  remainingMs(): number {
    return this.deadline - Date.now();
  }

  expired(): boolean {
    return this.remainingMs() <= 0;
  }

  /**
   * The current state (server text; made inert here). `detail` (progress, byte counts) shows on
   * the terminal line but does not count as a change for the per-change lines.
   */
  report(state: string, detail = ''): void {
    const s = inert(state);
    const changed = s !== this.lastState;
    this.lastState = s;
    this.detail = inert(detail);
    if (changed) this.ctx.debug?.(`waiting for ${this.what}: ${s}`);
    if (this.tty) {
      this.draw();
      return;
    }
    if (s !== this.printedState && this.elapsedMs() >= QUIET_MS) {
      this.printedState = s;
      this.write(`storctl: waiting for ${inert(this.what)}: ${s}${this.detail ? ` ${this.detail}` : ''} (${formatDuration(this.elapsedMs())})\n`);
    }
  }

  /**
   * Sleeps `ms`, but never past the deadline; throws the timeout when no time is left (after
   * at least one poll, so the error can name the last status).
   */
  async sleep(ms: number): Promise<void> {
    const left = this.remainingMs();
    if (left <= 0) {
      if (this.lastState === undefined) return;
      throw this.timeout();
    }
    await abortableSleep(Math.min(ms, left), this.ctx.signal);
  }

  /** A poll, bounded by the deadline (plus a short grace for the one in flight at the end). */
  async race<T>(p: Promise<T>): Promise<T> {
    const limit = Math.max(this.remainingMs(), LAST_POLL_GRACE_MS);
    let t: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      t = setTimeout(() => reject(this.timeout()), limit);
      t.unref?.();
    });
    try {
      return await Promise.race([p, timedOut]);
    } finally {
      clearTimeout(t);
    }
  }

  /** The error for a wait that ran out of time (exit 6). */
  timeout(): NetworkError {
    return new NetworkError(
      `timed out after ${formatDuration(this.budgetMs)} waiting for ${this.what}${this.lastState !== undefined ? ` (last status: ${this.lastState})` : ''}`,
      {
        hint: 'raise --wait-timeout or check the server',
        details: { wait_timeout_seconds: this.budgetMs / 1000, ...(this.lastState !== undefined ? { last_status: this.lastState } : {}) },
      },
    );
  }

  /** Clears the terminal line. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.tty && this.drawn) this.write('\r\x1b[2K');
    this.drawn = false;
  }

  private draw(): void {
    const secs = Math.floor(this.elapsedMs() / 1000);
    const state = this.lastState !== undefined ? `: ${this.lastState}${this.detail ? ` ${this.detail}` : ''}` : '';
    let line = `${FRAMES[this.frame++ % FRAMES.length]} waiting for ${inert(this.what)}${state} (${secs}s)`;
    const width = (this.out as { columns?: number }).columns;
    if (width && width > 10 && line.length > width - 1) line = line.slice(0, width - 2) + '…';
    this.write(`\r\x1b[2K${line}`);
    this.drawn = true;
  }

  private write(text: string): void {
    try {
      this.out.write(text);
    } catch {
      // a closed stderr must not end the wait
    }
  }
}

/** Starts a wait with this command's budget (see waitBudgetMs). */
export async function startWait(ctx: Context, opts: WaitOptions): Promise<Waiter> {
  const budget = opts.timeoutMs ?? (await waitBudgetMs(ctx));
  return new Waiter(ctx, opts, budget);
}

function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
