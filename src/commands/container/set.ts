import { defineCommand } from '../../framework/command.js';
import { UsageError } from '../../framework/errors.js';
import { registerSecret } from '../../transport/redact.js';
import { SwiftClient } from '../../backends/swift/client.js';
import { CONTAINER_SHOW_COLUMNS, META_FLAG, REMOVE_META_FLAG, SWIFT_BACKENDS } from '../../backends/swift/columns.js';
import { encodeHeaderValue, metaHeaders, parseMetaPairs, parseSize, removeMetaHeaders } from '../../backends/swift/meta.js';
import { checkContainer } from '../../backends/swift/paths.js';
import { containerRecord } from '../../backends/swift/records.js';

interface Opts {
  readAcl?: string;
  writeAcl?: string;
  public?: boolean;
  private?: boolean;
  meta?: string[];
  removeMeta?: string[];
  versionsLocation?: string;
  historyLocation?: string;
  quotaBytes?: string;
  quotaCount?: string;
  tempUrlKey?: string;
}

export default defineCommand<Opts>({
  summary: 'Set container ACLs, metadata, versioning, quotas',
  description:
    'Updates a container with one POST and prints it afterwards. ACLs replace the current value ("" removes it): --read-acl "test:tester2,.rlistings", --write-acl "test:tester2"; --public / --private toggle anonymous read. Metadata items are added or replaced (--meta) or removed (--remove-meta). --versions-location / --history-location turn on versioning into another container ("" turns it off). --quota-bytes / --quota-count limit the container ("" removes). Exit codes: 2 when nothing is asked, 3 when access is denied, 4 when the container does not exist.',
  backends: SWIFT_BACKENDS,
  args: [{ name: 'container', description: 'Container name', required: true }],
  flags: [
    { name: 'read-acl', type: 'string', valueName: 'ACL', description: 'Who may read (X-Container-Read; "" removes)' },
    { name: 'write-acl', type: 'string', valueName: 'ACL', description: 'Who may write (X-Container-Write; "" removes)' },
    { name: 'public', type: 'boolean', description: 'Anyone may read and list (read ACL .r:*,.rlistings)' },
    { name: 'private', type: 'boolean', description: 'Remove the read ACL' },
    META_FLAG,
    REMOVE_META_FLAG,
    { name: 'versions-location', type: 'string', valueName: 'CONTAINER', description: 'Keep old versions in CONTAINER ("" turns versioning off)' },
    { name: 'history-location', type: 'string', valueName: 'CONTAINER', description: 'Keep old and deleted versions in CONTAINER ("" turns it off)' },
    { name: 'quota-bytes', type: 'string', valueName: 'SIZE', description: 'Byte quota, e.g. 10G = 10 GiB, 10GB = 10^9 bytes, a plain number is bytes ("" removes)' },
    { name: 'quota-count', type: 'string', valueName: 'N', description: 'Object count quota ("" removes)' },
    { name: 'temp-url-key', type: 'string', valueName: 'KEY', description: 'Container Temp-URL key ("" removes)' },
  ],
  columns: CONTAINER_SHOW_COLUMNS,
  examples: [
    'storctl container set shared --read-acl "test:tester2" --write-acl "test:tester2"',
    'storctl container set www --public',
    'storctl container set docs --versions-location docs-versions',
    'storctl container set logs --meta retention=30d --quota-bytes 100G',
  ],
  async run(ctx, args, opts) {
    const name = checkContainer(args[0]!);
    if (opts.public && opts.private) throw new UsageError('--public and --private contradict each other');
    const headers: Record<string, string> = {
      ...metaHeaders('container', parseMetaPairs(opts.meta)),
      ...removeMetaHeaders('container', opts.removeMeta),
    };
    const acl = (kind: 'read' | 'write', v: string | undefined) => {
      if (v === undefined) return;
      if (v.trim() === '') headers[`x-remove-container-${kind}`] = 'x';
      else headers[`x-container-${kind}`] = encodeHeaderValue(v);
    };
    if (opts.public) headers['x-container-read'] = '.r:*,.rlistings';
    if (opts.private) headers['x-remove-container-read'] = 'x';
    acl('read', opts.readAcl);
    acl('write', opts.writeAcl);
    for (const [v, h] of [
      [opts.versionsLocation, 'versions-location'],
      [opts.historyLocation, 'history-location'],
    ] as const) {
      if (v === undefined) continue;
      if (v === '') headers[`x-remove-${h}`] = 'x';
      else headers[`x-${h}`] = encodeURIComponent(checkContainer(v));
    }
    if (opts.quotaBytes !== undefined) {
      if (opts.quotaBytes === '') headers['x-remove-container-meta-quota-bytes'] = 'x';
      else headers['x-container-meta-quota-bytes'] = String(parseSize(opts.quotaBytes, '--quota-bytes'));
    }
    if (opts.quotaCount !== undefined) {
      if (opts.quotaCount === '') headers['x-remove-container-meta-quota-count'] = 'x';
      else if (!/^\d+$/.test(opts.quotaCount)) throw new UsageError('--quota-count must be a whole number');
      else headers['x-container-meta-quota-count'] = opts.quotaCount;
    }
    if (opts.tempUrlKey !== undefined) {
      if (opts.tempUrlKey === '') headers['x-remove-container-meta-temp-url-key'] = 'x';
      else {
        registerSecret(opts.tempUrlKey);
        headers['x-container-meta-temp-url-key'] = opts.tempUrlKey;
      }
    }
    if (Object.keys(headers).length === 0) throw new UsageError('nothing to change', { hint: 'pass --read-acl, --write-acl, --meta, --versions-location, --quota-bytes… (see --help)' });
    const swift = await SwiftClient.open(ctx);
    await swift.request({ method: 'POST', container: name, headers, op: 'update' });
    const res = await swift.request({ method: 'HEAD', container: name, op: 'read' });
    await ctx.printObject(containerRecord(name, res.headers));
  },
});
