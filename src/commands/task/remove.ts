import { defineCommand } from '../../framework/command.js';
import { kumoscale } from '../../backends/kumoscale/client.js';
import { findTask } from '../../backends/kumoscale/resources.js';

export default defineCommand({
  summary: 'Remove ended tasks',
  description:
    'Sends DELETE /tasks?taskId=ID[&hostId=…] for each task. Only tasks that have ended can be removed; a running one is refused (exit 5).',
  backends: ['kumoscale'],
  destructive: true,
  args: [{ name: 'task', description: 'Task IDs', required: true, variadic: true }],
  examples: ['storctl task remove 0b6d… --yes'],
  async run(ctx, args) {
    const c = await kumoscale(ctx);
    const tasks = await Promise.all(args.map((a) => findTask(c, a)));
    if (!(await ctx.confirm(`Remove ${tasks.length === 1 ? 'task' : `${tasks.length} tasks:`} ${tasks.map((t) => t.taskId).join(', ')}?`))) return;
    let first: unknown;
    for (const t of tasks) {
      try {
        await c.op({ method: 'DELETE', path: '/tasks', query: { taskId: String(t.taskId), hostId: t.hostId ? String(t.hostId) : undefined }, action: `cannot remove task ${t.taskId}` });
      } catch (err) {
        if (tasks.length === 1) throw err;
        first ??= err;
        ctx.warn((err as Error).message);
      }
    }
    if (first) throw first;
  },
});
