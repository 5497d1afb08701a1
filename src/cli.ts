// Entry point: build the commander tree from the manifest, parse, dispatch, and turn any
// failure into one line on stderr and a documented exit code. Nothing heavy is imported here:
// the runner (config, auth, transports, renderers) loads only when a command actually runs.
import type { Command, OutputConfiguration } from 'commander';
import type { FlagSpec, ManifestCommand } from './framework/command.js';
import type { Env, IO } from './framework/context.js';
import { EXIT } from './framework/errors.js';
import { GLOBAL_FLAGS, claimedSpellings, routeClaimedGlobals } from './framework/globals.js';
import { camel, loadManifest, unionFlags } from './framework/manifest.js';
import { HELP_FOOTER, PROGRAM_DESCRIPTION } from './framework/top-help.js';
import { ALL_BACKENDS_FLAG, commandHelp } from './framework/command-help.js';

export interface MainOptions {
  io?: IO;
  env?: Env;
}

export async function main(argv: string[], options: MainOptions = {}): Promise<number> {
  const io: IO = options.io ?? { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
  if (!options.io) {
    // `storctl … | head`: a closed pipe ends the command quietly, like any Unix tool.
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0);
      throw err;
    });
  }
  const env = options.env ?? process.env;
  const manifest = loadManifest();
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    io.stdout.write(`storctl ${manifest.version}\n`);
    return EXIT.ok;
  }
  if (argv.length === 0 || (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h'))) {
    const { topLevelHelp } = await import('./framework/top-help.js');
    io.stdout.write(topLevelHelp(manifest, io.stdout.columns || 80));
    return EXIT.ok;
  }
  const words = commandWords(argv);
  const typed = typedCommand(manifest.commands, words);
  // --help of a command with one implementation per backend: the variant the selected profile
  // runs (help-select.ts reads argv, env and the config; never the network), without commander.
  if (typed && typed.variants.length > 1 && argv.some((a) => a === '--help' || /^-[A-Za-z]*h/.test(a))) {
    const { helpRequestFor, selectBackend } = await import('./framework/help-select.js');
    const req = helpRequestFor(argv, typed);
    if (req) {
      const selection = await selectBackend(req, env);
      io.stdout.write(commandHelp(typed, { ...selection, allBackends: req.allBackends }, io.stdout.columns || 80));
      return EXIT.ok;
    }
  }
  // A command flag that takes a global's name (--region) gets it after the command words.
  const claimed = typed ? claimedSpellings(unionFlags(typed)) : new Set<string>();
  argv = routeClaimedGlobals(argv, typed?.path.length ?? 0, claimed);
  // commander is imported only past the --version fast path.
  const { Command, CommanderError, Option } = await import('commander');
  commander = { Command, CommanderError, Option };
  let exitCode: number = EXIT.ok;
  let commanderMessage = '';
  const output = {
    writeOut: (s: string) => io.stdout.write(s),
    writeErr: (s: string) => io.stderr.write(s),
    outputError: (s: string) => {
      commanderMessage = s;
    },
  };
  const program = buildProgram(manifest.commands, manifest.topics, manifest.version, output, async (cmd, args, opts, command) => {
    const { runCommand } = await import('./framework/runner.js');
    exitCode = await runCommand({ entry: cmd, args, opts, command, io, env });
  }, words, claimed);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      if (err.code === 'commander.executeSubCommandAsync') return EXIT.ok;
      const wantsJson = /(^|\s)(-o|--output|-f|--format)[ =]?json\b/.test(argv.join(' '));
      const text = (commanderMessage || err.message).trim().replace(/^error: /, '');
      if (wantsJson) io.stderr.write(JSON.stringify({ error: { kind: 'usage', message: text.replace(/\n/g, ' '), exit_code: EXIT.usage } }) + '\n');
      else io.stderr.write(`storctl: ${text.replace(/\n\(/, ' (')}\n` + (text.includes('unknown') ? `Run 'storctl --help' for the list of commands.\n` : ''));
      return EXIT.usage;
    }
    throw err;
  }
  return exitCode;
}

let commander: Pick<typeof import('commander'), 'Command' | 'CommanderError' | 'Option'>;

type Action = (cmd: ManifestCommand, args: string[], opts: Record<string, unknown>, command: Command) => Promise<void>;

type OutputConfig = OutputConfiguration;

/** The command whose words start argv's command words (the longest such), if any. */
function typedCommand(commands: readonly ManifestCommand[], words: readonly string[]): ManifestCommand | undefined {
  let best: ManifestCommand | undefined;
  for (const c of commands) if (c.path.every((w, i) => words[i] === w) && (!best || c.path.length > best.path.length)) best = c;
  return best;
}

/** The command words of argv: everything before the first word that is neither an option nor a global option's value. */
export function commandWords(argv: readonly string[]): string[] {
  const takesValue = new Set<string>();
  for (const f of GLOBAL_FLAGS) {
    if (f.type === 'boolean') continue;
    takesValue.add(`--${f.name}`);
    if (f.short) takesValue.add(`-${f.short}`);
    for (const a of f.aliases ?? []) takesValue.add(a.length === 1 ? `-${a}` : `--${a}`);
  }
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a.startsWith('-')) {
      if (takesValue.has(a)) i++;
      continue;
    }
    words.push(a);
  }
  return words;
}

function buildProgram(commands: ManifestCommand[], topics: { path: string[]; summary: string }[], version: string, output: OutputConfig, action: Action, words: readonly string[], claimed: ReadonlySet<string>): Command {
  const program = new commander.Command('storctl')
    .configureOutput(output)
    .description(PROGRAM_DESCRIPTION)
    .version(`storctl ${version}`, '-V, --version', 'Print the version')
    .helpOption('-h, --help', 'Show help')
    .helpCommand(false)
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureHelp({ showGlobalOptions: true, sortSubcommands: true })
    .addHelpText('after', `\n${HELP_FOOTER}`);
  for (const flag of GLOBAL_FLAGS) addFlag(program, flag, claimed);
  const groups = new Map<string, Command>([['', program]]);
  const groupFor = (path: string[]): Command => {
    const key = path.join(' ');
    let g = groups.get(key);
    if (g) return g;
    const parent = groupFor(path.slice(0, -1));
    g = parent.command(path[path.length - 1]!).description(topics.find((t) => t.path.join(' ') === key)?.summary ?? '');
    g.exitOverride().showSuggestionAfterError(true).helpCommand(false).configureHelp({ sortSubcommands: true });
    groups.set(key, g);
    return g;
  };
  // Only the branch the user typed is built in full; elsewhere a group is a named stub (enough
  // for help listings and "did you mean"), which keeps `storctl --help` fast as commands grow.
  const onPath = (path: string[]) => path.every((w, i) => words[i] === w);
  for (const cmd of commands) {
    const groupPath = cmd.path.slice(0, -1);
    if (!onPath(groupPath)) {
      for (let i = 1; i <= groupPath.length; i++) groupFor(groupPath.slice(0, i));
      continue;
    }
    const parent = groupFor(groupPath);
    const v0 = cmd.variants[0]!;
    const leaf = parent.command(cmd.path[cmd.path.length - 1]!).description(variantText(cmd)).summary(v0.summary);
    leaf.exitOverride().showSuggestionAfterError(true).configureHelp({ showGlobalOptions: true });
    for (const arg of v0.args) {
      const spec = `${arg.required ? '<' : '['}${arg.name}${arg.variadic ? '...' : ''}${arg.required ? '>' : ']'}`;
      leaf.argument(spec, arg.description);
    }
    for (const flag of unionFlags(cmd)) addFlag(leaf, flag);
    const multi = cmd.variants.length > 1;
    if (multi) {
      // Help is normally printed before commander loads (see main); should the parser still
      // meet a help request (-yh…), it prints every backend's variant, never a mix of them.
      addFlag(leaf, ALL_BACKENDS_FLAG);
      leaf.helpInformation = () => commandHelp(cmd, {}, leaf.configureOutput().getOutHelpWidth?.() || 80);
    } else leaf.addHelpText('after', helpFooter(cmd));
    leaf.action(async (...params: unknown[]) => {
      const command = params[params.length - 1] as Command;
      const opts = command.opts();
      if (multi && opts.allBackends !== undefined) {
        throw new commander.CommanderError(EXIT.usage, 'storctl.allBackends', `error: --all-backends goes with --help: storctl ${cmd.path.join(' ')} --help --all-backends`);
      }
      const args = (params.slice(0, -2) as (string | string[] | undefined)[]).flatMap((a) => (a === undefined ? [] : Array.isArray(a) ? a : [a]));
      await action(cmd, args, opts, command);
    });
  }
  return program;
}

/** Registers `flag` on `cmd`, except under the spellings in `skip` (claimed by the command). */
function addFlag(cmd: Command, flag: FlagSpec, skip: ReadonlySet<string> = new Set()) {
  const value = flag.type === 'boolean' ? '' : ` <${flag.valueName ?? 'VALUE'}>`;
  const opt = new commander.Option(`${flag.short ? `-${flag.short}, ` : ''}--${flag.name}${value}`, flag.description);
  if (flag.choices) opt.choices(flag.choices as string[]);
  if (flag.type === 'list') opt.argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v]);
  if (flag.type === 'number') {
    opt.argParser((v: string) => {
      const n = Number(v);
      if (v.trim() === '' || !Number.isFinite(n)) throw new commander.CommanderError(EXIT.usage, 'storctl.invalidNumber', `error: --${flag.name} wants a number, not "${v}"`);
      return n;
    });
  }
  if (flag.default !== undefined && flag.type !== 'boolean') opt.default(flag.default);
  if (!skip.has(flag.name)) cmd.addOption(opt);
  for (const alias of flag.aliases ?? []) {
    if (skip.has(alias)) continue;
    // Habits from other tools (-f json, --os-region-name): hidden, same destination.
    const a = new commander.Option(`${alias.length === 1 ? `-${alias}` : `--${alias}`}${value}`).hideHelp();
    if (flag.choices) a.choices(flag.choices as string[]);
    cmd.addOption(a);
    // commander passes no value for a boolean option: the alias sets true
    cmd.on(`option:${alias}`, (v: unknown) => cmd.setOptionValueWithSource(camel(flag.name), flag.type === 'boolean' ? true : v, 'cli'));
  }
}

/** Help text of a command with one implementation (command-help.ts renders the others). */
function variantText(cmd: ManifestCommand): string {
  const v0 = cmd.variants[0]!;
  return v0.description ?? v0.summary;
}

function helpFooter(cmd: ManifestCommand): string {
  const lines: string[] = [];
  const v0 = cmd.variants[0]!;
  if (v0.backends !== 'none') lines.push(`Backends: ${v0.backends.join(', ')}`);
  if (v0.columns.length) lines.push(`Columns (-c): ${v0.columns.map((c) => c.header).join(', ')}`);
  if (v0.destructive) lines.push('Asks for confirmation on a terminal; pass --yes in scripts.');
  const examples = v0.examples;
  if (examples.length) lines.push('', 'Examples:', ...examples.map((e) => `  $ ${e}`));
  return lines.length ? `\n${lines.join('\n')}` : '';
}
