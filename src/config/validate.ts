// Type and choice checks for one setting value, wherever it came from (file, env, flag).
import { ConfigError } from '../framework/errors.js';
import type { SettingSpec } from './schema.js';

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
