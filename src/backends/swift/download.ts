// Downloads, verified: a plain object's bytes must hash to its ETag; a static large object's
// manifest must hash to its ETag (the MD5 of the segments' MD5s) and each segment's bytes to the
// manifest's MD5 for it. Files are written to NAME.part and renamed only when verified; a
// leftover .part is resumed (its bytes are re-hashed, or for large objects re-checked segment by
// segment). Large objects are fetched as parallel ranges, one per segment.
import { createHash } from 'node:crypto';
import { mkdir, open, rename, rm, stat, utimes, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';
import type { HttpResponse } from '../../transport/http.js';
import type { SwiftClient } from './client.js';
import { withRetries } from './client.js';
import { ConflictError } from '../../framework/errors.js';
import { CutOff, IntegrityError } from './errors.js';
import { fileChunks, md5File, SegmentChecker, segmentLength, sloEtag, verifiable, type SegmentInfo } from './integrity.js';
import { flattenManifest, getManifest, segmentTarget } from './manifest.js';
import { md5For, type Md5 } from './md5.js';
import { trueHeader, unquote } from './meta.js';
import { eachLimit, type Limiter } from './pool.js';
import type { Progress } from './progress.js';
import { RANGED_MIN, RangeIgnored, rangedToFile } from './ranged.js';
import { bodyEnd, contentRange, discard, pumpResumable, type BodySink, type BodySpec } from './resume.js';
import { HashedFileSink } from './hashed-sink.js';

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
  const have = opts.resume && !fresh ? await sizeOf(part) : 0;
  if (have === 0 && hint && hint.size >= RANGED_MIN && (opts.ranges ?? 1) > 1) {
    const done = await rangedPlainToFile(swift, container, name, part, opts, hint);
    if (done) return done;
  }
  const outcome = await opts.limiter.run(async () => {
    const res = await swift.request({ method: 'GET', container, object: name, headers: have > 0 ? { range: `bytes=${have}-` } : {}, stream: true, accept: [416], op: 'download' });
    if (trueHeader(res.headers['x-static-large-object'])) {
      // A large object the listing did not flag: check it segment by segment instead.
      discard(res.stream);
      return 'slo' as const;
    }
    if (res.status === 416 || (have > 0 && (res.status !== 206 || contentRange(res)?.start !== have))) {
      // Nothing to resume from (the object shrank, or the server ignored the range): start over.
      discard(res.stream);
      return 'restart' as const;
    }
    const end = bodyEnd(res, have);
    const md5 = await md5For(end);
    if (have > 0) {
      swift.ctx.debug(`resuming ${part} at byte ${have}`);
      if ((await hashFile(part, have, md5)) !== have) {
        discard(res.stream);
        return 'restart' as const;
      }
    }
    opts.progress.add(have);
    const fh = await open(part, have > 0 ? 'r+' : 'w');
    const sink = new HashedFileSink({ fh, start: 0, have, size: end, md5, progress: opts.progress, truncate: true });
    const resumeHint = opts.resume ? `run the same command again to resume from ${part}` : `run the same command again without --no-resume to resume from ${part}`;
    let got: { from: number; to: number };
    try {
      got = await pumpResumable(swift, res, { container, object: name, label: `"${container}/${name}"`, begin: 0, pos: have, end, etag: unquote(res.headers.etag), lastModified: res.headers['last-modified'], hint: resumeHint }, sink);
      await sink.close();
    } catch (err) {
      await sink.settle();
      opts.progress.sub(sink.counted);
      await fh.close();
      // The object changed: the bytes kept belong to the old version.
      if (err instanceof ConflictError) await rm(part, { force: true });
      throw err;
    }
    await fh.close();
    return { res, md5: await sink.md5.digest(), ...got };
  });
  if (outcome === 'restart') return plainToFile(swift, container, name, part, opts, true);
  if (outcome === 'slo') return largeToFile(swift, container, name, part, opts);
  const { res, md5, from, to: bytes } = outcome;
  const etag = unquote(res.headers.etag) ?? null;
  const dlo = res.headers['x-object-manifest'] !== undefined;
  let verified: Verified = 'none';
  if (!dlo && etag) {
    if (md5 !== etag.toLowerCase()) {
      opts.progress.sub(bytes);
      if (from > 0) {
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
  return { bytes, etag, verified, resumed: from > 0, mtime: res.headers['x-object-meta-mtime'] };
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
    // Damaged bytes, or bytes of an older version of the object: nothing worth resuming from.
    if (err instanceof IntegrityError || err instanceof ConflictError) await rm(part, { force: true });
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
  const hint = opts.resume ? `run the same command again to resume from ${part}` : `run the same command again without --no-resume to resume from ${part}`;
  let checked = 0;
  try {
    await eachLimit(
      todo,
      opts.concurrency,
      async (i) => {
        const seg = lo.segments[i]!;
        const len = segmentLength(seg);
        if (len === 0) return;
        await withRetries(swift, () => opts.limiter.run(() => fetchSegment(swift, { container, name, etag: lo.etag }, fh, offsets[i]!, len, seg, i, opts.progress, route, hint)));
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
 * the segment container is not readable) a range of the large object itself. With the answer
 * comes how to ask for the rest of it after a cut (see resume.ts).
 */
async function segmentResponse(
  swift: SwiftClient,
  lo: { container: string; name: string; etag: string },
  seg: SegmentInfo,
  offset: number,
  len: number,
  route: SegmentRoute,
): Promise<{ res: HttpResponse; spec: Omit<BodySpec, 'label' | 'hint'> }> {
  const { container, name } = lo;
  const direct = verifiable(seg) && !route.viaManifest ? segmentTarget(seg) : undefined;
  if (direct) {
    const res = await swift.request({ method: 'GET', container: direct[0], object: direct[1], stream: true, accept: [403, 404], op: 'download segment' });
    if (res.status < 300 && Number(res.headers['content-length']) === len && unquote(res.headers.etag) === seg.hash) {
      return { res, spec: { container: direct[0], object: direct[1], begin: 0, pos: 0, end: len, etag: seg.hash } };
    }
    discard(res.stream);
    swift.ctx.debug(`segment ${seg.name} answered HTTP ${res.status}; reading ranges of "${container}/${name}" instead`);
    route.viaManifest = true;
  }
  const res = await swift.request({ method: 'GET', container, object: name, headers: { range: `bytes=${offset}-${offset + len - 1}` }, stream: true, op: 'download' });
  const cr = res.headers['content-range'];
  if (res.status !== 206 && !(res.status === 200 && offset === 0 && Number(res.headers['content-length']) === len)) {
    discard(res.stream);
    throw new IntegrityError(`"${container}/${name}": the server did not honour a range request (HTTP ${res.status})`);
  }
  if (cr && !cr.startsWith(`bytes ${offset}-`)) {
    discard(res.stream);
    throw new IntegrityError(`"${container}/${name}": asked for bytes from ${offset}, got ${cr}`);
  }
  return { res, spec: { container, object: name, begin: offset, pos: offset, end: offset + len, bounded: true, etag: lo.etag || unquote(res.headers.etag) } };
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
  lo: { container: string; name: string; etag: string },
  fh: FileHandle,
  offset: number,
  len: number,
  seg: SegmentInfo,
  index: number,
  progress: Progress,
  route: SegmentRoute,
  hint: string,
): Promise<void> {
  const { res, spec } = await segmentResponse(swift, lo, seg, offset, len, route);
  const sink = new HashedFileSink({ fh, start: offset, have: 0, size: len, md5: await md5For(len), progress, truncate: false });
  try {
    await pumpResumable(swift, res, { ...spec, label: `segment ${index + 1} of "${lo.container}/${lo.name}"`, hint }, sink);
    await sink.close();
    checkSegment(lo.container, lo.name, seg, index, sink.counted, len, await sink.md5.digest());
  } catch (err) {
    await sink.settle();
    progress.sub(sink.counted);
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
      discard(res.stream);
      throw err;
    }
  }
  const end = bodyEnd(res, 0);
  if (end !== undefined) opts.progress.setTotal(end);
  let got = 0;
  let closed = false;
  const state = { error: undefined as Error | undefined };
  const onError = (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') closed = true;
    else state.error = err;
  };
  const drained = () =>
    new Promise<void>((resolve) => {
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
  // Bytes already on stdout are a prefix of the object: after a cut the rest follows them.
  const sink: BodySink = {
    write(b) {
      if (checker) checker.update(b);
      else hash.update(b);
      got += b.length;
      opts.progress.add(b.length);
      if (closed || out.destroyed) {
        closed = true;
        return;
      }
      if (!out.write(b)) {
        return drained().then(() => {
          if (state.error) throw state.error;
        });
      }
      if (state.error) throw state.error;
    },
    stopped: () => closed,
    async flush() {},
    async restart() {
      // Written bytes cannot be taken back; with none written the whole body can simply follow.
      if (got > 0) {
        throw new CutOff(`download of "${container}/${name}" to stdout was cut after ${got} bytes, and the server ignored the range request to resume it (HTTP 200): the output is incomplete`, {
          hint: 'run the same command again',
        });
      }
    },
  };
  out.on('error', onError);
  try {
    await pumpResumable(
      swift,
      res,
      { container, object: name, label: `"${container}/${name}"`, begin: 0, pos: 0, end, etag: etag ?? undefined, lastModified: res.headers['last-modified'], hint: 'the output on stdout is incomplete; run the same command again' },
      sink,
    );
  } finally {
    out.off('error', onError);
  }
  let verified: Verified = 'none';
  if (!closed) {
    if (end !== undefined && got !== end) {
      throw new IntegrityError(`download of "${container}/${name}" ended after ${got} of ${end} bytes`, { hint: 'try again' });
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
