import { defineCommand } from '../../framework/command.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { resolveCredential } from '../../backends/openstorage/credentials.js';
import { CREDENTIAL_COLUMNS } from '../../backends/openstorage/views.js';

export default defineCommand({
  summary: 'Show one cloud credential by id or name',
  description: 'Finds the credential among those OpenStorageCredentials.Enumerate lists (by uuid, else by name) and prints its OpenStorageCredentials.Inspect answer: the SDK\'s SdkCredentialInspectResponse (no secret key), with credential_id always the uuid. An unknown id or name exits 4.',
  backends: ['openstorage'],
  args: [{ name: 'credential', description: 'Credential id or name', required: true }],
  columns: CREDENTIAL_COLUMNS.map((c) => ({ ...c, long: false })),
  examples: ['storctl credential show s3-backups', 'storctl credential show f3d0… -o json'],
  async run(ctx, args) {
    await withOpenStorage(ctx, async (osd) => ctx.printObject(await resolveCredential(osd, args[0]!)));
  },
});
