import { defineCommand } from '../../framework/command.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { resolveCredential } from '../../backends/openstorage/credentials.js';
import { CREDENTIAL_COLUMNS } from '../../backends/openstorage/views.js';

export default defineCommand({
  summary: 'Show one cloud credential by id or name',
  description: 'Calls OpenStorageCredentials.Inspect. The JSON record is the SDK\'s SdkCredentialInspectResponse (no secret key).',
  backends: ['openstorage'],
  args: [{ name: 'credential', description: 'Credential id or name', required: true }],
  columns: CREDENTIAL_COLUMNS.map((c) => ({ ...c, long: false })),
  examples: ['storctl credential show s3-backups', 'storctl credential show f3d0… -o json'],
  async run(ctx, args) {
    await withOpenStorage(ctx, async (osd) => ctx.printObject(await resolveCredential(osd, args[0]!)));
  },
});
