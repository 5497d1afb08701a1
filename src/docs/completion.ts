// Shell completion scripts (bash, zsh, fish) generated from the command manifest.
// Pure functions: the same manifest always gives the same text, so the committed scripts in
// completions/ can be compared with fresh output (scripts/gen-docs.mjs --check).
//
// Every script walks the words typed so far the same way: option words are skipped (with
// their value when the option takes one), words naming a topic or command descend into it,
// and once a command is reached the remaining words are its positional arguments. Then the
// current word is completed as an option value, an option name, a subcommand word or an
// argument.
import type { ArgSpec, FlagSpec, Manifest, ManifestCommand } from '../framework/command.js';
import { GLOBAL_FLAGS } from '../framework/globals.js';

/** The command run at completion time to list profile names (follows the user's config). */
export const PROFILE_LIST_COMMAND = 'storctl profile list -o value -c name 2>/dev/null';

type Values = { kind: 'none' } | { kind: 'words'; words: readonly string[] } | { kind: 'file' } | { kind: 'profile' };

interface Opt {
  /** "--output" */
  long: string;
  /** "-o" */
  short?: string;
  /** Hidden habits ("--format", "-f"): understood, never offered. */
  hidden: string[];
  takesValue: boolean;
  description: string;
  values: Values;
}

interface Arg {
  index: number;
  variadic: boolean;
  description: string;
  values: Values;
}

interface Cmd {
  key: string;
  options: Opt[];
  args: Arg[];
  /** Column keys, offered for -c/--column and --sort. */
  columns: string[];
}

interface Child {
  word: string;
  summary: string;
}

interface Model {
  version: string;
  /** Topic path ("" = top level) → the words that may follow it. */
  groups: Map<string, Child[]>;
  commands: Map<string, Cmd>;
  globals: Opt[];
  /** Only meaningful before any command word. */
  rootOnly: Opt[];
}

const NONE: Values = { kind: 'none' };
const HELP: Opt = { long: '--help', short: '-h', hidden: [], takesValue: false, description: 'Show help', values: NONE };
const VERSION: Opt = { long: '--version', short: '-V', hidden: [], takesValue: false, description: 'Print the version', values: NONE };
const COLUMN_OPTIONS = ['-c', '--column', '--sort'];

function flagValues(flag: FlagSpec): Values {
  if (flag.type === 'boolean') return NONE;
  if (flag.choices && flag.choices.length) return { kind: 'words', words: flag.choices };
  if (flag.complete === 'file') return { kind: 'file' };
  if (flag.name === 'profile') return { kind: 'profile' };
  return NONE;
}

function toOpt(flag: FlagSpec): Opt {
  const opt: Opt = {
    long: `--${flag.name}`,
    hidden: (flag.aliases ?? []).map((a) => (a.length === 1 ? `-${a}` : `--${a}`)),
    takesValue: flag.type !== 'boolean',
    description: flag.description,
    values: flagValues(flag),
  };
  if (flag.short) opt.short = `-${flag.short}`;
  return opt;
}

/**
 * What an argument completes to. Besides the declared `complete`, an argument called
 * "profile", and the NAME argument of the profile commands that act on an existing profile
 * (all but `profile add`), complete to the configured profile names.
 */
function argValues(cmd: ManifestCommand, arg: ArgSpec, index: number): Values {
  if (arg.complete === 'file') return { kind: 'file' };
  if (Array.isArray(arg.complete) && arg.complete.length) return { kind: 'words', words: arg.complete };
  if (arg.name === 'profile') return { kind: 'profile' };
  if (cmd.path.length === 2 && cmd.path[0] === 'profile' && cmd.path[1] !== 'add' && index === 0 && arg.name === 'name') return { kind: 'profile' };
  return NONE;
}

function buildModel(m: Manifest): Model {
  const globals = [...GLOBAL_FLAGS.map(toOpt), HELP];
  const globalNames = new Set(globals.flatMap((o) => [o.long, ...(o.short ? [o.short] : []), ...o.hidden]));
  const groups = new Map<string, Map<string, string>>();
  const addChild = (parent: string[], word: string, summary: string) => {
    const key = parent.join(' ');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = new Map()));
    if (!g.has(word) || !g.get(word)) g.set(word, summary);
  };
  groups.set('', new Map());
  for (const t of m.topics) addChild(t.path.slice(0, -1), t.path[t.path.length - 1]!, t.summary);
  const commands = new Map<string, Cmd>();
  for (const c of m.commands) {
    // Every ancestor is a group, even when the manifest has no topic entry for it.
    for (let i = 1; i < c.path.length; i++) addChild(c.path.slice(0, i - 1), c.path[i - 1]!, '');
    addChild(c.path.slice(0, -1), c.path[c.path.length - 1]!, c.variants[0]?.summary ?? '');
    const options = new Map<string, Opt>();
    const args: Arg[] = [];
    const columns: string[] = [];
    for (const v of c.variants) {
      for (const f of v.flags) {
        const opt = toOpt(f);
        if (globalNames.has(opt.long) || options.has(opt.long)) continue;
        options.set(opt.long, opt);
      }
      v.args.forEach((a, i) => {
        const values = argValues(c, a, i);
        const existing = args[i];
        if (!existing) args[i] = { index: i, variadic: !!a.variadic, description: a.description, values };
        else {
          if (a.variadic) existing.variadic = true;
          if (existing.values.kind === 'none') existing.values = values;
        }
      });
      for (const col of v.columns) if (!columns.includes(col.key)) columns.push(col.key);
    }
    commands.set(c.path.join(' '), { key: c.path.join(' '), options: [...options.values()], args, columns });
  }
  const sortedGroups = new Map<string, Child[]>();
  for (const key of [...groups.keys()].sort(cmp)) {
    const children = [...groups.get(key)!.entries()].map(([word, summary]) => ({ word, summary })).sort((a, b) => cmp(a.word, b.word));
    sortedGroups.set(key, children);
  }
  const sortedCommands = new Map([...commands.entries()].sort((a, b) => cmp(a[0], b[0])));
  return { version: m.version, groups: sortedGroups, commands: sortedCommands, globals, rootOnly: [VERSION] };
}

/** Locale-independent ordering, so output never depends on the machine. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function offered(opts: readonly Opt[]): string[] {
  return opts.flatMap((o) => (o.short ? [o.short, o.long] : [o.long]));
}

function names(o: Opt): string[] {
  return [...(o.short ? [o.short] : []), o.long, ...o.hidden];
}

/** What -c/--column and --sort complete to for a command. */
function columnValues(cmd: Cmd): Values {
  return cmd.columns.length ? { kind: 'words', words: cmd.columns } : NONE;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------
// bash

/** POSIX single quotes (also valid in zsh). */
function sq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function shWords(words: readonly string[]): string {
  return sq(words.join(' '));
}

/** Shell case pattern matching any of the option names literally. */
function shPattern(list: readonly string[]): string {
  return list.map(sq).join('|');
}

/** Lines setting _storctl_kind and the value list variable for a Values. `assign` renders a list. */
function shValueLines(v: Values, assign: (words: readonly string[]) => string): string {
  switch (v.kind) {
    case 'words':
      return `_storctl_kind=words; ${assign(v.words)}`;
    case 'file':
      return '_storctl_kind=file';
    case 'profile':
      return '_storctl_kind=profile';
    default:
      return ':';
  }
}

/** The shared data functions (bash and zsh read them alike). */
function shDataFunctions(model: Model, shell: 'bash' | 'zsh'): string[] {
  const out: string[] = [];
  const assign = shell === 'bash' ? (w: readonly string[]) => `_storctl_w=${shWords(w)}` : (w: readonly string[]) => `_storctl_r=(${w.map(sq).join(' ')})`;
  const globalsWithValues = model.globals.filter((o) => o.takesValue);

  out.push(`# Succeeds when the words ($1) name a command rather than a topic.`);
  out.push('_storctl_is_command() {');
  out.push('  case "$1" in');
  for (const key of model.commands.keys()) out.push(`    ${sq(key)}) return 0 ;;`);
  out.push('  esac');
  out.push('  return 1');
  out.push('}');
  out.push('');

  out.push(`# Succeeds when option $2 takes a value after the words $1.`);
  out.push('_storctl_takes_value() {');
  out.push('  case "$1" in');
  for (const cmd of model.commands.values()) {
    if (!cmd.options.length) continue;
    const withValue = cmd.options.filter((o) => o.takesValue).flatMap(names);
    const without = cmd.options.filter((o) => !o.takesValue).flatMap(names);
    out.push(`    ${sq(cmd.key)})`);
    out.push('      case "$2" in');
    if (withValue.length) out.push(`        ${shPattern(withValue)}) return 0 ;;`);
    if (without.length) out.push(`        ${shPattern(without)}) return 1 ;;`);
    out.push('      esac ;;');
  }
  out.push('  esac');
  out.push('  case "$2" in');
  out.push(`    ${shPattern(globalsWithValues.flatMap(names))}) return 0 ;;`);
  out.push('  esac');
  out.push('  return 1');
  out.push('}');
  out.push('');

  const listVar = shell === 'bash' ? '_storctl_w' : '_storctl_r';
  out.push(`# What the value of option $2 after the words $1 completes to: sets _storctl_kind`);
  out.push(`# (words, file or profile) and ${listVar}.`);
  out.push('_storctl_option_values() {');
  out.push('  case "$1" in');
  for (const cmd of model.commands.values()) {
    const arms: string[] = [];
    for (const o of cmd.options) if (o.values.kind !== 'none') arms.push(`        ${shPattern(names(o))}) ${shValueLines(o.values, assign)}; return 0 ;;`);
    const cols = columnValues(cmd);
    if (cols.kind !== 'none') arms.push(`        ${shPattern(COLUMN_OPTIONS)}) ${shValueLines(cols, assign)}; return 0 ;;`);
    if (!arms.length) continue;
    out.push(`    ${sq(cmd.key)})`);
    out.push('      case "$2" in');
    out.push(...arms);
    out.push('      esac ;;');
  }
  out.push('  esac');
  out.push('  case "$2" in');
  for (const o of model.globals) if (o.values.kind !== 'none') out.push(`    ${shPattern(names(o))}) ${shValueLines(o.values, assign)} ;;`);
  out.push('  esac');
  out.push('}');
  out.push('');

  out.push(`# What positional argument number $2 (from 0) of the command $1 completes to.`);
  out.push('_storctl_arg_values() {');
  out.push('  case "$1" in');
  for (const cmd of model.commands.values()) {
    const args = cmd.args.filter((a) => a.values.kind !== 'none');
    if (!args.length) continue;
    out.push(`    ${sq(cmd.key)})`);
    args.forEach((a, i) => {
      const test = a.variadic ? `(( $2 >= ${a.index} ))` : `(( $2 == ${a.index} ))`;
      out.push(`      ${i === 0 ? 'if' : 'elif'} ${test}; then ${shValueLines(a.values, assign)}`);
    });
    out.push('      fi ;;');
  }
  out.push('  esac');
  out.push('}');
  return out;
}

export function bashCompletion(m: Manifest): string {
  const model = buildModel(m);
  const out: string[] = [];
  out.push('# bash completion for storctl                              -*- shell-script -*-');
  out.push(`# Generated from the command manifest of storctl ${model.version}; do not edit (npm run gen).`);
  out.push('#');
  out.push('# Load it into the current shell:');
  out.push('#   source <(storctl completion bash)');
  out.push('# or in every new shell (the bash-completion package is not needed):');
  out.push('#   echo \'source <(storctl completion bash)\' >> ~/.bashrc');
  out.push('# or, with bash-completion installed, let it load the script on demand:');
  out.push('#   storctl completion bash > ~/.local/share/bash-completion/completions/storctl');
  out.push('');
  out.push('# Words that may follow the topic words $1 ("" = top level), in _storctl_w; fails');
  out.push('# when $1 is not a topic.');
  out.push('_storctl_children() {');
  out.push('  case "$1" in');
  for (const [key, children] of model.groups) out.push(`    ${sq(key)}) _storctl_w=${shWords(children.map((c) => c.word))} ;;`);
  out.push('    *) return 1 ;;');
  out.push('  esac');
  out.push('}');
  out.push('');
  out.push('# Options of the command $1 (besides the global ones), in _storctl_w.');
  out.push('_storctl_options() {');
  out.push('  case "$1" in');
  for (const cmd of model.commands.values()) if (cmd.options.length) out.push(`    ${sq(cmd.key)}) _storctl_w=${shWords(offered(cmd.options))} ;;`);
  out.push("    *) _storctl_w='' ;;");
  out.push('  esac');
  out.push('}');
  out.push('');
  out.push(...shDataFunctions(model, 'bash'));
  out.push('');
  out.push('# Adds the candidates described by _storctl_kind/_storctl_w that start with $cur to');
  out.push('# COMPREPLY, each prefixed with $1 (for --option=value words).');
  out.push('_storctl_reply() {');
  out.push('  local line list');
  out.push('  case "$_storctl_kind" in');
  out.push('    words) list=$(compgen -W "$_storctl_w" -- "$cur") ;;');
  out.push('    file)');
  out.push('      compopt -o filenames 2>/dev/null');
  out.push('      list=$(compgen -f -- "$cur") ;;');
  out.push(`    profile) list=$(compgen -W "$(${PROFILE_LIST_COMMAND})" -- "$cur") ;;`);
  out.push('    *) return 0 ;;');
  out.push('  esac');
  out.push('  while IFS= read -r line; do');
  out.push('    [[ -n $line ]] && COMPREPLY+=("$1$line")');
  out.push('  done <<<"$list"');
  out.push('}');
  out.push('');
  out.push('_storctl() {');
  out.push('  local cur="${COMP_WORDS[COMP_CWORD]}" prev="" cmdpath="" word opt="" prefix=""');
  out.push('  local -i i=1 npos=0 dashdash=0');
  out.push('  local _storctl_w="" _storctl_kind=""');
  out.push(`  local globals=${shWords(offered(model.globals))}`);
  out.push('  COMPREPLY=()');
  out.push('  (( COMP_CWORD > 0 )) && prev="${COMP_WORDS[COMP_CWORD-1]}"');
  out.push('  # Walk the words before the cursor: options (and their values), topic and command');
  out.push('  # words, then positional arguments.');
  out.push('  while (( i < COMP_CWORD )); do');
  out.push('    word="${COMP_WORDS[i]}"');
  out.push('    if (( dashdash )); then');
  out.push('      (( npos += 1 ))');
  out.push('    elif [[ $word == -- ]]; then');
  out.push('      dashdash=1');
  out.push('    elif [[ $word == -?* ]]; then');
  out.push('      if [[ ${COMP_WORDS[i+1]-} == = ]]; then');
  out.push('        (( i += 2 ))  # --option = value (COMP_WORDBREAKS split it)');
  out.push('      elif [[ $word != *=* ]] && _storctl_takes_value "$cmdpath" "$word"; then');
  out.push('        (( i += 1 ))');
  out.push('      fi');
  out.push('    elif ! _storctl_is_command "$cmdpath" && _storctl_children "$cmdpath" && [[ " $_storctl_w " == *" $word "* ]]; then');
  out.push('      cmdpath="${cmdpath:+$cmdpath }$word"');
  out.push('    else');
  out.push('      (( npos += 1 ))');
  out.push('    fi');
  out.push('    (( i += 1 ))');
  out.push('  done');
  out.push('  # The value of an option?');
  out.push('  if (( ! dashdash )); then');
  out.push('    if [[ $cur == = && $prev == -?* ]]; then');
  out.push('      opt="$prev" cur=""');
  out.push('    elif [[ $prev == = ]] && (( COMP_CWORD >= 2 )) && [[ ${COMP_WORDS[COMP_CWORD-2]} == -?* ]]; then');
  out.push('      opt="${COMP_WORDS[COMP_CWORD-2]}"');
  out.push('    elif [[ $cur == -?*=* ]]; then');
  out.push('      opt="${cur%%=*}" prefix="${cur%%=*}=" cur="${cur#*=}"');
  out.push('    elif [[ $prev == -?* && $prev != *=* ]] && _storctl_takes_value "$cmdpath" "$prev"; then');
  out.push('      opt="$prev"');
  out.push('    fi');
  out.push('  fi');
  out.push('  if [[ -n $opt ]]; then');
  out.push('    _storctl_option_values "$cmdpath" "$opt"');
  out.push('    _storctl_reply "$prefix"');
  out.push('    return 0');
  out.push('  fi');
  out.push('  if [[ $cur == -* ]] && (( ! dashdash )); then');
  out.push('    _storctl_options "$cmdpath"');
  out.push('    _storctl_w="$_storctl_w $globals"');
  out.push(`    [[ -z $cmdpath ]] && _storctl_w="$_storctl_w ${offered(model.rootOnly).join(' ')}"`);
  out.push('    _storctl_kind=words');
  out.push('  elif _storctl_is_command "$cmdpath"; then');
  out.push('    _storctl_arg_values "$cmdpath" "$npos"');
  out.push('  elif _storctl_children "$cmdpath"; then');
  out.push('    _storctl_kind=words');
  out.push('  fi');
  out.push('  _storctl_reply ""');
  out.push('  return 0');
  out.push('}');
  out.push('');
  out.push('complete -F _storctl storctl');
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------
// zsh

/** "word:description" for _describe, with colons in the word escaped. */
function zDescribe(word: string, description: string): string {
  const w = word.replace(/\\/g, '\\\\').replace(/:/g, '\\:');
  return sq(description ? `${w}:${oneLine(description)}` : w);
}

function zOptionEntries(opts: readonly Opt[]): string[] {
  return opts.flatMap((o) => (o.short ? [zDescribe(o.short, o.description), zDescribe(o.long, o.description)] : [zDescribe(o.long, o.description)]));
}

export function zshCompletion(m: Manifest): string {
  const model = buildModel(m);
  const out: string[] = [];
  out.push('#compdef storctl');
  out.push(`# zsh completion for storctl, generated from the command manifest of storctl ${model.version};`);
  out.push('# do not edit (npm run gen).');
  out.push('#');
  out.push('# Install it where compinit finds it, then start a new shell:');
  out.push('#   storctl completion zsh > "${fpath[1]}/_storctl"');
  out.push('# or load it into the current shell (after compinit):');
  out.push('#   source <(storctl completion zsh)');
  out.push('');
  out.push('# Words that may follow the topic words $1 ("" = top level), as "word:summary" in');
  out.push('# _storctl_r; fails when $1 is not a topic.');
  out.push('_storctl_children() {');
  out.push('  case "$1" in');
  for (const [key, children] of model.groups) {
    out.push(`    ${sq(key)}) _storctl_r=(`);
    for (const c of children) out.push(`      ${zDescribe(c.word, c.summary)}`);
    out.push('    ) ;;');
  }
  out.push('    *) return 1 ;;');
  out.push('  esac');
  out.push('}');
  out.push('');
  out.push('# Options of the command $1 (besides the global ones), as "option:description" in _storctl_r.');
  out.push('_storctl_options() {');
  out.push('  case "$1" in');
  for (const cmd of model.commands.values()) {
    if (!cmd.options.length) continue;
    out.push(`    ${sq(cmd.key)}) _storctl_r=(`);
    for (const e of zOptionEntries(cmd.options)) out.push(`      ${e}`);
    out.push('    ) ;;');
  }
  out.push('    *) _storctl_r=() ;;');
  out.push('  esac');
  out.push('}');
  out.push('');
  out.push(...shDataFunctions(model, 'zsh'));
  out.push('');
  out.push('# Offers the candidates described by _storctl_kind/_storctl_r.');
  out.push('_storctl_add_values() {');
  out.push('  local -a profiles');
  out.push('  case "$_storctl_kind" in');
  out.push("    words) compadd -a _storctl_r ;;");
  out.push('    file) _files ;;');
  out.push('    profile)');
  out.push(`      profiles=(\${(f)"$(${PROFILE_LIST_COMMAND})"})`);
  out.push('      compadd -a profiles ;;');
  out.push('    *) return 1 ;;');
  out.push('  esac');
  out.push('}');
  out.push('');
  out.push('_storctl() {');
  out.push('  local word opt="" cmdpath="" prev="" _storctl_kind=""');
  out.push('  local -i i=2 npos=0 dashdash=0');
  out.push('  local -a _storctl_r globals rootonly');
  out.push('  globals=(');
  for (const e of zOptionEntries(model.globals)) out.push(`    ${e}`);
  out.push('  )');
  out.push(`  rootonly=(${zOptionEntries(model.rootOnly).join(' ')})`);
  out.push('  # Walk the words before the cursor: options (and their values), topic and command');
  out.push('  # words, then positional arguments.');
  out.push('  while (( i < CURRENT )); do');
  out.push('    word="${words[i]}"');
  out.push('    if (( dashdash )); then');
  out.push('      (( npos += 1 ))');
  out.push('    elif [[ $word == -- ]]; then');
  out.push('      dashdash=1');
  out.push('    elif [[ $word == -?* ]]; then');
  out.push('      if [[ $word != *=* ]] && _storctl_takes_value "$cmdpath" "$word"; then');
  out.push('        (( i += 1 ))');
  out.push('      fi');
  out.push('    elif ! _storctl_is_command "$cmdpath" && _storctl_children "$cmdpath" && (( ${_storctl_r[(I)${(b)word}(|:*)]} )); then');
  out.push('      cmdpath="${cmdpath:+$cmdpath }$word"');
  out.push('    else');
  out.push('      (( npos += 1 ))');
  out.push('    fi');
  out.push('    (( i += 1 ))');
  out.push('  done');
  out.push('  (( CURRENT > 2 )) && prev="${words[CURRENT-1]}"');
  out.push('  # The value of an option?');
  out.push('  if (( ! dashdash )); then');
  out.push('    if [[ $PREFIX == -?*=* ]]; then');
  out.push('      opt="${PREFIX%%=*}"');
  out.push("      compset -P '*='");
  out.push('    elif [[ $prev == -?* && $prev != *=* ]] && _storctl_takes_value "$cmdpath" "$prev"; then');
  out.push('      opt="$prev"');
  out.push('    fi');
  out.push('  fi');
  out.push('  if [[ -n $opt ]]; then');
  out.push('    _storctl_option_values "$cmdpath" "$opt" && _storctl_add_values');
  out.push('    return');
  out.push('  fi');
  out.push('  if [[ $PREFIX == -* ]] && (( ! dashdash )); then');
  out.push('    _storctl_options "$cmdpath"');
  out.push('    _storctl_r+=("${globals[@]}")');
  out.push('    [[ -z $cmdpath ]] && _storctl_r+=("${rootonly[@]}")');
  out.push("    _describe -t options 'option' _storctl_r");
  out.push('  elif _storctl_is_command "$cmdpath"; then');
  out.push('    _storctl_arg_values "$cmdpath" "$npos" && _storctl_add_values');
  out.push('  elif _storctl_children "$cmdpath"; then');
  out.push("    _describe -t commands 'command' _storctl_r");
  out.push('  fi');
  out.push('}');
  out.push('');
  out.push('# Autoloaded from $fpath the file is the body of _storctl: define, then complete.');
  out.push('# Sourced, it registers the function instead.');
  out.push('if [[ ${funcstack[1]-} == _storctl ]]; then');
  out.push('  _storctl "$@"');
  out.push('else');
  out.push('  (( $+functions[compdef] )) && compdef _storctl storctl');
  out.push('fi');
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------
// fish

/** Fish single quotes: only \ and ' are special inside. */
function fq(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A condition calling a helper with the command path as first argument. */
function fishCond(fn: string, path: string, ...rest: string[]): string {
  const arg = /^[A-Za-z0-9 _.-]*$/.test(path) ? `"${path}"` : fq(path);
  return fq([fn, arg, ...rest].join(' '));
}

function fishValueArgs(v: Values): string {
  switch (v.kind) {
    case 'words':
      return ` -x -a ${fq(v.words.join(' '))}`;
    case 'file':
      return ' -r -F';
    case 'profile':
      return " -x -a '(__storctl_profiles)'";
    default:
      return '';
  }
}

function fishOptionLine(o: Opt, cond: string | undefined, values: string | undefined): string {
  const parts = ['complete -c storctl'];
  if (cond) parts.push(`-n ${cond}`);
  if (o.short) parts.push(`-s ${o.short.slice(1)}`);
  parts.push(`-l ${o.long.slice(2)}`);
  let line = parts.join(' ');
  line += values ?? (o.takesValue && o.values.kind === 'none' ? ' -x' : fishValueArgs(o.values));
  return `${line} -d ${fq(oneLine(o.description))}`;
}

export function fishCompletion(m: Manifest): string {
  const model = buildModel(m);
  const out: string[] = [];
  out.push(`# fish completion for storctl, generated from the command manifest of storctl ${model.version};`);
  out.push('# do not edit (npm run gen).');
  out.push('#');
  out.push('# Install it (fish loads it on first use):');
  out.push('#   storctl completion fish > ~/.config/fish/completions/storctl.fish');
  out.push('# or load it into the current shell:');
  out.push('#   storctl completion fish | source');
  out.push('');
  out.push('# Words that may follow the topic words $argv[1] ("" = top level); fails when it is not a topic.');
  out.push('function __storctl_children --argument-names path');
  out.push('    switch "$path"');
  for (const [key, children] of model.groups) {
    out.push(`        case ${fq(key)}`);
    out.push(`            printf '%s\\n' ${children.map((c) => fq(c.word)).join(' ')}`);
  }
  out.push('        case \'*\'');
  out.push('            return 1');
  out.push('    end');
  out.push('end');
  out.push('');
  out.push('function __storctl_is_command --argument-names path');
  out.push('    switch "$path"');
  const keys = [...model.commands.keys()];
  for (let i = 0; i < keys.length; i += 6) {
    out.push(`        case ${keys.slice(i, i + 6).map(fq).join(' ')}`);
    out.push('            return 0');
  }
  out.push('    end');
  out.push('    return 1');
  out.push('end');
  out.push('');
  out.push('# Succeeds when option $argv[2] takes a value after the words $argv[1].');
  out.push('function __storctl_takes_value --argument-names path opt');
  out.push('    switch "$path"');
  for (const cmd of model.commands.values()) {
    if (!cmd.options.length) continue;
    const withValue = cmd.options.filter((o) => o.takesValue).flatMap(names);
    const without = cmd.options.filter((o) => !o.takesValue).flatMap(names);
    out.push(`        case ${fq(cmd.key)}`);
    if (withValue.length) out.push(`            contains -- $opt ${withValue.join(' ')}; and return 0`);
    if (without.length) out.push(`            contains -- $opt ${without.join(' ')}; and return 1`);
  }
  out.push('    end');
  out.push(`    contains -- $opt ${model.globals.filter((o) => o.takesValue).flatMap(names).join(' ')}`);
  out.push('end');
  out.push('');
  out.push('# Sets $__storctl_path (the topic/command words typed so far), $__storctl_npos (how many');
  out.push('# positional arguments follow them) and $__storctl_wants_value (1 when the last word is an');
  out.push('# option waiting for its value), once per command line.');
  out.push('function __storctl_parse');
  out.push('    set -l line (commandline -pc)');
  out.push('    if set -q __storctl_line; and test "$__storctl_line" = "$line"');
  out.push('        return 0');
  out.push('    end');
  out.push('    set -l tokens (commandline -opc)');
  out.push('    set -e tokens[1]');
  out.push("    set -l path ''");
  out.push('    set -l npos 0');
  out.push('    set -l skip 0');
  out.push('    set -l dashdash 0');
  out.push('    for t in $tokens');
  out.push('        if test $skip -eq 1');
  out.push('            set skip 0');
  out.push('        else if test $dashdash -eq 1');
  out.push('            set npos (math $npos + 1)');
  out.push("        else if test \"$t\" = '--'");
  out.push('            set dashdash 1');
  out.push("        else if string match -qr -- '^-.' $t");
  out.push("            if not string match -q -- '*=*' $t; and __storctl_takes_value \"$path\" $t");
  out.push('                set skip 1');
  out.push('            end');
  out.push('        else if not __storctl_is_command "$path"; and contains -- $t (__storctl_children "$path")');
  out.push('            if test -z "$path"');
  out.push('                set path $t');
  out.push('            else');
  out.push('                set path "$path $t"');
  out.push('            end');
  out.push('        else');
  out.push('            set npos (math $npos + 1)');
  out.push('        end');
  out.push('    end');
  out.push('    set -g __storctl_line $line');
  out.push('    set -g __storctl_wants_value $skip');
  out.push('    set -g __storctl_path $path');
  out.push('    set -g __storctl_npos $npos');
  out.push('end');
  out.push('');
  out.push('# The words typed so far are exactly $argv[1].');
  out.push('function __storctl_at --argument-names path');
  out.push('    __storctl_parse');
  out.push('    test $__storctl_wants_value -eq 0; and test "$__storctl_path" = "$path"');
  out.push('end');
  out.push('');
  out.push('# At the command $argv[1], with the number of arguments typed comparing ($argv[2]) to $argv[3].');
  out.push('function __storctl_arg --argument-names path op n');
  out.push('    __storctl_parse');
  out.push('    test $__storctl_wants_value -eq 0; and test "$__storctl_path" = "$path"; and test $__storctl_npos $op $n');
  out.push('end');
  out.push('');
  out.push('# Column keys of the command typed so far, for -c/--column and --sort.');
  out.push('function __storctl_columns');
  out.push('    __storctl_parse');
  out.push('    switch "$__storctl_path"');
  for (const cmd of model.commands.values()) {
    if (!cmd.columns.length) continue;
    out.push(`        case ${fq(cmd.key)}`);
    out.push(`            printf '%s\\n' ${cmd.columns.map(fq).join(' ')}`);
  }
  out.push('    end');
  out.push('end');
  out.push('');
  out.push('# The word before the cursor is one of $argv (hidden option aliases such as -f).');
  out.push('function __storctl_after');
  out.push('    set -l tokens (commandline -opc)');
  out.push('    contains -- $tokens[-1] $argv');
  out.push('end');
  out.push('');
  out.push('function __storctl_profiles');
  out.push(`    ${PROFILE_LIST_COMMAND}`);
  out.push('end');
  out.push('');
  out.push('complete -c storctl -f');
  out.push('');
  out.push('# Global options');
  for (const o of model.globals) {
    const cols = COLUMN_OPTIONS.includes(o.long) ? " -x -a '(__storctl_columns)'" : undefined;
    out.push(fishOptionLine(o, undefined, cols));
  }
  for (const o of model.rootOnly) out.push(fishOptionLine(o, fishCond('__storctl_at', ''), undefined));
  // Hidden aliases are not offered, but their values still complete (-f <TAB>).
  for (const o of model.globals) {
    if (!o.hidden.length || o.values.kind === 'none') continue;
    out.push(`complete -c storctl -n ${fq(['__storctl_after', ...o.hidden].join(' '))}${fishValueArgs(o.values)}`);
  }
  out.push('');
  out.push('# Topics and commands');
  for (const [key, children] of model.groups) {
    for (const c of children) out.push(`complete -c storctl -n ${fishCond('__storctl_at', key)} -a ${fq(c.word)} -d ${fq(oneLine(c.summary))}`);
  }
  out.push('');
  out.push('# Options and arguments of each command');
  for (const cmd of model.commands.values()) {
    for (const o of cmd.options) out.push(fishOptionLine(o, fishCond('__storctl_at', cmd.key), undefined));
    for (const a of cmd.args) {
      if (a.values.kind === 'none') continue;
      const values = a.values.kind === 'words' ? ` -a ${fq(a.values.words.join(' '))}` : a.values.kind === 'file' ? ' -F' : " -a '(__storctl_profiles)'";
      out.push(`complete -c storctl -n ${fishCond('__storctl_arg', cmd.key, a.variadic ? '-ge' : '-eq', String(a.index))}${values} -d ${fq(oneLine(a.description))}`);
    }
  }
  return out.join('\n') + '\n';
}
