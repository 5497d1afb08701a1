// Downloads, verified: a plain object's bytes must hash to its ETag; a static large object's
// manifest must hash to its ETag (the MD5 of the segments' MD5s) and each segment's bytes to the
// manifest's MD5 for it. Files are written to NAME.part and renamed only when verified; a
// leftover .part is resumed (its bytes are re-hashed, or for large objects re-checked segment by
// segment). Large objects are fetched as parallel ranges, one per segment.
import { createHash } from 'node:crypto';
import { mkdir, open, rename, rm, stat, utimes, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { HttpResponse } from '../../transport/http.js';
import type { SwiftClient } from './client.js';
import { withRetries } from './client.js';
import { IntegrityError } from './errors.js';
import { fileChunks, md5File, SegmentChecker, segmentLength, sloEtag, verifiable, type SegmentInfo } from './integrity.js';
import { flattenManifest, getManifest, segmentTarget } from './manifest.js';
import { md5For, type Md5 } from './md5.js';
import { trueHeader, unquote } from './meta.js';
import { eachLimit, type Limiter } from './pool.js';
import type { Progress } from './progress.js';
import { PositionalWriter } from './file-writer.js';
import { RANGED_MIN, RangeIgnored, rangedToFile } from './ranged.js';

export interface DownloadOptions {
  /** Segments of one large object in flight. */
  concurrency: number;
  /**
   * Parallel ranges for one large plain object (1 = a single stream). Against a Swift on the
   * same machine one stream measured faster (the cores are shared with the servers, and ranges
   * that finish early are hashed by reading them back); across a network, several streams win.
   */
  ranges?: number;
  resume: boolean;
  progress: Progress;
  limiter: Limiter;
}

export type Verified = 'md5' | 'segments' | 'none';

export interface DownloadResult extends Record<string, unknown> {
  container: string;
  name: string;
  path: string;
  bytes: number;
  etag: string | null;
  status: 'downloaded' | 'resumed';
  verified: Verified;
}

/** What a listing already told us about the object (saves a HEAD). */
export interface KnownObject {
  slo?: boolean;
  bytes?: number;
  etag?: string;
}

/** Size and ETag of a plain object, when known before the GET (they allow parallel ranges). */
interface PlainHint {
  size: number;
  etag: string;
}

const WRITE_BATCH = 1024 * 1024;

export async function downloadToFile(swift: SwiftClient, container: string, name: string, dest: string, opts: DownloadOptions, known?: KnownObject): Promise<DownloadResult> {
  await mkdir(dirname(dest), { recursive: true });
  const part = `${dest}.part`;
  let slo = known?.slo;
  let hint = plainHint(known?.bytes, known?.etag);
  if (slo === undefined) {
    const headers = (await swift.request({ method: 'HEAD', container, object: name, op: 'download' })).headers;
    slo = trueHeader(headers['x-static-large-object']);
    const length = Number(headers['content-length']);
    if (Number.isFinite(length)) opts.progress.addTotal(length);
    hint = headers['x-object-manifest'] === undefined ? plainHint(length, unquote(headers.etag)) : undefined;
  }
  const result = slo ? await largeToFile(swift, container, name, part, opts) : await plainToFile(swift, container, name, part, opts, false, hint);
  await rename(part, dest);
  const mtime = Number(result.mtime);
  if (Number.isFinite(mtime) && mtime > 0) await utimes(dest, mtime, mtime).catch(() => {});
  opts.progress.fileDone();
  return { container, name, path: dest, bytes: result.bytes, etag: result.etag, status: result.resumed ? 'resumed' : 'downloaded', verified: result.verified };
}

interface PartResult {
  bytes: number;
  etag: string | null;
  verified: Verified;
  resumed: boolean;
  mtime?: string;
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

function plainHint(size: number | undefined, etag: string | undefined): PlainHint | undefined {
  return size !== undefined && Number.isFinite(size) && etag && /^[0-9a-f]{32}$/i.test(etag) ? { size, etag: etag.toLowerCase() } : undefined;
}

async function plainToFile(swift: SwiftClient, container: string, name: string, part: string, opts: DownloadOptions, fresh = false, hint?: PlainHint): Promise<PartResult> {
  let have = opts.resume && !fresh ? await sizeOf(part) : 0;
  if (have === 0 && hint && hint.size >= RANGED_MIN && (opts.ranges ?? 1) > 1) {
    const done = await rangedPlainToFile(swift, container, name, part, opts, hint);
    if (done) return done;
  }
  let got = 0;
  const outcome = await opts.limiter.run(async () => {
    const res = await swift.request({ method: 'GET', container, object: name, headers: have > 0 ? { range: `bytes=${have}-` } : {}, stream: true, accept: [416], op: 'download' });
    if (trueHeader(res.headers['x-static-large-object'])) {
      // A large object the listing did not flag: check it segment by segment instead.
      res.stream.destroy();
      return 'slo' as const;
    }
    if (res.status === 416 || (have > 0 && res.status !== 206)) {
      // Nothing to resume from (the object shrank, or the server ignored the range): start over.
      res.stream.destroy();
      return 'restart' as const;
    }
    const length = Number(res.headers['content-length']);
    const md5 = await md5For(Number.isFinite(length) ? length + have : undefined);
    if (have > 0) {
      swift.ctx.debug(`resuming ${part} at byte ${have}`);
      if ((await hashFile(part, have, md5)) !== have) {
        res.stream.destroy();
        return 'restart' as const;
      }
      opts.progress.add(have);
    }
    const fh = await open(part, have > 0 ? 'r+' : 'w');
    try {
      await streamToFile(res.stream, fh, have, md5, (n) => {
        got += n;
        opts.progress.add(n);
      });
    } catch (err) {
      opts.progress.sub(got + have);
      throw err;
    } finally {
      await fh.close();
    }
    return { res, md5: await md5.digest() };
  });
  if (outcome === 'restart') return plainToFile(swift, container, name, part, opts, true);
  if (outcome === 'slo') return largeToFile(swift, container, name, part, opts);
  const { res, md5 } = outcome;
  const length = Number(res.headers['content-length']);
  const etag = unquote(res.headers.etag) ?? null;
  const dlo = res.headers['x-object-manifest'] !== undefined;
  const bytes = have + got;
  if (Number.isFinite(length) && got !== length) {
    opts.progress.sub(bytes);
    throw new IntegrityError(`download of "${container}/${name}" ended after ${got} of ${length} bytes`, { hint: 'run the same command again to resume it' });
  }
  let verified: Verified = 'none';
  if (!dlo && etag) {
    if (md5 !== etag.toLowerCase()) {
      opts.progress.sub(bytes);
      if (have > 0) {
        swift.ctx.warn(`the partial file ${part} did not belong to the current "${container}/${name}"; downloading it again from the start`);
        return plainToFile(swift, container, name, part, opts, true);
      }
      await rm(part, { force: true });
      throw new IntegrityError(`download of "${container}/${name}" failed verification: MD5 ${md5}, ETag ${etag}; nothing was kept`, { hint: 'the data was corrupted on the way; try again' });
    }
    verified = 'md5';
  } else {
    swift.ctx.debug(`"${container}/${name}" is a dynamic large object: no ETag to verify its bytes against`);
  }
  return { bytes, etag, verified, resumed: have > 0, mtime: res.headers['x-object-meta-mtime'] };
}

/**
 * A plain object as parallel ranges (see ranged.ts), checked against its ETag. Undefined when
 * the server ignores ranges: the caller then uses one GET.
 */
async function rangedPlainToFile(swift: SwiftClient, container: string, name: string, part: string, opts: DownloadOptions, hint: PlainHint): Promise<PartResult | undefined> {
  const fh = await open(part, 'w+');
  let got: { md5: string; headers: Record<string, string> };
  try {
    got = await rangedToFile(swift, container, name, fh, hint.size, hint.etag, { connections: opts.ranges ?? 1, progress: opts.progress, limiter: opts.limiter });
  } catch (err) {
    await fh.close().catch(() => {});
    if (err instanceof RangeIgnored) {
      swift.ctx.debug(`"${container}/${name}": ${err.message}; downloading it in one stream`);
      return undefined;
    }
    if (err instanceof IntegrityError) await rm(part, { force: true });
    throw err;
  }
  await fh.close();
  if (got.md5 !== hint.etag) {
    opts.progress.sub(hint.size);
    await rm(part, { force: true });
    throw new IntegrityError(`download of "${container}/${name}" failed verification: MD5 ${got.md5}, ETag ${hint.etag}; nothing was kept`, { hint: 'the data was corrupted on the way; try again' });
  }
  return { bytes: hint.size, etag: hint.etag, verified: 'md5', resumed: false, mtime: got.headers['x-object-meta-mtime'] };
}

/**
 * Writes a response body at `pos` of an open file, hashing it on the way. Disk writes happen
 * behind the reads (batched, bounded: see file-writer.ts) so the socket is not paused for them.
 */
async function streamToFile(stream: Readable, fh: FileHandle, pos: number, md5: Md5, onBytes: (n: number) => void): Promise<number> {
  let got = 0;
  const writer = new PositionalWriter(fh, pos);
  try {
    for await (const chunk of stream) {
      const b = chunk as Buffer;
      const hashing = md5.update(b);
      if (hashing) await hashing;
      got += b.length;
      onBytes(b.length);
      const writing = writer.write(b);
      if (writing) await writing;
    }
    await writer.close();
  } catch (err) {
    await writer.settle();
    throw writer.error ?? err;
  }
  return got;
}

/** Hashes the first `limit` bytes of a file; returns how many there were. */
async function hashFile(path: string, limit: number, md5: Md5): Promise<number> {
  let n = 0;
  try {
    for await (const chunk of fileChunks(path, 0, limit, WRITE_BATCH, 1)) {
      const wait = md5.update(chunk);
      if (wait) await wait;
      n += chunk.length;
    }
  } catch {
    /* shorter than expected: the caller starts over */
  }
  return n;
}

interface LargeObject {
  headers: Record<string, string>;
  segments: SegmentInfo[];
  total: number;
  etag: string;
}

/** Manifest of a static large object, checked against the object's ETag. */
async function largeObject(swift: SwiftClient, container: string, name: string, headers?: Record<string, string>): Promise<LargeObject> {
  const top = await getManifest(swift, container, name);
  const h = headers ?? (await swift.request({ method: 'HEAD', container, object: name, op: 'download' })).headers;
  const etag = unquote(h.etag) ?? '';
  const computed = sloEtag(top);
  if (etag && computed !== etag) {
    throw new IntegrityError(`the manifest of "${container}/${name}" does not match the object's ETag (${computed} vs ${etag})`, { hint: 'the object changed while reading it; try again' });
  }
  const segments = await flattenManifest(swift, top);
  const total = segments.reduce((a, s) => a + segmentLength(s), 0);
  const length = Number(h['content-length']);
  if (Number.isFinite(length) && length !== total) {
    throw new IntegrityError(`the manifest of "${container}/${name}" adds up to ${total} bytes, the object has ${length}`);
  }
  return { headers: h, segments, total, etag };
}

async function largeToFile(swift: SwiftClient, container: string, name: string, part: string, opts: DownloadOptions): Promise<PartResult> {
  const lo = await largeObject(swift, container, name);
  const offsets: number[] = [];
  let off = 0;
  for (const s of lo.segments) {
    offsets.push(off);
    off += segmentLength(s);
  }
  // Resume: keep every segment whose bytes on disk still match the manifest (segments were
  // fetched in parallel, so an interrupted file can have whole segments after a gap).
  const have = opts.resume ? await sizeOf(part) : 0;
  const todo: number[] = [];
  let kept = 0;
  let keptSegments = 0;
  for (let i = 0; i < lo.segments.length; i++) {
    const s = lo.segments[i]!;
    const len = segmentLength(s);
    if (have > 0 && offsets[i]! + len <= have && verifiable(s) && (await md5File(part, offsets[i]!, offsets[i]! + len)) === s.hash) {
      kept += len;
      keptSegments++;
    } else {
      todo.push(i);
    }
  }
  if (kept > 0) {
    swift.ctx.debug(`resuming ${part}: ${keptSegments} segment(s), ${kept} bytes already verified`);
    opts.progress.add(kept);
  }
  const fh = await open(part, have > 0 ? 'r+' : 'w');
  const route: SegmentRoute = { viaManifest: false };
  let checked = 0;
  try {
    await eachLimit(
      todo,
      opts.concurrency,
      async (i) => {
        const seg = lo.segments[i]!;
        const len = segmentLength(seg);
        if (len === 0) return;
        await withRetries(swift, () => opts.limiter.run(() => fetchSegment(swift, container, name, fh, offsets[i]!, len, seg, i, opts.progress, route)));
        if (verifiable(seg)) checked++;
      },
    );
    await fh.truncate(lo.total);
  } catch (err) {
    await fh.close().catch(() => {});
    if (err instanceof IntegrityError) await rm(part, { force: true });
    throw err;
  }
  await fh.close();
  const all = lo.segments.every(verifiable);
  return { bytes: lo.total, etag: lo.etag || null, verified: all || checked > 0 ? 'segments' : 'none', resumed: keptSegments > 0, mtime: lo.headers['x-object-meta-mtime'] };
}

/** Shared by the segments of one download: once direct segment reads are refused, use ranges. */
interface SegmentRoute {
  viaManifest: boolean;
}

/**
 * The bytes of one segment: straight from the segment object when the manifest names a whole
 * plain object (a simple GET for the proxy, and its ETag is the MD5 to check), otherwise (or when
 * the segment container is not readable) a range of the large object itself.
 */
async function segmentResponse(swift: SwiftClient, container: string, name: string, seg: SegmentInfo, offset: number, len: number, route: SegmentRoute): Promise<HttpResponse> {
  const direct = verifiable(seg) && !route.viaManifest ? segmentTarget(seg) : undefined;
  if (direct) {
    const res = await swift.request({ method: 'GET', container: direct[0], object: direct[1], stream: true, accept: [403, 404], op: 'download segment' });
    if (res.status < 300 && Number(res.headers['content-length']) === len && unquote(res.headers.etag) === seg.hash) return res;
    res.stream.destroy();
    swift.ctx.debug(`segment ${seg.name} answered HTTP ${res.status}; reading ranges of "${container}/${name}" instead`);
    route.viaManifest = true;
  }
  const res = await swift.request({ method: 'GET', container, object: name, headers: { range: `bytes=${offset}-${offset + len - 1}` }, stream: true, op: 'download' });
  const cr = res.headers['content-range'];
  if (res.status !== 206 && !(res.status === 200 && offset === 0 && Number(res.headers['content-length']) === len)) {
    res.stream.destroy();
    throw new IntegrityError(`"${container}/${name}": the server did not honour a range request (HTTP ${res.status})`);
  }
  if (cr && !cr.startsWith(`bytes ${offset}-`)) {
    res.stream.destroy();
    throw new IntegrityError(`"${container}/${name}": asked for bytes from ${offset}, got ${cr}`);
  }
  return res;
}

function checkSegment(container: string, name: string, seg: SegmentInfo, index: number, got: number, len: number, sum: string): void {
  if (got !== len) {
    throw new IntegrityError(`"${container}/${name}": segment ${index + 1} ended after ${got} of ${len} bytes`, { hint: 'run the same command again to resume it' });
  }
  if (verifiable(seg) && sum !== seg.hash) {
    throw new IntegrityError(`download of "${container}/${name}" failed verification: segment ${index + 1} (${seg.name}) has MD5 ${sum}, the manifest says ${seg.hash}; nothing was kept`, {
      hint: 'the data was corrupted on the way or the segment changed; try again',
    });
  }
}

async function fetchSegment(
  swift: SwiftClient,
  container: string,
  name: string,
  fh: FileHandle,
  offset: number,
  len: number,
  seg: SegmentInfo,
  index: number,
  progress: Progress,
  route: SegmentRoute,
): Promise<void> {
  const res = await segmentResponse(swift, container, name, seg, offset, len, route);
  const md5 = await md5For(len);
  let got = 0;
  try {
    await streamToFile(res.stream as Readable, fh, offset, md5, (n) => {
      got += n;
      progress.add(n);
    });
    checkSegment(container, name, seg, index, got, len, await md5.digest());
  } catch (err) {
    progress.sub(got);
    throw err;
  }
}

/**
 * Writes an object to a stream (stdout), verified as it passes. When the reader goes away
 * (a closed pipe) the download stops quietly.
 */
export async function downloadToStream(swift: SwiftClient, container: string, name: string, out: Writable, opts: DownloadOptions): Promise<DownloadResult & { closed: boolean }> {
  const res: HttpResponse = await swift.request({ method: 'GET', container, object: name, stream: true, op: 'download' });
  const etag = unquote(res.headers.etag) ?? null;
  const slo = trueHeader(res.headers['x-static-large-object']);
  const dlo = res.headers['x-object-manifest'] !== undefined;
  let checker: SegmentChecker | undefined;
  const hash = createHash('md5');
  if (slo) {
    try {
      const lo = await largeObject(swift, container, name, res.headers);
      checker = new SegmentChecker(lo.segments, `download of "${container}/${name}"`);
    } catch (err) {
      res.stream.destroy();
      throw err;
    }
  }
  const length = Number(res.headers['content-length']);
  if (Number.isFinite(length)) opts.progress.setTotal(length);
  let got = 0;
  let closed = false;
  const state = { error: undefined as Error | undefined };
  const onError = (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') closed = true;
    else state.error = err;
  };
  out.on('error', onError);
  try {
    for await (const chunk of res.stream as Readable) {
      const b = chunk as Buffer;
      if (checker) checker.update(b);
      else hash.update(b);
      got += b.length;
      opts.progress.add(b.length);
      if (closed || out.destroyed) {
        closed = true;
        break;
      }
      if (!out.write(b)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            out.off('drain', done);
            out.off('close', done);
            out.off('error', done);
            resolve();
          };
          out.on('drain', done);
          out.on('close', done);
          out.on('error', done);
        });
      }
      if (state.error) throw state.error;
    }
  } finally {
    out.off('error', onError);
    if (closed) res.stream.destroy();
  }
  let verified: Verified = 'none';
  if (!closed) {
    if (Number.isFinite(length) && got !== length) {
      throw new IntegrityError(`download of "${container}/${name}" ended after ${got} of ${length} bytes`, { hint: 'try again' });
    }
    if (checker) {
      checker.done();
      verified = 'segments';
    } else if (!dlo && etag) {
      const md5 = hash.digest('hex');
      if (md5 !== etag.toLowerCase()) {
        throw new IntegrityError(`download of "${container}/${name}" failed verification: MD5 ${md5}, ETag ${etag} (the bytes written to stdout are damaged)`, { hint: 'the data was corrupted on the way; try again' });
      }
      verified = 'md5';
    }
  }
  opts.progress.fileDone();
  return { container, name, path: '-', bytes: got, etag, status: 'downloaded', verified, closed };
}

/** Local path for an object name under `dir`; undefined for names that would escape it. */
export function localPath(dir: string, name: string, join: (...p: string[]) => string): string | undefined {
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || parts.includes('..')) return undefined;
  return join(dir, ...parts);
}
