// Man pages (roff, man macros) generated from the command manifest: storctl(1) for the
// whole tool, storctl-TOPIC(1) for each top-level topic and storctl-COMMAND(1) for each
// top-level command. Pure and deterministic (no dates), so committed pages can be compared
// with fresh output.
import type { ArgSpec, BackendName, FlagSpec, Manifest, ManifestCommand, ManifestVariant } from '../framework/command.js';
import { EXIT } from '../framework/errors.js';
import { GLOBAL_FLAGS } from '../framework/globals.js';
import { SETTINGS, type SettingSpec } from '../config/schema.js';

/** What each exit code means; codes added to EXIT without an entry fall back to their key. */
const EXIT_MEANINGS: Record<string, string> = {
  ok: 'Success.',
  error: 'Failure without a more specific code, including requests the server rejected as invalid (HTTP 400, 406, 413, 416).',
  usage: 'Usage or configuration error: unknown command or option, bad option value, missing argument, malformed config file, unknown profile, missing settings.',
  auth: 'Authentication or authorisation failed (HTTP 401, 403), or no usable credentials.',
  notFound: 'The named resource does not exist (HTTP 404).',
  conflict: 'The request conflicts with the state of the resource (HTTP 409, 412, 422): it exists already, is in use, or is in the wrong status.',
  unreachable: 'The server could not be reached or stopped answering: connection refused, name resolution failure, connect timeout, the request deadline (--timeout) or --wait-timeout passed, a transfer stalled or was cut and could not be resumed, or TLS failed (not TLS at all, certificate for other names, expired, unknown CA, client certificate refused).',
  server: 'The server failed (HTTP 5xx), rate-limited us for longer than --retry-budget (HTTP 429 or 503 with Retry-After), or sent an answer its API does not allow (HTML or broken JSON, wrong field types, a listing that does not advance).',
  interrupted: 'Interrupted by SIGINT (Ctrl-C).',
  terminated: 'Ended by SIGTERM (kill, a CI time limit); a token lock it held is removed.',
};

// ---------------------------------------------------------------------------------------
// roff helpers

const UNICODE: Record<string, string> = {
  '\u2026': '...',
  '\u2014': '\\(em',
  '\u2013': '\\(en',
  '\u2018': "\\(oq",
  '\u2019': "\\(cq",
  '\u201c': '\\(lq',
  '\u201d': '\\(rq',
  '\u2192': '\\(->',
  '\u00a0': '\\~',
  '\u2011': '\\-',
};

/** Escapes text for use inside a line: backslashes, hyphens (as \-), a few Unicode marks. */
export function roffEscape(s: string): string {
  return s
    .replace(/\\/g, '\\e')
    .replace(/-/g, '\\-')
    .replace(/[\u2026\u2014\u2013\u2018\u2019\u201c\u201d\u2192\u00a0\u2011]/g, (c) => UNICODE[c]!);
}

/** Protects a text line that would otherwise start with a control character. */
function safeLine(line: string): string {
  return /^[.']/.test(line) ? `\\&${line}` : line;
}

/**
 * Plain text (maybe several paragraphs) as roff lines; paragraphs separated by .PP. Indented
 * lines (tables in descriptions, like the settings of `profile set`) are kept unfilled.
 */
function prose(text: string): string[] {
  const out: string[] = [];
  const paras = text
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/^\s*\n/, '').trimEnd())
    .filter((p) => p.trim());
  paras.forEach((p, i) => {
    if (i > 0) out.push('.PP');
    let block: string[] = [];
    const flush = () => {
      if (block.length) out.push('.RS 4', '.nf', ...block.map((l) => safeLine(roffEscape(l))), '.fi', '.RE');
      block = [];
    };
    for (const l of p.split('\n')) {
      if (/^\s/.test(l) && l.trim()) block.push(l.replace(/^\s{1,2}/, '').trimEnd());
      else {
        flush();
        if (l.trim()) out.push(safeLine(inline(l.trim())));
      }
    }
    flush();
  });
  return out;
}

/** Text with `code` spans shown in bold. */
function inline(s: string): string {
  return s
    .split('`')
    .map((part, i) => (i % 2 === 1 ? `\\fB${roffEscape(part)}\\fR` : roffEscape(part)))
    .join('');
}

const B = (s: string) => `\\fB${roffEscape(s)}\\fR`;
const I = (s: string) => `\\fI${roffEscape(s)}\\fR`;

/** Verbatim lines (examples, YAML), indented, unfilled. */
function verbatim(lines: readonly string[]): string[] {
  return ['.RS 4', '.nf', ...lines.map((l) => safeLine(roffEscape(l))), '.fi', '.RE'];
}

function header(title: string, version: string): string[] {
  return [
    `.\\" Generated from the command manifest by scripts/gen-docs.mjs; do not edit (npm run gen).`,
    `.TH "${roffEscape(title.toUpperCase())}" 1 "" "storctl ${roffEscape(version)}" "storctl manual"`,
  ];
}

function quoted(s: string): string {
  return `"${roffEscape(s).replace(/"/g, '\\(dq')}"`;
}

// ---------------------------------------------------------------------------------------
// command pieces

function flagLabel(f: FlagSpec): string {
  const value = f.type === 'boolean' ? '' : ` ${I(f.valueName ?? 'VALUE')}`;
  return `${f.short ? `${B(`-${f.short}`)}, ` : ''}${B(`--${f.name}`)}${value}`;
}

function flagText(f: FlagSpec, extra?: string): string[] {
  const parts = [f.description.replace(/\s*$/, '')];
  if (!/[.!?]$/.test(parts[0]!)) parts[0] += '.';
  if (f.type === 'list' && !/repeatable/i.test(f.description)) parts.push('Repeatable.');
  if (f.choices?.length) parts.push(`One of: ${f.choices.join(', ')}.`);
  if (f.default !== undefined && f.type !== 'boolean') parts.push(`Default: ${String(f.default)}.`);
  if (f.aliases?.length) parts.push(`Also accepted as ${f.aliases.map((a) => (a.length === 1 ? `-${a}` : `--${a}`)).join(', ')}.`);
  if (f.required) parts.push('Required.');
  if (extra) parts.push(extra);
  return [safeLine(inline(parts.join(' ')))];
}

function argLabel(a: ArgSpec): string {
  const name = `${I(a.name.toUpperCase())}${a.variadic ? '...' : ''}`;
  return a.required ? name : `[${name}]`;
}

function backendsOf(v: ManifestVariant): readonly BackendName[] | 'none' {
  return v.backends;
}

function backendList(list: readonly BackendName[] | 'none'): string {
  return list === 'none' ? 'any' : list.join(', ');
}

function commandName(path: readonly string[]): string {
  return ['storctl', ...path].join(' ');
}

interface CommandParts {
  synopsis: string[];
  description: string[];
  arguments: string[];
  options: string[];
  notes: string[];
  examples: string[];
}

function uniqueBy<T>(items: readonly T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => (seen.has(key(t)) ? false : (seen.add(key(t)), true)));
}

function commandParts(cmd: ManifestCommand): CommandParts {
  const variants = cmd.variants;
  const multi = variants.length > 1;
  const name = commandName(cmd.path);

  // Synopsis: one line per distinct argument list.
  const argLists = uniqueBy(
    variants.map((v) => ({ v, text: v.args.map(argLabel).join(' ') })),
    (x) => x.text,
  );
  const synopsis: string[] = [];
  argLists.forEach((x, i) => {
    if (i > 0) synopsis.push('.br');
    synopsis.push(`${B(name)} [${I('OPTIONS')}]${x.text ? ` ${x.text}` : ''}`);
  });

  // Description: shared, or per backend when the implementations say different things.
  const description: string[] = [];
  const texts = uniqueBy(
    variants.map((v) => ({ v, text: v.description ?? v.summary })),
    (x) => x.text,
  );
  if (texts.length === 1) {
    const first = variants[0]!;
    description.push(...prose(first.summary.replace(/\s*$/, '') + (/[.!?]$/.test(first.summary.trim()) ? '' : '.')));
    if (first.description && first.description.trim() !== first.summary.trim()) description.push('.PP', ...prose(first.description));
  } else {
    description.push(...prose(variants[0]!.summary.replace(/\s*$/, '') + (/[.!?]$/.test(variants[0]!.summary.trim()) ? '' : '.')));
    for (const x of texts) {
      description.push('.PP', `${I(backendList(backendsOf(x.v)))}:`);
      description.push(...prose(x.text));
    }
  }
  const all = variants.flatMap((v) => (v.backends === 'none' ? [] : v.backends));
  description.push('.PP');
  if (variants.every((v) => v.backends === 'none')) description.push('Needs no profile.');
  else if (multi) description.push(inline(`Backends: ${all.join(', ')}. The backend of the selected profile picks the implementation.`));
  else description.push(inline(`Backends: ${all.join(', ')}.`));
  if (variants.some((v) => v.destructive)) {
    const which = variants.every((v) => v.destructive) ? '' : ` (${variants.filter((v) => v.destructive).map((v) => backendList(v.backends)).join(', ')})`;
    description.push('.PP', inline(`This command is destructive${which}: on a terminal it asks for confirmation unless \`--yes\` is given; without a terminal it refuses to run unless \`--yes\` is given.`));
  }

  // Arguments (union by position and name).
  const args = uniqueBy(
    variants.flatMap((v) => v.args),
    (a) => a.name,
  );
  const argumentsOut: string[] = [];
  for (const a of args) {
    argumentsOut.push('.TP', `${I(a.name.toUpperCase())}${a.variadic ? '...' : ''}`);
    const parts = [a.description.replace(/\s*$/, '')];
    if (!/[.!?]$/.test(parts[0]!)) parts[0] += '.';
    if (a.variadic) parts.push(a.required ? 'One or more values.' : 'Zero or more values.');
    else if (!a.required) parts.push('Optional.');
    if (Array.isArray(a.complete) && a.complete.length) parts.push(`One of: ${a.complete.join(', ')}.`);
    if (a.complete === 'file') parts.push('A file name.');
    argumentsOut.push(safeLine(inline(parts.join(' '))));
  }

  // Options: union over variants, marked with their backends when not common to all.
  const options: string[] = [];
  const flagNames = uniqueBy(
    variants.flatMap((v) => v.flags),
    (f) => f.name,
  );
  for (const f of flagNames) {
    const owners = variants.filter((v) => v.flags.some((g) => g.name === f.name));
    const extra = multi && owners.length < variants.length ? `Only with ${owners.map((v) => backendList(v.backends)).join(', ')} profiles.` : undefined;
    options.push('.TP', flagLabel(f), ...flagText(f, extra));
  }

  // Columns: once when every implementation has the same, else per backend (a shared noun's
  // backends print different records).
  const notes: string[] = [];
  const columnSets = uniqueBy(
    variants.filter((v) => v.columns.length).map((v) => ({ v, text: JSON.stringify(v.columns) })),
    (x) => x.text,
  );
  for (const { v } of columnSets) {
    const normal = v.columns.filter((c) => !c.long);
    const long = v.columns.filter((c) => c.long);
    const whose = columnSets.length > 1 || (multi && columnSets.length < variants.length) ? ` of ${backendList(v.backends)}` : '';
    let text = `Columns${whose} (select with \`-c\`, by header or JSON key): ${normal.map((c) => `${c.header} (${c.key})`).join(', ')}.`;
    if (long.length) text += ` With \`--long\` also: ${long.map((c) => `${c.header} (${c.key})`).join(', ')}.`;
    if (notes.length) notes.push('.PP');
    notes.push(safeLine(inline(text)));
  }

  const examples = uniqueBy(
    variants.flatMap((v) => v.examples),
    (e) => e,
  );
  return { synopsis, description, arguments: argumentsOut, options, notes, examples: examples.length ? verbatim(examples.map((e) => `$ ${e}`)) : [] };
}

/** A command as a subsection of a topic page. */
function commandSubsection(cmd: ManifestCommand): string[] {
  const p = commandParts(cmd);
  const out = [`.SS ${quoted(commandName(cmd.path))}`, ...p.synopsis, '.PP', ...p.description];
  if (p.arguments.length) out.push('.PP', 'Arguments:', '.RS 4', ...p.arguments, '.RE');
  if (p.options.length) out.push('.PP', 'Options:', '.RS 4', ...p.options, '.RE');
  if (p.notes.length) out.push('.PP', ...p.notes);
  if (p.examples.length) out.push('.PP', 'Examples:', ...p.examples);
  return out;
}

// ---------------------------------------------------------------------------------------
// pages

function pageName(word: string): string {
  return `storctl-${word}`;
}

function seeAlso(names: readonly string[]): string[] {
  return [names.map((n, i) => `${B(n)}(1)${i < names.length - 1 ? ',' : ''}`).join('\n')];
}

function topicPage(m: Manifest, topic: string, commands: ManifestCommand[]): string {
  const summary = m.topics.find((t) => t.path.length === 1 && t.path[0] === topic)?.summary ?? topic;
  const subtopics = m.topics.filter((t) => t.path.length > 1 && t.path[0] === topic);
  const out = [...header(pageName(topic), m.version)];
  out.push('.SH NAME', `${roffEscape(pageName(topic))} \\- ${roffEscape(summary)}`);
  out.push('.SH SYNOPSIS');
  commands.forEach((c, i) => {
    if (i > 0) out.push('.br');
    out.push(`${B(commandName(c.path))} [${I('OPTIONS')}]${c.variants[0]!.args.length ? ` ${c.variants[0]!.args.map(argLabel).join(' ')}` : ''}`);
  });
  out.push('.SH DESCRIPTION', safeLine(inline(`${summary}.`)));
  if (subtopics.length) {
    out.push('.PP', 'Subtopics:', '.RS 4');
    for (const t of subtopics) out.push('.TP', B(commandName(t.path)), safeLine(inline(t.summary)));
    out.push('.RE');
  }
  out.push('.PP', inline('Every command also takes the global options described in storctl(1) (`--profile`, `--output`, `--column`, `--debug`...), before or after the command words. `storctl ' + topic + ' VERB --help` shows the same information as this page for one command.'));
  out.push('.SH COMMANDS');
  for (const c of commands) out.push(...commandSubsection(c));
  out.push('.SH SEE ALSO', ...seeAlso(['storctl']));
  return out.join('\n') + '\n';
}

function commandPage(m: Manifest, cmd: ManifestCommand): string {
  const word = cmd.path[0]!;
  const p = commandParts(cmd);
  const out = [...header(pageName(word), m.version)];
  out.push('.SH NAME', `${roffEscape(pageName(word))} \\- ${roffEscape(cmd.variants[0]!.summary)}`);
  out.push('.SH SYNOPSIS', ...p.synopsis);
  out.push('.SH DESCRIPTION', ...p.description);
  if (p.arguments.length) out.push('.SH ARGUMENTS', ...p.arguments);
  out.push('.SH OPTIONS');
  if (p.options.length) out.push(...p.options, '.PP');
  out.push(inline('The global options of storctl(1) apply as well (`--profile`, `--output`, `--debug`...).'));
  if (p.notes.length) out.push('.SH OUTPUT', ...p.notes);
  if (p.examples.length) out.push('.SH EXAMPLES', ...p.examples);
  out.push('.SH SEE ALSO', ...seeAlso(['storctl']));
  return out.join('\n') + '\n';
}

function settingLines(s: SettingSpec): string[] {
  const out = ['.TP', `${B(s.key)} (${s.type})`];
  const parts = [s.description.replace(/\s*$/, '')];
  if (!/[.!?]$/.test(parts[0]!)) parts[0] += '.';
  if (s.choices?.length) parts.push(`One of: ${s.choices.join(', ')}.`);
  if (s.backends) parts.push(`For ${s.backends.join(', ')} profiles.`);
  if (s.secret) parts.push('Secret: never printed.');
  const env = [`STORCTL_${s.key.toUpperCase()}`, ...(s.osEnv ?? [])];
  parts.push(`Environment: ${env.join(', ')}.`);
  out.push(safeLine(inline(parts.join(' '))));
  return out;
}

const EXAMPLE_CONFIG = [
  'current_profile: prod',
  'profiles:',
  '  prod:                       # OpenStack: Keystone, Cinder, Swift, Nova flavors',
  '    backend: openstack',
  '    auth_type: v3password',
  '    auth_url: https://keystone.example.com:5000/v3',
  '    username: admin',
  '    password: keyring         # stored in the OS keyring',
  '    user_domain_name: Default',
  '    project_name: admin',
  '    project_domain_name: Default',
  '    region_name: RegionOne',
  '  archive:                    # Swift-compatible store, v1 auth',
  '    backend: swift',
  '    auth_type: swift-v1',
  '    auth_url: https://swift.example.com/auth/v1.0',
  '    username: account:user',
  '    password: keyring',
  '  px:                         # OpenStorage SDK over gRPC',
  '    backend: openstorage',
  '    endpoint: [px-node1.example.com:9100]',
  '    token_command: cat ~/.px-token',
  '  kumo:                       # KumoScale Provisioner',
  '    backend: kumoscale',
  '    endpoint:',
  '      - https://prov1.example.com:30100',
  '      - https://prov2.example.com:30100',
  '    username: admin',
  '    cert: ~/ssdtoolbox.pem',
];

function mainPage(m: Manifest, topics: string[], topLevel: ManifestCommand[]): string {
  const has = (word: string) => topics.includes(word) || topLevel.some((c) => c.path[0] === word);
  const out = [...header('storctl', m.version)];
  out.push('.SH NAME', 'storctl \\- storage administration for OpenStack, Swift, OpenStorage and KumoScale');

  out.push('.SH SYNOPSIS');
  out.push(`${B('storctl')} [${I('GLOBAL OPTIONS')}] ${I('TOPIC')} [${I('SUBTOPIC')}] ${I('VERB')} [${I('ARGUMENTS')}] [${I('OPTIONS')}]`);
  out.push('.br', `${B('storctl')} ${I('COMMAND')} [${I('ARGUMENTS')}] [${I('OPTIONS')}]`);
  out.push('.br', `${B('storctl')} ${B('--help')} | ${B('--version')}`);

  out.push('.SH DESCRIPTION');
  out.push(
    ...prose(
      [
        'storctl is one command line for the storage control planes an administrator meets: OpenStack (Keystone, Cinder, Swift, Nova flavors), Swift-compatible object stores with v1 authentication, the OpenStorage SDK (gRPC or its REST gateway) and the KIOXIA KumoScale Provisioner.',
        'Commands read as noun and verb: `storctl volume list`, `storctl object upload`, `storctl profile use`. Which system a command talks to comes from the selected profile (see PROFILES). Nouns shared by several systems (volume, snapshot) have one implementation per backend; nouns that exist in one system only say which backends they serve, and refuse others with a clear error.',
        'Global options may be given before or after the command words. `storctl TOPIC --help` lists the commands of a topic and `storctl TOPIC VERB --help` describes one command; the pages listed under SEE ALSO hold the same for every topic.',
        'Nothing prompts when standard input is not a terminal. Destructive commands ask for confirmation on a terminal unless `--yes` is given.',
      ].join('\n\n'),
    ),
  );
  if (has('sandbox')) out.push('.PP', inline('To try storctl without a server, `storctl sandbox` runs embedded simulators of every backend on loopback.'));

  out.push('.SH COMMANDS');
  for (const t of topics) {
    const summary = m.topics.find((x) => x.path.length === 1 && x.path[0] === t)?.summary ?? '';
    const verbs = m.commands.filter((c) => c.path[0] === t).map((c) => c.path.slice(1).join(' '));
    out.push('.TP', B(t), safeLine(inline(`${summary}${/[.!?]$/.test(summary) ? '' : '.'} Commands: ${verbs.join(', ')}. See ${pageName(t)}(1).`)));
  }
  for (const c of topLevel) {
    const summary = c.variants[0]!.summary;
    out.push('.TP', B(c.path[0]!), safeLine(inline(`${summary}${/[.!?]$/.test(summary) ? '' : '.'} See ${pageName(c.path[0]!)}(1).`)));
  }

  out.push('.SH GLOBAL OPTIONS');
  out.push(inline('Accepted by every command, before or after the command words.'));
  for (const f of GLOBAL_FLAGS) out.push('.TP', flagLabel(f), ...flagText(f));
  out.push('.TP', `${B('-h')}, ${B('--help')}`, 'Show help for storctl, a topic or a command.');
  out.push('.TP', `${B('-V')}, ${B('--version')}`, 'Print the version and exit.');

  out.push('.SH PROFILES');
  out.push(
    ...prose(
      [
        'A profile is a named set of connection settings in the config file (see FILES). Create one with `storctl profile add`, change it with `storctl profile set`, make it current with `storctl profile use`, and see where each effective value comes from with `storctl profile explain`. The layout:',
      ].join('\n\n'),
    ),
  );
  out.push('.PP', ...verbatim(EXAMPLE_CONFIG));
  out.push('.PP', 'The profile used is the first of:');
  out.push('.IP 1. 4', inline('`--profile NAME` (`-p`);'));
  out.push('.IP 2. 4', inline('the STORCTL_PROFILE environment variable;'));
  out.push('.IP 3. 4', inline('`current_profile` in the config file, unless `--os-cloud` is given.'));
  out.push(
    '.PP',
    inline('Without any of these, storctl builds an unnamed profile from the environment: an OpenStack cloud of clouds.yaml named by `--os-cloud` or OS_CLOUD, else OpenStack from OS_AUTH_URL and the other OS_* variables of an openrc file, else Swift from ST_AUTH, ST_USER and ST_KEY.'),
  );
  out.push('.PP', 'Each setting takes the first value found in:');
  out.push('.IP 1. 4', inline('a command-line flag (`--region`, `--endpoint`, `--insecure`, `--cacert`, `--timeout`, `--transport`, `--os-volume-api-version`);'));
  out.push('.IP 2. 4', inline('STORCTL_<SETTING>, the setting name in upper case (STORCTL_AUTH_URL, STORCTL_INSECURE...);'));
  out.push('.IP 3. 4', inline('the OS_* variables of the setting (openstack and swift profiles only; ST_AUTH, ST_USER and ST_KEY for swift profiles only), or last instead when the profile or cloud was chosen explicitly (see below); a value from the environment that overrides the profile file is reported as a warning;'));
  out.push('.IP 4. 4', inline('the profile in the config file;'));
  out.push('.IP 5. 4', inline('the clouds.yaml cloud named by the `cloud` setting or `--os-cloud` (openstack and swift profiles).'));
  out.push(
    '.PP',
    inline(
      'A profile or cloud chosen explicitly, by `--profile`, STORCTL_PROFILE, `--os-cloud` or OS_CLOUD, beats the OS_* variables, as with `openstack --os-cloud`: in an openrc shell, `storctl --os-cloud demo` logs in as the cloud says. The variables then only fill in what the profile and cloud leave unset; settings that stand in for one another are one (user name, user id, application credential or token; project, domain or system scope; the domain of each), so OS_PROJECT_ID cannot replace a profile\'s project_name. One warning names the variables ignored, never their values, and `storctl profile explain` shows them. `current_profile` is not an explicit choice: with it, or with no profile, the OS_* variables come before the profile file as listed above.',
    ),
  );
  out.push('.PP', inline('Lists take a YAML list or a comma-separated string, booleans true/false (also yes/no, on/off, 1/0), maps a YAML mapping. The settings:'));
  for (const s of SETTINGS) out.push(...settingLines(s));

  out.push('.SH OUTPUT');
  out.push(
    ...prose(
      [
        'Lists and objects are printed in the format chosen by `-o`/`--output` (OpenStack habit: `-f`/`--format`), or the `output` setting of the profile, else a table on a terminal:',
      ].join('\n\n'),
    ),
  );
  const formats: [string, string][] = [
    ['table', 'For people: human-readable sizes and times, fitted to the terminal width, colour only on a terminal (never with NO_COLOR or --no-color).'],
    ['json', 'A JSON array (lists) or object, pretty-printed.'],
    ['yaml', 'The same data as YAML.'],
    ['csv', "RFC 4180 CSV with a header row (omit it with --no-headers). Written to a pipe or file the data is as the server sent it; on a terminal, control characters are shown escaped (\\x1b). With --csv-safe a cell that starts with =, +, -, @, TAB or CR gets a leading ' so that spreadsheets do not run it as a formula (OWASP's CSV injection guard)."],
    ['value', 'Bare values, no header or decoration, one record per line: for shell loops (`for id in $(storctl volume list -o value -c id)`).'],
    ['ndjson', 'One JSON object per line, streamed as records arrive.'],
  ];
  const known = new Set<string>(GLOBAL_FLAGS.find((f) => f.name === 'output')?.choices ?? []);
  out.push('.RS 4');
  for (const [f, text] of formats) if (known.has(f)) out.push('.TP', B(f), safeLine(inline(text)));
  for (const f of known) if (!formats.some(([k]) => k === f)) out.push('.TP', B(f), '');
  out.push('.RE');
  out.push(
    '.PP',
    ...prose(
      [
        '`-c`/`--column NAME` (repeatable) picks columns by table header or JSON key, in the order given; `--long` adds the extra columns of commands that have them. `--sort KEY[:desc][,KEY...]` sorts rows. `--no-headers` drops the header row of tables and CSV. Each command page lists its columns.',
        'JSON, YAML and NDJSON are stable and meant for scripts: field names are those of the backend API, numbers are numbers, sizes are in bytes and times in ISO 8601. Only tables are made for reading.',
        'Text that comes from a server (names, statuses, error messages) never reaches a terminal raw: in tables, `-o value`, error lines, warnings and the --debug trace, control characters and Unicode bidi controls are shown as escapes such as \\x1b or \\u202e. JSON, NDJSON and YAML keep the data and write those characters as escapes of their own syntax. A server answer that is not what its API defines (a name that is a number, a list that is not a list) exits with status 7, naming the field.',
        'Errors go to standard error as one line, `storctl: MESSAGE`, followed by a hint when there is one. With `-o json` the error is a JSON object on standard error instead: `{"error": {"kind": "not_found", "message": "...", "hint": "...", "exit_code": 4}}`, possibly with more fields (such as the HTTP `status`).',
        'Commands with `--wait` poll until the change settles, for at most `--wait-timeout DURATION` (90s, 10m, 1h, or a plain number of seconds; the profile setting wait_timeout; default 30m), then exit with status 6 naming the last status seen. While waiting, a terminal shows one status line that updates in place; when standard error is not a terminal, one line per change of state is written (none when the wait settles within a second).',
        'With `--debug` every request and response is traced on standard error (curl-style for HTTP; method, metadata and status for gRPC) with passwords, tokens and keys replaced by a short fingerprint (an HMAC under a key drawn anew by each run: the same secret shows the same fingerprint within one trace, and a fingerprint cannot be used to check guesses); `--trace-file FILE` appends the same trace as JSON lines.',
      ].join('\n\n'),
    ),
  );

  out.push('.SH ENVIRONMENT');
  const envs: [string, string][] = [
    ['STORCTL_CONFIG', 'Path of the config file (default: $XDG_CONFIG_HOME/storctl/config.yaml, i.e. ~/.config/storctl/config.yaml).'],
    ['STORCTL_PROFILE', 'Profile to use when --profile is not given; overrides current_profile.'],
    ['STORCTL_CACHE_DIR', 'Cache directory (default: $XDG_CACHE_HOME/storctl, i.e. ~/.cache/storctl).'],
    ['STORCTL_DATA_DIR', 'Data directory, where stored secrets live when no OS keyring is usable (default: $XDG_DATA_HOME/storctl, i.e. ~/.local/share/storctl).'],
    ['STORCTL_<SETTING>', 'Any profile setting, by its name in upper case: STORCTL_AUTH_URL, STORCTL_PASSWORD, STORCTL_INSECURE... Overrides the OS_* variables and the profile.'],
    ['OS_CLOUD', 'Cloud of clouds.yaml to take settings from when no profile is selected (like --os-cloud); its settings beat the other OS_* variables.'],
    ['OS_CLIENT_CONFIG_FILE, OS_CLIENT_SECURE_FILE', 'Paths of clouds.yaml and secure.yaml, searched otherwise in the current directory, ~/.config/openstack and /etc/openstack.'],
    [
      'OS_*',
      `The OpenStack openrc variables, for openstack and swift profiles: ${uniqueBy(
        SETTINGS.flatMap((s) => (s.osEnv ?? []).filter((v) => v.startsWith('OS_'))),
        (v) => v,
      ).join(', ')}. See PROFILES for the setting each feeds.`,
    ],
    ['ST_AUTH, ST_USER, ST_KEY', 'The swift client variables (v1 auth URL, user, key), for swift profiles; ST_AUTH alone selects a Swift profile from the environment.'],
    ['NO_COLOR', 'When set and not empty, never colour output.'],
    ['FORCE_COLOR', 'When set and not 0, colour output even when it is not a terminal.'],
    ['HTTPS_PROXY, HTTP_PROXY, NO_PROXY', 'Proxy for HTTPS and HTTP requests, and hosts to reach directly (also in lower case).'],
    ['XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME', 'Base directories of the config file, the data directory and the cache.'],
  ];
  for (const [k, v] of envs) out.push('.TP', B(k), safeLine(inline(v)));

  out.push('.SH FILES');
  out.push('.TP', B('~/.config/storctl/config.yaml'));
  out.push(
    safeLine(
      inline(
        'The config file (STORCTL_CONFIG, or $XDG_CONFIG_HOME/storctl/config.yaml). A YAML mapping with two keys: `current_profile` (a profile name) and `profiles` (profile names to settings; see PROFILES). storctl rewrites it atomically and keeps comments. It may hold secrets: keep it private (storctl writes it with mode 0600).',
      ),
    ),
  );
  out.push('.TP', B('~/.local/share/storctl/'));
  out.push(
    safeLine(
      inline(
        'The data directory (STORCTL_DATA_DIR, or $XDG_DATA_HOME/storctl). Where no OS keyring is usable (no D-Bus session, keytar not built, the Secret Service not answering, or `secret_store: file`), the passwords and tokens stored with `profile set --password`, `--password-stdin` or `--token-stdin` live here in secrets/, files of mode 0600 in a directory of mode 0700, and the profile says `password: file` (`password: keyring` when the keyring has it). Not safe to delete: profiles lose their stored secrets. `auth status` shows which store is in use and why. Secrets that older versions kept under the cache directory are moved here on first use.',
      ),
    ),
  );
  out.push('.TP', B('~/.cache/storctl/'));
  out.push(safeLine(inline('The cache (STORCTL_CACHE_DIR, or $XDG_CACHE_HOME/storctl): tokens reused until they expire (in tokens/, files of mode 0600, when no OS keyring is usable), their lock files, the parsed config, the last KumoScale provisioner that answered and the state of `sandbox start`. Nothing here is needed: deleting the directory is always safe (the next command logs in again; run `sandbox stop` first if a sandbox runs). `--no-cache` neither reads nor writes tokens.')));
  out.push('.TP', B('clouds.yaml, secure.yaml'));
  out.push(safeLine(inline('OpenStack client configuration, read for the `cloud` setting and --os-cloud.')));

  out.push('.SH TIMEOUTS AND RETRIES');
  const bounds: [string, string][] = [
    ['Connect', 'A connection (TCP and TLS handshake) that is not up within 10 s fails (--connect-timeout, profile connect_timeout).'],
    ['API requests', 'Every JSON request, listing page, HEAD and token request has an overall deadline of 60 s, retries included (--timeout SECONDS, profile timeout; 0 = none, then the low-speed rule below applies instead). A download waits for its first byte under the same deadline.'],
    ['Transfers', 'Object uploads and downloads have no overall deadline, since large objects take as long as they take, but a low-speed rule like curl\'s --speed-limit/--speed-time: fewer than 1024 bytes/s for 30 s is a stall (profile low_speed_limit and low_speed_time). A stalled or cut download is resumed from the last byte received (Range pinned by If-Match) while the retry budget lasts; the partial file NAME.part keeps the gap-free part for the next run.'],
    ['Retries', 'Idempotent requests (GET, HEAD, PUT, DELETE, and token requests) are retried after connection failures and HTTP 429, 502, 503 and 504, with jittered backoff, honouring Retry-After, for at most 30 s from the first attempt (--retry-budget SECONDS, profile retry_budget; 0 = no retries). A server that asks to be retried later than that fails at once with exit status 7. Connection refused, unknown hosts and TLS failures are not retried.'],
    ['Waiting', '--wait polls for at most --wait-timeout (default 30m).'],
  ];
  for (const [k, v] of bounds) out.push('.TP', B(k), safeLine(inline(v)));

  out.push('.SH EXIT STATUS');
  const codes = Object.entries(EXIT as Record<string, number>).sort((a, b) => a[1] - b[1]);
  for (const [key, code] of codes) out.push('.TP', B(String(code)), safeLine(inline(EXIT_MEANINGS[key] ?? `${key.replace(/([A-Z])/g, ' $1').toLowerCase()}.`)));

  out.push('.SH EXAMPLES');
  const examples: [string, string[]][] = [];
  if (has('sandbox')) examples.push(['Try storctl against the embedded simulators:', ['storctl sandbox demo']]);
  if (has('profile')) {
    examples.push([
      'Create an OpenStack profile, make it the current one, and log in:',
      [
        'storctl profile add prod --backend openstack auth_url=https://keystone.example.com:5000/v3 username=admin project_name=admin user_domain_name=Default project_domain_name=Default --use',
        ...(has('auth') ? ['storctl auth login'] : []),
      ],
    ]);
    examples.push(['See the effective settings and where each comes from:', ['storctl profile explain']]);
  }
  if (has('volume')) {
    examples.push(['Volumes of another profile as JSON, largest first:', ['storctl volume list -p px -o json --sort size:desc']]);
    examples.push(['IDs of the volumes, one per line, for a shell loop:', ['storctl volume list -o value -c id']]);
  }
  if (has('api')) examples.push(['Any API call the commands do not cover yet:', ['storctl api --service volumev3 GET /volumes/detail?limit=5']]);
  if (has('completion')) {
    examples.push([
      'Enable shell completion:',
      ['source <(storctl completion bash)', 'storctl completion zsh > "${fpath[1]}/_storctl"', 'storctl completion fish > ~/.config/fish/completions/storctl.fish'],
    ]);
  }
  examples.push(['Trace the requests of a failing command (secrets redacted):', ['storctl --debug auth status']]);
  for (const [what, cmds] of examples) out.push('.PP', safeLine(inline(what)), ...verbatim(cmds.map((c) => `$ ${c}`)));

  out.push('.SH SEE ALSO');
  out.push(...seeAlso([...topics.map(pageName), ...topLevel.map((c) => pageName(c.path[0]!))]));
  return out.join('\n') + '\n';
}

/** Every man page: file name → roff text. storctl.1 first, then topics, then top-level commands. */
export function manPages(m: Manifest): Map<string, string> {
  const commands = [...m.commands].sort((a, b) => cmp(a.path.join(' '), b.path.join(' ')));
  const topLevel = commands.filter((c) => c.path.length === 1);
  const topics = [...new Set(commands.filter((c) => c.path.length > 1).map((c) => c.path[0]!))].sort(cmp);
  const pages = new Map<string, string>();
  pages.set('storctl.1', mainPage(m, topics, topLevel));
  for (const t of topics) {
    pages.set(`${pageName(t)}.1`, topicPage(m, t, commands.filter((c) => c.path[0] === t && c.path.length > 1)));
  }
  for (const c of topLevel) pages.set(`${pageName(c.path[0]!)}.1`, commandPage(m, c));
  return pages;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
