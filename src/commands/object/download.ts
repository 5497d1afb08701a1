import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { defineCommand } from '../../framework/command.js';
import { NotFoundError, UsageError } from '../../framework/errors.js';
import { SwiftClient } from '../../backends/swift/client.js';
import { concurrency, CONCURRENCY_FLAG, segmentConcurrency, SWIFT_BACKENDS } from '../../backends/swift/columns.js';
import { downloadToFile, downloadToStream, localPath, type DownloadResult } from '../../backends/swift/download.js';
import { listObjects } from '../../backends/swift/listing.js';
import { checkContainer, checkObject } from '../../backends/swift/paths.js';
import { eachLimit, Limiter } from '../../backends/swift/pool.js';
import { Progress } from '../../backends/swift/progress.js';

interface Opts {
  file?: string;
  dir?: string;
  prefix?: string;
  concurrency?: number;
  resume?: boolean;
}

interface Job {
  name: string;
  dest: string;
  slo?: boolean;
  bytes?: number;
  etag?: string;
}

export default defineCommand<Opts>({
  summary: 'Download objects to files, a directory, or stdout (verified, resumable)',
  description:
    'Downloads the named objects, or with --prefix (or no object names) every matching object of the container, into --dir (default: the current directory; object names become relative paths, names with ".." are skipped). One object can go to --file PATH, or to stdout with --file -. Every download is checked: a plain object\'s bytes against its ETag (MD5), a static large object segment by segment against its manifest and the manifest against the object\'s ETag. Files are written as NAME.part and renamed when verified; a mismatch deletes the .part and exits 1, so no damaged file is left under the final name. An interrupted download leaves NAME.part, which the next run resumes (after re-checking its bytes) unless --no-resume. Static large objects are fetched segment by segment in parallel (--concurrency; by default 2 segments and 4 objects at a time), straight from the segment objects when they are readable, else as ranges. A plain object of 64 MiB or more is fetched as --concurrency parallel ranges when --concurrency is given (by default in one stream), each range pinned to the object\'s ETag with If-Match and hashed in order. A connection cut or stalled mid-body (fewer than low_speed_limit bytes/s for low_speed_time, 1 KiB/s for 30 s by default) is resumed from the byte where it stopped, pinned to the object\'s ETag with If-Match, for as long as the retry budget lasts (--retry-budget, 30 s without progress). A progress bar is drawn on a terminal. Exit codes: 1 on a verification failure, 3 when access is denied, 4 when an object does not exist, 5 when the object changed during the download, 6 when a cut or stalled download could not be resumed (NAME.part keeps what arrived; run the command again to go on).',
  backends: SWIFT_BACKENDS,
  args: [
    { name: 'container', description: 'Container name', required: true },
    { name: 'object', description: 'Object name(s); none = the whole container (or --prefix)', variadic: true },
  ],
  flags: [
    { name: 'file', type: 'string', valueName: 'PATH', description: 'Write the one object to PATH ("-" = stdout)', complete: 'file' },
    { name: 'dir', short: 'D', type: 'string', valueName: 'DIR', description: 'Directory to download into (default .)', complete: 'file' },
    { name: 'prefix', type: 'string', valueName: 'PREFIX', description: 'Download every object whose name starts with PREFIX' },
    CONCURRENCY_FLAG,
    { name: 'no-resume', type: 'boolean', description: 'Ignore a partial NAME.part and start over' },
  ],
  columns: [
    { key: 'name', header: 'Object' },
    { key: 'path', header: 'Path' },
    { key: 'bytes', header: 'Bytes', format: 'bytes' },
    { key: 'status', header: 'Status' },
    { key: 'verified', header: 'Verified' },
    { key: 'etag', header: 'ETag', long: true },
  ],
  examples: [
    'storctl object download backups db.tar.gz',
    'storctl object download backups db.tar.gz --file /tmp/db.tgz',
    'storctl object download backups db.sql --file - | psql mydb',
    'storctl object download photos --prefix 2024/ --dir ./restore --concurrency 8',
  ],
  async run(ctx, args, opts) {
    const container = checkContainer(args[0]!);
    const names = args.slice(1).map(checkObject);
    const n = concurrency(opts.concurrency);
    const segs = segmentConcurrency(opts.concurrency);
    // Parallel ranges of one plain object only when asked for (see DownloadOptions.ranges).
    const ranges = opts.concurrency === undefined ? 1 : n;
    const resume = opts.resume !== false;
    if (opts.file !== undefined && (names.length !== 1 || opts.prefix !== undefined)) throw new UsageError('--file takes exactly one object name (and no --prefix)');
    if (opts.file !== undefined && opts.dir !== undefined) throw new UsageError('use --file or --dir, not both');
    if (names.length > 0 && opts.prefix !== undefined) throw new UsageError('give object names or --prefix, not both');
    const swift = await SwiftClient.open(ctx);
    const limiter = new Limiter(n);

    if (opts.file === '-') {
      const progress = new Progress(ctx, 'download');
      try {
        await downloadToStream(swift, container, names[0]!, ctx.io.stdout, { concurrency: segs, resume: false, progress, limiter });
        progress.finish(true);
      } catch (err) {
        progress.finish(false);
        throw err;
      }
      return;
    }

    const dir = opts.dir ?? '.';
    const jobs: Job[] = [];
    if (opts.file !== undefined) {
      // An existing directory gets the object's base name inside it.
      const isDir = await stat(opts.file).then((s) => s.isDirectory(), () => false);
      jobs.push({ name: names[0]!, dest: isDir ? join(opts.file, basename(names[0]!)) : opts.file });
    } else if (names.length > 0) {
      for (const name of names) {
        const dest = localPath(dir, name, join);
        if (!dest) throw new UsageError(`object name "${name}" cannot be a local path (it has ".." parts)`, { hint: 'use --file PATH to choose where it goes' });
        jobs.push({ name, dest });
      }
    } else {
      let any = false;
      for await (const row of listObjects(swift, container, { prefix: opts.prefix })) {
        if (row.name === undefined) continue;
        any = true;
        if (row.name.endsWith('/') || (row.content_type === 'application/directory' && row.bytes === 0)) continue;
        const dest = localPath(dir, row.name, join);
        if (!dest) {
          ctx.warn(`skipping "${row.name}": its name would leave ${dir}`);
          continue;
        }
        jobs.push({ name: row.name, dest, slo: row.slo_etag !== undefined, bytes: row.bytes, etag: row.hash });
      }
      if (!any && opts.prefix !== undefined) throw new NotFoundError(`no objects in container "${container}" start with "${opts.prefix}"`);
    }
    const listed = jobs.every((j) => j.bytes !== undefined);
    const progress = new Progress(ctx, 'download', { total: listed ? jobs.reduce((a, j) => a + (j.bytes ?? 0), 0) : undefined, files: jobs.length });
    const results: DownloadResult[] = new Array(jobs.length);
    try {
      await eachLimit(jobs, n, async (job, i) => {
        results[i] = await downloadToFile(swift, container, job.name, job.dest, { concurrency: segs, ranges, resume, progress, limiter }, job.bytes !== undefined ? { slo: job.slo, bytes: job.bytes, etag: job.etag } : undefined);
      });
      progress.finish(true);
    } catch (err) {
      progress.finish(false);
      throw err;
    }
    await ctx.printList(results);
  },
});
