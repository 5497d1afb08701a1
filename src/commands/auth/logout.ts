import { defineCommand } from '../../framework/command.js';
import { UsageError } from '../../framework/errors.js';
import { logout, logoutAll } from '../../auth/session.js';

export default defineCommand<{ revoke?: boolean; all?: boolean }>({
  summary: 'Drop the cached token (and revoke it with --revoke)',
  description:
    'Removes the profile\'s token from the token cache; other profiles keep theirs (two profiles share a cached token only when they have the same credentials, secret included). With --all every cached token of every profile is dropped. With --revoke the token is also revoked on the server where the API allows it (Keystone v3), so other holders of it stop working too.',
  backends: ['openstack', 'swift', 'openstorage', 'kumoscale'],
  flags: [
    { name: 'revoke', type: 'boolean', description: 'Also revoke the token on the server (Keystone v3)' },
    { name: 'all', type: 'boolean', description: 'Drop the cached tokens of every profile' },
  ],
  columns: [
    { key: 'profile', header: 'Profile' },
    { key: 'dropped', header: 'Dropped', format: 'bool' },
    { key: 'revoked', header: 'Revoked', format: 'bool' },
  ],
  examples: ['storctl auth logout', 'storctl auth logout --revoke', 'storctl auth logout --all'],
  async run(ctx, _args, opts) {
    if (opts.all) {
      if (opts.revoke) throw new UsageError('--revoke works on one profile\'s token, not with --all', { hint: 'revoke per profile: storctl auth logout -p NAME --revoke' });
      const count = await logoutAll(ctx);
      await ctx.printObject({ profile: '(all)', dropped: count > 0, revoked: false, tokens_dropped: count });
      return;
    }
    const profile = await ctx.profile();
    const result = await logout(ctx, { revoke: !!opts.revoke });
    await ctx.printObject({ profile: profile.name, ...result });
  },
});
