import { defineCommand } from '../../framework/command.js';
import { NotFoundError } from '../../framework/errors.js';
import { selectedProfileName } from '../../config/resolve.js';
import { isStoreMarker, SETTINGS_BY_KEY } from '../../config/schema.js';
import { didYouMean } from '../../util/suggest.js';

export default defineCommand({
  summary: 'Show the settings stored in a profile (secrets masked)',
  description: 'Shows what the config file holds for one profile (default: the current one). Secret settings show only whether they are set. For the effective settings after environment and flags, use `profile explain`.',
  backends: 'none',
  args: [{ name: 'name', description: 'Profile name (default: the current profile)' }],
  examples: ['storctl profile show', 'storctl profile show prod -o json'],
  async run(ctx, args) {
    const cfg = await ctx.config();
    const name = args[0] ?? selectedProfileName({ env: ctx.env, config: cfg, profile: ctx.globals.profile }).name;
    const entry = name ? cfg.profiles.get(name) : undefined;
    if (!entry) {
      throw new NotFoundError(name ? `profile "${name}" not found in ${cfg.path}${didYouMean(name, cfg.profiles.keys())}` : 'no current profile', {
        hint: 'run `storctl profile list`',
      });
    }
    const record: Record<string, unknown> = { name: entry.name };
    for (const [k, v] of Object.entries(entry.values)) record[k] = SETTINGS_BY_KEY.get(k)?.secret && !isStoreMarker(v) ? '(secret, set)' : v;
    await ctx.printObject(record, Object.keys(record).map((k) => ({ key: k, header: k })));
  },
});
