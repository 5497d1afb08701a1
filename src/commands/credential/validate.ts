import { defineCommand } from '../../framework/command.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { resolveCredential } from '../../backends/openstorage/credentials.js';

export default defineCommand({
  summary: 'Check that the server can use a cloud credential',
  description:
    'Resolves the id or name to the credential\'s uuid and calls OpenStorageCredentials.Validate with it (the server tries the bucket). Prints {credential_id, name, valid: true}; a credential the server rejects fails with its message and exit code.',
  backends: ['openstorage'],
  args: [{ name: 'credential', description: 'Credential id or name', required: true }],
  columns: [
    { key: 'credential_id', header: 'ID' },
    { key: 'name', header: 'Name' },
    { key: 'valid', header: 'Valid', format: 'bool' },
  ],
  examples: ['storctl credential validate s3-backups'],
  async run(ctx, args) {
    await withOpenStorage(ctx, async (osd) => {
      const c = await resolveCredential(osd, args[0]!);
      await osd.call('OpenStorageCredentials', 'Validate', { credential_id: c.credential_id });
      await ctx.printObject({ credential_id: c.credential_id, name: c.name, valid: true });
    });
  },
});
