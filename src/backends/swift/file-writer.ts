// Write-behind for downloads: received chunks are gathered into batches of about 1 MiB and
// written at their file position by the thread pool while the socket keeps being read. The
// caller waits only when more than `maxPending` bytes are queued (backpressure), so memory
// stays bounded and the network is not paused for every disk write.
import type { FileHandle } from 'node:fs/promises';

const BATCH = 1024 * 1024;

export class PositionalWriter {
  private batch: Buffer[] = [];
  private batchLen = 0;
  private pending = 0;
  private chain: Promise<void> = Promise.resolve();
  private failure: { err: unknown } | undefined;
  private waiters: (() => void)[] = [];

  /**
   * @param pos file offset of the next byte
   * @param onWritten called with the file offset up to which bytes are on disk
   */
  constructor(
    private readonly fh: FileHandle,
    private pos: number,
    private readonly maxPending = 4 * BATCH,
    private readonly onWritten?: (upTo: number) => void,
  ) {}

  /** The first write error, if a write failed. */
  get error(): unknown {
    return this.failure?.err;
  }

  /** Queues a chunk; resolves at once unless too much is waiting for the disk. */
  write(chunk: Buffer): Promise<void> | undefined {
    if (this.failure) throw this.failure.err;
    this.batch.push(chunk);
    this.batchLen += chunk.length;
    if (this.batchLen >= BATCH) this.flush();
    if (this.pending <= this.maxPending) return undefined;
    return new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** Writes what is left and waits for every write; throws the first write error. */
  async close(): Promise<void> {
    this.flush();
    await this.chain;
    if (this.failure) throw this.failure.err;
  }

  /**
   * Writes what is queued and waits, without throwing: after a failed read the bytes received
   * so far are still good, and a retry or a later resume starts after them.
   */
  async settle(): Promise<void> {
    this.flush();
    await this.chain;
  }

  private flush(): void {
    if (this.batchLen === 0) return;
    const bufs = this.batch;
    const len = this.batchLen;
    const at = this.pos;
    this.batch = [];
    this.batchLen = 0;
    this.pos += len;
    this.pending += len;
    this.chain = this.chain.then(async () => {
      if (!this.failure) {
        try {
          await writeAll(this.fh, bufs, len, at);
          this.onWritten?.(at + len);
        } catch (err) {
          this.failure = { err };
        }
      }
      this.pending -= len;
      if (this.failure || this.pending <= this.maxPending) {
        const w = this.waiters;
        this.waiters = [];
        for (const wake of w) wake();
      }
    });
  }
}

async function writeAll(fh: FileHandle, bufs: Buffer[], len: number, at: number): Promise<void> {
  let written = (await fh.writev(bufs, at)).bytesWritten;
  // Short writes are rare (a full disk reports ENOSPC instead) but legal.
  while (written < len) written += (await fh.write(Buffer.concat(bufs).subarray(written), 0, len - written, at + written)).bytesWritten;
}
