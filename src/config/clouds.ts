// clouds.yaml (+ secure.yaml) as OpenStack's own tools read them, flattened to our setting
// names with the file:line each value came from.
import { readFile } from 'node:fs/promises';
import { LineCounter, isMap, parseDocument, type Node, type YAMLMap } from 'yaml';
import { ConfigError } from '../framework/errors.js';
import { cloudsYamlCandidates } from './paths.js';
import { SETTINGS_BY_KEY, SETTING_ALIASES } from './schema.js';

export interface CloudValue {
  value: unknown;
  source: string;
}

type Env = Record<string, string | undefined>;

async function readFirst(paths: string[]): Promise<{ path: string; text: string } | undefined> {
  for (const path of paths) {
    try {
      return { path, text: await readFile(path, 'utf8') };
    } catch {
      /* try the next location */
    }
  }
  return undefined;
}

function flattenCloud(path: string, text: string, cloud: string): Map<string, CloudValue> | undefined {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  if (doc.errors.length) {
    const line = doc.errors[0]!.linePos?.[0].line ?? 0;
    throw new ConfigError(`${path}:${line}: malformed YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
  }
  const node = doc.getIn(['clouds', cloud], true) as Node | undefined;
  if (!node || !isMap(node)) return undefined;
  const out = new Map<string, CloudValue>();
  const visit = (map: YAMLMap) => {
    for (const item of map.items) {
      const raw = String((item.key as any)?.value ?? item.key);
      if (raw === 'auth' && isMap(item.value)) {
        visit(item.value as YAMLMap);
        continue;
      }
      const line = (item.key as Node)?.range ? lc.linePos((item.key as Node).range![0]).line : 0;
      const value = (item.value as any)?.toJSON?.() ?? (item.value as any)?.value;
      if (raw === 'verify') {
        if (value === false) out.set('insecure', { value: true, source: `${path}:${line}` });
        else if (typeof value === 'string') out.set('cacert', { value, source: `${path}:${line}` });
        continue;
      }
      const key = SETTING_ALIASES[raw] ?? raw;
      if (!SETTINGS_BY_KEY.has(key)) continue; // clouds.yaml holds many settings that are not ours
      out.set(key, { value, source: `${path}:${line}` });
    }
  };
  visit(node);
  return out;
}

/** Settings of one cloud: clouds.yaml, then secure.yaml on top (it holds the passwords). */
export async function loadCloud(env: Env, cloud: string): Promise<Map<string, CloudValue>> {
  const clouds = await readFirst(cloudsYamlCandidates(env, 'clouds.yaml'));
  const base = clouds ? flattenCloud(clouds.path, clouds.text, cloud) : undefined;
  if (!base) {
    throw new ConfigError(`cloud "${cloud}" not found in ${clouds ? clouds.path : 'any clouds.yaml'}`, {
      hint: 'check the name, or point OS_CLIENT_CONFIG_FILE at the clouds.yaml that has it',
    });
  }
  const secure = await readFirst(cloudsYamlCandidates(env, 'secure.yaml'));
  const extra = secure ? flattenCloud(secure.path, secure.text, cloud) : undefined;
  for (const [k, v] of extra ?? []) base.set(k, v);
  return base;
}
