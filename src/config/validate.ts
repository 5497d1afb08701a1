// Type, choice and format checks for one setting value, wherever it came from (file, env,
// flag, `profile add/set`), plus the checks that depend on the profile's backend (what an
// `endpoint` item may look like). A value that cannot work fails here, naming the setting,
// instead of later as a network error that is retried and blamed on the server.
// The value of a secret setting is never echoed in a message.
import { ConfigError } from '../framework/errors.js';
import type { SettingSpec } from './schema.js';

/** What a value is, without showing it: for messages about secret settings. */
function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'object':
      return 'a mapping';
    case 'boolean':
      return 'a boolean';
    case 'number':
      return 'a number';
    case 'string':
      return 'a string';
    default:
      return typeof value;
  }
}

/** How a rejected value is shown: JSON for ordinary settings, its kind only for secrets. */
function shown(spec: SettingSpec, value: unknown): string {
  if (spec.secret) return `${kindOf(value)} (value hidden)`;
  if (typeof value === 'string') return JSON.stringify(hideUserinfo(value));
  return JSON.stringify(value) ?? String(value);
}

/** `https://user:pw@host` → `https://user:***@host` (a URL setting may carry a password). */
function hideUserinfo(s: string): string {
  return s.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:?#\s]*):[^/@?#\s]*@/i, '$1:***@');
}

/**
 * The value in its type (a list, a number…), or a ConfigError. With `format` (the default), also
 * what it must look like (checkFormat); the file parser leaves that to resolution, so a broken
 * URL in one profile does not stop commands that use another.
 */
export function checkType(spec: SettingSpec, value: unknown, where: string, profile: string, opts: { format?: boolean } = {}): unknown {
  if (value === null || value === undefined) return undefined;
  const bad = (want: string) =>
    new ConfigError(`${where}: setting "${spec.key}" in profile "${profile}" must be ${want}, not ${shown(spec, value)}`);
  let out: unknown;
  switch (spec.type) {
    case 'string':
      if (typeof value === 'object') throw bad('a string');
      if (spec.choices && !spec.choices.includes(String(value))) throw bad(`one of ${spec.choices.join(', ')}`);
      out = String(value);
      break;
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'object') throw bad('true or false');
      if (['true', 'yes', '1', 'on'].includes(String(value).toLowerCase())) return true;
      if (['false', 'no', '0', 'off'].includes(String(value).toLowerCase())) return false;
      throw bad('true or false');
    case 'number': {
      // Number('') is 0 and Number([5]) is 5: only numbers and numeric text are numbers here.
      if (typeof value !== 'number' && (typeof value !== 'string' || value.trim() === '')) throw bad('a non-negative number');
      const n = Number(value);
      if (!Number.isFinite(n) || n < 0) throw bad('a non-negative number');
      return n;
    }
    case 'list':
      if (Array.isArray(value)) {
        if (value.some((v) => v !== null && typeof v === 'object')) throw bad('a string or a list of strings');
        out = value.filter((v) => v !== null && v !== undefined).map(String);
      } else if (typeof value === 'object') throw bad('a string or a list of strings');
      else out = String(value).split(',').map((s) => s.trim()).filter(Boolean);
      break;
    case 'map':
      if (typeof value !== 'object' || Array.isArray(value)) throw bad('a mapping');
      out = value;
      break;
  }
  if (spec.format && opts.format !== false) checkFormat(spec, out, where, profile);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Formats
// ---------------------------------------------------------------------------------------------

function formatError(spec: SettingSpec, label: string, text: string, problem: string, where: string, profile: string, example?: string): ConfigError {
  const w = where ? `${where}: ` : '';
  return new ConfigError(`${w}${label} ${JSON.stringify(hideUserinfo(text))} in profile "${profile}": ${problem}`, {
    hint: example ? `e.g. ${spec.key}=${example}` : `see \`storctl profile set --help\` for what ${spec.key} holds`,
  });
}

const URL_EXAMPLES: Record<string, string> = {
  auth_url: 'https://keystone.example:5000/v3',
  rest_endpoint: 'http://px-node1:9110',
  token_url: 'https://idp.example/realms/r/protocol/openid-connect/token',
  endpoints: `'{"volumev3":"https://cinder.example:8776/v3"}'`,
};

/** What a typed value must look like (SettingSpec.format); throws a ConfigError naming it. */
export function checkFormat(spec: SettingSpec, value: unknown, where: string, profile: string): void {
  switch (spec.format) {
    case 'url': {
      const items = spec.type === 'map' ? Object.entries(value as Record<string, unknown>) : [[spec.key, value] as const];
      for (const [label, v] of items) {
        if (typeof v !== 'string') {
          throw formatError(spec, spec.type === 'map' ? `${spec.key}.${label}` : spec.key, JSON.stringify(v) ?? String(v), 'not a URL', where, profile, URL_EXAMPLES[spec.key]);
        }
        const problem = urlProblem(v, ['http', 'https']);
        if (problem) throw formatError(spec, spec.type === 'map' ? `${spec.key}.${label}` : spec.key, v, problem, where, profile, URL_EXAMPLES[spec.key]);
      }
      return;
    }
    case 'endpoint': {
      // Syntax only; which forms a backend takes is checkForBackend's business.
      for (const item of (value as string[]).flatMap((s) => s.split(/[\s,]+/)).filter(Boolean)) {
        const problem = hasScheme(item) ? urlProblem(item, ['http', 'https', 'grpc', 'grpcs', 'dns', 'unix']) : hostPortProblem(item);
        if (problem) throw formatError(spec, spec.key, item, problem, where, profile);
      }
      return;
    }
    case 'duration':
      if (durationSeconds(String(value)) === undefined) {
        throw formatError(spec, spec.key, String(value), 'not a duration (seconds, or a number with s, m, h or d: 90s, 10m, 1h)', where, profile, '10m');
      }
      return;
  }
}

/** Seconds of `90`, `90s`, `10m`, `1.5h`, `2d`; undefined when it is not a duration. */
export function durationSeconds(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(s|sec|secs|m|min|mins|h|d)?\s*$/i.exec(text);
  if (!m) return undefined;
  const unit = (m[2] ?? 's').toLowerCase()[0]!;
  const n = Number(m[1]) * ({ s: 1, m: 60, h: 3600, d: 86400 } as Record<string, number>)[unit]!;
  return Number.isFinite(n) ? n : undefined;
}

function hasScheme(s: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(s) || /^unix:/i.test(s);
}

const HOST_LABEL = /^[\p{L}\p{N}_]([\p{L}\p{N}_-]*[\p{L}\p{N}_])?$/u;

/** What is wrong with a host name or IP literal, or undefined. */
function hostProblem(host: string): string | undefined {
  if (host === '') return 'the host is empty';
  if (host.startsWith('[')) {
    return /^\[[0-9A-Fa-f:.]+(%[A-Za-z0-9._~-]+)?\]$/.test(host) ? undefined : `"${host}" is not an IPv6 address`;
  }
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  if (name.length > 253 || !name.split('.').every((l) => l.length <= 63 && HOST_LABEL.test(l))) return `"${host}" is not a valid host name`;
  return undefined;
}

function portProblem(port: string): string | undefined {
  if (!/^\d+$/.test(port)) return `port "${port}" is not a number`;
  const n = Number(port);
  if (n < 1 || n > 65535) return `port ${port} is out of range (1–65535)`;
  return undefined;
}

/** `host`, `host:port`, `[v6]:port`. */
function hostPortProblem(text: string): string | undefined {
  if (/\s/.test(text)) return 'not a host or URL (it contains spaces)';
  const v6 = /^(\[[^\]]*\])(?::(.*))?$/.exec(text);
  const m = v6 ?? /^([^:/?#@]*)(?::([^/?#@]*))?$/.exec(text);
  if (!m) return 'not host:port or a URL';
  return hostProblem(m[1]!) ?? (m[2] !== undefined ? portProblem(m[2]) : undefined);
}

/** What is wrong with a URL (scheme among `schemes`, a host, a port in range), or undefined. */
export function urlProblem(text: string, schemes: readonly string[]): string | undefined {
  if (/\s/.test(text.trim()) || text !== text.trim()) return 'not a URL (it contains spaces)';
  if (/^unix:/i.test(text)) return schemes.includes('unix') ? undefined : `the unix: scheme is not supported here (want ${schemes.join(' or ')})`;
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(.*)$/i.exec(text);
  if (!m) return `not a URL (want ${schemes.map((s) => `${s}://`).join(' or ')}…)`;
  const scheme = m[1]!.toLowerCase();
  if (!schemes.includes(scheme)) return `scheme "${scheme}://" is not ${schemes.map((s) => `${s}://`).join(' or ')}`;
  const authority = m[2]!.replace(/^.*@/, '');
  const v6 = /^(\[[^\]]*\])(?::(.*))?$/.exec(authority);
  const hp = v6 ?? /^([^:]*)(?::(.*))?$/.exec(authority);
  const problem = hostProblem(hp?.[1] ?? '') ?? (hp?.[2] !== undefined && hp[2] !== '' ? portProblem(hp[2]) : undefined);
  if (problem) return problem;
  try {
    new URL(text);
  } catch {
    return 'not a valid URL';
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Backend-dependent checks
// ---------------------------------------------------------------------------------------------

/**
 * Checks that depend on the backend: OpenStorage's `endpoint` is a gRPC address (`host:port`,
 * grpc(s):// or a URL), Swift's and OpenStack's are http(s) URLs, KumoScale's are https
 * provisioner URLs (a bare host:port means https). `where` names the value's source.
 */
export function checkForBackend(backend: string | undefined, key: string, value: unknown, where: string, profile: string, spec: SettingSpec): void {
  if (key !== 'endpoint' || !Array.isArray(value)) return;
  for (const raw of value as string[]) {
    // KumoScale lists may be one string of URLs separated by spaces (endpoints.ts).
    const items = backend === 'kumoscale' ? raw.split(/[\s,]+/).filter(Boolean) : [raw];
    for (const item of items) {
      let problem: string | undefined;
      let example: string | undefined;
      if (backend === 'openstorage') {
        problem = hasScheme(item) ? urlProblem(item, ['grpc', 'grpcs', 'http', 'https', 'dns', 'unix']) : hostPortProblem(item);
        example = 'px-node1:9100';
      } else if (backend === 'kumoscale') {
        if (/^http:\/\//i.test(item)) problem = 'the KumoScale provisioner API is served over HTTPS only (use https://)';
        else problem = hasScheme(item) ? urlProblem(item, ['https']) : hostPortProblem(item);
        example = 'https://prov1:8090,https://prov2:8090';
      } else if (backend === 'swift' || backend === 'openstack') {
        problem = urlProblem(item, ['http', 'https']);
        example = backend === 'swift' ? 'https://swift.example:8080/v1/AUTH_account' : 'https://service.example:8776/v3';
      }
      if (problem) throw formatError(spec, key, item, problem, where, profile, example);
    }
  }
}
