// The "Commands" reference of README.md, generated from the command manifest and placed
// between <!-- commands:start --> and <!-- commands:end -->.
import type { Manifest, ManifestCommand } from '../framework/command.js';

export const README_START = '<!-- commands:start -->';
export const README_END = '<!-- commands:end -->';

/** Escapes text for a markdown table cell. */
function cell(s: string): string {
  return s.replace(/\s+/g, ' ').trim().replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
}

function backends(cmd: ManifestCommand): string {
  const list = cmd.variants.flatMap((v) => (v.backends === 'none' ? [] : v.backends));
  return list.length ? [...new Set(list)].join(', ') : 'any (no profile needed)';
}

function argList(args: ManifestCommand['variants'][number]['args']): string {
  return args
    .map((a) => {
      const name = `${a.name.toUpperCase()}${a.variadic ? '...' : ''}`;
      return a.required ? name : `[${name}]`;
    })
    .join(' ');
}

/** The first implementation's arguments; a backend whose arguments differ is added in brackets. */
function usage(cmd: ManifestCommand): string {
  const first = argList(cmd.variants[0]!.args);
  const others = cmd.variants.filter((v) => argList(v.args) !== first && v.backends !== 'none');
  const extra = others.map((v) => ` (${(v.backends as readonly string[]).join(', ')}: ${argList(v.args) || 'no arguments'})`).join('');
  return `${['storctl', ...cmd.path, ...(first ? [first] : [])].join(' ')}${extra}`;
}

function table(cmds: readonly ManifestCommand[]): string[] {
  const rows = ['| Command | Summary | Backends |', '| --- | --- | --- |'];
  for (const c of cmds) {
    const marks = c.variants.some((v) => v.destructive) ? ' (asks to confirm unless `--yes`)' : '';
    rows.push(`| \`${cell(usage(c))}\` | ${cell(c.variants[0]!.summary)}${marks} | ${cell(backends(c))} |`);
  }
  return rows;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Markdown reference of every command, one table per top-level topic. */
export function readmeCommandsSection(m: Manifest): string {
  const commands = [...m.commands].sort((a, b) => cmp(a.path.join(' '), b.path.join(' ')));
  const topics = [...new Set(commands.filter((c) => c.path.length > 1).map((c) => c.path[0]!))].sort(cmp);
  const topLevel = commands.filter((c) => c.path.length === 1);
  const out: string[] = [
    '## Commands',
    '',
    '_Generated from the command manifest by `npm run gen`; do not edit by hand._',
    '',
    'Every command takes the global options (`-p/--profile`, `-o/--output`, `-c/--column`, `--sort`, `--debug`, ...) before or after the command words; `storctl TOPIC VERB --help` and `man storctl-TOPIC` describe each command in full. Commands listing several backends run the implementation matching the selected profile.',
  ];
  for (const t of topics) {
    const summary = m.topics.find((x) => x.path.length === 1 && x.path[0] === t)?.summary;
    out.push('', `### ${t}`, '');
    if (summary) out.push(`${summary.trim()}${/[.!?]$/.test(summary.trim()) ? '' : '.'}`, '');
    out.push(...table(commands.filter((c) => c.path[0] === t && c.path.length > 1)));
  }
  if (topLevel.length) {
    out.push('', '### Other commands', '', ...table(topLevel));
  }
  return out.join('\n') + '\n';
}

/**
 * Puts `section` between the README markers (which stay). Without both markers, in order,
 * the README is returned unchanged.
 */
export function replaceReadmeSection(readme: string, section: string): string {
  const start = readme.indexOf(README_START);
  if (start < 0) return readme;
  const from = start + README_START.length;
  const end = readme.indexOf(README_END, from);
  if (end < 0) return readme;
  const body = section.endsWith('\n') ? section : `${section}\n`;
  return `${readme.slice(0, from)}\n${body}${readme.slice(end)}`;
}
