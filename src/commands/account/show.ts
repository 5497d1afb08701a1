import { defineCommand } from '../../framework/command.js';
import { SwiftClient } from '../../backends/swift/client.js';
import { METADATA_COLUMN, SWIFT_BACKENDS } from '../../backends/swift/columns.js';
import { accountRecord } from '../../backends/swift/records.js';

export default defineCommand({
  summary: 'Show the Swift account: usage, quota, metadata',
  description:
    'Shows the account behind the profile\'s storage URL: container, object and byte counts (per storage policy too), the byte quota (X-Account-Meta-Quota-Bytes), user metadata, and whether a Temp-URL key is set (the key itself is never shown). Exit codes: 3 when the credentials may not read the account (non-owners), 4 when it does not exist.',
  backends: SWIFT_BACKENDS,
  columns: [
    { key: 'account', header: 'Account' },
    { key: 'storage_url', header: 'Storage URL' },
    { key: 'containers', header: 'Containers' },
    { key: 'objects', header: 'Objects' },
    { key: 'bytes', header: 'Bytes', format: 'bytes' },
    { key: 'quota_bytes', header: 'Quota bytes', format: 'bytes' },
    { key: 'temp_url_key_set', header: 'Temp URL key set', format: 'bool' },
    METADATA_COLUMN,
    { key: 'policies', header: 'Policies', format: 'json' },
    { key: 'created', header: 'Created', format: 'time' },
  ],
  examples: ['storctl account show', 'storctl account show -o json', 'storctl account show -p sandbox-swift-keystone -c bytes -c quota_bytes'],
  async run(ctx) {
    const swift = await SwiftClient.open(ctx);
    const res = await swift.request({ method: 'HEAD', op: 'read' });
    await ctx.printObject(accountRecord(swift.base, res.headers));
  },
});
