// XDG locations, each overridable for tests and CI.
import { homedir } from 'node:os';
import { join } from 'node:path';

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
