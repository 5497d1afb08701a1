// MD5 off the main thread for large transfers. Hashing costs about as much CPU as moving the
// bytes, so a worker thread hashes while the main thread reads and writes: transfers stay I/O
// bound. Bytes are handed over in 1 MiB copies with at most a few MiB in flight per hash;
// small transfers (and any failure to start the worker) hash inline.
import { createHash, type Hash } from 'node:crypto';
import type { Worker } from 'node:worker_threads';

export interface Md5 {
  /** Adds bytes; returns a promise when the caller should wait (too much in flight). */
  update(chunk: Uint8Array): void | Promise<void>;
  digest(): Promise<string>;
}

/** Transfers at least this large hash in the worker. */
export const OFFLOAD_MIN = 16 * 1024 * 1024;
const BATCH = 1024 * 1024;
const WINDOW = 4;

class InlineMd5 implements Md5 {
  private readonly h: Hash = createHash('md5');
  update(chunk: Uint8Array): void {
    this.h.update(chunk);
  }
  digest(): Promise<string> {
    return Promise.resolve(this.h.digest('hex'));
  }
}

interface Waiter {
  onAck(): void;
  onDigest(hex: string): void;
  onError(err: Error): void;
}

let workerP: Promise<Worker | undefined> | undefined;
const waiters = new Map<number, Waiter>();
let nextId = 1;

/** The worker never holds the process open; a wait on it does, for as long as it lasts. */
function keepAlive<T>(p: Promise<T>): Promise<T> {
  const t = setInterval(() => {}, 1 << 30);
  return p.finally(() => clearInterval(t));
}

function worker(): Promise<Worker | undefined> {
  return (workerP ??= (async () => {
    try {
      const { Worker } = await import('node:worker_threads');
      const w = new Worker(new URL('./md5-worker.js', import.meta.url));
      w.on('message', (m: { id: number; ack?: boolean; hex?: string }) => {
        const waiter = waiters.get(m.id);
        if (m.ack) waiter?.onAck();
        if (m.hex !== undefined) waiter?.onDigest(m.hex);
      });
      const fail = (err: Error) => {
        workerP = Promise.resolve(undefined);
        for (const waiter of waiters.values()) waiter.onError(err);
        waiters.clear();
      };
      w.on('error', fail);
      w.on('exit', (code) => {
        if (waiters.size) fail(new Error(`the MD5 worker exited (${code})`));
      });
      w.unref();
      return w;
    } catch {
      return undefined;
    }
  })());
}

class WorkerMd5 implements Md5 {
  private readonly id = nextId++;
  private readonly staging = Buffer.allocUnsafe(BATCH);
  private used = 0;
  private inflight = 0;
  private wake?: () => void;
  private done?: { resolve(hex: string): void; reject(err: Error): void };
  private error?: Error;

  constructor(private readonly w: Worker) {
    waiters.set(this.id, {
      onAck: () => {
        this.inflight--;
        this.release();
      },
      onDigest: (hex) => {
        this.close();
        this.done?.resolve(hex);
      },
      onError: (err) => {
        this.error = err;
        this.close();
        this.release();
        this.done?.reject(err);
      },
    });
  }

  private release(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private close(): void {
    waiters.delete(this.id);
  }

  update(chunk: Uint8Array): void | Promise<void> {
    if (this.error) throw this.error;
    let off = 0;
    while (off < chunk.length) {
      const n = Math.min(BATCH - this.used, chunk.length - off);
      this.staging.set(chunk.subarray(off, off + n), this.used);
      this.used += n;
      off += n;
      if (this.used === BATCH) this.flush();
    }
    if (this.inflight >= WINDOW) return keepAlive(new Promise<void>((resolve) => (this.wake = resolve)));
  }

  private flush(): void {
    if (this.used === 0) return;
    // postMessage copies the bytes (structured clone): the staging buffer is ours again at once.
    this.w.postMessage({ id: this.id, data: this.staging.subarray(0, this.used) });
    this.inflight++;
    this.used = 0;
  }

  digest(): Promise<string> {
    if (this.error) return Promise.reject(this.error);
    this.flush();
    return keepAlive(
      new Promise<string>((resolve, reject) => {
        this.done = { resolve, reject };
        this.w.postMessage({ id: this.id, end: true });
      }),
    );
  }
}

/** An MD5 for a transfer of about `size` bytes (unknown: inline). */
export async function md5For(size: number | undefined): Promise<Md5> {
  if (size === undefined || size < OFFLOAD_MIN) return new InlineMd5();
  const w = await worker();
  return w ? new WorkerMd5(w) : new InlineMd5();
}

/** Passes chunks through, hashing them (maybe in the worker) and reporting their sizes. */
export async function* hashed(source: AsyncIterable<Uint8Array>, md5: Md5, onBytes?: (n: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    const wait = md5.update(chunk);
    if (wait) await wait;
    onBytes?.(chunk.length);
    yield chunk;
  }
}
