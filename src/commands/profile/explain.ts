import { defineCommand } from '../../framework/command.js';
import { isStoreMarker, SETTINGS_BY_KEY } from '../../config/schema.js';

export default defineCommand({
  summary: 'Show every effective setting and where it came from',
  description:
    'Resolves the profile the way every command does and shows each setting with its source: a flag, an environment variable, or file:line. Secrets show only their source. A profile or cloud chosen explicitly (a NAME here, --profile, STORCTL_PROFILE, --os-cloud, OS_CLOUD) beats the OS_* variables: they only fill in what it leaves unset, and the Ignored column names those it shadowed (JSON: `ignored`). Otherwise (current_profile) OS_* variables override the profile, with a warning.',
  backends: 'none',
  args: [{ name: 'name', description: 'Profile name (default: the current profile)' }],
  examples: ['storctl profile explain', 'storctl profile explain prod -o json'],
  columns: [
    { key: 'setting', header: 'Setting' },
    { key: 'value', header: 'Value' },
    { key: 'source', header: 'Source' },
    { key: 'ignored', header: 'Ignored' },
  ],
  async run(ctx, args) {
    if (args[0]) (ctx.globals as { profile?: string }).profile = args[0];
    const p = await ctx.profile();
    let chosenBy = 'environment';
    if (p.fromFile) chosenBy = ctx.globals.profile ? 'argument or --profile' : ctx.env.STORCTL_PROFILE ? 'env STORCTL_PROFILE' : 'current_profile';
    else if (p.explicitBy) chosenBy = p.explicitBy.startsWith('--') ? 'flag --os-cloud' : 'env OS_CLOUD';
    const rows = [{ setting: 'profile', value: p.name, source: chosenBy, ignored: [] as string[] }];
    for (const [key, s] of p.settings) {
      const secret = SETTINGS_BY_KEY.get(key)?.secret && !isStoreMarker(s.value);
      // The OS_*/ST_* variables this setting shadowed (names only: OS_PASSWORD's value is a secret).
      const ignored = p.ignoredEnv.filter((i) => i.setting === key).map((i) => i.variable);
      rows.push({ setting: key, value: secret ? '(secret, set)' : (s.value as string), source: s.source, ignored });
      if (key === 'endpoint' && p.backend === 'openstorage') {
        // OpenStorage without rest_endpoint: where REST calls would go, derived or not at all
        const { explainRestEndpoint } = await import('../../backends/openstorage/rest-endpoint.js');
        const rest = explainRestEndpoint(p);
        if (rest) rows.push({ setting: 'rest_endpoint', ...rest, ignored: [] });
      }
    }
    await ctx.printList(rows);
  },
});
