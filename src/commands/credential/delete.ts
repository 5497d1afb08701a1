import { defineCommand } from '../../framework/command.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { resolveCredential } from '../../backends/openstorage/credentials.js';
import { confirmOrStop, RESULT_COLUMNS } from '../../backends/openstorage/cmd.js';

export default defineCommand({
  summary: 'Delete cloud credentials',
  description: 'Resolves each id or name to the credential\'s uuid (an unknown one exits 4 before anything is deleted), asks once, then calls OpenStorageCredentials.Delete with the uuid. Backups made with them stay in the cloud. Prints {id, name, result} per credential.',
  backends: ['openstorage'],
  args: [{ name: 'credential', description: 'Credential ids or names', required: true, variadic: true }],
  columns: RESULT_COLUMNS,
  destructive: true,
  examples: ['storctl credential delete s3-old', 'storctl credential delete f3d0… --yes'],
  async run(ctx, args) {
    await withOpenStorage(ctx, async (osd) => {
      const creds = [];
      for (const ref of args) creds.push(await resolveCredential(osd, ref));
      if (!(await confirmOrStop(ctx, `Delete credential${creds.length === 1 ? '' : 's'} ${creds.map((c) => c.name || c.credential_id).join(', ')}?`))) return;
      const out = [];
      for (const c of creds) {
        await osd.call('OpenStorageCredentials', 'Delete', { credential_id: c.credential_id });
        out.push({ id: c.credential_id, name: c.name, result: 'deleted' });
      }
      await ctx.printList(out);
    });
  },
});
