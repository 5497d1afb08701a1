import { defineCommand } from '../../framework/command.js';
import { selectedProfileName } from '../../config/resolve.js';

export default defineCommand({
  summary: 'List the configured profiles',
  description: 'Lists the profiles in the config file and marks the one in use. Secrets are never shown.',
  backends: 'none',
  examples: ['storctl profile list', 'storctl profile list -o json'],
  columns: [
    { key: 'current', header: 'Current', get: (r) => (r.current ? '*' : '') },
    { key: 'name', header: 'Name' },
    { key: 'backend', header: 'Backend' },
    { key: 'auth_type', header: 'Auth' },
    { key: 'endpoint', header: 'Endpoint' },
  ],
  async run(ctx) {
    const cfg = await ctx.config();
    const current = selectedProfileName({ env: ctx.env, config: cfg, profile: ctx.globals.profile }).name;
    const rows = [...cfg.profiles.values()].map((p) => ({
      name: p.name,
      current: p.name === current,
      backend: (p.values.backend as string) ?? null,
      auth_type: (p.values.auth_type as string) ?? null,
      endpoint: (p.values.auth_url as string) ?? ((p.values.endpoint as string[] | undefined)?.join(', ') ?? null),
    }));
    await ctx.printList(rows);
  },
});
