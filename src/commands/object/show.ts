import { defineCommand } from '../../framework/command.js';
import { SwiftClient } from '../../backends/swift/client.js';
import { OBJECT_SHOW_COLUMNS, SWIFT_BACKENDS } from '../../backends/swift/columns.js';
import { segmentLength } from '../../backends/swift/integrity.js';
import { getManifest } from '../../backends/swift/manifest.js';
import { trueHeader } from '../../backends/swift/meta.js';
import { checkContainer, checkObject, splitPath } from '../../backends/swift/paths.js';
import { objectRecord } from '../../backends/swift/records.js';

export default defineCommand({
  summary: 'Show an object: size, MD5, content type, metadata, large-object manifest',
  description:
    'Shows one object from a HEAD request: bytes, hash (the MD5 of the bytes; for a static large object the MD5 of its manifest, as listings show it), etag (for a static large object: the MD5 of its segments\' MD5s), content type, last change, metadata, expiry (X-Delete-At) and other headers. For a large object, "manifest" tells the kind and, for static ones, the segment count, segment containers and total size. Fields shared with `object list -o json` have the same names and values. Exit codes: 3 when access is denied, 4 when the object does not exist.',
  backends: SWIFT_BACKENDS,
  args: [
    { name: 'container', description: 'Container name', required: true },
    { name: 'object', description: 'Object name', required: true },
  ],
  columns: OBJECT_SHOW_COLUMNS,
  examples: ['storctl object show backups db.tar.gz', 'storctl object show backups db.tar.gz -o json | jq .metadata'],
  async run(ctx, args) {
    const container = checkContainer(args[0]!);
    const name = checkObject(args[1]!);
    const swift = await SwiftClient.open(ctx);
    const res = await swift.request({ method: 'HEAD', container, object: name, op: 'read' });
    let manifest: Record<string, unknown> | undefined;
    if (trueHeader(res.headers['x-static-large-object'])) {
      const segs = await getManifest(swift, container, name).catch((err) => {
        ctx.debug(`cannot read the manifest: ${(err as Error).message}`);
        return undefined;
      });
      if (segs) {
        manifest = {
          type: 'slo',
          segments: segs.length,
          segment_containers: [...new Set(segs.map((s) => (s.name ? splitPath(s.name)[0] : undefined)).filter((c): c is string => !!c))],
          segment_bytes: segs.reduce((a, s) => a + segmentLength(s), 0),
          manifest_etag: res.headers['x-manifest-etag'] ?? null,
        };
      }
    }
    await ctx.printObject(objectRecord(container, name, res.headers, manifest));
  },
});
