import { defineCommand } from '../../framework/command.js';
import { UsageError } from '../../framework/errors.js';
import { SwiftClient } from '../../backends/swift/client.js';
import { IntegrityError } from '../../backends/swift/errors.js';
import { META_FLAG, OBJECT_SHOW_COLUMNS, SWIFT_BACKENDS } from '../../backends/swift/columns.js';
import { metaHeaders, parseMetaPairs, trueHeader, unquote } from '../../backends/swift/meta.js';
import { checkContainer, checkObject, encodeName, splitPath } from '../../backends/swift/paths.js';
import { objectRecord } from '../../backends/swift/records.js';

interface Opts {
  meta?: string[];
  freshMetadata?: boolean;
  contentType?: string;
}

export default defineCommand<Opts>({
  summary: 'Copy an object on the server (no data through this machine)',
  description:
    'Copies CONTAINER/OBJECT to DEST, given as "container" (same object name) or "container/name". The copy happens inside the cluster (PUT with X-Copy-From). Metadata is copied and --meta items are added, unless --fresh-metadata starts from none. A static large object is copied as one plain object with its whole content (up to the cluster\'s largest object size). The copy\'s ETag is checked against the source\'s. Prints the new object. Exit codes: 1 when the ETags differ, 3 when access is denied, 4 when the source or the destination container does not exist.',
  backends: SWIFT_BACKENDS,
  args: [
    { name: 'container', description: 'Source container', required: true },
    { name: 'object', description: 'Source object', required: true },
    { name: 'dest', description: 'Destination: container or container/object', required: true },
  ],
  flags: [
    META_FLAG,
    { name: 'fresh-metadata', type: 'boolean', description: 'Do not copy the source\'s metadata' },
    { name: 'content-type', type: 'string', valueName: 'TYPE', description: 'Content type of the copy' },
  ],
  columns: OBJECT_SHOW_COLUMNS,
  examples: ['storctl object copy backups db.tar.gz archive', 'storctl object copy backups db.tar.gz backups/db-2024-06-01.tar.gz --meta note=monthly'],
  async run(ctx, args, opts) {
    const container = checkContainer(args[0]!);
    const name = checkObject(args[1]!);
    const [destContainer, destObject] = splitPath(args[2]!);
    checkContainer(destContainer);
    const destName = checkObject(destObject ?? name);
    if (destContainer === container && destName === name && !opts.meta?.length && !opts.contentType && !opts.freshMetadata) {
      throw new UsageError('source and destination are the same object', { hint: 'give another destination, or use `storctl object set` to change metadata' });
    }
    const swift = await SwiftClient.open(ctx);
    const src = await swift.request({ method: 'HEAD', container, object: name, op: 'copy' });
    const headers: Record<string, string> = {
      'x-copy-from': `/${encodeURIComponent(container)}/${encodeName(name)}`,
      ...metaHeaders('object', parseMetaPairs(opts.meta)),
    };
    if (opts.freshMetadata) headers['x-fresh-metadata'] = 'true';
    if (opts.contentType) headers['content-type'] = opts.contentType;
    const res = await swift.request({ method: 'PUT', container: destContainer, object: destName, headers, body: '', op: 'copy to' });
    const srcEtag = unquote(src.headers.etag);
    const got = unquote(res.headers.etag);
    if (!trueHeader(src.headers['x-static-large-object']) && src.headers['x-object-manifest'] === undefined && srcEtag && got && srcEtag !== got) {
      throw new IntegrityError(`copy of "${container}/${name}" to "${destContainer}/${destName}" has ETag ${got}, the source ${srcEtag}`, { hint: 'the source changed during the copy; try again' });
    }
    const head = await swift.request({ method: 'HEAD', container: destContainer, object: destName, op: 'read' });
    await ctx.printObject(objectRecord(destContainer, destName, head.headers));
  },
});
