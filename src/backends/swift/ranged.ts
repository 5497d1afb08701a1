// Parallel ranged GETs of one plain object into a file. Swift serves each range from its own
// connection (and proxy/object-server greenthread), so two or more streams keep the server
// busy where one leaves it waiting on the client. The whole object must still hash to its
// ETag, and MD5 runs in order: the part at the hash cursor is hashed as it arrives, and parts
// that finish ahead of the cursor are hashed by reading them back from the file (page cache)
// once the cursor reaches them, so nothing is held in memory beyond the write-behind batches.
// Every range carries If-Match: a replaced object fails with 412 instead of mixing versions.
import { createHash, type Hash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { ConflictError, NetworkError, StorctlError } from '../../framework/errors.js';
import type { SwiftClient } from './client.js';
import { withRetries } from './client.js';
import { IntegrityError } from './errors.js';
import { PositionalWriter } from './file-writer.js';
import { eachLimit, type Limiter } from './pool.js';
import type { Progress } from './progress.js';

const MiB = 1024 * 1024;
/** Plain objects from this size on are fetched as parallel ranges. */
export const RANGED_MIN = 64 * MiB;
const MIN_PART = 32 * MiB;
const READ_BACK = MiB;
const RESUME_HINT = 'run the same command again: it resumes from the bytes already on disk';

export interface RangedOptions {
  /** Ranges in flight for this object. */
  connections: number;
  progress: Progress;
  limiter: Limiter;
}

interface Part {
  index: number;
  offset: number;
  length: number;
  /** Bytes received (and queued for writing) from `offset`. */
  received: number;
  /** Bytes of this part already fed to the MD5. */
  hashed: number;
  done: boolean;
}

/** The server ignored Range (answered 200): the caller falls back to one plain GET. */
export class RangeIgnored extends Error {}

/** Splits `size` bytes into parts: a few per connection, so a slow stream does not hold up the end. */
export function planParts(size: number, connections: number): Part[] {
  const target = Math.max(MIN_PART, Math.ceil(size / (Math.max(1, connections) * 4) / MiB) * MiB);
  const parts: Part[] = [];
  for (let offset = 0, index = 0; offset < size; offset += target, index++) {
    parts.push({ index, offset, length: Math.min(target, size - offset), received: 0, hashed: 0, done: false });
  }
  return parts;
}

/** MD5 over parts that complete out of order (see the file comment). */
class OrderedMd5 {
  private readonly hash: Hash = createHash('md5');
  private cursor = 0;
  private chain: Promise<void> = Promise.resolve();
  private failure: { err: unknown } | undefined;
  private readonly buf = Buffer.allocUnsafe(READ_BACK);

  constructor(
    private readonly parts: Part[],
    private readonly fh: FileHandle,
  ) {}

  /** Hashes a chunk as it arrives when its part is at the cursor and nothing before it is missing. */
  live(p: Part, chunk: Buffer): void {
    if (this.cursor === p.index && p.hashed === p.received) {
      this.hash.update(chunk);
      p.hashed += chunk.length;
    }
  }

  /** A part is on disk: move the cursor over every finished part, reading back what was not hashed live. */
  finished(p: Part): void {
    p.done = true;
    this.chain = this.chain.then(() => this.advance());
  }

  /** The read-back error, if checking a finished part failed. */
  get error(): unknown {
    return this.failure?.err;
  }

  check(): void {
    if (this.failure) throw this.failure.err;
  }

  async digest(): Promise<string> {
    await this.chain;
    this.check();
    if (this.cursor !== this.parts.length) throw new Error(`internal: MD5 stopped at part ${this.cursor} of ${this.parts.length}`);
    return this.hash.digest('hex');
  }

  private async advance(): Promise<void> {
    if (this.failure) return;
    try {
      while (this.cursor < this.parts.length && this.parts[this.cursor]!.done) {
        const p = this.parts[this.cursor]!;
        while (p.hashed < p.length) {
          const want = Math.min(this.buf.length, p.length - p.hashed);
          const { bytesRead } = await this.fh.read(this.buf, 0, want, p.offset + p.hashed);
          if (bytesRead === 0) throw new Error(`the partial file ended at byte ${p.offset + p.hashed} while checking it`);
          this.hash.update(this.buf.subarray(0, bytesRead));
          p.hashed += bytesRead;
        }
        this.cursor++;
      }
    } catch (err) {
      this.failure = { err };
    }
  }
}

/**
 * Downloads `size` bytes of a plain object into `fh` (opened for reading and writing) as
 * parallel ranges and returns their MD5. On failure the file is cut back to the bytes that
 * arrived without a gap from the start, so a later run can resume from there.
 */
export async function rangedToFile(
  swift: SwiftClient,
  container: string,
  name: string,
  fh: FileHandle,
  size: number,
  etag: string,
  opts: RangedOptions,
): Promise<{ md5: string; headers: Record<string, string> }> {
  const parts = planParts(size, opts.connections);
  const md5 = new OrderedMd5(parts, fh);
  const seen: { headers?: Record<string, string> } = {};
  swift.ctx.debug(`fetching "${container}/${name}" as ${parts.length} ranges, ${opts.connections} at a time`);
  try {
    await eachLimit(parts, opts.connections, (p) => withRetries(swift, () => opts.limiter.run(() => fetchPart(swift, container, name, fh, size, etag, p, md5, opts.progress, seen))));
    return { md5: await md5.digest(), headers: seen.headers ?? {} };
  } catch (err) {
    opts.progress.sub(parts.reduce((a, p) => a + p.received, 0));
    await fh.truncate(contiguousPrefix(parts)).catch(() => {});
    throw err;
  }
}

/** Bytes on disk without a gap from the start of the object. */
function contiguousPrefix(parts: Part[]): number {
  let n = 0;
  for (const p of parts) {
    n += p.received;
    if (!p.done) break;
  }
  return n;
}

async function fetchPart(
  swift: SwiftClient,
  container: string,
  name: string,
  fh: FileHandle,
  size: number,
  etag: string,
  p: Part,
  md5: OrderedMd5,
  progress: Progress,
  seen: { headers?: Record<string, string> },
): Promise<void> {
  const start = p.offset + p.received;
  const end = p.offset + p.length - 1;
  if (start > end) return md5.finished(p);
  const res = await swift.request({ method: 'GET', container, object: name, headers: { range: `bytes=${start}-${end}`, 'if-match': `"${etag}"` }, stream: true, accept: [412], op: 'download' });
  const stream = res.stream as Readable;
  if (res.status === 412) {
    discard(stream);
    throw new ConflictError(`"${container}/${name}" changed while it was being downloaded (its ETag is no longer ${etag}); nothing was kept`, { hint: 'run the same command again to download the new version', details: { status: 412 } });
  }
  if (res.status !== 206) {
    discard(stream);
    throw new RangeIgnored(`HTTP ${res.status} to a range request`);
  }
  const cr = res.headers['content-range'];
  if (cr !== `bytes ${start}-${end}/${size}`) {
    discard(stream);
    throw new IntegrityError(`"${container}/${name}": asked for bytes ${start}-${end} of ${size}, got ${cr ?? 'no Content-Range'}`, { hint: 'the object changed while it was being downloaded; run the same command again' });
  }
  seen.headers ??= res.headers;
  const writer = new PositionalWriter(fh, start);
  try {
    for await (const chunk of stream) {
      const b = chunk as Buffer;
      if (p.received + b.length > p.length) throw new IntegrityError(`"${container}/${name}": the range from byte ${start} is longer than asked for`);
      md5.live(p, b);
      p.received += b.length;
      progress.add(b.length);
      const wait = writer.write(b);
      if (wait) await wait;
      md5.check();
    }
    await writer.close();
  } catch (err) {
    discard(stream);
    await writer.settle();
    if (writer.error !== undefined) throw writer.error;
    if (md5.error !== undefined) throw md5.error;
    if ((err instanceof StorctlError && !(err instanceof NetworkError)) || swift.ctx.signal.aborted) throw err;
    // A connection lost mid-body: withRetries asks again for the rest of this part.
    throw new NetworkError(`download of "${container}/${name}" was cut off at byte ${p.offset + p.received}: ${(err as Error).message}`, { hint: RESUME_HINT });
  }
  if (p.received !== p.length) throw new NetworkError(`download of "${container}/${name}": the range from byte ${start} ended after ${p.received - (start - p.offset)} bytes`, { hint: RESUME_HINT });
  md5.finished(p);
}

/** Drops a response body; undici reports the abort as an 'error' event, which nobody needs now. */
function discard(stream: Readable): void {
  stream.on('error', () => {});
  stream.destroy();
}
