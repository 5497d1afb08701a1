// Shared by `profile add` and `profile set`: parse KEY=VALUE words, check them against the
// schema, and write them into the config document.
import type { Document } from 'yaml';
import { UsageError } from '../framework/errors.js';
import { didYouMean } from '../util/suggest.js';
import { checkForBackend, checkType } from './validate.js';
import { SETTINGS_BY_KEY, SETTING_ALIASES } from './schema.js';

export const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function checkProfileName(name: string): void {
  if (!PROFILE_NAME.test(name)) {
    throw new UsageError(`"${name}" is not a valid profile name`, { hint: 'use letters, digits, ".", "_" and "-" (at most 64), starting with a letter or digit' });
  }
}

export function parseAssignments(words: readonly string[], profile: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq <= 0) throw new UsageError(`"${word}" is not KEY=VALUE`, { hint: 'write settings as key=value, e.g. auth_url=https://keystone:5000/v3' });
    const raw = word.slice(0, eq).trim().replace(/-/g, '_');
    const key = SETTING_ALIASES[raw] ?? raw;
    const spec = SETTINGS_BY_KEY.get(key);
    if (!spec) throw new UsageError(`unknown setting "${raw}"${didYouMean(raw, SETTINGS_BY_KEY.keys())}`, { hint: '`storctl profile set --help` lists every setting' });
    const text = word.slice(eq + 1);
    let value: unknown = text;
    if (spec.type === 'map') {
      try {
        value = JSON.parse(text);
      } catch {
        throw new UsageError(`setting "${key}" wants a JSON object, e.g. ${key}='{"volumev3":"https://cinder:8776/v3"}'`);
      }
    }
    try {
      out[key] = checkType(spec, value, 'argument', profile);
    } catch (err) {
      throw new UsageError((err as Error).message.replace(/^argument: /, ''), { hint: (err as { hint?: string }).hint });
    }
  }
  return out;
}

/**
 * Checks settings about to be written against the profile's backend (what an endpoint may look
 * like there), and captured values (`--from-env`) against their types; `where` names their origin.
 */
export function checkSettings(values: Record<string, unknown>, backend: string | undefined, profile: string, where = 'argument'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  try {
    for (const [key, v] of Object.entries(values)) {
      const spec = SETTINGS_BY_KEY.get(key);
      if (!spec) {
        out[key] = v;
        continue;
      }
      out[key] = checkType(spec, v, where, profile);
      checkForBackend(backend, key, out[key], where, profile, spec);
    }
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/^argument: /, ''), { hint: (err as { hint?: string }).hint });
  }
  return out;
}

export function applySettings(doc: Document, profile: string, values: Record<string, unknown>, unset: readonly string[] = []): void {
  if (!doc.hasIn(['profiles', profile])) doc.setIn(['profiles', profile], doc.createNode({}));
  for (const [k, v] of Object.entries(values)) doc.setIn(['profiles', profile, k], v);
  for (const k of unset) doc.deleteIn(['profiles', profile, k]);
}
