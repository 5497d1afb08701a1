import { defineCommand } from '../../framework/command.js';
import { UsageError } from '../../framework/errors.js';
import { getSession } from '../../auth/session.js';

export default defineCommand({
  summary: 'Print a valid token for scripts',
  description:
    'Prints the profile\'s token (from the cache, or after logging in) on stdout, for use as X-Auth-Token or a bearer token in other tools. With -o json: {"token", "expires_at", "auth_type", "storage_url", "project_id"}. Treat the output as a secret.',
  backends: ['openstack', 'swift', 'openstorage', 'kumoscale'],
  columns: [
    { key: 'token', header: 'Token' },
    { key: 'expires_at', header: 'Expires', format: 'time' },
    { key: 'auth_type', header: 'Auth type' },
    { key: 'storage_url', header: 'Storage URL' },
    { key: 'project_id', header: 'Project ID' },
  ],
  examples: ['curl -H "X-Auth-Token: $(storctl auth token)" "$OS_STORAGE_URL"', 'storctl auth token -o json'],
  async run(ctx) {
    const session = await getSession(ctx);
    const rec = session.record;
    if (!rec?.token || session.authType === 'basic') throw new UsageError(`profile uses ${session.authType} authentication: there is no token to print`);
    const format = await ctx.format();
    if (format === 'table' || format === 'value') return ctx.print(rec.token);
    await ctx.printObject({ token: rec.token, expires_at: rec.expiresAt ?? null, auth_type: session.authType, storage_url: rec.storageUrl ?? null, project_id: rec.identity.projectId ?? null });
  },
});
