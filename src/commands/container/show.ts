import { defineCommand } from '../../framework/command.js';
import { SwiftClient } from '../../backends/swift/client.js';
import { CONTAINER_SHOW_COLUMNS, SWIFT_BACKENDS } from '../../backends/swift/columns.js';
import { checkContainer } from '../../backends/swift/paths.js';
import { containerRecord } from '../../backends/swift/records.js';

export default defineCommand({
  summary: 'Show a container: counts, ACLs, versioning, quotas, metadata',
  description:
    'Shows one container: object count and bytes, the read and write ACLs (X-Container-Read / X-Container-Write; only the account owner sees them), versioning (X-Versions-Location / X-History-Location), storage policy, quotas, whether a Temp-URL key is set, and user metadata. Exit codes: 3 when access is denied, 4 when the container does not exist.',
  backends: SWIFT_BACKENDS,
  args: [{ name: 'container', description: 'Container name', required: true }],
  columns: CONTAINER_SHOW_COLUMNS,
  examples: ['storctl container show backups', 'storctl container show backups -o json', 'storctl container show backups -c read_acl -c write_acl'],
  async run(ctx, args) {
    const name = checkContainer(args[0]!);
    const swift = await SwiftClient.open(ctx);
    const res = await swift.request({ method: 'HEAD', container: name, op: 'read' });
    await ctx.printObject(containerRecord(name, res.headers));
  },
});
