// Which backend `storctl <shared noun> <verb> --help` should describe: the one whose variant will
// run for the selected profile. Help must be quick and must never fail, so this reads only the
// argv, the environment and the config file (its cached JSON form when fresh) — no clouds.yaml,
// no keyring, no network — and gives up quietly (every backend is shown) when the profile
// cannot be worked out.
//
// The choice follows config/resolve.ts (`selectedProfileName`, then --os-cloud/OS_CLOUD,
// OS_AUTH_URL, ST_AUTH); test/unit/help-select.test.ts checks that both agree.
import type { Env } from './context.js';
import { BACKENDS, type BackendName, type ManifestCommand } from './command.js';
import { GLOBAL_FLAGS } from './globals.js';
import { unionFlags } from './manifest.js';

export interface HelpRequest {
  /** -p/--profile as typed (the last one wins, as for any option). */
  profile?: string;
  /** --os-cloud as typed. */
  osCloud?: string;
  /** --all-backends: every backend's variant whatever the profile. */
  allBackends: boolean;
}

export interface HelpSelection {
  backend?: BackendName;
  /** What picked the backend, for people: `profile "lab"`, `cloud "prod" (OS_CLOUD)`. */
  via?: string;
  /** Why no backend could be picked although something was selected (one line). */
  problem?: string;
}

const HELP = new Set(['-h', '--help']);

/**
 * Reads argv the way the parser will: is `--help`/`-h` given to `cmd` itself (after its words,
 * not as another option's value, before `--`), and which profile options come with it.
 * Undefined when this is not a help request for `cmd`.
 */
export function helpRequestFor(argv: readonly string[], cmd: ManifestCommand): HelpRequest | undefined {
  const globalValue = new Map<string, string>(); // spelling -> global name, for options taking a value
  const globalShortValue = new Set<string>();
  for (const f of GLOBAL_FLAGS) {
    if (f.type === 'boolean') continue;
    globalValue.set(`--${f.name}`, f.name);
    if (f.short) {
      globalValue.set(`-${f.short}`, f.name);
      globalShortValue.add(f.short);
    }
    for (const a of f.aliases ?? []) {
      globalValue.set(a.length === 1 ? `-${a}` : `--${a}`, f.name);
      if (a.length === 1) globalShortValue.add(a);
    }
  }
  const leafValue = new Set<string>();
  const leafShortValue = new Set<string>();
  for (const f of unionFlags(cmd)) {
    if (f.type === 'boolean') continue;
    leafValue.add(`--${f.name}`);
    for (const a of f.aliases ?? []) leafValue.add(a.length === 1 ? `-${a}` : `--${a}`);
    if (f.short) {
      leafValue.add(`-${f.short}`);
      leafShortValue.add(f.short);
    }
  }
  const out: HelpRequest = { allBackends: false };
  let help = false;
  let words = 0;
  const record = (global: string | undefined, value: string | undefined) => {
    if (value === undefined) return;
    if (global === 'profile') out.profile = value;
    if (global === 'os-cloud') out.osCloud = value;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    const inLeaf = words >= cmd.path.length;
    if (!a.startsWith('-') || a === '-') {
      words++;
      continue;
    }
    if (HELP.has(a)) {
      if (inLeaf) help = true;
      continue;
    }
    if (a === '--all-backends') {
      out.allBackends = true;
      continue;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(0, eq) : a;
      const global = globalValue.get(name);
      const takes = global !== undefined || (inLeaf && leafValue.has(name));
      if (!takes) continue;
      if (eq > 0) record(global, a.slice(eq + 1));
      else record(global, argv[++i]);
      continue;
    }
    // Short options, possibly clustered (-yh) or with the value attached (-plab).
    for (let j = 1; j < a.length; j++) {
      const letter = a[j]!;
      if (letter === 'h') {
        if (inLeaf) help = true;
        continue;
      }
      const global = globalShortValue.has(letter) ? globalValue.get(`-${letter}`) : undefined;
      if (global !== undefined || (inLeaf && leafShortValue.has(letter))) {
        record(global, j + 1 < a.length ? a.slice(j + 1) : argv[++i]);
        break;
      }
    }
  }
  return help ? out : undefined;
}

/** The backend the selected profile runs on, as far as it can be told without side trips. */
export async function selectBackend(req: Pick<HelpRequest, 'profile' | 'osCloud'>, env: Env): Promise<HelpSelection> {
  try {
    const [{ loadConfig }, { configPath, cacheDir }, { selectedProfileName }, { join }] = await Promise.all([
      import('../config/file.js'),
      import('../config/paths.js'),
      import('../config/resolve.js'),
      import('node:path'),
    ]);
    const config = await loadConfig(configPath(env), join(cacheDir(env), 'config.json'));
    const selected = selectedProfileName({ env, config, profile: req.profile });
    if (selected.name) {
      const entry = config.profiles.get(selected.name);
      if (!entry) return { problem: `profile "${selected.name}" (from ${selected.source}) is not in ${config.path}` };
      const backend = entry.values.backend;
      if (!BACKENDS.includes(backend as BackendName)) return { problem: `profile "${selected.name}" has no valid backend` };
      return { backend: backend as BackendName, via: `profile "${selected.name}"` };
    }
    const osCloud = req.osCloud ?? env.OS_CLOUD;
    if (osCloud) return { backend: 'openstack', via: `cloud "${osCloud}" (${req.osCloud ? '--os-cloud' : 'OS_CLOUD'})` };
    if (env.OS_AUTH_URL) return { backend: 'openstack', via: 'OS_AUTH_URL in the environment' };
    if (env.ST_AUTH) return { backend: 'swift', via: 'ST_AUTH in the environment' };
    return {};
  } catch (err) {
    // A config that cannot be read or parsed: the command will say so; help shows everything.
    return { problem: String((err as Error)?.message ?? err).split('\n')[0] };
  }
}
