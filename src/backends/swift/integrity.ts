// MD5 while streaming (uploads and downloads hash the bytes as they pass, never buffering an
// object), and Swift's ETag rules: a plain object's ETag is the MD5 of its bytes; a static large
// object's is the MD5 of its segments' ETags (hex strings concatenated).
import { createHash, type Hash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { IntegrityError } from './errors.js';

/** Passes chunks through, hashing them and reporting their sizes. */
export async function* hashing(source: AsyncIterable<Uint8Array>, hash: Hash, onBytes?: (n: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    hash.update(chunk);
    onBytes?.(chunk.length);
    yield chunk;
  }
}

export const READ_CHUNK = 256 * 1024;
/** Buffers per file stream: a buffer is refilled only after this many later chunks were handed on. */
const RING = 4;

/**
 * Reads bytes [start, end) of a file into a small ring of reused buffers. Memory stays a few
 * hundred KiB per stream however large the file, with no garbage for the collector. A chunk
 * stays valid until RING more chunks have been read: the HTTP client has written a chunk to the
 * socket (it waits for 'drain' on large writes) before it asks for the next one.
 */
export async function* fileChunks(path: string, start = 0, end = Infinity, size = READ_CHUNK, ringSize = RING): AsyncGenerator<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const ring: Buffer[] = [];
    let pos = start;
    for (let i = 0; pos < end; i++) {
      const buf = (ring[i % ringSize] ??= Buffer.allocUnsafe(size));
      const want = Math.min(size, end - pos);
      const { bytesRead } = await fh.read(buf, 0, want, pos);
      if (bytesRead === 0) {
        if (end !== Infinity) throw new Error(`${path} ended at byte ${pos}, expected ${end}: it changed while being read`);
        return;
      }
      pos += bytesRead;
      yield bytesRead === size ? buf : buf.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

/** MD5 of a file or a byte range of it (`end` exclusive). */
export async function md5File(path: string, start = 0, end?: number): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of fileChunks(path, start, end ?? Infinity, 1024 * 1024, 1)) hash.update(chunk);
  return hash.digest('hex');
}

/** One flattened SLO segment as the manifest describes it. */
export interface SegmentInfo {
  /** "/container/object" */
  name?: string;
  bytes: number;
  hash?: string;
  /** "start-end" within the segment object, when only part of it is used. */
  range?: string;
  /** Inline data segment (base64). */
  data?: string;
  sub_slo?: boolean;
}

/** The ETag Swift gives a manifest of these segments. */
export function sloEtag(segments: readonly Pick<SegmentInfo, 'hash' | 'range' | 'data'>[]): string {
  const h = createHash('md5');
  for (const s of segments) {
    if (s.data !== undefined) h.update(createHash('md5').update(Buffer.from(s.data, 'base64')).digest('hex'));
    else if (s.range) h.update(`${s.hash ?? ''}:${s.range};`);
    else h.update(s.hash ?? '');
  }
  return h.digest('hex');
}

/** Length a segment contributes to the whole object. */
export function segmentLength(s: SegmentInfo): number {
  if (s.data !== undefined) return Buffer.from(s.data, 'base64').length;
  if (s.range) {
    const m = /^(\d*)-(\d*)$/.exec(s.range);
    if (m) {
      const start = m[1] === '' ? Math.max(0, s.bytes - Number(m[2])) : Number(m[1]);
      const end = m[2] === '' || m[1] === '' ? s.bytes - 1 : Math.min(Number(m[2]), s.bytes - 1);
      return Math.max(0, end - start + 1);
    }
  }
  return s.bytes;
}

/**
 * Checks a static large object's bytes segment by segment while they stream past: each whole
 * segment must have its manifest MD5. Ranged or nested segments are checked through the
 * manifest ETag only.
 */
export class SegmentChecker {
  private index = 0;
  private inSeg = 0;
  private hash: Hash = createHash('md5');
  checked = 0;

  constructor(
    private readonly segments: readonly SegmentInfo[],
    private readonly label: string,
    /** Bytes already verified (resume): must fall on a segment boundary. */
    startAt = 0,
  ) {
    let off = 0;
    while (this.index < segments.length && off + segmentLength(segments[this.index]!) <= startAt) off += segmentLength(segments[this.index++]!);
  }

  update(chunk: Uint8Array): void {
    let buf = chunk;
    while (buf.length > 0 && this.index < this.segments.length) {
      const seg = this.segments[this.index]!;
      const len = segmentLength(seg);
      const take = Math.min(len - this.inSeg, buf.length);
      this.hash.update(take === buf.length ? buf : buf.subarray(0, take));
      this.inSeg += take;
      buf = buf.subarray(take);
      if (this.inSeg === len) this.finishSegment(seg);
    }
    while (this.index < this.segments.length && segmentLength(this.segments[this.index]!) === 0) this.finishSegment(this.segments[this.index]!);
  }

  private finishSegment(seg: SegmentInfo): void {
    const got = this.hash.digest('hex');
    if (verifiable(seg) && got !== seg.hash) {
      throw new IntegrityError(`${this.label}: segment ${this.index + 1} (${seg.name}) has MD5 ${got}, the manifest says ${seg.hash}`, {
        hint: 'the segment changed or was corrupted; download again, or re-upload the object',
      });
    }
    if (verifiable(seg)) this.checked++;
    this.index++;
    this.inSeg = 0;
    this.hash = createHash('md5');
  }

  /** Every byte arrived. */
  done(): void {
    if (this.index < this.segments.length) throw new IntegrityError(`${this.label}: the download ended inside segment ${this.index + 1} of ${this.segments.length}`, { hint: 'run the download again to resume it' });
  }
}

/** A segment whose bytes can be checked against the manifest's MD5. */
export function verifiable(seg: SegmentInfo): boolean {
  return seg.data === undefined && !seg.range && !seg.sub_slo && !!seg.hash;
}
