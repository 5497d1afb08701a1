import { defineCommand } from '../../framework/command.js';
import { kumoscale } from '../../backends/kumoscale/client.js';
import { findTask } from '../../backends/kumoscale/resources.js';
import { waitTask } from '../../backends/kumoscale/wait.js';
import { TASK_COLUMNS } from '../../backends/kumoscale/views.js';

export default defineCommand<{ wait?: boolean }>({
  summary: 'Show one task',
  description: 'Reads GET /tasks?taskId=ID. --wait polls until the task has ended; a task that ends Failed exits 7 with its description.',
  backends: ['kumoscale'],
  args: [{ name: 'task', description: 'Task ID', required: true }],
  flags: [{ name: 'wait', type: 'boolean', description: 'Wait until the task has ended' }],
  columns: TASK_COLUMNS.map((c) => ({ ...c, long: false })),
  examples: ['storctl task show 0b6d…', 'storctl task show 0b6d… --wait -o json'],
  async run(ctx, args, opts) {
    const c = await kumoscale(ctx);
    let t = await findTask(c, args[0]!);
    if (opts.wait) t = (await waitTask(ctx, c, String(t.taskId))) ?? t;
    await ctx.printObject(t);
  },
});
