// Help picks the backend the way running the command does (config/resolve.ts), and reads argv
// the way the parser does: these cases keep the two from drifting apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helpRequestFor, selectBackend } from '../../src/framework/help-select.js';
import { loadConfig } from '../../src/config/file.js';
import { resolveProfile } from '../../src/config/resolve.js';
import type { ManifestCommand } from '../../src/framework/command.js';

let dir: string;
const PROFILES = `profiles:
  os:
    backend: openstack
    auth_url: http://127.0.0.1:1/v3
  ks:
    backend: kumoscale
    endpoint: https://127.0.0.1:1
  px:
    backend: openstorage
    endpoint: 127.0.0.1:1
`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storctl-help-select-'));
  await writeFile(join(dir, 'plain.yaml'), PROFILES);
  await writeFile(join(dir, 'current.yaml'), `current_profile: ks\n${PROFILES}`);
  await writeFile(join(dir, 'clouds.yaml'), 'clouds:\n  mycloud:\n    auth:\n      auth_url: http://127.0.0.1:1/v3\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Case {
  name: string;
  want: string | undefined;
  config: 'plain.yaml' | 'current.yaml';
  profile?: string;
  osCloud?: string;
  env?: Record<string, string>;
}

const CASES: Case[] = [
  { name: 'nothing selected', want: undefined, config: 'plain.yaml' },
  { name: 'current_profile', want: 'kumoscale', config: 'current.yaml' },
  { name: '--profile', want: 'openstorage', config: 'plain.yaml', profile: 'px' },
  { name: '--profile over current_profile', want: 'openstack', config: 'current.yaml', profile: 'os' },
  { name: 'STORCTL_PROFILE', want: 'openstorage', config: 'plain.yaml', env: { STORCTL_PROFILE: 'px' } },
  { name: '--profile over STORCTL_PROFILE', want: 'kumoscale', config: 'plain.yaml', profile: 'ks', env: { STORCTL_PROFILE: 'px' } },
  { name: 'STORCTL_PROFILE over current_profile', want: 'openstack', config: 'current.yaml', env: { STORCTL_PROFILE: 'os' } },
  { name: 'unknown profile', want: undefined, config: 'plain.yaml', profile: 'nope' },
  { name: 'OS_CLOUD', want: 'openstack', config: 'plain.yaml', env: { OS_CLOUD: 'mycloud' } },
  { name: '--os-cloud', want: 'openstack', config: 'plain.yaml', osCloud: 'mycloud' },
  { name: 'current_profile over OS_CLOUD', want: 'kumoscale', config: 'current.yaml', env: { OS_CLOUD: 'mycloud' } },
  { name: 'OS_AUTH_URL', want: 'openstack', config: 'plain.yaml', env: { OS_AUTH_URL: 'http://127.0.0.1:1/v3' } },
  { name: 'ST_AUTH', want: 'swift', config: 'plain.yaml', env: { ST_AUTH: 'http://127.0.0.1:1/auth/v1.0' } },
  { name: 'OS_CLOUD over OS_AUTH_URL', want: 'openstack', config: 'plain.yaml', env: { OS_CLOUD: 'mycloud', OS_AUTH_URL: 'http://127.0.0.1:1/v3' } },
];

describe('help selects the backend resolveProfile would', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const env = { STORCTL_CONFIG: join(dir, c.config), STORCTL_CACHE_DIR: join(dir, `cache-${c.config}`), OS_CLIENT_CONFIG_FILE: join(dir, 'clouds.yaml'), HOME: dir, ...c.env };
      const help = await selectBackend({ profile: c.profile, osCloud: c.osCloud }, env);
      const resolved = await resolveProfile({ env, config: await loadConfig(env.STORCTL_CONFIG), profile: c.profile, osCloud: c.osCloud, flags: {} }).then(
        (p) => p.backend,
        () => undefined,
      );
      expect(resolved).toBe(c.want);
      expect(help.backend).toBe(resolved);
      if (!help.backend && c.profile) expect(help.problem).toMatch(/not in/);
    });
  }
});

const CMD: ManifestCommand = {
  path: ['volume', 'list'],
  variants: [
    { module: 'a', backends: ['kumoscale'], flags: [{ name: 'tenant', type: 'string', description: '' }], args: [], columns: [], summary: 's', examples: ['x'], destructive: false },
    { module: 'b', backends: ['openstack'], flags: [{ name: 'all-projects', type: 'boolean', description: '' }], args: [], columns: [], summary: 's', examples: ['x'], destructive: false },
  ],
};

describe('help requests are read from argv as the parser reads them', () => {
  const req = (...argv: string[]) => helpRequestFor(argv, CMD);
  it('help after the command words, with the profile options wherever they stand', () => {
    expect(req('volume', 'list', '--help')).toEqual({ allBackends: false });
    expect(req('-p', 'os', 'volume', 'list', '-h')).toEqual({ profile: 'os', allBackends: false });
    expect(req('volume', 'list', '-h', '--profile=ks', '--all-backends')).toEqual({ profile: 'ks', allBackends: true });
    expect(req('volume', 'list', '-pks', '-h')).toMatchObject({ profile: 'ks' });
    expect(req('--os-cloud', 'c1', 'volume', 'list', '--help')).toMatchObject({ osCloud: 'c1' });
    expect(req('volume', 'list', '-yh')).toBeDefined();
    expect(req('volume', 'list', '--tenant', 't', '--all-projects', '--help')).toBeDefined();
  });
  it('not a help request for the command', () => {
    expect(req('volume', 'list')).toBeUndefined();
    expect(req('--help', 'volume', 'list')).toBeUndefined(); // the program's help
    expect(req('volume', '--help', 'list')).toBeUndefined(); // the topic's help
    expect(req('volume', 'list', '-c', '-h')).toBeUndefined(); // -h is the column's name
    expect(req('volume', 'list', '--tenant', '--help')).toBeUndefined(); // … or the tenant's
    expect(req('volume', 'list', '--', '--help')).toBeUndefined();
    expect(req('-p', '-h', 'volume', 'list')).toBeUndefined();
  });
});
