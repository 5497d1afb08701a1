import { defineCommand } from '../../framework/command.js';
import { AuthError, UsageError } from '../../framework/errors.js';
import { registerSecret } from '../../transport/redact.js';
import { SwiftClient } from '../../backends/swift/client.js';
import { META_FLAG, REMOVE_META_FLAG, SWIFT_BACKENDS } from '../../backends/swift/columns.js';
import { metaHeaders, parseMetaPairs, parseSize, removeMetaHeaders } from '../../backends/swift/meta.js';
import { accountRecord } from '../../backends/swift/records.js';
import show from './show.js';

interface Opts {
  meta?: string[];
  removeMeta?: string[];
  tempUrlKey?: string;
  tempUrlKey2?: string;
  quotaBytes?: string;
}

export default defineCommand<Opts>({
  summary: 'Set account metadata, Temp-URL keys or the byte quota',
  description:
    'Updates the account with one POST: metadata items are added or replaced (--meta) or removed (--remove-meta); --temp-url-key / --temp-url-key-2 set the keys temporary URLs are signed with (an empty value removes a key); --quota-bytes sets the account quota (an empty value removes it): Swift lets only a reseller admin do that, not the account owner (tempauth .reseller_admin, Keystone ResellerAdmin; reach another account with --endpoint STORAGE_URL). Prints the account afterwards. Exit codes: 2 when nothing is asked, 3 when the credentials may not change the account (a quota needs reseller admin).',
  backends: SWIFT_BACKENDS,
  flags: [
    META_FLAG,
    REMOVE_META_FLAG,
    { name: 'temp-url-key', type: 'string', valueName: 'KEY', description: 'Key for signing temporary URLs ("" removes it)' },
    { name: 'temp-url-key-2', type: 'string', valueName: 'KEY', description: 'Second key, for rotating keys without breaking URLs ("" removes it)' },
    { name: 'quota-bytes', type: 'string', valueName: 'SIZE', description: 'Account byte quota, e.g. 500G = 500 GiB, 500GB = 500·10^9 bytes, a plain number is bytes ("" removes it; reseller admin only)' },
  ],
  columns: show.columns,
  examples: [
    'storctl account set --meta owner=storage-team',
    'storctl account set --temp-url-key "$(openssl rand -hex 16)"',
    'storctl account set --remove-meta owner',
    'storctl account set -p swift-reseller --endpoint https://swift.example.com/v1/AUTH_team --quota-bytes 500G',
  ],
  async run(ctx, _args, opts) {
    const headers: Record<string, string> = {
      ...metaHeaders('account', parseMetaPairs(opts.meta)),
      ...removeMetaHeaders('account', opts.removeMeta),
    };
    for (const [flag, value, header] of [
      ['--temp-url-key', opts.tempUrlKey, 'temp-url-key'],
      ['--temp-url-key-2', opts.tempUrlKey2, 'temp-url-key-2'],
    ] as const) {
      if (value === undefined) continue;
      if (value === '') headers[`x-remove-account-meta-${header}`] = 'x';
      else {
        if (value.length < 8) ctx.warn(`${flag} is short; use at least 16 random characters`);
        registerSecret(value);
        headers[`x-account-meta-${header}`] = value;
      }
    }
    if (opts.quotaBytes !== undefined) {
      if (opts.quotaBytes === '') headers['x-remove-account-meta-quota-bytes'] = 'x';
      else headers['x-account-meta-quota-bytes'] = String(parseSize(opts.quotaBytes, '--quota-bytes'));
    }
    if (Object.keys(headers).length === 0) throw new UsageError('nothing to change', { hint: 'pass --meta, --remove-meta, --temp-url-key or --quota-bytes' });
    const swift = await SwiftClient.open(ctx);
    try {
      await swift.request({ method: 'POST', headers, op: 'update' });
    } catch (err) {
      // Swift's account_quotas middleware lets only a reseller admin set or remove the quota,
      // whatever else the POST carries: the account owner (.admin, operator role) gets a 403.
      if (opts.quotaBytes !== undefined && err instanceof AuthError && err.details?.status === 403) {
        throw new AuthError('access denied: only a reseller admin may set an account quota (--quota-bytes), not the account owner (HTTP 403); nothing was changed', {
          hint: `use a reseller_admin credential (tempauth: a user in the .reseller_admin group; Keystone: a user with the ResellerAdmin role): storctl -p RESELLER_PROFILE --endpoint ${swift.base} account set --quota-bytes …`,
          details: err.details,
        });
      }
      throw err;
    }
    const res = await swift.request({ method: 'HEAD', op: 'read' });
    await ctx.printObject(accountRecord(swift.base, res.headers));
  },
});
