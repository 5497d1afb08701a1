import { defineCommand } from '../../framework/command.js';
import { SETTINGS_BY_KEY } from '../../config/schema.js';

export default defineCommand({
  summary: 'Show every effective setting and where it came from',
  description:
    'Resolves the profile the way every command does (flags > STORCTL_* > OS_* > profile file > clouds.yaml) and shows each setting with its source: a flag, an environment variable, or file:line. Secrets show only their source. Warns when OS_* variables shadow the profile.',
  backends: 'none',
  args: [{ name: 'name', description: 'Profile name (default: the current profile)' }],
  examples: ['storctl profile explain', 'storctl profile explain prod -o json'],
  columns: [
    { key: 'setting', header: 'Setting' },
    { key: 'value', header: 'Value' },
    { key: 'source', header: 'Source' },
  ],
  async run(ctx, args) {
    if (args[0]) (ctx.globals as { profile?: string }).profile = args[0];
    const p = await ctx.profile();
    const rows = [{ setting: 'profile', value: p.name, source: p.fromFile ? (ctx.globals.profile ? 'argument or --profile' : ctx.env.STORCTL_PROFILE ? 'env STORCTL_PROFILE' : 'current_profile') : 'environment' }];
    for (const [key, s] of p.settings) {
      const secret = SETTINGS_BY_KEY.get(key)?.secret && s.value !== 'keyring';
      rows.push({ setting: key, value: secret ? '(secret, set)' : (s.value as string), source: s.source });
      if (key === 'endpoint' && p.backend === 'openstorage') {
        // OpenStorage without rest_endpoint: where REST calls would go, derived or not at all
        const { explainRestEndpoint } = await import('../../backends/openstorage/rest-endpoint.js');
        const rest = explainRestEndpoint(p);
        if (rest) rows.push({ setting: 'rest_endpoint', ...rest });
      }
    }
    await ctx.printList(rows);
  },
});
