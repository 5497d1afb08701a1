import { defineCommand } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { BackendName } from '../../framework/command.js';
import { getSession } from '../../auth/session.js';
import { describeRecord, IDENTITY_COLUMNS } from '../../auth/describe.js';

/** Backends whose credentials have no login exchange: one authenticated call checks them. */
const CHECKERS: Partial<Record<BackendName, () => Promise<{ checkCredentials(ctx: Context): Promise<string> }>>> = {
  kumoscale: () => import('../../backends/kumoscale/check-credentials.js'),
  openstorage: () => import('../../backends/openstorage/check-credentials.js'),
};

export default defineCommand({
  summary: 'Authenticate now and cache the token',
  description:
    'Logs in with the profile\'s credentials even when a cached token is still valid (so a wrong password shows now, not when the cached token expires), replaces the cached token, and shows who you are and when the token expires. Later commands reuse the cached token until it is within 2 minutes of expiry. For credentials without a login exchange (KumoScale basic auth or token, an OpenStorage JWT) it makes one cheap authenticated call and exits 3 when the server refuses them.',
  backends: ['openstack', 'swift', 'openstorage', 'kumoscale'],
  columns: [...IDENTITY_COLUMNS, { key: 'cached', header: 'Cached', format: 'bool' as const }, { key: 'checked', header: 'Checked' }],
  examples: ['storctl auth login', 'storctl auth login -p prod -o json'],
  async run(ctx) {
    const session = await getSession(ctx, { fresh: true });
    const profile = await ctx.profile();
    const out = describeRecord(profile, session.authType, session.record);
    out.cached = !!session.stored;
    if (session.origin === 'fresh') out.checked = `logged in at ${out.auth_url ?? 'the auth URL'}`;
    else if (session.origin === 'static') {
      const checker = CHECKERS[profile.backend];
      out.checked = checker ? await (await checker()).checkCredentials(ctx) : 'not checked: sent with each request';
    }
    else out.checked = profile.backend === 'openstorage' ? 'no token: calls run with the server\'s guest role' : 'no credentials configured';
    await ctx.printObject(out);
  },
});
