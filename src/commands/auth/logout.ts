import { defineCommand } from '../../framework/command.js';
import { logout } from '../../auth/session.js';

export default defineCommand<{ revoke?: boolean }>({
  summary: 'Drop the cached token (and revoke it with --revoke)',
  description: 'Removes the profile\'s token from the token cache. With --revoke the token is also revoked on the server where the API allows it (Keystone v3), so other holders of it stop working too.',
  backends: ['openstack', 'swift', 'openstorage', 'kumoscale'],
  flags: [{ name: 'revoke', type: 'boolean', description: 'Also revoke the token on the server (Keystone v3)' }],
  columns: [
    { key: 'profile', header: 'Profile' },
    { key: 'dropped', header: 'Dropped', format: 'bool' },
    { key: 'revoked', header: 'Revoked', format: 'bool' },
  ],
  examples: ['storctl auth logout', 'storctl auth logout --revoke'],
  async run(ctx, _args, opts) {
    const profile = await ctx.profile();
    const result = await logout(ctx, { revoke: !!opts.revoke });
    await ctx.printObject({ profile: profile.name, ...result });
  },
});
