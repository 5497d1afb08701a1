import { defineCommand } from '../../framework/command.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { listCredentials } from '../../backends/openstorage/credentials.js';
import { CREDENTIAL_COLUMNS } from '../../backends/openstorage/views.js';

export default defineCommand({
  summary: 'List cloud credentials (for cloud backups)',
  description:
    'OpenStorageCredentials.Enumerate, then Inspect for each (8 at a time). JSON records are the SDK\'s SdkCredentialInspectResponse messages: credential_id, name, bucket, and one of aws_credential / azure_credential / google_credential / nfs_credential. Secret keys are never returned by the server.',
  backends: ['openstorage'],
  columns: CREDENTIAL_COLUMNS,
  examples: ['storctl credential list', 'storctl credential list --long', 'storctl credential list -o json | jq -r \'.[].credential_id\''],
  async run(ctx) {
    await withOpenStorage(ctx, async (osd) => ctx.printList(await listCredentials(osd)));
  },
});
