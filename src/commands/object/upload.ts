import { defineCommand } from '../../framework/command.js';
import { UsageError } from '../../framework/errors.js';
import { SwiftClient } from '../../backends/swift/client.js';
import { concurrency, CONCURRENCY_FLAG, segmentConcurrency, META_FLAG, SWIFT_BACKENDS, TRANSFER_COLUMNS } from '../../backends/swift/columns.js';
import { parseDuration, parseMetaPairs, parseSize, parseTime } from '../../backends/swift/meta.js';
import { checkContainer, checkObject } from '../../backends/swift/paths.js';
import { eachLimit } from '../../backends/swift/pool.js';
import { Progress } from '../../backends/swift/progress.js';
import { collectSources, DEFAULT_THRESHOLD, Uploader, type UploadResult } from '../../backends/swift/upload.js';

interface Opts {
  name?: string;
  segmentSize?: string;
  segmentThreshold?: string;
  segmentContainer?: string;
  dlo?: boolean;
  concurrency?: number;
  skipIdentical?: boolean;
  leaveSegments?: boolean;
  meta?: string[];
  contentType?: string;
  deleteAfter?: string;
  deleteAt?: string;
}

export default defineCommand<Opts>({
  summary: 'Upload files, directories or stdin (large files in parallel segments)',
  description:
    'Uploads each PATH: a file becomes one object named after its path (leading "/" and ".." dropped; --name renames a single file, or replaces the directory part for a directory); a directory is uploaded recursively; "-" reads stdin (needs --name). Files larger than --segment-threshold (default 512M), or than --segment-size when given, become large objects: segments of --segment-size (default 128M) go to CONTAINER_segments in parallel (--concurrency; by default 2 segments and 4 files at a time) and a manifest ties them together. storctl makes static large objects (an SLO manifest listing each segment with its MD5) unless --dlo, whereas `swift upload -S` makes dynamic ones unless --use-slo. --dlo makes a dynamic large object as swift does: segments CONTAINER_segments/NAME/MTIME/SIZE/SEGMENT_SIZE/00000000…, then a zero-byte manifest with X-Object-Manifest: CONTAINER_segments/NAME/MTIME/SIZE/SEGMENT_SIZE/ (Swift serves whatever is listed under that prefix, so a DLO has no segment limit but may read short while listings catch up: storctl warns if the new object does not read whole yet). The old segments of an overwritten large object (static or dynamic) are removed unless --leave-segments. Sizes: K/M/G (= KiB/MiB/GiB) are powers of 1024, KB/MB/GB powers of 1000, a plain number is bytes. Every upload is hashed while it streams and checked against the ETag Swift returns (the manifest against the MD5 of its segments\' MD5s); a mismatch removes the bad object and exits 1. --skip-identical skips files whose MD5 already matches the object. Content types come from the file extension unless --content-type. A progress bar (bytes, rate, ETA) is drawn on a terminal. Exit codes: 1 on a verification failure, 2 for unreadable paths, 3 when access is denied, 4 when the container cannot be found or created.',
  backends: SWIFT_BACKENDS,
  args: [
    { name: 'container', description: 'Container to upload into (created when missing)', required: true },
    { name: 'path', description: 'Files, directories, or - for stdin', required: true, variadic: true, complete: 'file' },
  ],
  flags: [
    { name: 'name', type: 'string', valueName: 'NAME', description: 'Object name (one file or stdin), or name prefix replacing a directory path' },
    { name: 'segment-size', short: 'S', type: 'string', valueName: 'SIZE', description: 'Upload files larger than SIZE as large objects in SIZE segments (e.g. 100M = 100 MiB, or bytes)' },
    { name: 'segment-threshold', type: 'string', valueName: 'SIZE', description: 'Without --segment-size: segment files larger than SIZE (default 512M)' },
    { name: 'segment-container', type: 'string', valueName: 'NAME', description: 'Container for segments (default CONTAINER_segments)' },
    { name: 'dlo', type: 'boolean', description: 'Make dynamic large objects (X-Object-Manifest, as swift upload -S does) instead of static ones' },
    CONCURRENCY_FLAG,
    { name: 'skip-identical', type: 'boolean', description: 'Skip files whose MD5 matches the object already there' },
    { name: 'leave-segments', type: 'boolean', description: 'Keep the segments of a large object that gets overwritten' },
    META_FLAG,
    { name: 'content-type', type: 'string', valueName: 'TYPE', description: 'Content type (default: from the file extension)' },
    { name: 'delete-after', type: 'string', valueName: 'DURATION', description: 'Expire the objects after this long (e.g. 3600, 12h, 7d)' },
    { name: 'delete-at', type: 'string', valueName: 'TIME', description: 'Expire the objects at this time (Unix seconds or ISO 8601)' },
  ],
  columns: TRANSFER_COLUMNS,
  examples: [
    'storctl object upload backups db.tar.gz',
    'storctl object upload backups ./photos --skip-identical --concurrency 8',
    'storctl object upload images disk.qcow2 --segment-size 256M',
    'storctl object upload images disk.qcow2 --segment-size 256M --dlo',
    'pg_dump mydb | storctl object upload backups - --name mydb.sql',
    'storctl object upload tmp report.pdf --delete-after 7d --meta owner=ops',
  ],
  async run(ctx, args, opts) {
    const container = checkContainer(args[0]!);
    const paths = args.slice(1);
    const stdin = paths.includes('-');
    if (stdin && paths.length > 1) throw new UsageError('"-" (stdin) cannot be combined with other paths');
    if (stdin && !opts.name) throw new UsageError('uploading stdin needs --name NAME');
    if (opts.name) checkObject(opts.name);
    if (opts.deleteAfter !== undefined && opts.deleteAt !== undefined) throw new UsageError('use --delete-after or --delete-at, not both');
    const deleteAt =
      opts.deleteAfter !== undefined ? Math.floor(Date.now() / 1000) + parseDuration(opts.deleteAfter, '--delete-after') : opts.deleteAt !== undefined ? parseTime(opts.deleteAt, '--delete-at') : undefined;
    const n = concurrency(opts.concurrency);
    const uploadOpts = {
      container,
      segmentSize: parseSize(opts.segmentSize, '--segment-size'),
      threshold: parseSize(opts.segmentThreshold, '--segment-threshold') ?? DEFAULT_THRESHOLD,
      segmentContainer: opts.segmentContainer !== undefined ? checkContainer(opts.segmentContainer) : undefined,
      dlo: !!opts.dlo,
      concurrency: n,
      segmentConcurrency: segmentConcurrency(opts.concurrency),
      skipIdentical: !!opts.skipIdentical,
      leaveSegments: !!opts.leaveSegments,
      meta: parseMetaPairs(opts.meta),
      contentType: opts.contentType,
      deleteAt,
    };
    const swift = await SwiftClient.open(ctx);
    const results: UploadResult[] = [];
    if (stdin) {
      const progress = new Progress(ctx, 'upload');
      const up = new Uploader(swift, uploadOpts, progress);
      try {
        results.push(await up.uploadStream(ctx.io.stdin as AsyncIterable<Uint8Array>, opts.name!));
        progress.finish(true);
      } catch (err) {
        progress.finish(false);
        throw err;
      }
    } else {
      const sources = await collectSources(paths, opts.name, (m) => ctx.warn(m));
      if (opts.name !== undefined && sources.length > 1 && paths.length > 1) throw new UsageError('--name applies to one file or one directory');
      const progress = new Progress(ctx, 'upload', { total: sources.reduce((a, s) => a + s.size, 0), files: sources.length });
      const up = new Uploader(swift, uploadOpts, progress);
      try {
        // Small files go several at a time; a large file's segments share the same limit.
        await eachLimit(sources, n, async (src, i) => {
          results[i] = await up.uploadFile(src);
        });
        progress.finish(true);
      } catch (err) {
        progress.finish(false);
        throw err;
      }
    }
    await ctx.printList(results);
  },
});
