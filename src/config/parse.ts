// Parsing config.yaml with line numbers (for errors and `profile explain`) and validating
// every key. Loaded only when the file changed since the last run (see file.ts).
import { LineCounter, isMap, isScalar, parseDocument, type Node, type YAMLMap } from 'yaml';
import { ConfigError } from '../framework/errors.js';
import { didYouMean } from '../util/suggest.js';
import { SETTINGS_BY_KEY, SETTING_ALIASES } from './schema.js';
import { checkType } from './validate.js';
import type { ConfigFile, ProfileEntry } from './file.js';

const TOP_KEYS = ['current_profile', 'profiles'];

export function parseConfig(path: string, text: string): ConfigFile {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const lineOf = (node: Node | null | undefined) => (node?.range ? lc.linePos(node.range[0]).line : 0);
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const line = e.linePos?.[0].line ?? lc.linePos(e.pos[0]).line;
    throw new ConfigError(`${path}:${line}: malformed YAML: ${firstLine(e.message)}`, {
      hint: `fix the YAML at line ${line} (indentation, quoting, or a missing ':'), or move the file away to start over`,
    });
  }
  const cfg: ConfigFile = { path, exists: true, profiles: new Map(), doc };
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) {
    doc.contents = doc.createNode({ profiles: {} }) as any;
    return cfg;
  }
  if (!isMap(root)) throw new ConfigError(`${path}:${lineOf(root)}: the config file must be a mapping with "profiles:"`, { hint: 'see `man storctl` (FILES) for the layout' });
  for (const pair of root.items) {
    const key = String((pair.key as any)?.value ?? pair.key);
    const line = lineOf(pair.key as Node);
    if (!TOP_KEYS.includes(key)) {
      throw new ConfigError(`${path}:${line}: unknown top-level key "${key}"${didYouMean(key, TOP_KEYS)}`, { hint: 'the top level holds only current_profile and profiles' });
    }
    if (key === 'current_profile') {
      const v = (pair.value as any)?.value;
      if (v !== null && v !== undefined) cfg.currentProfile = String(v);
    }
    if (key === 'profiles') {
      const profiles = pair.value as Node | null;
      if (profiles === null || (isScalar(profiles) && profiles.value === null)) continue;
      if (!isMap(profiles)) throw new ConfigError(`${path}:${line}: "profiles" must be a mapping of profile names to settings`);
      for (const p of profiles.items) readProfile(path, p.key as Node, p.value as Node, lineOf, cfg);
    }
  }
  return cfg;
}

function readProfile(path: string, keyNode: Node, valueNode: Node | null, lineOf: (n: Node | null | undefined) => number, cfg: ConfigFile) {
  const name = String((keyNode as any)?.value ?? keyNode);
  const line = lineOf(keyNode);
  const entry: ProfileEntry = { name, line, values: {}, lines: {} };
  cfg.profiles.set(name, entry);
  if (valueNode === null || (isScalar(valueNode) && valueNode.value === null)) return;
  if (!isMap(valueNode)) throw new ConfigError(`${path}:${line}: profile "${name}" must be a mapping of settings`);
  for (const item of (valueNode as YAMLMap).items) {
    const rawKey = String((item.key as any)?.value ?? item.key);
    const keyLine = lineOf(item.key as Node);
    const key = SETTING_ALIASES[rawKey] ?? rawKey;
    const spec = SETTINGS_BY_KEY.get(key);
    if (!spec) {
      throw new ConfigError(`${path}:${keyLine}: unknown setting "${rawKey}" in profile "${name}"${didYouMean(rawKey, SETTINGS_BY_KEY.keys())}`, {
        hint: '`storctl profile set --help` lists every setting',
      });
    }
    const value = (item.value as any)?.toJSON?.() ?? (item.value as any)?.value ?? null;
    entry.values[key] = checkType(spec, value, `${path}:${keyLine}`, name, { format: false }); // formats: when the profile is used
    entry.lines[key] = keyLine;
  }
}

function firstLine(s: string) {
  return s.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

