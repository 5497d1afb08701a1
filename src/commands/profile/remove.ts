import { defineCommand } from '../../framework/command.js';
import { NotFoundError } from '../../framework/errors.js';
import { saveConfig } from '../../config/file.js';
import { didYouMean } from '../../util/suggest.js';

export default defineCommand({
  summary: 'Delete a profile',
  backends: 'none',
  destructive: true,
  args: [{ name: 'name', description: 'Profile name', required: true }],
  examples: ['storctl profile remove old-lab --yes'],
  async run(ctx, args) {
    const name = args[0]!;
    const cfg = await ctx.config();
    if (!cfg.profiles.has(name)) throw new NotFoundError(`profile "${name}" not found in ${cfg.path}${didYouMean(name, cfg.profiles.keys())}`);
    if (!(await ctx.confirm(`Remove profile "${name}"?`))) return;
    await saveConfig(cfg, (doc) => {
      doc.deleteIn(['profiles', name]);
      if (cfg.currentProfile === name) doc.delete('current_profile');
    });
    // A stored password or token of a removed profile is a secret nobody can see or use: drop it.
    const { storedSecretAccount } = await import('../../auth/session.js');
    const { openCredentialStore } = await import('../../auth/stores.js');
    const store = await openCredentialStore(ctx);
    const dropped: string[] = [];
    for (const secret of ['password', 'token', 'application_credential_secret', 'client_secret'] as const) {
      if (await store.forget(storedSecretAccount(name, secret))) dropped.push(secret);
    }
    ctx.io.stderr.write(`Profile "${name}" removed${dropped.length ? ` with its stored ${dropped.join(' and ')}` : ''}.\n`);
  },
});
