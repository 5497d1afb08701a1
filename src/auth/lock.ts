// A cross-process lock on a file created with O_EXCL: twenty CI jobs that start with an empty
// cache queue here, and all but the first find a fresh token when they get the lock.
//
// The file says who holds it (pid, host name, boot id, the process's start time), so a lock
// left by a process that is gone (kill -9, a crash, a reboot) is taken over at once instead of
// after a silent wait: same host and boot and no such pid (or the pid now belongs to a process
// that started later) means gone; another boot id on the same host means gone. A live holder
// is waited for, saying so once on stderr after 2 s, for at most 30 s; then the command goes on
// without the lock (a second login is harmless, a hung command is not). Locks from other hosts
// (a shared home) or with content we cannot read keep the age rule: older than 20 s is stale.
// A process that exits while holding a lock (SIGTERM, a second ^C) removes it on the way out.
import { open, readFile, rm, stat, mkdir } from 'node:fs/promises';
import { readFileSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';

const STALE_MS = 20_000;
const WAIT_MS = 30_000;
const TELL_AFTER_MS = 2_000;

export interface LockOwner {
  pid: number;
  host: string;
  boot?: string;
  /** Start time of the process (field 22 of /proc/PID/stat), to notice a reused pid. */
  start?: string;
  nonce?: string;
}

export interface LockOptions {
  /** Debug notes (takeovers, giving up). */
  note?: (m: string) => void;
  /** Called once when a live holder has been waited for `tellAfterMs`. */
  waiting?: (owner: LockOwner | undefined) => void;
  /** Stop waiting (^C): the function then runs without the lock only if not aborted. */
  signal?: AbortSignal;
  waitMs?: number;
  tellAfterMs?: number;
  staleMs?: number;
}

/** Locks this process holds: path → nonce written in it. */
const held = new Map<string, string>();
let exitHookInstalled = false;

function releaseAllSync() {
  for (const [path, nonce] of held) {
    try {
      if (parseOwner(readFileSync(path, 'utf8'))?.nonce === nonce) rmSync(path, { force: true });
    } catch {
      // gone already
    }
  }
  held.clear();
}

let bootIdCache: string | null | undefined;
export function bootId(): string | undefined {
  if (bootIdCache === undefined) {
    try {
      bootIdCache = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
    } catch {
      bootIdCache = null;
    }
  }
  return bootIdCache ?? undefined;
}

/** Field 22 (starttime) of /proc/PID/stat, or undefined where there is no /proc. */
export function processStart(pid: number): string | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return fields[19] || undefined; // fields[0] is field 3 (state)
  } catch {
    return undefined;
  }
}

export function parseOwner(text: string): LockOwner | undefined {
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    if (!o || typeof o !== 'object' || !Number.isInteger(o.pid) || (o.pid as number) <= 0 || typeof o.host !== 'string' || o.host === '') return undefined;
    return {
      pid: o.pid as number,
      host: o.host,
      boot: typeof o.boot === 'string' ? o.boot : undefined,
      start: typeof o.start === 'string' ? o.start : undefined,
      nonce: typeof o.nonce === 'string' ? o.nonce : undefined,
    };
  } catch {
    return undefined;
  }
}

/**
 * 'gone' when the owner certainly no longer runs, 'alive' when it (probably) does, 'unknown'
 * when this host cannot tell (another host).
 */
export function ownerState(owner: LockOwner): 'gone' | 'alive' | 'unknown' {
  if (owner.host !== hostname()) return 'unknown';
  const boot = bootId();
  if (owner.boot && boot && owner.boot !== boot) return 'gone';
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return 'gone';
    // EPERM: someone else's process; it exists
  }
  if (owner.start && owner.pid !== process.pid) {
    const now = processStart(owner.pid);
    if (now && now !== owner.start) return 'gone'; // the pid was reused
  }
  return 'alive';
}

function describeOwner(owner: LockOwner) {
  return `pid ${owner.pid}${owner.host !== hostname() ? ` on ${owner.host}` : ''}`;
}

export async function withFileLock<T>(path: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const note = opts.note ?? (() => {});
  const waitMs = opts.waitMs ?? WAIT_MS;
  const tellAfter = opts.tellAfterMs ?? TELL_AFTER_MS;
  const staleMs = opts.staleMs ?? STALE_MS;
  const dir = path.slice(0, path.lastIndexOf('/'));
  const nonce = randomBytes(8).toString('hex');
  const started = Date.now();
  let mine = false;
  let told = false;
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    note(`cannot create the lock directory ${dir} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); going on without the lock`);
    return fn();
  }
  while (!mine) {
    if (opts.signal?.aborted) throw opts.signal.reason;
    let created = false;
    try {
      const fh = await open(path, 'wx', 0o600);
      created = true;
      held.set(path, nonce);
      if (!exitHookInstalled) {
        exitHookInstalled = true;
        process.on('exit', releaseAllSync);
      }
      const me: LockOwner = { pid: process.pid, host: hostname(), boot: bootId(), start: processStart(process.pid), nonce };
      try {
        await fh.writeFile(JSON.stringify(me) + '\n');
      } finally {
        await fh.close();
      }
      mine = true;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        // Not writable, a file where the directory should be, disk full: a lock is an
        // optimisation, so the command goes on without it.
        if (created) {
          held.delete(path);
          await rm(path, { force: true }).catch(() => {});
        }
        note(`cannot take the lock ${path} (${code ?? (err as Error).message}); going on without it`);
        break;
      }
      const text = await readText(path);
      if (text === undefined) continue; // released between open and read: try again at once
      const owner = parseOwner(text);
      const state = owner ? ownerState(owner) : 'unknown';
      const waited = Date.now() - started;
      if (state === 'gone' && waited <= waitMs) {
        note(`taking over the lock ${path}: its holder (${describeOwner(owner!)}) is gone`);
        if (await removeIfUnchanged(path, text)) continue;
      }
      if (state === 'unknown' && waited <= waitMs) {
        const age = await stat(path).then((s) => Date.now() - s.mtimeMs, () => 0);
        if (age > staleMs) {
          note(`removing a stale lock ${path} (${Math.round(age / 1000)} s old${owner ? `, held by ${describeOwner(owner)}` : ''})`);
          if (await removeIfUnchanged(path, text)) continue;
        }
      }
      if (!told && waited >= tellAfter) {
        told = true;
        opts.waiting?.(owner);
      }
      if (waited > waitMs) {
        note(`lock ${path} still held${owner ? ` by ${describeOwner(owner)}` : ''} after ${Math.round(waitMs / 1000)} s; going on without it`);
        break;
      }
      await sleep(20 + Math.random() * 60, opts.signal);
    }
  }
  try {
    return await fn();
  } finally {
    if (mine) {
      held.delete(path);
      const still = await readFile(path, 'utf8').catch(() => undefined);
      if (still !== undefined && parseOwner(still)?.nonce === nonce) await rm(path, { force: true });
    }
  }
}

/** The lock's content; undefined when it is gone; '' when it cannot be read (judged by age). */
async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : '';
  }
}

/**
 * Removes a lock judged stale, unless it changed since it was read (another waiter took it
 * over meanwhile). False when it could not be removed (not ours to delete): then it is waited
 * for like a live one, within the bound.
 */
async function removeIfUnchanged(path: string, judged: string): Promise<boolean> {
  const now = await readText(path);
  if (now === undefined) return true;
  if (now !== judged) return true; // someone else's fresh lock: look at it again
  try {
    await rm(path, { force: true });
    return true;
  } catch {
    return false;
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
