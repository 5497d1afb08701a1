// Small helpers the OpenStorage command files share.
import type { Context } from '../../framework/context.js';
import type { OutputFormat } from '../../output/types.js';
import type { ColumnSpec } from '../../framework/command.js';
import type { Rec } from './normalize.js';

/**
 * The output format a command prints in when neither -o nor the profile's `output` says
 * (watch streams NDJSON, rpc prints JSON). The framework has no per-command default yet.
 */
export async function preferFormat(ctx: Context, format: OutputFormat): Promise<void> {
  if (ctx.globals.output) return;
  const p = await ctx.profile().catch(() => undefined);
  if (p?.get('output')) return;
  (ctx.globals as { output?: OutputFormat }).output = format;
}

/** What delete-style commands print: one record per item handled. */
export const RESULT_COLUMNS: readonly ColumnSpec<Rec>[] = [
  { key: 'id', header: 'ID' },
  { key: 'name', header: 'Name' },
  { key: 'result', header: 'Result' },
];

/** Asks before a destructive step (a UsageError without a TTY unless --yes); false = the user said no. */
export async function confirmOrStop(ctx: Context, question: string): Promise<boolean> {
  if (await ctx.confirm(question)) return true;
  ctx.warn('nothing changed');
  return false;
}
