import { defineCommand } from '../../framework/command.js';
import { cacheDir } from '../../config/paths.js';
import { readState, startDaemon, writeSandboxProfiles } from '../../sandbox/control.js';

export const SANDBOX_PROFILE_COLUMNS = [
  { key: 'name', header: 'Profile' },
  { key: 'description', header: 'What it reaches' },
];

export default defineCommand({
  summary: 'Start the simulators in the background and write sandbox-* profiles',
  description:
    'Starts embedded simulators of Keystone (v2.0 and v3), Cinder, Nova, Swift, the OpenStorage SDK (gRPC and REST) and the KumoScale Provisioner on 127.0.0.1 (random free ports, state in memory), and writes ready-to-use sandbox-* profiles into your config. Running it again while the sandbox runs only refreshes the profiles. Stop with `storctl sandbox stop`.',
  backends: 'none',
  columns: SANDBOX_PROFILE_COLUMNS,
  examples: ['storctl sandbox start', 'storctl -p sandbox-openstack volume list'],
  async run(ctx) {
    const dir = cacheDir(ctx.env);
    let state = await readState(dir);
    const already = !!state;
    state ??= await startDaemon(dir);
    await writeSandboxProfiles(await ctx.config(), state);
    ctx.io.stderr.write(already ? `Sandbox already running (pid ${state.pid}); profiles refreshed.\n` : `Sandbox started (pid ${state.pid}).\n`);
    await ctx.printList(state.profiles.map((p) => ({ name: p.name, description: p.description })));
    if ((await ctx.format()) === 'table') ctx.io.stderr.write('Try: storctl -p sandbox-openstack volume list\n');
  },
});
