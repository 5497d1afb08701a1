import { defineCommand } from '../../framework/command.js';
import { ConflictError } from '../../framework/errors.js';
import { SwiftClient } from '../../backends/swift/client.js';
import { concurrency, CONCURRENCY_FLAG, SWIFT_BACKENDS } from '../../backends/swift/columns.js';
import { deleteObjects, type DeleteTarget } from '../../backends/swift/delete.js';
import { listObjects, type ObjectRow } from '../../backends/swift/listing.js';
import { intHeader } from '../../backends/swift/meta.js';
import { checkContainer } from '../../backends/swift/paths.js';

interface Opts {
  recursive?: boolean;
  concurrency?: number;
  leaveSegments?: boolean;
}

export default defineCommand<Opts>({
  summary: 'Delete containers (--recursive: with all their objects)',
  description:
    'Deletes each named container. Swift refuses to delete a container that still holds objects (exit 5); --recursive deletes the objects first (in bulk when the cluster has the bulk-delete middleware; large objects with their segments unless --leave-segments: static ones by their manifest, dynamic ones, found by looking at each zero-byte object, by deleting every object under their X-Object-Manifest prefix as `object delete` does) and asks for confirmation on a terminal unless --yes. Exit codes: 4 when a container does not exist, 5 when it is not empty, 3 when access is denied.',
  backends: SWIFT_BACKENDS,
  destructive: true,
  args: [{ name: 'container', description: 'Container name(s)', required: true, variadic: true }],
  flags: [
    { name: 'recursive', short: 'r', type: 'boolean', description: 'Delete every object in the container first' },
    { name: 'leave-segments', type: 'boolean', description: 'Keep the segments of large objects (static and dynamic)' },
    CONCURRENCY_FLAG,
  ],
  columns: [
    { key: 'name', header: 'Name' },
    { key: 'status', header: 'Status' },
    { key: 'objects_deleted', header: 'Objects deleted' },
  ],
  examples: ['storctl container delete scratch', 'storctl container delete old-logs --recursive --yes', 'storctl container delete a b c'],
  async run(ctx, args, opts) {
    const names = args.map(checkContainer);
    const swift = await SwiftClient.open(ctx);
    const n = concurrency(opts.concurrency);
    const out: Record<string, unknown>[] = [];
    for (const name of names) {
      let removed = 0;
      if (opts.recursive) {
        const head = await swift.request({ method: 'HEAD', container: name, op: 'delete' });
        const count = intHeader(head.headers['x-container-object-count']) ?? 0;
        if (count > 0 && !(await ctx.confirm(`Delete container "${name}" and its ${count} object(s)?`))) {
          out.push({ name, status: 'kept', objects_deleted: 0 });
          continue;
        }
        const targets = (async function* () {
          for await (const row of listObjects(swift, name)) if (row.name !== undefined) yield listedTarget(name, row);
        })();
        const results = await deleteObjects(swift, targets, { concurrency: n, leaveSegments: opts.leaveSegments });
        removed = results.filter((r) => r.status === 'deleted').length;
      }
      await deleteContainer(swift, name, !!opts.recursive);
      out.push({ name, status: 'deleted', objects_deleted: removed });
    }
    await ctx.printList(out);
  },
});

/** A listed object to delete: SLOs by their listing entry; a zero-byte one may be a DLO manifest (looked at). */
function listedTarget(container: string, row: ObjectRow): DeleteTarget {
  const slo = row.slo_etag !== undefined;
  return { container, name: row.name!, slo, probe: !slo && row.bytes === 0 };
}

/** DELETE; after emptying it, a real cluster may need a moment to see the container empty. */
async function deleteContainer(swift: SwiftClient, name: string, patient: boolean): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await swift.request({ method: 'DELETE', container: name, op: 'delete' });
      return;
    } catch (err) {
      if (!(patient && err instanceof ConflictError && attempt < 8)) throw err;
      if (attempt === 0) {
        // Objects written meanwhile (or listed late) are deleted too.
        const left: DeleteTarget[] = [];
        for await (const row of listObjects(swift, name)) if (row.name !== undefined) left.push(listedTarget(name, row));
        if (left.length) await deleteObjects(swift, left, { concurrency: 4 });
      }
      await new Promise((r) => setTimeout(r, 250 * 2 ** Math.min(attempt, 3)));
    }
  }
}
