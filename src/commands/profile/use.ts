import { defineCommand } from '../../framework/command.js';
import { NotFoundError } from '../../framework/errors.js';
import { saveConfig } from '../../config/file.js';
import { didYouMean } from '../../util/suggest.js';

export default defineCommand({
  summary: 'Make a profile the current one',
  description: 'Commands use the current profile unless --profile or STORCTL_PROFILE names another.',
  backends: 'none',
  args: [{ name: 'name', description: 'Profile name', required: true }],
  examples: ['storctl profile use prod'],
  async run(ctx, args) {
    const name = args[0]!;
    const cfg = await ctx.config();
    if (!cfg.profiles.has(name)) throw new NotFoundError(`profile "${name}" not found in ${cfg.path}${didYouMean(name, cfg.profiles.keys())}`, { hint: 'run `storctl profile list`' });
    await saveConfig(cfg, (doc) => doc.set('current_profile', name));
    if (ctx.env.STORCTL_PROFILE && ctx.env.STORCTL_PROFILE !== name) ctx.warn(`STORCTL_PROFILE=${ctx.env.STORCTL_PROFILE} in this shell still takes precedence`);
    ctx.io.stderr.write(`Now using profile "${name}".\n`);
  },
});
