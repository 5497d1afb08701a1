// Where a resumable download body goes when it lands in a file: each chunk is hashed in order,
// counted in the progress bar and written behind the socket at its position. A restart (the
// server ignored Range) goes back to the start of the resource with a fresh hash.
import type { FileHandle } from 'node:fs/promises';
import { PositionalWriter } from './file-writer.js';
import { md5For, type Md5 } from './md5.js';
import type { Progress } from './progress.js';
import type { BodySink } from './resume.js';

export interface HashedSinkOptions {
  fh: FileHandle;
  /** The file position of the resource's byte 0. */
  start: number;
  /** Bytes of the resource already in the file (and in `md5`), after `start`. */
  have: number;
  /** The resource's length, when known (picks the hashing strategy). */
  size: number | undefined;
  md5: Md5;
  progress: Progress;
  /** On restart, cut the file back to `start` (a whole file; not a segment inside one). */
  truncate: boolean;
}

export class HashedFileSink implements BodySink {
  md5: Md5;
  /** Bytes this sink added to the progress bar (including `have`, which the caller counted). */
  counted: number;
  private writer: PositionalWriter;

  constructor(private readonly o: HashedSinkOptions) {
    this.md5 = o.md5;
    this.counted = o.have;
    this.writer = new PositionalWriter(o.fh, o.start + o.have);
  }

  write(b: Buffer): Promise<void> | void {
    const hashing = this.md5.update(b);
    this.counted += b.length;
    this.o.progress.add(b.length);
    return hashing ? hashing.then(() => this.writer.write(b)) : this.writer.write(b);
  }

  /** What arrived before a cut goes to disk: the file stays a gap-free prefix of the resource. */
  async flush(): Promise<void> {
    await this.writer.settle();
    if (this.writer.error !== undefined) throw this.writer.error;
  }

  async restart(): Promise<void> {
    await this.flush();
    if (this.o.truncate) await this.o.fh.truncate(this.o.start);
    this.writer = new PositionalWriter(this.o.fh, this.o.start);
    this.md5 = await md5For(this.o.size);
    this.o.progress.sub(this.counted);
    this.counted = 0;
  }

  close(): Promise<void> {
    return this.writer.close();
  }

  /** After a failure: wait for queued writes, keep their error to the writer. */
  settle(): Promise<void> {
    return this.writer.settle();
  }
}
