import { defineCommand } from '../../framework/command.js';
import { SwiftClient } from '../../backends/swift/client.js';
import { CONTAINER_COLUMNS, SWIFT_BACKENDS } from '../../backends/swift/columns.js';
import { listContainers } from '../../backends/swift/listing.js';

interface Opts {
  prefix?: string;
  limit?: number;
  marker?: string;
  endMarker?: string;
}

export default defineCommand<Opts>({
  summary: 'List containers in the account',
  description:
    'Lists every container (paged with markers, so any number of them), optionally only names starting with --prefix. --long adds object counts, bytes and last change. JSON records are the API\'s listing entries: name, count, bytes, last_modified (ISO 8601). Account totals can lag a few seconds behind writes on a real cluster. Exit codes: 3 when the credentials may not list the account.',
  backends: SWIFT_BACKENDS,
  flags: [
    { name: 'prefix', type: 'string', valueName: 'PREFIX', description: 'Only containers whose names start with PREFIX' },
    { name: 'limit', type: 'number', valueName: 'N', description: 'Stop after N containers' },
    { name: 'marker', type: 'string', valueName: 'NAME', description: 'Start after this container name' },
    { name: 'end-marker', type: 'string', valueName: 'NAME', description: 'Stop before this container name' },
  ],
  columns: CONTAINER_COLUMNS,
  examples: ['storctl container list', 'storctl container list --long --prefix logs-', 'storctl container list -o json | jq -r ".[].name"'],
  async run(ctx, _args, opts) {
    const swift = await SwiftClient.open(ctx);
    await ctx.printList(listContainers(swift, { prefix: opts.prefix, limit: opts.limit, marker: opts.marker, endMarker: opts.endMarker }));
  },
});
