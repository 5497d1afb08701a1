// The bounds every HTTP request runs under, in one place:
// - an API request (JSON, listings, HEAD, auth) has an overall deadline (--timeout, default 60 s);
// - a data transfer has no deadline but a low-speed rule like curl's --speed-limit/--speed-time:
//   fewer than `bytesPerSec` for `windowMs` is a stall.
// Each bound is a plain setTimeout/setInterval owned by the watchdog and aborting our own
// AbortController. That matters on Node 20: an AbortSignal.timeout() combined through
// AbortSignal.any() can be garbage-collected before it fires (nodejs/node#57736), and then
// nothing ends a hung request. Timers held by the event loop cannot be collected.
import { NetworkError } from '../framework/errors.js';

export interface LowSpeedRule {
  /** Bytes per second below which a transfer is slow. 0 turns the rule off. */
  bytesPerSec: number;
  /** How long a transfer may stay slow before it counts as stalled. */
  windowMs: number;
}

export const DEFAULT_LOW_SPEED: LowSpeedRule = { bytesPerSec: 1024, windowMs: 30_000 };

/** Why a watchdog ended a request; the transport maps it to a one-line NetworkError. */
export class WatchdogAbort extends Error {
  constructor(
    readonly reason: 'deadline' | 'stall',
    readonly limitMs: number,
  ) {
    super(reason === 'deadline' ? `deadline of ${limitMs} ms passed` : `stalled for ${limitMs} ms`);
    this.name = 'WatchdogAbort';
  }
}

export class Watchdog {
  readonly controller = new AbortController();
  private deadlineTimer: NodeJS.Timeout | undefined;
  private ticker: NodeJS.Timeout | undefined;
  private readonly unlink: (() => void)[] = [];
  /** Bytes moved per one-second slot, newest last: the sliding window of the low-speed rule. */
  private slots: number[] = [];
  private current = 0;
  private paused: () => boolean = () => false;
  /** A streamed response now owns the watchdog: its end stops it, not the request's. */
  handedOver = false;

  constructor(parents: readonly (AbortSignal | undefined)[]) {
    for (const parent of parents) {
      if (!parent) continue;
      if (parent.aborted) {
        this.controller.abort(parent.reason);
        continue;
      }
      const forward = () => this.controller.abort(parent.reason);
      parent.addEventListener('abort', forward, { once: true });
      this.unlink.push(() => parent.removeEventListener('abort', forward));
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Aborts at `ms` from now unless stopped first. */
  deadline(ms: number): this {
    if (ms > 0) this.deadlineTimer = setTimeout(() => this.controller.abort(new WatchdogAbort('deadline', ms)), ms);
    return this;
  }

  /**
   * Starts the low-speed rule. `paused()` says the consumer is not reading (its buffer is
   * full): time spent waiting on our own side is not the server's slowness.
   */
  lowSpeed(rule: LowSpeedRule, paused?: () => boolean): this {
    if (rule.bytesPerSec <= 0 || rule.windowMs <= 0) return this;
    if (paused) this.paused = paused;
    const slotsWanted = Math.max(1, Math.ceil(rule.windowMs / 1000));
    const need = (rule.bytesPerSec * rule.windowMs) / 1000;
    this.ticker = setInterval(() => {
      if (this.paused()) {
        this.slots = [];
        this.current = 0;
        return;
      }
      this.slots.push(this.current);
      this.current = 0;
      if (this.slots.length > slotsWanted) this.slots.shift();
      if (this.slots.length < slotsWanted) return;
      const moved = this.slots.reduce((a, b) => a + b, 0);
      if (moved < need) this.controller.abort(new WatchdogAbort('stall', rule.windowMs));
    }, Math.min(1000, rule.windowMs));
    // Still held by the timer list (no GC risk); unref so an abandoned body cannot keep the process up.
    this.ticker.unref();
    return this;
  }

  /** Counts bytes sent or received for the low-speed rule. */
  progress(bytes: number): void {
    this.current += bytes;
  }

  /** Lets a streamed body's consumer say when it is the slow side. */
  setPaused(paused: () => boolean): void {
    this.paused = paused;
  }

  /** No deadline from here on (a streamed response hands over to the low-speed rule). */
  clearDeadline(): void {
    if (this.deadlineTimer) clearTimeout(this.deadlineTimer);
    this.deadlineTimer = undefined;
  }

  stop(): void {
    this.clearDeadline();
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
    for (const u of this.unlink.splice(0)) u();
  }
}

/** The one-line error a watchdog abort becomes. */
export function watchdogError(abort: WatchdogAbort, origin: string, rule: LowSpeedRule): NetworkError {
  if (abort.reason === 'deadline') {
    return new NetworkError(`timed out after ${fmtSeconds(abort.limitMs)} waiting for ${origin}`, {
      hint: 'check that the server is up, or raise --timeout SECONDS (profile: timeout; 0 = no limit)',
      details: { code: 'ETIMEDOUT' },
    });
  }
  return new NetworkError(`stalled: ${origin} sent or took fewer than ${rule.bytesPerSec} bytes/s for ${fmtSeconds(rule.windowMs)}`, {
    hint: 'check the network and the server; the profile settings low_speed_limit and low_speed_time set the rule',
    details: { code: 'ESTALLED' },
  });
}

function fmtSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}
