import { defineCommand } from '../../framework/command.js';
import { NotFoundError, UsageError } from '../../framework/errors.js';
import { saveConfig } from '../../config/file.js';
import { applySettings, parseAssignments } from '../../config/profile-edit.js';
import { SETTINGS, SETTINGS_BY_KEY } from '../../config/schema.js';
import { didYouMean } from '../../util/suggest.js';

export default defineCommand<{ unset?: string[] }>({
  summary: 'Change settings of a profile',
  description:
    'Sets KEY=VALUE settings and removes --unset ones, keeping the rest of the file (and its comments) as it was.\n\nSettings:\n' +
    SETTINGS.map((s) => `  ${s.key.padEnd(30)} ${s.description}${s.choices ? ` (${s.choices.join('|')})` : ''}`).join('\n'),
  backends: 'none',
  args: [
    { name: 'name', description: 'Profile name', required: true },
    { name: 'settings', description: 'KEY=VALUE settings', variadic: true },
  ],
  flags: [{ name: 'unset', type: 'list', valueName: 'KEY', description: 'Remove a setting (repeatable)' }],
  examples: ['storctl profile set prod region_name=RegionTwo interface=internal', 'storctl profile set prod --unset cacert'],
  async run(ctx, args, opts) {
    const [name, ...words] = args;
    const cfg = await ctx.config();
    if (!cfg.profiles.has(name!)) throw new NotFoundError(`profile "${name}" not found in ${cfg.path}${didYouMean(name!, cfg.profiles.keys())}`, { hint: `create it with \`storctl profile add ${name} --backend …\`` });
    const unset = (opts.unset ?? []).map((k) => k.replace(/-/g, '_'));
    for (const k of unset) if (!SETTINGS_BY_KEY.has(k)) throw new UsageError(`unknown setting "${k}"${didYouMean(k, SETTINGS_BY_KEY.keys())}`);
    if (unset.includes('backend')) throw new UsageError('a profile cannot lose its backend', { hint: 'set another one with backend=…' });
    const values = parseAssignments(words, name!);
    if (Object.keys(values).length === 0 && unset.length === 0) throw new UsageError('nothing to change', { hint: 'give KEY=VALUE settings or --unset KEY' });
    await saveConfig(cfg, (doc) => applySettings(doc, name!, values, unset));
    ctx.io.stderr.write(`Profile "${name}" updated.\n`);
  },
});
