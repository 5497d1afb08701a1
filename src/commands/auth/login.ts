import { defineCommand } from '../../framework/command.js';
import { getSession } from '../../auth/session.js';
import { describeRecord, IDENTITY_COLUMNS } from '../../auth/describe.js';

export default defineCommand({
  summary: 'Authenticate now and cache the token',
  description:
    'Logs in with the profile\'s credentials (even when a cached token is still valid), stores the new token in the token cache, and shows who you are and when the token expires. Later commands reuse the cached token until it is within 2 minutes of expiry.',
  backends: ['openstack', 'swift', 'openstorage', 'kumoscale'],
  columns: [...IDENTITY_COLUMNS, { key: 'cached', header: 'Cached', format: 'bool' as const }],
  examples: ['storctl auth login', 'storctl auth login -p prod -o json'],
  async run(ctx) {
    const session = await getSession(ctx, { refresh: true });
    const profile = await ctx.profile();
    const out = describeRecord(profile, session.authType, session.record);
    out.cached = session.origin === 'fresh';
    await ctx.printObject(out);
  },
});
