// Which settings apply to this command, and where each came from.
// Precedence: flags > STORCTL_* env > the profile/cloud > OS_* env (openrc; ST_* for Swift) when
// the profile or cloud was chosen explicitly (--profile, STORCTL_PROFILE, --os-cloud, OS_CLOUD);
// flags > STORCTL_* env > OS_* env > profile file > clouds.yaml when it was not (current_profile,
// or none). A profile's settings lie over its clouds.yaml cloud. os-env.ts has the OS_* rules.
import type { BackendName } from '../framework/command.js';
import { ConfigError } from '../framework/errors.js';
import { didYouMean } from '../util/suggest.js';
import type { ConfigFile } from './file.js';
import { applyOsEnv, ignoredWarning, type ExplicitChoice, type IgnoredVariable } from './os-env.js';
import { checkForBackend, checkFormat, checkType } from './validate.js';
import { SETTINGS, SETTINGS_BY_KEY } from './schema.js';

type Env = Record<string, string | undefined>;

export interface Setting {
  value: unknown;
  /** "flag --insecure", "env OS_PASSWORD", "/home/u/.config/storctl/config.yaml:7", "default". */
  source: string;
}

export interface ResolvedProfile {
  /** Profile name; "(environment)" or "(cloud NAME)" when none is configured. */
  name: string;
  /** True when the profile comes from the config file. */
  fromFile: boolean;
  backend: BackendName;
  settings: Map<string, Setting>;
  warnings: string[];
  /** OS_* and ST_* variables that an explicitly chosen profile/cloud shadowed (names only). */
  ignoredEnv: IgnoredVariable[];
  /** How the profile/cloud was chosen when explicitly ("--os-cloud demo"); else undefined. */
  explicitBy?: string;
  get<T = string>(key: string): T | undefined;
}

export interface ResolveInput {
  env: Env;
  config: ConfigFile;
  /** --profile */
  profile?: string;
  /** --os-cloud */
  osCloud?: string;
  /** Settings given as global flags (--insecure, --timeout, --region, --endpoint…). */
  flags: Record<string, unknown>;
}

const OPENSTACK_FAMILY: readonly BackendName[] = ['openstack', 'swift'];

export function selectedProfileName(input: Pick<ResolveInput, 'env' | 'config' | 'profile'>): { name?: string; source: string } {
  if (input.profile) return { name: input.profile, source: 'flag --profile' };
  if (input.env.STORCTL_PROFILE) return { name: input.env.STORCTL_PROFILE, source: 'env STORCTL_PROFILE' };
  if (input.config.currentProfile) return { name: input.config.currentProfile, source: `${input.config.path} (current_profile)` };
  return { source: 'none' };
}

export async function resolveProfile(input: ResolveInput): Promise<ResolvedProfile> {
  const { env, config } = input;
  const settings = new Map<string, Setting>();
  const warnings: string[] = [];
  const set = (key: string, value: unknown, source: string) => {
    if (value === undefined || value === null || value === '') return;
    const spec = SETTINGS_BY_KEY.get(key)!;
    settings.set(key, { value: checkType(spec, value, source, name, { format: false }), source });
  };

  // An explicit --os-cloud beats current_profile (not explicit); OS_CLOUD counts only without a
  // profile, so an OS_CLOUD exported for the openstack CLI does not displace storctl's own choice.
  const fromCurrent = input.profile === undefined && !env.STORCTL_PROFILE;
  const selected = input.osCloud && fromCurrent ? { source: 'none' } : selectedProfileName(input);
  const osCloud = input.osCloud ?? (selected.name ? undefined : env.OS_CLOUD);
  let name: string;
  let fromFile = false;
  let entry = selected.name ? config.profiles.get(selected.name) : undefined;
  if (selected.name && !entry) {
    const where = config.exists ? config.path : `${config.path} (which does not exist)`;
    throw new ConfigError(`profile "${selected.name}" (from ${selected.source}) is not in ${where}${didYouMean(selected.name, config.profiles.keys())}`, {
      hint: 'run `storctl profile list` to see the profiles, or `storctl profile add` to create one',
    });
  }
  let backend: BackendName;
  if (entry) {
    name = entry.name;
    fromFile = true;
    const b = entry.values.backend as BackendName | undefined;
    if (!b) throw new ConfigError(`${config.path}:${entry.line}: profile "${name}" has no backend`, { hint: `storctl profile set ${name} backend=openstack|swift|openstorage|kumoscale` });
    backend = b;
  } else if (osCloud) {
    name = `(cloud ${osCloud})`;
    backend = 'openstack';
  } else if (env.OS_AUTH_URL) {
    name = '(environment)';
    backend = 'openstack';
  } else if (env.ST_AUTH) {
    name = '(environment)';
    backend = 'swift';
  } else {
    throw new ConfigError('no profile selected and no OS_AUTH_URL, OS_CLOUD or ST_AUTH in the environment', {
      hint: 'create one with `storctl profile add NAME --backend …`, pick one with `storctl profile use NAME`, or try `storctl sandbox start`',
    });
  }

  // Lowest first; each layer overwrites what it sets.
  const cloud = (entry?.values.cloud as string | undefined) ?? osCloud;
  if (cloud && OPENSTACK_FAMILY.includes(backend)) {
    const { loadCloud } = await import('./clouds.js'); // YAML only for clouds.yaml users
    for (const [k, v] of await loadCloud(env, cloud)) set(k, v.value, v.source);
  }
  if (entry) {
    for (const [k, v] of Object.entries(entry.values)) set(k, v, `${config.path}:${entry.lines[k]}`);
  }
  const explicit = explicitChoice(entry ? selected.source : undefined, entry?.name, input.osCloud, osCloud);
  let ignoredEnv: IgnoredVariable[] = [];
  if (OPENSTACK_FAMILY.includes(backend)) {
    const r = applyOsEnv({ env, backend, settings, set, profileName: name, fromFile, explicit });
    warnings.push(...r.warnings);
    ignoredEnv = r.ignored;
  }
  for (const spec of SETTINGS) {
    const varName = `STORCTL_${spec.key.toUpperCase()}`;
    if (env[varName] !== undefined) set(spec.key, env[varName], `env ${varName}`);
  }
  for (const [k, v] of Object.entries(input.flags)) if (v !== undefined) set(k, v, `flag --${flagNameFor(k)}`);
  // A variable whose setting a flag or STORCTL_* gave anyway lost to those, not to the choice.
  ignoredEnv = ignoredEnv.filter((i) => !/^(flag |env STORCTL_)/.test(settings.get(i.key)?.source ?? ''));
  const ignoredNote = explicit && ignoredWarning(ignoredEnv, explicit);
  if (ignoredNote) warnings.push(ignoredNote);
  settings.set('backend', { value: backend, source: settings.get('backend')?.source ?? (osCloud ? `OS_CLOUD/--os-cloud` : 'env OS_AUTH_URL/ST_AUTH') });
  // Formats of the values in effect only: a bad value that a higher layer overrides is harmless.
  for (const [key, s] of settings) {
    const spec = SETTINGS_BY_KEY.get(key)!;
    if (spec.format) checkFormat(spec, s.value, s.source, name);
  }
  const endpoint = settings.get('endpoint');
  if (endpoint) checkForBackend(backend, 'endpoint', endpoint.value, endpoint.source, name, SETTINGS_BY_KEY.get('endpoint')!);
  return {
    name,
    fromFile,
    backend,
    settings,
    warnings,
    ignoredEnv,
    explicitBy: explicit?.by,
    get: <T,>(key: string) => settings.get(key)?.value as T | undefined,
  };
}

/** The explicit choice of profile or cloud, if it was one; current_profile is not. */
function explicitChoice(profileSource: string | undefined, profile: string | undefined, cloudFlag: string | undefined, cloud: string | undefined): ExplicitChoice | undefined {
  if (profileSource === 'flag --profile') return { by: `--profile ${profile}`, undo: 'drop --profile' };
  if (profileSource === 'env STORCTL_PROFILE') return { by: `STORCTL_PROFILE=${profile}`, undo: 'unset STORCTL_PROFILE' };
  if (profileSource) return undefined;
  if (cloudFlag) return { by: `--os-cloud ${cloudFlag}`, undo: 'drop --os-cloud' };
  if (cloud) return { by: `OS_CLOUD=${cloud}`, undo: 'unset OS_CLOUD' };
  return undefined;
}

const FLAG_NAMES: Record<string, string> = { region_name: 'os-region', cacert: 'cacert', endpoint: 'endpoint', insecure: 'insecure', timeout: 'timeout', transport: 'transport', volume_api_version: 'os-volume-api-version' };
function flagNameFor(key: string): string {
  return FLAG_NAMES[key] ?? key.replace(/_/g, '-');
}
