import { defineCommand } from '../../framework/command.js';
import { SwiftClient } from '../../backends/swift/client.js';
import { META_FLAG, SWIFT_BACKENDS } from '../../backends/swift/columns.js';
import { encodeHeaderValue, metaHeaders, parseMetaPairs } from '../../backends/swift/meta.js';
import { checkContainer } from '../../backends/swift/paths.js';

interface Opts {
  readAcl?: string;
  writeAcl?: string;
  public?: boolean;
  meta?: string[];
  versionsLocation?: string;
  historyLocation?: string;
  storagePolicy?: string;
}

export default defineCommand<Opts>({
  summary: 'Create containers',
  description:
    'Creates each named container (PUT; an existing one is left as it is, with the given ACLs and metadata applied, and reported as "exists"). --public grants anonymous read and listing (.r:*,.rlistings). ACL syntax: comma-separated entries such as "account:user", "project_id:user_id", ".r:*" (any referrer), ".rlistings". Exit codes: 3 when the credentials may not create containers, 2 for an invalid name.',
  backends: SWIFT_BACKENDS,
  args: [{ name: 'container', description: 'Container name(s)', required: true, variadic: true }],
  flags: [
    { name: 'read-acl', type: 'string', valueName: 'ACL', description: 'Who may read (X-Container-Read)' },
    { name: 'write-acl', type: 'string', valueName: 'ACL', description: 'Who may write (X-Container-Write)' },
    { name: 'public', type: 'boolean', description: 'Anyone may read and list (read ACL .r:*,.rlistings)' },
    META_FLAG,
    { name: 'versions-location', type: 'string', valueName: 'CONTAINER', description: 'Keep old versions of overwritten objects in CONTAINER (X-Versions-Location)' },
    { name: 'history-location', type: 'string', valueName: 'CONTAINER', description: 'Keep old versions, also of deleted objects, in CONTAINER (X-History-Location)' },
    { name: 'storage-policy', type: 'string', valueName: 'NAME', description: 'Storage policy of the new container' },
  ],
  columns: [
    { key: 'name', header: 'Name' },
    { key: 'status', header: 'Status' },
  ],
  examples: ['storctl container create backups', 'storctl container create www --public', 'storctl container create docs docs-versions && storctl container set docs --versions-location docs-versions'],
  async run(ctx, args, opts) {
    const names = args.map(checkContainer);
    const headers: Record<string, string> = { ...metaHeaders('container', parseMetaPairs(opts.meta)) };
    if (opts.public) headers['x-container-read'] = '.r:*,.rlistings';
    if (opts.readAcl !== undefined) headers['x-container-read'] = encodeHeaderValue(opts.readAcl);
    if (opts.writeAcl !== undefined) headers['x-container-write'] = encodeHeaderValue(opts.writeAcl);
    if (opts.versionsLocation) headers['x-versions-location'] = encodeURIComponent(checkContainer(opts.versionsLocation));
    if (opts.historyLocation) headers['x-history-location'] = encodeURIComponent(checkContainer(opts.historyLocation));
    if (opts.storagePolicy) headers['x-storage-policy'] = opts.storagePolicy;
    const swift = await SwiftClient.open(ctx);
    const out: Record<string, unknown>[] = [];
    for (const name of names) {
      const res = await swift.request({ method: 'PUT', container: name, headers, op: 'create' });
      out.push({ name, status: res.status === 201 ? 'created' : 'exists' });
    }
    await ctx.printList(out);
  },
});
