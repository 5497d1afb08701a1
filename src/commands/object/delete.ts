import { defineCommand } from '../../framework/command.js';
import { NotFoundError, UsageError } from '../../framework/errors.js';
import { SwiftClient } from '../../backends/swift/client.js';
import { concurrency, CONCURRENCY_FLAG, SWIFT_BACKENDS } from '../../backends/swift/columns.js';
import { deleteObjects, headManifest, targetFor, type DeleteResult, type DeleteTarget } from '../../backends/swift/delete.js';
import { listObjects } from '../../backends/swift/listing.js';
import { checkContainer, checkObject } from '../../backends/swift/paths.js';
import { eachLimit } from '../../backends/swift/pool.js';

interface Opts {
  prefix?: string;
  all?: boolean;
  leaveSegments?: boolean;
  concurrency?: number;
}

export default defineCommand<Opts>({
  summary: 'Delete objects (by name, by prefix, or all), large objects with their segments',
  description:
    'Deletes the named objects, or every object whose name starts with --prefix, or with --all every object in the container. Deleting by --prefix or --all asks for confirmation on a terminal unless --yes. Large objects are deleted with their segments unless --leave-segments: static ones with ?multipart-manifest=delete, dynamic ones (X-Object-Manifest: CONTAINER/PREFIX, e.g. from `swift upload -S` or `object upload --dlo`) by deleting the manifest, then every object under CONTAINER/PREFIX/ (as `swift delete` does; a prefix is taken up to a "/"). Deleting by --prefix or --all looks at each zero-byte object (HEAD) to find DLO manifests. Objects are inspected with ?multipart-manifest=get&symlink=get, so a symlink is deleted without its target\'s segments. Many objects go through the bulk-delete middleware (up to 10,000 per request) when the cluster\'s /info offers it, otherwise --concurrency DELETEs at a time. Exit codes: 4 when a named object does not exist (the others are still deleted), 3 when access is denied.',
  backends: SWIFT_BACKENDS,
  destructive: true,
  args: [
    { name: 'container', description: 'Container name', required: true },
    { name: 'object', description: 'Object name(s)', variadic: true },
  ],
  flags: [
    { name: 'prefix', type: 'string', valueName: 'PREFIX', description: 'Delete every object whose name starts with PREFIX' },
    { name: 'all', type: 'boolean', description: 'Delete every object in the container' },
    { name: 'leave-segments', type: 'boolean', description: 'Keep the segments of large objects (static and dynamic)' },
    CONCURRENCY_FLAG,
  ],
  columns: [
    { key: 'name', header: 'Object' },
    { key: 'status', header: 'Status' },
    { key: 'segments', header: 'Segments', long: true },
    { key: 'container', header: 'Container', long: true },
  ],
  examples: ['storctl object delete backups old.tar.gz', 'storctl object delete logs --prefix 2023/ --yes', 'storctl object delete scratch --all --yes -o json'],
  async run(ctx, args, opts) {
    const container = checkContainer(args[0]!);
    const names = args.slice(1).map(checkObject);
    const modes = [names.length > 0, opts.prefix !== undefined, !!opts.all].filter(Boolean).length;
    if (modes === 0) throw new UsageError('name the objects to delete, or pass --prefix PREFIX or --all');
    if (modes > 1) throw new UsageError('give object names, --prefix or --all: one of them');
    const swift = await SwiftClient.open(ctx);
    const n = concurrency(opts.concurrency);
    const results: DeleteResult[] = [];
    const missing: string[] = [];
    if (names.length > 0) {
      // Find out which are large objects (their segments go too) and which do not exist.
      const targets: (DeleteTarget | undefined)[] = new Array(names.length);
      await eachLimit(names, n, async (name, i) => {
        const h = await headManifest(swift, container, name);
        if (!h) {
          missing.push(name);
          return;
        }
        targets[i] = opts.leaveSegments ? { container, name } : targetFor(container, name, h);
      });
      results.push(...(await deleteObjects(swift, targets.filter((t): t is DeleteTarget => !!t), { concurrency: n, leaveSegments: opts.leaveSegments })));
      for (const m of missing) results.push({ container, name: m, status: 'not_found' });
    } else {
      const what = opts.all ? `every object in container "${container}"` : `every object in container "${container}" whose name starts with "${opts.prefix}"`;
      await swift.head(container).then((h) => {
        if (!h) throw new NotFoundError(`container "${container}" not found`);
      });
      if (!(await ctx.confirm(`Delete ${what}?`))) return;
      const targets = (async function* () {
        for await (const row of listObjects(swift, container, { prefix: opts.prefix })) {
          if (row.name === undefined) continue;
          const slo = row.slo_etag !== undefined;
          // A DLO manifest is an ordinary zero-byte object in a listing: those are looked at.
          yield { container, name: row.name, slo, probe: !slo && row.bytes === 0 };
        }
      })();
      results.push(...(await deleteObjects(swift, targets, { concurrency: n, leaveSegments: opts.leaveSegments })));
    }
    await ctx.printList(results);
    if (missing.length > 0) {
      throw new NotFoundError(`${missing.length === 1 ? `object "${container}/${missing[0]}"` : `${missing.length} objects`} not found`, { details: { missing } });
    }
  },
});
