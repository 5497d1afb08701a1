// `storctl --help` straight from the manifest: the one help page every newcomer opens, printed
// without loading commander (the rest of the help comes from commander as usual).
import type { FlagSpec, Manifest } from './command.js';
import { GLOBAL_FLAGS } from './globals.js';

export const PROGRAM_DESCRIPTION =
  'Storage administration for OpenStack (Keystone, Cinder, Swift, Nova flavors), Swift-compatible stores, the OpenStorage SDK and the KumoScale Provisioner.';

export const HELP_FOOTER =
  'Start with: storctl sandbox demo    Documentation: man storctl\nExit codes: 0 ok, 1 error, 2 usage, 3 auth, 4 not found, 5 conflict, 6 unreachable/timeout/TLS, 7 server error, 130 interrupted.';

function flagTerm(f: FlagSpec): string {
  const value = f.type === 'boolean' ? '' : ` <${f.valueName ?? 'VALUE'}>`;
  return `${f.short ? `-${f.short}, ` : ''}--${f.name}${value}`;
}

function flagText(f: FlagSpec): string {
  return f.choices ? `${f.description} (choices: ${f.choices.map((c) => `"${c}"`).join(', ')})` : f.description;
}

/** Words wrapped to `width`, continuation lines indented to the description column. */
function wrap(text: string, indent: number, width: number): string {
  const room = Math.max(20, width - indent);
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(' ')) {
      if (line && line.length + 1 + word.length > room) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
  }
  return lines.join(`\n${' '.repeat(indent)}`);
}

export function topLevelHelp(m: Manifest, width: number): string {
  const options: [string, string][] = [['-V, --version', 'Print the version'], ...GLOBAL_FLAGS.map((f) => [flagTerm(f), flagText(f)] as [string, string]), ['-h, --help', 'Show help']];
  const commands: [string, string][] = [
    ...m.topics.filter((t) => t.path.length === 1).map((t) => [t.path[0]!, t.summary] as [string, string]),
    ...m.commands
      .filter((c) => c.path.length === 1)
      .map((c) => {
        const v = c.variants[0]!;
        const args = v.args.map((a) => `${a.required ? '<' : '['}${a.name}${a.variadic ? '...' : ''}${a.required ? '>' : ']'}`).join(' ');
        return [`${c.path[0]}${v.flags.length ? ' [options]' : ''}${args ? ` ${args}` : ''}`, v.summary] as [string, string];
      }),
  ].sort((a, b) => a[0].localeCompare(b[0]));
  const pad = Math.max(...[...options, ...commands].map(([t]) => t.length)) + 2;
  const rows = (list: [string, string][]) => list.map(([t, d]) => `  ${t.padEnd(pad)}${wrap(d, pad + 2, width)}`).join('\n');
  return `Usage: storctl [options] [command]\n\n${wrap(PROGRAM_DESCRIPTION, 0, width)}\n\nOptions:\n${rows(options)}\n\nCommands:\n${rows(commands)}\n\n${HELP_FOOTER}\n`;
}
