// `--help` of a command with one implementation per backend (volume, snapshot…), straight from
// the manifest. With a selected profile it describes the variant that will run for it (usage,
// arguments, flags, columns, examples), plus one line naming the others; without one (or with
// --all-backends) every backend's variant, each under its name. The layout is commander's, so
// these pages read like every other command's help.
import type { ArgSpec, FlagSpec, ManifestCommand, ManifestVariant } from './command.js';
import { GLOBAL_FLAGS } from './globals.js';
import type { HelpSelection } from './help-select.js';

export const ALL_BACKENDS_FLAG: FlagSpec = { name: 'all-backends', type: 'boolean', description: "With --help: describe every backend's implementation" };
const HELP_FLAG: [string, string] = ['-h, --help', 'Show help'];
/** Below this many columns for a description, commander stops wrapping; so do we. */
const MIN_WRAP = 40;

export interface HelpView extends HelpSelection {
  /** --all-backends was given. */
  allBackends?: boolean;
}

function backendsOf(v: ManifestVariant): string {
  return v.backends === 'none' ? 'any backend' : v.backends.join(', ');
}

function argLabel(a: ArgSpec): string {
  const name = `${a.name}${a.variadic ? '...' : ''}`;
  return a.required ? `<${name}>` : `[${name}]`;
}

function usage(cmd: ManifestCommand, v: ManifestVariant): string {
  return [`storctl ${cmd.path.join(' ')} [options]`, ...v.args.map(argLabel)].join(' ');
}

function flagTerm(f: FlagSpec): string {
  const value = f.type === 'boolean' ? '' : ` <${f.valueName ?? 'VALUE'}>`;
  return `${f.short ? `-${f.short}, ` : ''}--${f.name}${value}`;
}

function flagText(f: FlagSpec): string {
  const extra: string[] = [];
  if (f.required) extra.push('required');
  if (f.choices) extra.push(`choices: ${f.choices.map((c) => JSON.stringify(c)).join(', ')}`);
  if (f.default !== undefined && f.type !== 'boolean') extra.push(`default: ${JSON.stringify(f.default)}`);
  return extra.length ? `${f.description} (${extra.join(', ')})` : f.description;
}

/** Commander's word wrap: each line of `text` filled to `width`, leading blanks of a line kept. */
function boxWrap(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      const chunks = line.match(/\s*\S+/g);
      if (!chunks) return '';
      const out: string[] = [];
      let cur = chunks.shift()!;
      for (const c of chunks) {
        if (cur.length + c.length <= width) cur += c;
        else {
          out.push(cur);
          cur = c.trimStart();
        }
      }
      out.push(cur);
      return out.join('\n');
    })
    .join('\n');
}

/** Text wrapped to `width` with every line indented by `indent` spaces. */
function block(text: string, indent: number, width: number): string {
  const pad = ' '.repeat(indent);
  return boxWrap(text, width - indent)
    .split('\n')
    .map((l) => (l ? pad + l : l))
    .join('\n');
}

/** `  term   description` rows, descriptions aligned and wrapped like commander's. */
function items(rows: readonly [string, string][], indent: number, width: number, termWidth = Math.max(0, ...rows.map(([t]) => t.length))): string[] {
  const pad = ' '.repeat(indent);
  const room = width - termWidth - 2 - indent;
  return rows.map(([term, desc]) => {
    if (!desc) return pad + term;
    const text = room < MIN_WRAP ? desc : boxWrap(desc, room).replace(/\n/g, `\n${' '.repeat(termWidth + 2)}`);
    return `${pad}${term.padEnd(termWidth)}  ${text.replace(/\n/g, `\n${pad}`)}`;
  });
}

function argRows(v: ManifestVariant): [string, string][] {
  return v.args.filter((a) => a.description).map((a) => [a.name, a.description]);
}

function flagRows(v: ManifestVariant): [string, string][] {
  return v.flags.map((f) => [flagTerm(f), flagText(f)]);
}

const globalRows = (): [string, string][] => [['-V, --version', 'Print the version'], ...GLOBAL_FLAGS.map((f) => [flagTerm(f), flagText(f)] as [string, string])];

/** Columns, confirmation and examples of one variant, as the footer of every command's help. */
function notes(v: ManifestVariant, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  if (v.columns.length) lines.push(`${pad}Columns (-c): ${v.columns.map((c) => c.header).join(', ')}`);
  if (v.destructive) lines.push(`${pad}Asks for confirmation on a terminal; pass --yes in scripts.`);
  if (v.examples.length) lines.push(`${pad}Examples:`, ...v.examples.map((e) => `${pad}  $ ${e}`));
  return lines;
}

function optionSection(rows: [string, string][], width: number, termWidth: number): string[] {
  return ['Options:', ...items([...rows, [flagTerm(ALL_BACKENDS_FLAG), ALL_BACKENDS_FLAG.description], HELP_FLAG], 2, width, termWidth), ''];
}

function globalSection(width: number, termWidth: number): string[] {
  return ['Global Options:', ...items(globalRows(), 2, width, termWidth), ''];
}

/** The variant that runs for `backend`, if any serves it. */
export function variantFor(cmd: ManifestCommand, backend: string | undefined): ManifestVariant | undefined {
  if (!backend) return undefined;
  return cmd.variants.find((v) => v.backends !== 'none' && v.backends.includes(backend as never));
}

/** The whole help page of `cmd` for what the user selected. */
export function commandHelp(cmd: ManifestCommand, view: HelpView, width: number): string {
  const chosen = view.allBackends ? undefined : variantFor(cmd, view.backend);
  return chosen ? oneVariant(cmd, chosen, view, width) : everyVariant(cmd, view, width);
}

function oneVariant(cmd: ManifestCommand, v: ManifestVariant, view: HelpView, width: number): string {
  const others = cmd.variants.filter((o) => o !== v).map(backendsOf);
  const args = argRows(v);
  const flags = flagRows(v);
  const termWidth = Math.max(...[...args, ...flags, ...globalRows(), HELP_FLAG, [flagTerm(ALL_BACKENDS_FLAG), '']].map(([t]) => t.length));
  const out = [`Usage: ${usage(cmd, v)}`, '', boxWrap(v.description ?? v.summary, width), ''];
  out.push(boxWrap(`Showing ${backendsOf(v)} (${view.via ?? 'the selected profile'}); --all-backends for ${others.join(', ')}.`, width), '');
  if (args.length) out.push('Arguments:', ...items(args, 2, width, termWidth), '');
  out.push(...optionSection(flags, width, termWidth), ...globalSection(width, termWidth));
  const footer = notes(v, 0);
  return `${out.join('\n')}${footer.length ? `\n${footer.join('\n')}` : ''}\n`;
}

function everyVariant(cmd: ManifestCommand, view: HelpView, width: number): string {
  const variants = cmd.variants;
  // One usage line per distinct argument list, marked with its backends when they differ.
  const usages = new Map<string, ManifestVariant[]>();
  for (const v of variants) usages.set(usage(cmd, v), [...(usages.get(usage(cmd, v)) ?? []), v]);
  const lines = [...usages.entries()];
  const uw = Math.max(...lines.map(([u]) => u.length));
  const usageText = lines.length === 1 ? lines[0]![0] : lines.map(([u, vs], i) => `${i ? '       ' : ''}${u.padEnd(uw)}  (${vs.map(backendsOf).join(', ')})`).join('\n');

  const summary = variants[0]!.summary.replace(/\s*$/, '');
  const out = [`Usage: ${usageText}`, ''];
  out.push(boxWrap(`${summary}${/[.!?]$/.test(summary) ? '' : '.'} Each backend has its own implementation; the selected profile's backend picks the one that runs.`, width), '');
  const selected = variantFor(cmd, view.backend);
  let note: string;
  if (view.problem) note = `Showing every backend: ${view.problem}.`;
  else if (view.backend && !selected) note = `Showing every backend: ${view.via ?? 'the selected profile'} is ${view.backend}, which "storctl ${cmd.path.join(' ')}" does not serve.`;
  else if (view.allBackends) note = selected ? `Showing every backend (${view.via} runs ${backendsOf(selected)}).` : 'Showing every backend.';
  else note = 'No profile selected: showing every backend (-p NAME shows only the one it runs).';
  out.push(boxWrap(note, width), '');

  for (const v of variants) {
    out.push(`${backendsOf(v)}:`);
    out.push(block(v.description ?? v.summary, 2, width));
    const args = argRows(v);
    const flags = flagRows(v);
    const termWidth = Math.max(0, ...[...args, ...flags].map(([t]) => t.length));
    if (args.length) out.push('  Arguments:', ...items(args, 4, width, termWidth));
    if (flags.length) out.push('  Options:', ...items(flags, 4, width, termWidth));
    out.push(...notes(v, 2), '');
  }
  const termWidth = Math.max(...[...globalRows(), HELP_FLAG, [flagTerm(ALL_BACKENDS_FLAG), '']].map(([t]) => t.length));
  out.push(...optionSection([], width, termWidth), ...globalSection(width, termWidth).slice(0, -1));
  return `${out.join('\n')}\n`;
}
