// The user's config file. Parsing YAML costs more than a whole cached-token command, so the
// parsed profiles (with their line numbers) are kept in a 0600 JSON file under the cache dir
// and reused while config.yaml's size, mtime and inode are unchanged. Writes go through yaml's
// Document so comments stay, and are atomic.
import { readFile, stat } from 'node:fs/promises';
import type { Document } from 'yaml';
import { ConfigError } from '../framework/errors.js';
import { atomicWrite } from '../util/atomic-write.js';
import { isStoreMarker, SETTINGS_BY_KEY } from './schema.js';

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
  /** The parsed document, when this load parsed the YAML (saveConfig parses it otherwise). */
  doc?: Document;
}

interface CacheEntry {
  v: 1;
  path: string;
  size: number;
  mtimeMs: number;
  ino: number;
  currentProfile?: string;
  profiles: ProfileEntry[];
}

export async function loadConfig(path: string, cacheFile?: string): Promise<ConfigFile> {
  let st;
  try {
    st = await stat(path);
  } catch (err) {
    // ENOTDIR: a file where a directory of the path should be; nothing can be there yet
    // (writing it says what is in the way).
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { path, exists: false, profiles: new Map() };
    throw new ConfigError(`cannot read config file ${path}: ${(err as Error).message}`);
  }
  const mode = st.mode & 0o777;
  if (cacheFile) {
    const hit = await readCache(cacheFile);
    if (hit && hit.path === path && hit.size === st.size && hit.mtimeMs === st.mtimeMs && hit.ino === st.ino) {
      return { path, exists: true, mode, currentProfile: hit.currentProfile, profiles: new Map(hit.profiles.map((p) => [p.name, p])) };
    }
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config file ${path}: ${(err as Error).message}`);
  }
  const { parseConfig } = await import('./parse.js');
  const cfg = { ...parseConfig(path, text), mode };
  if (cacheFile) {
    const entry: CacheEntry = { v: 1, path, size: st.size, mtimeMs: st.mtimeMs, ino: st.ino, currentProfile: cfg.currentProfile, profiles: [...cfg.profiles.values()] };
    await atomicWrite(cacheFile, JSON.stringify(entry), 0o600).catch(() => {}); // a cache: never fail the command
  }
  return cfg;
}

async function readCache(file: string): Promise<CacheEntry | undefined> {
  try {
    const c = JSON.parse(await readFile(file, 'utf8')) as CacheEntry;
    return c.v === 1 && Array.isArray(c.profiles) ? c : undefined;
  } catch {
    return undefined;
  }
}

/** Applies `mutate` to the parsed document and writes it back atomically (0600). */
export async function saveConfig(cfg: ConfigFile, mutate: (doc: Document) => void): Promise<void> {
  const { Document: Doc, parseDocument } = await import('yaml');
  let doc = cfg.doc;
  if (!doc) {
    const text = cfg.exists ? await readFile(cfg.path, 'utf8').catch(() => '') : '';
    doc = text.trim() ? parseDocument(text) : new Doc({ profiles: {} });
    if (doc.errors.length) {
      const { parseConfig } = await import('./parse.js');
      parseConfig(cfg.path, text); // throws the file:line error
    }
  }
  mutate(doc);
  if (!doc.has('profiles')) doc.set('profiles', doc.createNode({}));
  let text = doc.toString({ lineWidth: 0 });
  if (!cfg.exists && !text.startsWith('#')) text = `# storctl configuration (see man storctl)\n${text}`;
  try {
    await atomicWrite(cfg.path, text, 0o600);
  } catch (err) {
    throw await writeError(cfg.path, err);
  }
}

/** A config file that cannot be written: which path is in the way and what to do (exit 2). */
async function writeError(path: string, err: unknown): Promise<unknown> {
  const { dirProblem, isFsWriteProblem } = await import('./fs-problem.js');
  if (!isFsWriteProblem(err)) return err;
  const { dirname } = await import('node:path');
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EISDIR') return new ConfigError(`cannot write config file ${path}: it is a directory`, { hint: 'move it away, or point STORCTL_CONFIG at a file' });
  const dir = dirname(path);
  const p = dirProblem(dir, err);
  return new ConfigError(`cannot write config file ${path}: directory ${dir} ${p.reason}`, { hint: `${p.fix}, or point STORCTL_CONFIG at a writable place` });
}

export function isSecretBearing(cfg: ConfigFile): boolean {
  for (const p of cfg.profiles.values()) {
    for (const [k, v] of Object.entries(p.values)) {
      if (SETTINGS_BY_KEY.get(k)?.secret && v !== undefined && !isStoreMarker(v)) return true;
    }
  }
  return false;
}
