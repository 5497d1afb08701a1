import { defineCommand } from '../../framework/command.js';
import { cacheDir } from '../../config/paths.js';
import { readState, removeSandboxProfiles, stopDaemon } from '../../sandbox/control.js';

export default defineCommand({
  summary: 'Stop the simulators and remove the sandbox-* profiles',
  backends: 'none',
  examples: ['storctl sandbox stop'],
  async run(ctx) {
    const state = await readState(cacheDir(ctx.env));
    if (state) await stopDaemon(state);
    const removed = await removeSandboxProfiles(await ctx.config());
    ctx.io.stderr.write(state ? `Sandbox stopped; ${removed} profiles removed.\n` : `Sandbox was not running; ${removed} stale profiles removed.\n`);
  },
});
