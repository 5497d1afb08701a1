// Bounded concurrency: a semaphore shared by everything that opens a transfer, and a worker
// pool over an (async) iterable that never reads ahead more than it runs.

export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

/**
 * Runs `fn` over the items with at most `n` at a time. The first failure stops new work and is
 * thrown once running work has settled.
 */
export async function eachLimit<T>(items: Iterable<T> | AsyncIterable<T>, n: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  const it = (Symbol.asyncIterator in (items as object) ? (items as AsyncIterable<T>)[Symbol.asyncIterator]() : (items as Iterable<T>)[Symbol.iterator]()) as
    | AsyncIterator<T>
    | Iterator<T>;
  let index = 0;
  let failed: { err: unknown } | undefined;
  let reading: Promise<unknown> = Promise.resolve();
  const next = async (): Promise<{ item: T; i: number } | undefined> => {
    // Serialise pulls from the iterator (async generators are not re-entrant).
    const p = reading.then(async () => {
      if (failed) return undefined;
      const r = await it.next();
      if (r.done) return undefined;
      return { item: r.value, i: index++ };
    });
    reading = p.catch(() => {});
    return p;
  };
  const worker = async () => {
    for (;;) {
      const job = await next();
      if (!job) return;
      try {
        await fn(job.item, job.i);
      } catch (err) {
        failed ??= { err };
        return;
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, n) }, worker);
  const results = await Promise.allSettled(workers);
  for (const r of results) if (r.status === 'rejected') failed ??= { err: r.reason };
  if (failed) {
    await (it as AsyncIterator<T>).return?.();
    throw failed.err;
  }
}
