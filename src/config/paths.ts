// XDG locations, each overridable for tests and CI.
import { access, mkdir } from 'node:fs/promises';
import { constants } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { dirProblem, type FsProblem } from './fs-problem.js';

type Env = Record<string, string | undefined>;

export function configPath(env: Env): string {
  if (env.STORCTL_CONFIG) return env.STORCTL_CONFIG;
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'storctl', 'config.yaml');
}

export function cacheDir(env: Env): string {
  if (env.STORCTL_CACHE_DIR) return env.STORCTL_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
  return join(base, 'storctl');
}

/**
 * Where storctl keeps what must outlive a cache clean-up: stored secrets when no keyring is
 * usable. Never under the cache dir, which users may delete at any time.
 */
export function dataDir(env: Env): string {
  if (env.STORCTL_DATA_DIR) return env.STORCTL_DATA_DIR;
  const base = env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share');
  return join(base, 'storctl');
}

/** The variable to change when the data dir cannot be used. */
export function dataDirMove(env: Env): string {
  return env.STORCTL_DATA_DIR ? 'point STORCTL_DATA_DIR at a writable directory' : 'set XDG_DATA_HOME to a writable directory';
}

export interface CacheDirProblem extends FsProblem {
  dir: string;
  /** One line for `storctl: warning: …`: the dir, what is wrong, what to do. */
  warning: string;
}

const probes = new Map<string, Promise<CacheDirProblem | undefined>>();

/**
 * Undefined when the cache dir exists (or was created) and can be written; else what is wrong
 * with it. Every user of the cache asks this first and runs without the cache when it fails:
 * a token cache, a lock and a memo are optimisations, never a reason for a command to fail.
 * Probed once per process.
 */
export function cacheDirProblem(env: Env): Promise<CacheDirProblem | undefined> {
  const dir = cacheDir(env);
  let p = probes.get(dir);
  if (!p) {
    p = (async () => {
      try {
        await mkdir(dir, { recursive: true, mode: 0o700 });
        await access(dir, constants.W_OK | constants.X_OK);
        return undefined;
      } catch (err) {
        const problem = dirProblem(dir, err);
        const move = env.STORCTL_CACHE_DIR ? 'point STORCTL_CACHE_DIR at a writable directory' : 'set XDG_CACHE_HOME to a writable directory';
        const warning = `cache dir ${dir} ${problem.reason}; running without the cache (no token reuse, no lock); fix: ${problem.fix}, or ${move}`;
        return { ...problem, dir, warning };
      }
    })();
    probes.set(dir, p);
  }
  return p;
}

/** Where OpenStack's own tools look for clouds.yaml, in their order. */
export function cloudsYamlCandidates(env: Env, name: 'clouds.yaml' | 'secure.yaml'): string[] {
  const list: string[] = [];
  if (name === 'clouds.yaml' && env.OS_CLIENT_CONFIG_FILE) list.push(env.OS_CLIENT_CONFIG_FILE);
  if (name === 'secure.yaml' && env.OS_CLIENT_SECURE_FILE) list.push(env.OS_CLIENT_SECURE_FILE);
  list.push(join(process.cwd(), name));
  list.push(join(env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config'), 'openstack', name));
  list.push(join('/etc/openstack', name));
  return list;
}
