import { defineCommand } from '../../framework/command.js';
import { peekSession, storedSecretAccount } from '../../auth/session.js';
import { openCredentialStore } from '../../auth/stores.js';
import { describeRecord, IDENTITY_COLUMNS } from '../../auth/describe.js';
import { isStoreMarker, SETTINGS } from '../../config/schema.js';
import type { SecretName } from '../../auth/provider.js';

export default defineCommand({
  summary: 'Show identity, scope, expiry and where credentials live (offline)',
  description:
    'Reads only local state: the profile, the token cache and the secret store. Makes no request. Shows the cached identity and expiry, where the token is kept, where stored secrets live (the OS keyring, or a file store under the data dir and why), and where each credential comes from (profile file, environment, keyring, file store).',
  backends: ['openstack', 'swift', 'openstorage', 'kumoscale'],
  columns: [...IDENTITY_COLUMNS, { key: 'token_cached', header: 'Token cached', format: 'bool' as const }, { key: 'token_store', header: 'Token store' }, { key: 'secret_store', header: 'Secret store' }, { key: 'credentials', header: 'Credentials', format: 'json' as const }],
  examples: ['storctl auth status', 'storctl auth status -o json'],
  async run(ctx) {
    const profile = await ctx.profile();
    const peek = await peekSession(ctx);
    const out = describeRecord(profile, peek.provider.type, peek.record);
    out.token_cached = !!peek.record;
    out.token_store = peek.where ?? (peek.provider.cacheParts() ? 'not cached (--no-cache or secret_store: none)' : 'no token: credentials are sent with each request');
    const store = await openCredentialStore(ctx);
    out.secret_store = store.summary;
    const credentials: Record<string, string> = {};
    for (const spec of SETTINGS.filter((s) => s.secret)) {
      const s = profile.settings.get(spec.key);
      if (s && !isStoreMarker(s.value)) credentials[spec.key] = s.source;
      else {
        const found = await store.lookup(storedSecretAccount(profile.name, spec.key as SecretName), s?.value);
        if (found) credentials[spec.key] = found.where;
      }
    }
    if (profile.get('token_command')) credentials.token = `command: ${profile.settings.get('token_command')!.source}`;
    out.credentials = credentials;
    if (peek.provider.type === 'none' && profile.backend === 'openstorage') out.note = 'no token: calls run with the server\'s guest role';
    await ctx.printObject(out);
  },
});
