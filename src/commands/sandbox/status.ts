import { defineCommand } from '../../framework/command.js';
import { NotFoundError } from '../../framework/errors.js';
import { cacheDir } from '../../config/paths.js';
import { readState } from '../../sandbox/control.js';

export default defineCommand({
  summary: 'Show whether the sandbox runs and where each simulator listens',
  description: 'Exits 4 when the sandbox is not running, so scripts can test for it.',
  backends: 'none',
  columns: [
    { key: 'service', header: 'Service' },
    { key: 'address', header: 'Address' },
  ],
  examples: ['storctl sandbox status', 'storctl sandbox status -o json'],
  async run(ctx) {
    const state = await readState(cacheDir(ctx.env));
    if (!state) throw new NotFoundError('the sandbox is not running', { hint: 'start it with `storctl sandbox start`' });
    ctx.io.stderr.write(`Sandbox running (pid ${state.pid}) since ${state.started_at}.\n`);
    await ctx.printList(Object.entries(state.services).map(([service, address]) => ({ service, address })));
  },
});
