// Uploads: a file is streamed from disk into one PUT, or, above a size threshold (or with
// --segment-size), into segments PUT in parallel plus a manifest: a static large object by
// default, a dynamic one (zero-byte manifest with X-Object-Manifest, segments named as
// `swift upload` names them) with --dlo. Every byte is hashed on the way and checked against
// the ETag Swift answers (for an SLO manifest: the MD5 of the segments' MD5s, sent as ETag so the
// proxy checks it too). Nothing is buffered whole: memory stays flat whatever the size.
import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { UsageError } from '../../framework/errors.js';
import type { SwiftClient } from './client.js';
import { withRetries } from './client.js';
import { deleteObjects } from './delete.js';
import { dloSegments, manifestValue, parseManifestHeader, segmentPrefix } from './dlo.js';
import { IntegrityError } from './errors.js';
import { fileChunks, hashing, md5File, sloEtag, verifiable, type SegmentInfo } from './integrity.js';
import { hashed, md5For } from './md5.js';
import { getManifest } from './manifest.js';
import { intHeader, metaHeaders, trueHeader, unquote } from './meta.js';
import { contentTypeFor } from './mime.js';
import { eachLimit, Limiter } from './pool.js';
import type { Progress } from './progress.js';

export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;
/** Files above this size are uploaded as static large objects unless --segment-size says otherwise. */
export const DEFAULT_THRESHOLD = 512 * MiB;
export const DEFAULT_SEGMENT_SIZE = 128 * MiB;
const DEFAULT_MAX_SEGMENTS = 1000;
const DEFAULT_MAX_FILE = 5 * GiB + 2;

export interface UploadOptions {
  container: string;
  /** Explicit segment size: files larger than this become static large objects. */
  segmentSize?: number;
  /** Automatic segmentation above this size (when no segmentSize). */
  threshold: number;
  /** Requests in flight overall (files, segments). */
  concurrency: number;
  /** Segments of one file in flight. */
  segmentConcurrency: number;
  skipIdentical: boolean;
  leaveSegments: boolean;
  segmentContainer?: string;
  /** Make dynamic large objects (X-Object-Manifest) instead of static ones. */
  dlo?: boolean;
  meta: [string, string][];
  contentType?: string;
  /** Absolute expiry, Unix seconds. */
  deleteAt?: number;
}

export interface FileSource {
  path: string;
  name: string;
  size: number;
  mtimeMs: number;
}

export interface UploadResult extends Record<string, unknown> {
  container: string;
  name: string;
  bytes: number;
  etag: string | null;
  content_type: string;
  segments: number;
  status: 'uploaded' | 'skipped';
  source: string;
}

interface SegmentDone {
  name: string;
  etag: string;
  bytes: number;
}

export class Uploader {
  private readonly limiter: Limiter;
  private readonly ensured = new Map<string, Promise<void>>();

  constructor(
    private readonly swift: SwiftClient,
    private readonly opts: UploadOptions,
    private readonly progress: Progress,
  ) {
    this.limiter = new Limiter(Math.max(1, opts.concurrency));
  }

  /** Creates the container once (PUT is idempotent); users with only an ACL may not, which is fine. */
  ensureContainer(name: string): Promise<void> {
    let p = this.ensured.get(name);
    if (!p) {
      p = (async () => {
        const res = await this.swift.request({ method: 'PUT', container: name, accept: [403], op: 'create' });
        if (res.status === 403) this.swift.ctx.debug(`cannot create container "${name}" (HTTP 403); assuming it exists and an ACL allows writing`);
      })();
      this.ensured.set(name, p);
    }
    return p;
  }

  private headersFor(name: string, extra: Record<string, string> = {}): Record<string, string> {
    const h: Record<string, string> = {
      'content-type': this.opts.contentType ?? contentTypeFor(name),
      ...metaHeaders('object', this.opts.meta),
      ...extra,
    };
    if (this.opts.deleteAt !== undefined) h['x-delete-at'] = String(this.opts.deleteAt);
    return h;
  }

  private async limits(): Promise<{ maxSegments: number; maxFile: number; slo: boolean }> {
    const info = await this.swift.info();
    const known = Object.keys(info).length > 0;
    return {
      maxSegments: Number(info.slo?.max_manifest_segments) || DEFAULT_MAX_SEGMENTS,
      maxFile: Number(info.swift?.max_file_size) || DEFAULT_MAX_FILE,
      slo: !known || !!info.slo,
    };
  }

  /** Segment size for a file of `size` bytes, or undefined for a single PUT. */
  async segmentSizeFor(size: number, label: string): Promise<number | undefined> {
    const lim = await this.limits();
    let seg: number | undefined;
    if (this.opts.segmentSize !== undefined) {
      if (size > this.opts.segmentSize) seg = this.opts.segmentSize;
    } else if (size > this.opts.threshold || size > lim.maxFile) {
      seg = Math.max(DEFAULT_SEGMENT_SIZE, Math.ceil(size / lim.maxSegments));
    }
    if (seg === undefined) return undefined;
    // A DLO has no segment count limit and no /info entry (Swift 2.30 registers none).
    if (this.opts.dlo) {
      if (seg > lim.maxFile) throw new UsageError(`--segment-size is above the cluster's largest object (${lim.maxFile} bytes)`);
      return seg;
    }
    if (!lim.slo) throw new UsageError(`${label} needs segments but this cluster has no static large object support (slo in /info)`, { hint: 'use --dlo for a dynamic large object' });
    const count = Math.ceil(size / seg);
    if (count > lim.maxSegments) {
      throw new UsageError(`${label}: --segment-size ${seg} makes ${count} segments; this cluster allows ${lim.maxSegments}`, {
        hint: `use --segment-size ${Math.ceil(size / lim.maxSegments / MiB)}M or more`,
      });
    }
    if (seg > lim.maxFile) throw new UsageError(`--segment-size is above the cluster's largest object (${lim.maxFile} bytes)`);
    return seg;
  }

  async uploadFile(src: FileSource): Promise<UploadResult> {
    const { container } = this.opts;
    await this.ensureContainer(container);
    const needHead = this.opts.skipIdentical || !this.opts.leaveSegments;
    // A user with only a write ACL may not read: then nothing is known about the old object.
    const existing = needHead ? await this.swift.head(container, src.name, 'read', true) : undefined;
    const old = await this.oldLargeObject(container, src.name, existing);
    const ctype = this.opts.contentType ?? contentTypeFor(src.name);
    const segments = old.slo ?? (this.opts.skipIdentical && old.dlo !== undefined ? await this.dloSegmentList(old.dlo) : undefined);
    if (this.opts.skipIdentical && existing && (await identical(src, existing, segments))) {
      this.progress.add(src.size);
      this.progress.fileDone();
      return { container, name: src.name, bytes: src.size, etag: unquote(existing.etag) ?? null, content_type: existing['content-type'] ?? ctype, segments: segments?.length ?? 0, status: 'skipped', source: src.path };
    }
    const segSize = await this.segmentSizeFor(src.size, `${src.path} (${src.size} bytes)`);
    const mtime = { mtime: (src.mtimeMs / 1000).toFixed(6) };
    let result: UploadResult;
    let kept: Set<string> | undefined;
    let manifest: string | undefined;
    if (segSize && this.opts.dlo) {
      const r = await this.putDlo(src, segSize, mtime);
      kept = new Set(r.paths);
      manifest = r.manifest;
      result = r.result;
    } else if (segSize) {
      const r = await this.putSlo(src, segSize, mtime);
      kept = new Set(r.paths);
      result = r.result;
    } else {
      result = await this.putPlain(src, mtime);
    }
    if (!this.opts.leaveSegments) await this.dropOld(old, kept ?? new Set(), manifest);
    this.progress.fileDone();
    return result;
  }

  /**
   * What an upload replaces: an SLO's segment list or a DLO's X-Object-Manifest, from the HEAD.
   * Not through a symlink (Content-Location): its target's segments are not this object's.
   */
  private async oldLargeObject(container: string, name: string, h: Record<string, string> | undefined): Promise<{ slo?: SegmentInfo[]; dlo?: string }> {
    if (!h || h['content-location'] !== undefined) return {};
    if (trueHeader(h['x-static-large-object'])) return { slo: await getManifest(this.swift, container, name).catch(() => undefined) };
    if (h['x-object-manifest'] !== undefined) return { dlo: h['x-object-manifest'] };
    return {};
  }

  /** A DLO's segments as a manifest would list them ("/container/name", bytes, MD5). */
  private async dloSegmentList(manifest: string): Promise<SegmentInfo[] | undefined> {
    const ref = parseManifestHeader(manifest);
    if (!ref) return undefined;
    const out: SegmentInfo[] = [];
    for await (const row of dloSegments(this.swift, ref)) {
      if (row.name === undefined) continue;
      out.push({ name: `/${ref.container}/${row.name}`, bytes: Number(row.bytes ?? 0), hash: typeof row.hash === 'string' ? row.hash : undefined });
    }
    return out;
  }

  /** Removes the segments of what was overwritten that the new object does not use. */
  private async dropOld(old: { slo?: SegmentInfo[]; dlo?: string }, keep: Set<string>, newManifest?: string): Promise<void> {
    if (old.slo) await this.dropSegments(old.slo, keep);
    if (old.dlo !== undefined) await this.dropDloSegments(old.dlo, keep, newManifest);
  }

  private async putPlain(src: FileSource, mtime: Record<string, string>): Promise<UploadResult> {
    const { container } = this.opts;
    const headers = this.headersFor(src.name, metaHeaders('object', Object.entries(mtime)));
    const etag = await withRetries(this.swift, () =>
      this.limiter.run(async () => {
        const md5 = await md5For(src.size);
        let sent = 0;
        const body = hashed(fileChunks(src.path, 0, src.size), md5, (n) => {
          sent += n;
          this.progress.add(n);
        });
        try {
          const res = await this.swift.request({ method: 'PUT', container, object: src.name, headers, body, contentLength: src.size, op: 'upload' });
          return await this.verifyPut(container, src.name, await md5.digest(), res.headers.etag, sent, src.size);
        } catch (err) {
          this.progress.sub(sent);
          throw err;
        }
      }),
    );
    return { container, name: src.name, bytes: src.size, etag, content_type: headers['content-type']!, segments: 0, status: 'uploaded', source: src.path };
  }

  /** Compares our MD5 with the server's ETag; a mismatch removes the object and fails. */
  private async verifyPut(container: string, name: string, md5: string, serverEtag: string | undefined, sent: number, expected?: number): Promise<string> {
    if (expected !== undefined && sent !== expected) throw new IntegrityError(`upload of "${container}/${name}": sent ${sent} bytes, the file has ${expected}`, { hint: 'the file changed while it was uploaded; try again' });
    const got = unquote(serverEtag);
    if (!got) {
      this.swift.ctx.debug(`no ETag in the answer for ${container}/${name}; cannot verify`);
      return md5;
    }
    if (got.toLowerCase() !== md5) {
      await this.swift.request({ method: 'DELETE', container, object: name, accept: [404] }).catch(() => undefined);
      throw new IntegrityError(`upload of "${container}/${name}" failed verification: server ETag ${got}, local MD5 ${md5}; the object was removed`, { hint: 'data was corrupted on the way; try again' });
    }
    return got;
  }

  private segmentPrefix(name: string, size: number, segSize: number, mtimeMs: number): string {
    return `${name}/slo/${(mtimeMs / 1000).toFixed(6)}/${size}/${segSize}/`;
  }

  private async putSlo(src: FileSource, segSize: number, mtime: Record<string, string>): Promise<{ result: UploadResult; paths: string[] }> {
    const { container } = this.opts;
    const segContainer = this.opts.segmentContainer ?? `${container}_segments`;
    await this.ensureContainer(segContainer);
    const count = Math.max(1, Math.ceil(src.size / segSize));
    const prefix = this.segmentPrefix(src.name, src.size, segSize, src.mtimeMs);
    const segs: SegmentDone[] = new Array(count);
    await eachLimit(
      Array.from({ length: count }, (_, i) => i),
      this.opts.segmentConcurrency,
      async (i) => {
        const start = i * segSize;
        const end = Math.min(src.size, start + segSize);
        const segName = prefix + String(i).padStart(8, '0');
        segs[i] = await this.putFileSegment(src.path, start, end, segContainer, segName);
      },
    );
    const manifest = await this.putManifest(src.name, segContainer, segs, metaHeaders('object', Object.entries(mtime)));
    return {
      result: { container, name: src.name, bytes: src.size, etag: manifest.etag, content_type: manifest.contentType, segments: count, status: 'uploaded', source: src.path },
      paths: segs.map((s) => `/${segContainer}/${s.name}`),
    };
  }

  /**
   * A dynamic large object as `swift upload -S` makes one: segments
   * <segment container>/<name>/<mtime>/<size>/<segment size>/<index, 8 digits>, then a zero-byte
   * manifest with X-Object-Manifest: <segment container>/<name>/<mtime>/<size>/<segment size>/
   * (URL-quoted). Each segment is verified; the manifest's size and ETag (the MD5 of the
   * segments' MD5s) are checked once it is written, with a warning only, because a container
   * listing may lag behind the segments just written (DLOs are eventually consistent).
   */
  private async putDlo(src: FileSource, segSize: number, mtime: Record<string, string>): Promise<{ result: UploadResult; paths: string[]; manifest: string }> {
    const { container } = this.opts;
    const segContainer = this.opts.segmentContainer ?? `${container}_segments`;
    await this.ensureContainer(segContainer);
    const count = Math.max(1, Math.ceil(src.size / segSize));
    const prefix = `${src.name}/${mtime.mtime}/${src.size}/${segSize}/`;
    const segs: SegmentDone[] = new Array(count);
    await eachLimit(
      Array.from({ length: count }, (_, i) => i),
      this.opts.segmentConcurrency,
      async (i) => {
        const start = i * segSize;
        const end = Math.min(src.size, start + segSize);
        segs[i] = await this.putFileSegment(src.path, start, end, segContainer, prefix + String(i).padStart(8, '0'));
      },
    );
    const manifest = manifestValue(segContainer, prefix);
    const m = await this.putDloManifest(src.name, manifest, segs, metaHeaders('object', Object.entries(mtime)));
    return {
      result: { container, name: src.name, bytes: src.size, etag: m.etag, content_type: m.contentType, segments: count, status: 'uploaded', source: src.path },
      paths: segs.map((s) => `/${segContainer}/${s.name}`),
      manifest,
    };
  }

  private async putDloManifest(name: string, manifest: string, segs: SegmentDone[], extra: Record<string, string>): Promise<{ etag: string; contentType: string }> {
    const { container } = this.opts;
    const headers = this.headersFor(name, { ...extra, 'x-object-manifest': manifest });
    const res = await this.swift.request({ method: 'PUT', container, object: name, headers, body: '', contentLength: 0, op: 'upload the manifest of' });
    await this.verifyPut(container, name, EMPTY_MD5, res.headers.etag, 0, 0);
    const etag = sloEtag(segs.map((s) => ({ hash: s.etag })));
    const bytes = segs.reduce((a, s) => a + s.bytes, 0);
    const h = await this.swift.head(container, name, 'read', true).catch(() => undefined);
    if (h && (intHeader(h['content-length']) !== bytes || unquote(h.etag) !== etag)) {
      this.swift.ctx.warn(
        `"${container}/${name}" reads as ${h['content-length'] ?? '?'} bytes (ETag ${unquote(h.etag) ?? '?'}) right after the upload, not ${bytes} (ETag ${etag}): the segment container's listing has not caught up yet (dynamic large objects are eventually consistent); check later with storctl object show`,
      );
    }
    return { etag, contentType: headers['content-type']! };
  }

  private async putFileSegment(path: string, start: number, end: number, segContainer: string, segName: string): Promise<SegmentDone> {
    const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
    if (this.opts.deleteAt !== undefined) headers['x-delete-at'] = String(this.opts.deleteAt);
    return withRetries(this.swift, () =>
      this.limiter.run(async () => {
        const md5 = await md5For(end - start);
        let sent = 0;
        const body = hashed(fileChunks(path, start, end), md5, (n) => {
          sent += n;
          this.progress.add(n);
        });
        try {
          const res = await this.swift.request({ method: 'PUT', container: segContainer, object: segName, headers, body, contentLength: end - start, op: 'upload segment' });
          const etag = await this.verifyPut(segContainer, segName, await md5.digest(), res.headers.etag, sent, end - start);
          return { name: segName, etag, bytes: end - start };
        } catch (err) {
          this.progress.sub(sent);
          throw err;
        }
      }),
    );
  }

  private async putManifest(name: string, segContainer: string, segs: SegmentDone[], extra: Record<string, string>): Promise<{ etag: string; contentType: string }> {
    const { container } = this.opts;
    const manifest = segs.map((s) => ({ path: `/${segContainer}/${s.name}`, etag: s.etag, size_bytes: s.bytes }));
    const expected = sloEtag(segs.map((s) => ({ hash: s.etag })));
    const headers = this.headersFor(name, { ...extra, etag: expected });
    const res = await this.swift.request({
      method: 'PUT',
      container,
      object: name,
      query: { 'multipart-manifest': 'put' },
      headers,
      body: JSON.stringify(manifest),
      op: 'upload the manifest of',
    });
    const got = unquote(res.headers.etag);
    if (got && got !== expected) {
      throw new IntegrityError(`manifest of "${container}/${name}" failed verification: server ETag ${got}, expected ${expected}`, { hint: 'a segment changed while uploading; try again' });
    }
    return { etag: expected, contentType: headers['content-type']! };
  }

  /** Streams of unknown length (stdin): one chunked PUT, or sequential segments with --segment-size. */
  async uploadStream(source: AsyncIterable<Uint8Array>, name: string, label = 'stdin'): Promise<UploadResult> {
    const { container } = this.opts;
    await this.ensureContainer(container);
    const existing = this.opts.leaveSegments ? undefined : await this.swift.head(container, name, 'read', true);
    const old = await this.oldLargeObject(container, name, existing);
    let manifest: string | undefined;
    const reader = new ByteTaker(source);
    const segSize = this.opts.segmentSize;
    let result: UploadResult;
    let kept = new Set<string>();
    if (segSize === undefined || (await reader.endsWithin(segSize))) {
      const headers = this.headersFor(name);
      const hash = createHash('md5');
      let sent = 0;
      const body = hashing(reader.take(Infinity), hash, (n) => {
        sent += n;
        this.progress.add(n);
      });
      const res = await this.swift.request({ method: 'PUT', container, object: name, headers, body, op: 'upload' });
      const etag = await this.verifyPut(container, name, hash.digest('hex'), res.headers.etag, sent);
      result = { container, name, bytes: sent, etag, content_type: headers['content-type']!, segments: 0, status: 'uploaded', source: label };
    } else {
      const segContainer = this.opts.segmentContainer ?? `${container}_segments`;
      await this.ensureContainer(segContainer);
      const ts = (Date.now() / 1000).toFixed(6);
      // DLO segments of a stream as swift names its stream segments (without "slo/"): the size is unknown.
      const prefix = this.opts.dlo ? `${name}/${ts}/${segSize}/` : `${name}/slo/${ts}/stream/${segSize}/`;
      const segs: SegmentDone[] = [];
      const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
      if (this.opts.deleteAt !== undefined) headers['x-delete-at'] = String(this.opts.deleteAt);
      while (!(await reader.atEnd())) {
        const segName = prefix + String(segs.length).padStart(8, '0');
        const hash = createHash('md5');
        let sent = 0;
        const body = hashing(reader.take(segSize), hash, (n) => {
          sent += n;
          this.progress.add(n);
        });
        const res = await this.swift.request({ method: 'PUT', container: segContainer, object: segName, headers, body, op: 'upload segment' });
        const etag = await this.verifyPut(segContainer, segName, hash.digest('hex'), res.headers.etag, sent);
        segs.push({ name: segName, etag, bytes: sent });
      }
      let m: { etag: string; contentType: string };
      if (this.opts.dlo) {
        manifest = manifestValue(segContainer, prefix);
        m = await this.putDloManifest(name, manifest, segs, {});
      } else {
        m = await this.putManifest(name, segContainer, segs, {});
      }
      kept = new Set(segs.map((s) => `/${segContainer}/${s.name}`));
      const bytes = segs.reduce((a, s) => a + s.bytes, 0);
      result = { container, name, bytes, etag: m.etag, content_type: m.contentType, segments: segs.length, status: 'uploaded', source: label };
    }
    await this.dropOld(old, kept, manifest);
    this.progress.fileDone();
    return result;
  }

  /** Removes an overwritten manifest's segments that the new object does not use. */
  private async dropSegments(old: SegmentInfo[], keep: Set<string>): Promise<void> {
    const stale = old
      .filter((s) => s.name && !keep.has('/' + s.name.replace(/^\/+/, '')))
      .map((s) => {
        const p = s.name!.replace(/^\/+/, '');
        const i = p.indexOf('/');
        return { container: p.slice(0, i), name: p.slice(i + 1), slo: s.sub_slo };
      })
      .filter((t) => t.container && t.name);
    if (stale.length === 0) return;
    try {
      await deleteObjects(this.swift, stale, { concurrency: this.opts.concurrency });
      this.swift.ctx.debug(`removed ${stale.length} segment(s) of the replaced large object`);
    } catch (err) {
      this.swift.ctx.warn(`could not remove ${stale.length} old segment(s) of a replaced large object: ${(err as Error).message}`);
    }
  }

  /**
   * Removes the segments of an overwritten DLO (the objects under its prefix, as `swift upload`
   * does), unless the new object is a DLO with the same prefix (same mtime, size and segment
   * size: its segments were just written over the old ones), and never one the new object uses.
   */
  private async dropDloSegments(oldManifest: string, keep: Set<string>, newManifest?: string): Promise<void> {
    const ref = parseManifestHeader(oldManifest);
    if (!ref) return;
    const now = newManifest !== undefined ? parseManifestHeader(newManifest) : undefined;
    if (now && now.container === ref.container && segmentPrefix(now) === segmentPrefix(ref)) return;
    try {
      const stale = (async function* (swift: SwiftClient) {
        for await (const row of dloSegments(swift, ref, segmentPrefix(ref))) {
          if (row.name !== undefined && !keep.has(`/${ref.container}/${row.name}`)) yield { container: ref.container, name: row.name };
        }
      })(this.swift);
      const done = await deleteObjects(this.swift, stale, { concurrency: this.opts.concurrency });
      this.swift.ctx.debug(`removed ${done.length} segment(s) of the replaced dynamic large object`);
    } catch (err) {
      this.swift.ctx.warn(`could not remove the old segments of a replaced dynamic large object under "${ref.container}/${segmentPrefix(ref)}": ${(err as Error).message}`);
    }
  }
}

/** The MD5 of nothing: the ETag of a zero-byte DLO manifest. */
const EMPTY_MD5 = 'd41d8cd98f00b204e9800998ecf8427e';

/** True when the file has the same bytes as the object (MD5 per segment for large objects). */
async function identical(src: FileSource, h: Record<string, string>, manifest: SegmentInfo[] | undefined): Promise<boolean> {
  if (intHeader(h['content-length']) !== src.size) return false;
  if (trueHeader(h['x-static-large-object']) || h['x-object-manifest'] !== undefined) {
    if (!manifest || manifest.length === 0) return false;
    let off = 0;
    for (const s of manifest) {
      if (!verifiable(s)) return false;
      if ((await md5File(src.path, off, off + s.bytes)) !== s.hash) return false;
      off += s.bytes;
    }
    return off === src.size;
  }
  const etag = unquote(h.etag);
  return !!etag && (await md5File(src.path)) === etag;
}

/** Reads an async byte stream in pieces of a given length (segments of stdin). */
export class ByteTaker {
  private readonly it: AsyncIterator<Uint8Array>;
  private pending?: Uint8Array;
  private ended = false;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.it = source[Symbol.asyncIterator]();
  }

  private async fill(): Promise<void> {
    while (!this.ended && (!this.pending || this.pending.length === 0)) {
      const r = await this.it.next();
      if (r.done) this.ended = true;
      else this.pending = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
    }
  }

  async atEnd(): Promise<boolean> {
    await this.fill();
    return this.ended && (!this.pending || this.pending.length === 0);
  }

  /**
   * True when the stream ends within `n` bytes. Reads ahead at most n+1 bytes worth of chunks
   * (kept for take()); used only to decide whether stdin needs segments at all.
   */
  async endsWithin(n: number): Promise<boolean> {
    const held: Uint8Array[] = [];
    let size = 0;
    if (this.pending) {
      held.push(this.pending);
      size += this.pending.length;
      this.pending = undefined;
    }
    while (!this.ended && size <= n && size < 8 * MiB) {
      const r = await this.it.next();
      if (r.done) this.ended = true;
      else {
        held.push(r.value);
        size += r.value.length;
      }
    }
    this.pending = held.length ? Buffer.concat(held) : undefined;
    return this.ended && size <= n;
  }

  async *take(n: number): AsyncGenerator<Uint8Array> {
    let left = n;
    while (left > 0) {
      await this.fill();
      if (!this.pending || this.pending.length === 0) return;
      const chunk = this.pending;
      if (chunk.length <= left) {
        this.pending = undefined;
        left -= chunk.length;
        yield chunk;
      } else {
        this.pending = chunk.subarray(left);
        const part = chunk.subarray(0, left);
        left = 0;
        yield part;
      }
    }
  }
}

/** Object name for a local path: separators become "/", leading "/", "." and ".." parts are dropped. */
export function objectNameFor(path: string): string {
  return normalize(path)
    .split(sep)
    .join('/')
    .split('/')
    .filter((p) => p !== '' && p !== '.' && p !== '..')
    .join('/');
}

/** Files to upload: plain files as given, directories walked recursively (sorted). */
export async function collectSources(paths: readonly string[], name: string | undefined, warn: (m: string) => void): Promise<FileSource[]> {
  const out: FileSource[] = [];
  for (const p of paths) {
    let st;
    try {
      st = await stat(p);
    } catch (err) {
      throw new UsageError(`cannot read ${p}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    if (st.isDirectory()) {
      const base = name !== undefined ? name.replace(/^\/+|\/+$/g, '') : objectNameFor(p);
      await walk(p, base, out, warn);
    } else if (st.isFile()) {
      out.push({ path: p, name: name ?? objectNameFor(p), size: st.size, mtimeMs: st.mtimeMs });
    } else {
      warn(`skipping ${p}: not a regular file or directory`);
    }
  }
  for (const s of out) if (!s.name) throw new UsageError(`cannot derive an object name from "${s.path}"`, { hint: 'pass --name NAME' });
  return out;
}

async function walk(dir: string, base: string, out: FileSource[], warn: (m: string) => void): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = join(dir, e.name);
    const name = base ? `${base}/${e.name}` : e.name;
    if (e.isDirectory()) {
      await walk(full, name, out, warn);
      continue;
    }
    let st;
    try {
      st = await stat(full);
    } catch {
      warn(`skipping ${full}: cannot read it (broken link?)`);
      continue;
    }
    if (st.isFile()) out.push({ path: full, name, size: st.size, mtimeMs: st.mtimeMs });
    else if (st.isDirectory()) warn(`skipping ${full}: a link to a directory`);
  }
}
