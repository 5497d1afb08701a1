import { defineCommand } from '../../framework/command.js';
import { SwiftClient } from '../../backends/swift/client.js';
import { OBJECT_COLUMNS, SWIFT_BACKENDS } from '../../backends/swift/columns.js';
import { listObjects } from '../../backends/swift/listing.js';
import { checkContainer } from '../../backends/swift/paths.js';

interface Opts {
  prefix?: string;
  delimiter?: string;
  limit?: number;
  marker?: string;
  endMarker?: string;
}

export default defineCommand<Opts>({
  summary: 'List objects in a container',
  description:
    'Lists the objects of a container, any number of them: pages of 10,000 are fetched with markers while earlier rows are already printed (table, or use -o ndjson / -o json to stream records). --prefix filters by name; --delimiter / groups names into pseudo-directories (entries with "subdir"). --long adds size, MD5, content type and last change. JSON records are the API\'s listing entries: name, bytes, hash, content_type, last_modified (ISO 8601), plus slo_etag for large objects. Exit codes: 3 when access is denied, 4 when the container does not exist.',
  backends: SWIFT_BACKENDS,
  args: [{ name: 'container', description: 'Container name', required: true }],
  flags: [
    { name: 'prefix', type: 'string', valueName: 'PREFIX', description: 'Only objects whose names start with PREFIX' },
    { name: 'delimiter', type: 'string', valueName: 'CHAR', description: 'Roll names up to the first CHAR after the prefix (pseudo-directories)' },
    { name: 'limit', type: 'number', valueName: 'N', description: 'Stop after N entries' },
    { name: 'marker', type: 'string', valueName: 'NAME', description: 'Start after this object name' },
    { name: 'end-marker', type: 'string', valueName: 'NAME', description: 'Stop before this object name' },
  ],
  columns: OBJECT_COLUMNS,
  examples: [
    'storctl object list backups',
    'storctl object list backups --prefix 2024/ --delimiter / --long',
    'storctl object list logs -o ndjson | jq -r .name',
  ],
  async run(ctx, args, opts) {
    const container = checkContainer(args[0]!);
    const swift = await SwiftClient.open(ctx);
    await ctx.printList(listObjects(swift, container, { prefix: opts.prefix, delimiter: opts.delimiter, limit: opts.limit, marker: opts.marker, endMarker: opts.endMarker }));
  },
});
