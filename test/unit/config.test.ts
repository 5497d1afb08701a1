import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, saveConfig } from '../../src/config/file.js';
import { parseConfig } from '../../src/config/parse.js';
import { resolveProfile } from '../../src/config/resolve.js';
import { applySettings, parseAssignments } from '../../src/config/profile-edit.js';
import { ConfigError, UsageError } from '../../src/framework/errors.js';

const FILE = `# top comment
current_profile: prod
profiles:
  prod:   # production
    backend: openstack
    auth_url: https://keystone.example:5000/v3
    username: admin
    password: s3cret-pw
    project_name: admin
    region_name: RegionOne
  px:
    backend: openstorage
    endpoint: px1:9100
`;

describe('config file', () => {
  it('parses profiles with the line of every setting', () => {
    const cfg = parseConfig('/c.yaml', FILE);
    expect(cfg.currentProfile).toBe('prod');
    expect(cfg.profiles.get('prod')!.lines.username).toBe(7);
    expect(cfg.profiles.get('px')!.values.endpoint).toEqual(['px1:9100']);
  });

  it('malformed YAML: error with file:line', () => {
    expect(() => parseConfig('/c.yaml', 'profiles:\n  a:\n    backend: openstack\n   bad indent: [\n')).toThrowError(/^\/c\.yaml:\d+: malformed YAML/);
  });

  it('unknown setting: file:line and a suggestion', () => {
    const err = (() => {
      try {
        parseConfig('/c.yaml', 'profiles:\n  a:\n    backend: openstack\n    pasword: x\n');
      } catch (e) {
        return e as ConfigError;
      }
    })()!;
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toBe('/c.yaml:4: unknown setting "pasword" in profile "a" (did you mean "password"?)');
    expect(err.exitCode).toBe(2);
  });

  it('wrong types and choices are refused with the line', () => {
    expect(() => parseConfig('/c.yaml', 'profiles:\n  a:\n    backend: cinder\n')).toThrowError(/\/c\.yaml:3: setting "backend" in profile "a" must be one of openstack, swift, openstorage, kumoscale/);
    expect(() => parseConfig('/c.yaml', 'profiles:\n  a:\n    backend: openstack\n    insecure: maybe\n')).toThrowError(/:4: .*must be true or false/);
  });

  it('accepts clouds.yaml spellings', () => {
    const cfg = parseConfig('/c.yaml', 'profiles:\n  a:\n    backend: openstack\n    tenant_name: demo\n    region: R2\n');
    expect(cfg.profiles.get('a')!.values).toMatchObject({ project_name: 'demo', region_name: 'R2' });
  });

  it('rewrites atomically with mode 0600 and keeps comments', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'storctl-cfg-'));
    const path = join(dir, 'config.yaml');
    await writeFile(path, FILE, { mode: 0o644 });
    const cfg = await loadConfig(path);
    await saveConfig(cfg, (doc) => applySettings(doc, 'prod', { interface: 'internal' }, ['region_name']));
    const text = await readFile(path, 'utf8');
    expect(text).toContain('# top comment');
    expect(text).toContain('# production');
    expect(text).toContain('interface: internal');
    expect(text).not.toContain('region_name');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(parseConfig(path, text).profiles.get('prod')!.values.interface).toBe('internal');
  });

  it('KEY=VALUE parsing checks names and types', () => {
    expect(parseAssignments(['auth-url=https://k/v3', 'insecure=true', 'endpoint=a,b'], 'p')).toEqual({ auth_url: 'https://k/v3', insecure: true, endpoint: ['a', 'b'] });
    expect(() => parseAssignments(['usrname=x'], 'p')).toThrowError(UsageError);
    expect(() => parseAssignments(['usrname=x'], 'p')).toThrowError(/did you mean "username"/);
    expect(() => parseAssignments(['noequals'], 'p')).toThrowError(/is not KEY=VALUE/);
  });
});

describe('profile resolution', () => {
  const cfg = parseConfig('/c.yaml', FILE);

  it('flags > STORCTL_* > OS_* > profile, each with its source', async () => {
    const p = await resolveProfile({
      config: cfg,
      env: { OS_REGION_NAME: 'EnvRegion', OS_USERNAME: 'envuser', STORCTL_USERNAME: 'storctluser', OS_PROJECT_NAME: 'admin' },
      flags: { region_name: 'FlagRegion' },
    });
    expect(p.name).toBe('prod');
    expect(p.settings.get('region_name')).toEqual({ value: 'FlagRegion', source: 'flag --region' });
    expect(p.settings.get('username')).toEqual({ value: 'storctluser', source: 'env STORCTL_USERNAME' });
    expect(p.settings.get('auth_url')!.source).toBe('/c.yaml:6');
    expect(p.settings.get('project_name')!.source).toBe('env OS_PROJECT_NAME');
  });

  it('warns when OS_* variables shadow a profile setting', async () => {
    const p = await resolveProfile({ config: cfg, env: { OS_PASSWORD: 'other' }, flags: {} });
    expect(p.get('password')).toBe('other');
    expect(p.warnings.join('\n')).toMatch(/OS_PASSWORD in the environment overrides "password" of profile "prod" \(\/c\.yaml:8\)/);
  });

  it('OS_* variables do not leak into non-OpenStack profiles', async () => {
    const p = await resolveProfile({ config: cfg, env: { OS_PASSWORD: 'other', OS_USERNAME: 'u' }, flags: {}, profile: 'px' });
    expect(p.get('password')).toBeUndefined();
    expect(p.get('username')).toBeUndefined();
  });

  it('--profile / STORCTL_PROFILE pick the profile; unknown names suggest', async () => {
    expect((await resolveProfile({ config: cfg, env: { STORCTL_PROFILE: 'px' }, flags: {} })).backend).toBe('openstorage');
    await expect(resolveProfile({ config: cfg, env: {}, flags: {}, profile: 'prd' })).rejects.toThrowError(/profile "prd" .*did you mean "prod"/);
  });

  it('openrc alone makes an implicit profile; ST_* makes a Swift one', async () => {
    const empty = parseConfig('/none.yaml', '');
    const os = await resolveProfile({ config: empty, env: { OS_AUTH_URL: 'http://k/v3', OS_USERNAME: 'a', OS_ENDPOINT_TYPE: 'internalURL' }, flags: {} });
    expect(os).toMatchObject({ name: '(environment)', backend: 'openstack' });
    expect(os.get('interface')).toBe('internal');
    const st = await resolveProfile({ config: empty, env: { ST_AUTH: 'http://s/auth/v1.0', ST_USER: 't:u', ST_KEY: 'k' }, flags: {} });
    expect(st.backend).toBe('swift');
    expect(st.get('username')).toBe('t:u');
    await expect(resolveProfile({ config: empty, env: {}, flags: {} })).rejects.toThrowError(/no profile selected/);
  });

  it('clouds.yaml and secure.yaml under the profile, with file:line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'storctl-clouds-'));
    await writeFile(join(dir, 'clouds.yaml'), 'clouds:\n  lab:\n    auth:\n      auth_url: http://lab:5000/v3\n      username: bob\n      project_name: lab\n    region_name: R9\n    verify: false\n');
    await writeFile(join(dir, 'secure.yaml'), 'clouds:\n  lab:\n    auth:\n      password: hunter22\n');
    const env = { OS_CLIENT_CONFIG_FILE: join(dir, 'clouds.yaml'), OS_CLIENT_SECURE_FILE: join(dir, 'secure.yaml') };
    const p = await resolveProfile({ config: parseConfig('/none.yaml', ''), env, flags: {}, osCloud: 'lab' });
    expect(p.get('auth_url')).toBe('http://lab:5000/v3');
    expect(p.get('password')).toBe('hunter22');
    expect(p.get('insecure')).toBe(true);
    expect(p.settings.get('username')!.source).toBe(`${join(dir, 'clouds.yaml')}:5`);
    await expect(resolveProfile({ config: parseConfig('/none.yaml', ''), env, flags: {}, osCloud: 'nope' })).rejects.toThrowError(/cloud "nope" not found/);
  });
});
