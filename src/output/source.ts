// Pulling records from a list source in batches without holding more than one batch.
import type { Rec, RecordSource } from './types.js';

const LATE = Symbol('late');

export function isAsyncSource(source: RecordSource): source is AsyncIterable<Rec> {
  return typeof (source as Partial<AsyncIterable<Rec>>)[Symbol.asyncIterator] === 'function';
}

/**
 * Reads batches of up to `max` records. For async sources a batch is also handed over early
 * when its first record has waited `maxDelayMs` and the source is still busy (a slow next page),
 * so people see rows while the rest is fetched.
 */
export class BatchReader {
  private readonly sync?: Iterator<Rec>;
  private readonly async?: AsyncIterator<Rec>;
  private pending?: Promise<IteratorResult<Rec>>;
  private finished = false;

  constructor(source: RecordSource) {
    if (isAsyncSource(source)) this.async = source[Symbol.asyncIterator]();
    else this.sync = source[Symbol.iterator]();
  }

  get done(): boolean {
    return this.finished;
  }

  /** The next batch; empty only when the source is exhausted. */
  async read(max: number, maxDelayMs = 0): Promise<Rec[]> {
    const batch: Rec[] = [];
    if (this.finished) return batch;
    if (this.sync) {
      while (batch.length < max) {
        const r = this.sync.next();
        if (r.done) {
          this.finished = true;
          break;
        }
        batch.push(r.value);
      }
      return batch;
    }
    const it = this.async!;
    let timer: NodeJS.Timeout | undefined;
    let late: Promise<typeof LATE> | undefined;
    try {
      while (batch.length < max) {
        if (!this.pending) {
          this.pending = it.next();
          // A rejection while we are busy writing is re-raised by the next await, not lost.
          this.pending.catch(() => undefined);
        }
        let r: IteratorResult<Rec> | typeof LATE;
        if (batch.length > 0 && maxDelayMs > 0) {
          late ??= new Promise((resolve) => {
            timer = setTimeout(resolve, maxDelayMs, LATE);
          });
          r = await Promise.race([this.pending, late]);
          if (r === LATE) break; // keep `pending` for the next read
        } else {
          r = await this.pending;
        }
        this.pending = undefined;
        if (r.done) {
          this.finished = true;
          break;
        }
        batch.push(r.value);
      }
    } finally {
      if (timer) clearTimeout(timer);
    }
    return batch;
  }

  /** Stops the source early (closed pipe): lets a generator run its `finally` blocks. */
  close(): void {
    if (this.finished) return;
    this.finished = true;
    try {
      const r = this.async ? this.async.return?.() : this.sync?.return?.();
      if (r && typeof (r as Promise<unknown>).then === 'function') (r as Promise<unknown>).catch(() => undefined);
    } catch {
      // a source that fails while closing has nothing more to tell us
    }
  }
}

/** Every record of a source (for --sort and for formats that need the whole list). */
export async function collect(source: RecordSource): Promise<Rec[]> {
  if (Array.isArray(source)) return source as Rec[];
  const all: Rec[] = [];
  for await (const r of source) all.push(r);
  return all;
}
