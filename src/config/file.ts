// The user's config file: parse with line numbers (for errors and `profile explain`),
// validate every key, and rewrite it atomically through yaml's Document so comments stay.
import { readFile, stat } from 'node:fs/promises';
import { Document, LineCounter, isMap, isScalar, parseDocument, type Node, type YAMLMap } from 'yaml';
import { ConfigError } from '../framework/errors.js';
import { didYouMean } from '../util/suggest.js';
import { atomicWrite } from '../util/atomic-write.js';
import { SETTINGS_BY_KEY, SETTING_ALIASES, type SettingSpec } from './schema.js';

export interface ProfileEntry {
  name: string;
  line: number;
  values: Record<string, unknown>;
  /** Line of each key, for "file:line" provenance. */
  lines: Record<string, number>;
}

export interface ConfigFile {
  path: string;
  exists: boolean;
  /** Permission bits, to warn when secrets are group/world readable. */
  mode?: number;
  currentProfile?: string;
  profiles: Map<string, ProfileEntry>;
  doc: Document;
}

const TOP_KEYS = ['current_profile', 'profiles'];

export async function loadConfig(path: string): Promise<ConfigFile> {
  let text: string;
  let mode: number | undefined;
  try {
    [text, mode] = await Promise.all([readFile(path, 'utf8'), stat(path).then((s) => s.mode & 0o777)]);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      return { path, exists: false, profiles: new Map(), doc: new Document({ profiles: {} }) };
    }
    throw new ConfigError(`cannot read config file ${path}: ${(err as Error).message}`);
  }
  return { ...parseConfig(path, text), mode };
}

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
    entry.values[key] = checkType(spec, value, `${path}:${keyLine}`, name);
    entry.lines[key] = keyLine;
  }
}

export function checkType(spec: SettingSpec, value: unknown, where: string, profile: string): unknown {
  if (value === null || value === undefined) return undefined;
  const bad = (want: string) =>
    new ConfigError(`${where}: setting "${spec.key}" in profile "${profile}" must be ${want}, not ${JSON.stringify(value)}`);
  switch (spec.type) {
    case 'string':
      if (typeof value === 'object') throw bad('a string');
      if (spec.choices && !spec.choices.includes(String(value))) throw bad(`one of ${spec.choices.join(', ')}`);
      return String(value);
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (['true', 'yes', '1', 'on'].includes(String(value).toLowerCase())) return true;
      if (['false', 'no', '0', 'off'].includes(String(value).toLowerCase())) return false;
      throw bad('true or false');
    case 'number': {
      const n = Number(value);
      if (!Number.isFinite(n) || n < 0) throw bad('a non-negative number');
      return n;
    }
    case 'list':
      if (Array.isArray(value)) return value.map(String);
      if (typeof value === 'object') throw bad('a string or a list of strings');
      return String(value).split(',').map((s) => s.trim()).filter(Boolean);
    case 'map':
      if (typeof value !== 'object' || Array.isArray(value)) throw bad('a mapping');
      return value;
  }
}

/** Applies `mutate` to the parsed document and writes it back atomically (0600). */
export async function saveConfig(cfg: ConfigFile, mutate: (doc: Document) => void): Promise<void> {
  mutate(cfg.doc);
  if (!cfg.doc.has('profiles')) cfg.doc.set('profiles', cfg.doc.createNode({}));
  let text = cfg.doc.toString({ lineWidth: 0 });
  if (!cfg.exists && !text.startsWith('#')) text = `# storctl configuration (see man storctl)\n${text}`;
  await atomicWrite(cfg.path, text, 0o600);
}

export function isSecretBearing(cfg: ConfigFile): boolean {
  for (const p of cfg.profiles.values()) {
    for (const [k, v] of Object.entries(p.values)) {
      if (SETTINGS_BY_KEY.get(k)?.secret && v !== undefined && v !== 'keyring') return true;
    }
  }
  return false;
}

function firstLine(s: string) {
  return s.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

