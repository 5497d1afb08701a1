// The OS_* (openrc) and ST_* (swift CLI) variables as one layer of settings. How they combine
// with the profile or cloud depends on how that was chosen:
// - explicitly (--profile, STORCTL_PROFILE, --os-cloud, OS_CLOUD): they only fill in what the
//   choice leaves unset, as `openstack --os-cloud` does, so an openrc shell cannot turn
//   `--os-cloud demo` into admin; the variables that lost are reported;
// - otherwise (current_profile, or no profile at all): they override the profile, as openrc
//   users expect of a default, with a warning per overridden profile value.
import type { BackendName } from '../framework/command.js';
import { SETTINGS, type SettingSpec } from './schema.js';
import { checkType } from './validate.js';

type Env = Record<string, string | undefined>;

export interface IgnoredVariable {
  /** OS_USERNAME, ST_KEY… (never its value: it may be a password). */
  variable: string;
  /** The setting the variable feeds. */
  key: string;
  /** The setting of the chosen profile/cloud that shadows it (`key` or one of its group). */
  setting: string;
}

/** How the profile or cloud was chosen explicitly, for messages. */
export interface ExplicitChoice {
  /** "--os-cloud demo", "OS_CLOUD=demo", "--profile prod", "STORCTL_PROFILE=prod". */
  by: string;
  /** "drop --os-cloud", "unset OS_CLOUD"… */
  undo: string;
}

interface Layer {
  env: Env;
  backend: BackendName;
  /** Settings of the chosen profile/cloud so far; the env layer is applied through `set`. */
  settings: ReadonlyMap<string, { value: unknown; source: string }>;
  set: (key: string, value: unknown, source: string) => void;
  profileName: string;
  fromFile: boolean;
  explicit?: ExplicitChoice;
}

/**
 * Settings that stand in for one another: who you are (and how), the user's domain, the scope,
 * the project's domain. When the chosen profile/cloud sets one member, the variables of the whole
 * group are ignored; otherwise OS_PROJECT_ID would quietly beat the cloud's project_name (an id
 * wins over a name) and OS_APPLICATION_CREDENTIAL_ID its username. `follows` are shadowed with
 * the group but do not claim it (a profile that only says auth_type may still take OS_USERNAME).
 */
const GROUPS: readonly { keys: readonly string[]; follows?: readonly string[] }[] = [
  { keys: ['username', 'user_id', 'application_credential_id', 'application_credential_name', 'token'], follows: ['auth_type'] },
  { keys: ['user_domain_name', 'user_domain_id'] },
  { keys: ['project_name', 'project_id', 'domain_name', 'domain_id', 'system_scope'] },
  { keys: ['project_domain_name', 'project_domain_id'] },
];

/** The setting of the chosen config that shadows `key`, if any. */
function shadowedBy(key: string, chosen: Layer['settings']): string | undefined {
  if (chosen.has(key)) return key;
  for (const g of GROUPS) {
    if (!g.keys.includes(key) && !g.follows?.includes(key)) continue;
    const owner = g.keys.find((k) => chosen.has(k));
    if (owner) return owner;
  }
  return undefined;
}

/**
 * Keystone method an auth_type names, and the one the chosen identity implies (as
 * impliedAuthType in src/auth/select.ts does): OS_AUTH_TYPE=password from an openrc file agrees
 * with a cloud that has a username and password, so it is no loss worth a warning.
 */
function methodOf(authType: string): string {
  if (authType.includes('applicationcredential')) return 'application_credential';
  if (/token$/.test(authType)) return 'token';
  return ['keystone', 'password', 'v3password', 'v2password'].includes(authType) ? 'password' : authType;
}
function impliedMethod(chosen: Layer['settings']): string {
  if (chosen.has('application_credential_id') || chosen.has('application_credential_name')) return 'application_credential';
  if (chosen.has('token') && !chosen.has('username') && !chosen.has('user_id')) return 'token';
  return 'password';
}

/** The variables set for one setting, in priority order, with their values as settings. */
function present(spec: SettingSpec, env: Env, backend: BackendName): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const name of spec.osEnv ?? []) {
    if (name.startsWith('ST_') && backend !== 'swift') continue;
    let value = env[name];
    if (value === undefined || value === '') continue;
    if (name === 'OS_ENDPOINT_TYPE') value = value.replace(/URL$/, '');
    out.push({ name, value });
  }
  return out;
}

function sameValue(spec: SettingSpec, chosen: unknown, raw: string): boolean {
  try {
    return JSON.stringify(checkType(spec, raw, '', '', { format: false })) === JSON.stringify(chosen);
  } catch {
    return false; // a value of the wrong type differs from any valid one
  }
}

export function applyOsEnv(layer: Layer): { warnings: string[]; ignored: IgnoredVariable[] } {
  const { env, backend, set, explicit } = layer;
  const chosen = new Map(layer.settings); // before this layer changes anything
  const warnings: string[] = [];
  const ignored: IgnoredVariable[] = [];
  for (const spec of SETTINGS) {
    const vars = present(spec, env, backend);
    if (!vars.length) continue;
    const first = vars[0]!;
    if (!explicit) {
      const previous = chosen.get(spec.key);
      if (previous && layer.fromFile && String(previous.value) !== first.value) {
        warnings.push(`${first.name} in the environment overrides "${spec.key}" of profile "${layer.profileName}" (${previous.source}); unset it to use the profile`);
      }
      set(spec.key, first.value, `env ${first.name}`);
      continue;
    }
    const owner = shadowedBy(spec.key, chosen);
    if (!owner) {
      set(spec.key, first.value, `env ${first.name}`);
      continue;
    }
    for (const v of vars) {
      if (owner === spec.key && sameValue(spec, chosen.get(owner)!.value, v.value)) continue; // agrees: nothing lost
      if (spec.key === 'auth_type' && owner !== spec.key && methodOf(v.value) === impliedMethod(chosen)) continue;
      ignored.push({ variable: v.name, key: spec.key, setting: owner });
    }
  }
  return { warnings, ignored };
}

/** One warning naming the variables an explicit choice shadowed; names only, never values. */
export function ignoredWarning(ignored: readonly IgnoredVariable[], explicit: ExplicitChoice): string | undefined {
  if (!ignored.length) return undefined;
  const names = ignored.map((i) => i.variable);
  const many = names.length > 1;
  return `${names.join(', ')} in the environment ${many ? 'are' : 'is'} ignored: ${explicit.by} sets ${many ? 'them' : 'it'} (unset ${many ? 'them' : 'it'}, or ${explicit.undo} to use the environment)`;
}
