import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, saveConfig } from '../../src/config/file.js';
import { parseConfig } from '../../src/config/parse.js';
import { resolveProfile } from '../../src/config/resolve.js';
import { applySettings, checkSettings, parseAssignments } from '../../src/config/profile-edit.js';
import { durationSeconds } from '../../src/config/validate.js';
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
    expect(p.settings.get('region_name')).toEqual({ value: 'FlagRegion', source: 'flag --os-region' });
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

describe('an explicit profile or cloud beats OS_* credentials', () => {
  const OPENRC = {
    OS_AUTH_URL: 'http://admin-ks:5000/v3',
    OS_AUTH_TYPE: 'password',
    OS_USERNAME: 'admin',
    OS_PASSWORD: 'admin-secret-pw',
    OS_PROJECT_NAME: 'admin',
    OS_USER_DOMAIN_NAME: 'Default',
    OS_REGION_NAME: 'RegionOne',
    OS_INTERFACE: 'internal',
  };
  const DEMO = `profiles:
  demo:
    backend: openstack
    auth_url: http://lab:5000/v3
    username: demo
    password: demo-secret-pw
    project_name: demo
    user_domain_name: Default
  nopass:
    backend: openstack
    auth_url: http://lab:5000/v3
    username: demo
    project_name: demo
`;
  let cloudsEnv: Record<string, string>;
  const resolve = (over: Partial<Parameters<typeof resolveProfile>[0]>) =>
    resolveProfile({ config: parseConfig('/c.yaml', DEMO), flags: {}, ...over, env: { ...cloudsEnv, ...OPENRC, ...over.env } });

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'storctl-clouds-'));
    await writeFile(join(dir, 'clouds.yaml'), 'clouds:\n  demo:\n    auth:\n      auth_url: http://lab:5000/v3\n      username: demo\n      password: demo-secret-pw\n      project_name: demo\n    region_name: RegionOne\n');
    cloudsEnv = { OS_CLIENT_CONFIG_FILE: join(dir, 'clouds.yaml') };
  });

  it("--os-cloud: the cloud's credentials win, OS_* fill in the rest, one warning names the losers", async () => {
    const p = await resolve({ osCloud: 'demo' });
    expect(p).toMatchObject({ name: '(cloud demo)', explicitBy: '--os-cloud demo' });
    expect([p.get('auth_url'), p.get('username'), p.get('password'), p.get('project_name')]).toEqual(['http://lab:5000/v3', 'demo', 'demo-secret-pw', 'demo']);
    expect(p.settings.get('interface')).toEqual({ value: 'internal', source: 'env OS_INTERFACE' }); // unset by the cloud
    expect(p.settings.get('user_domain_name')!.source).toBe('env OS_USER_DOMAIN_NAME');
    expect(p.warnings).toEqual([
      'OS_AUTH_URL, OS_USERNAME, OS_PASSWORD, OS_PROJECT_NAME in the environment are ignored: --os-cloud demo sets them (unset them, or drop --os-cloud to use the environment)',
    ]);
    expect(p.ignoredEnv.map((i) => `${i.variable}>${i.setting}`)).toEqual(['OS_AUTH_URL>auth_url', 'OS_USERNAME>username', 'OS_PASSWORD>password', 'OS_PROJECT_NAME>project_name']);
    expect(p.warnings.join('\n')).not.toContain('admin-secret-pw');
  });

  it('OS_CLOUD in the environment is explicit too', async () => {
    const p = await resolve({ env: { OS_CLOUD: 'demo' } });
    expect(p.get('username')).toBe('demo');
    expect(p.warnings[0]).toMatch(/ignored: OS_CLOUD=demo sets them \(unset them, or unset OS_CLOUD to use the environment\)$/);
  });

  it('--profile and STORCTL_PROFILE: the profile wins; OS_PASSWORD still fills a profile without one, silently', async () => {
    const p = await resolve({ profile: 'demo' });
    expect([p.get('username'), p.get('password'), p.get('project_name'), p.get('auth_url')]).toEqual(['demo', 'demo-secret-pw', 'demo', 'http://lab:5000/v3']);
    expect(p.warnings).toEqual(['OS_AUTH_URL, OS_USERNAME, OS_PASSWORD, OS_PROJECT_NAME in the environment are ignored: --profile demo sets them (unset them, or drop --profile to use the environment)']);
    const s = await resolve({ env: { STORCTL_PROFILE: 'nopass' } });
    expect(s.get('username')).toBe('demo');
    expect(s.settings.get('password')).toEqual({ value: 'admin-secret-pw', source: 'env OS_PASSWORD' });
    expect(s.warnings).toEqual(['OS_AUTH_URL, OS_USERNAME, OS_PROJECT_NAME in the environment are ignored: STORCTL_PROFILE=nopass sets them (unset them, or unset STORCTL_PROFILE to use the environment)']);
  });

  it('current_profile is not explicit: openrc overrides it as before', async () => {
    const p = await resolveProfile({ config: parseConfig('/c.yaml', `current_profile: demo\n${DEMO}`), flags: {}, env: OPENRC });
    expect(p.get('username')).toBe('admin');
    expect(p.explicitBy).toBeUndefined();
    expect(p.ignoredEnv).toEqual([]);
    expect(p.warnings.join('\n')).toMatch(/OS_USERNAME in the environment overrides "username" of profile "demo"/);
  });

  it('--os-cloud beats current_profile', async () => {
    const p = await resolveProfile({ config: parseConfig('/c.yaml', `current_profile: demo\n${DEMO}`), flags: {}, env: { ...cloudsEnv }, osCloud: 'demo' });
    expect(p.name).toBe('(cloud demo)');
  });

  it('a variable that would outrank the chosen setting is ignored too (OS_PROJECT_ID over project_name)', async () => {
    const p = await resolve({ osCloud: 'demo', env: { OS_PROJECT_ID: 'admin-project-id', OS_USER_ID: 'admin-id', OS_APPLICATION_CREDENTIAL_ID: 'ac' } });
    expect([p.get('project_id'), p.get('user_id'), p.get('application_credential_id')]).toEqual([undefined, undefined, undefined]);
    expect(p.ignoredEnv.filter((i) => i.setting === 'project_name').map((i) => i.variable)).toEqual(['OS_PROJECT_NAME', 'OS_PROJECT_ID']);
    expect(p.ignoredEnv.filter((i) => i.setting === 'username').map((i) => i.variable)).toEqual(['OS_USERNAME', 'OS_USER_ID', 'OS_APPLICATION_CREDENTIAL_ID']);
  });

  it('OS_AUTH_TYPE is ignored only when it names another method than the chosen identity', async () => {
    expect((await resolve({ osCloud: 'demo' })).warnings[0]).not.toContain('OS_AUTH_TYPE');
    const p = await resolve({ osCloud: 'demo', env: { OS_AUTH_TYPE: 'v3applicationcredential' } });
    expect(p.get('auth_type')).toBeUndefined();
    expect(p.warnings[0]).toMatch(/^OS_AUTH_TYPE, OS_AUTH_URL, /);
  });

  it('a variable that agrees with the choice, or that a flag or STORCTL_* overrides anyway, is not reported', async () => {
    const p = await resolve({ osCloud: 'demo', env: { OS_AUTH_URL: 'http://lab:5000/v3', OS_PASSWORD: 'demo-secret-pw', STORCTL_USERNAME: 'carol' }, flags: { region_name: 'R2' } });
    expect(p.settings.get('username')).toEqual({ value: 'carol', source: 'env STORCTL_USERNAME' });
    expect(p.settings.get('region_name')).toEqual({ value: 'R2', source: 'flag --os-region' });
    expect(p.warnings).toEqual(['OS_PROJECT_NAME in the environment is ignored: --os-cloud demo sets it (unset it, or drop --os-cloud to use the environment)']);
  });
});

describe('setting validation (values that cannot work fail when written and when read)', () => {
  const yaml = (settings: string) => `profiles:\n  a:\n${settings.split('\n').map((l) => `    ${l}`).join('\n')}\n`;
  const errorOf = (fn: () => unknown): Error & { exitCode?: number; hint?: string } => {
    try {
      fn();
    } catch (e) {
      return e as Error;
    }
    throw new Error('no error');
  };

  it('a secret setting of the wrong type is described, never echoed', () => {
    const e = errorOf(() => parseConfig('/c.yaml', yaml('backend: openstack\npassword: [s3cret-in-a-list]')));
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toBe('/c.yaml:4: setting "password" in profile "a" must be a string, not a list (value hidden)');
    expect(e.message).not.toContain('s3cret');
    const m = errorOf(() => parseConfig('/c.yaml', yaml('backend: openstack\nclient_secret: {x: topsecret-value}'))).message;
    expect(m).toContain('not a mapping (value hidden)');
    expect(m).not.toContain('topsecret');
    // ordinary settings keep showing the value: it helps and hides nothing
    expect(errorOf(() => parseConfig('/c.yaml', yaml('backend: openstack\nusername: [bob]'))).message).toContain('not ["bob"]');
  });

  it('URL settings: port range, scheme, host; exit 2 naming the setting', () => {
    const cases: [string, RegExp][] = [
      ['auth_url=http://h:414910/v3', /^auth_url "http:\/\/h:414910\/v3" in profile "p": port 414910 is out of range \(1–65535\)$/],
      ['auth_url=notaurl', /^auth_url "notaurl" in profile "p": not a URL \(want http:\/\/ or https:\/\/…\)$/],
      ['auth_url=ftp://h/v3', /scheme "ftp:\/\/" is not http:\/\/ or https:\/\//],
      ['auth_url=https://:5000/v3', /the host is empty/],
      ['auth_url=https://h:abc/v3', /port "abc" is not a number/],
      ['rest_endpoint=http://px:0', /port 0 is out of range/],
      ['token_url=https://bad host/token', /not a URL \(it contains spaces\)/],
      ['endpoints={"volumev3":"cinder:8776"}', /^endpoints\.volumev3 "cinder:8776" in profile "p": not a URL/],
      ['endpoint=not a host', /^endpoint "not a host" in profile "p"/],
      ['endpoint=h:70000', /port 70000 is out of range/],
    ];
    for (const [word, re] of cases) {
      const e = errorOf(() => checkSettings(parseAssignments([word], 'p'), 'swift', 'p'));
      expect(e, word).toBeInstanceOf(UsageError);
      expect(e.exitCode, word).toBe(2);
      expect(e.message, word).toMatch(re);
    }
    // a password in a URL is not echoed
    const e = errorOf(() => parseAssignments(['auth_url=https://u:pw-in-url@h:99999/v3'], 'p'));
    expect(e.message).toContain('https://u:***@h:99999/v3');
    expect(e.message).not.toContain('pw-in-url');
  });

  it('good URLs and addresses pass', () => {
    const v = parseAssignments(['auth_url=https://keystone.example:5000/v3', 'rest_endpoint=http://[::1]:9110', 'endpoints={"volumev3":"http://10.0.0.5:8776/v3/%(project_id)s"}'], 'p');
    expect(checkSettings(v, 'openstack', 'p')).toMatchObject({ auth_url: 'https://keystone.example:5000/v3' });
    expect(checkSettings(parseAssignments(['endpoint=https://swift:8080/v1/AUTH_a'], 'p'), 'swift', 'p')).toEqual({ endpoint: ['https://swift:8080/v1/AUTH_a'] });
    expect(checkSettings(parseAssignments(['endpoint=https://p1:8090 https://p2:8090'], 'p'), 'kumoscale', 'p')).toBeTruthy();
    expect(checkSettings(parseAssignments(['endpoint=p1:8090,p2:8090'], 'p'), 'kumoscale', 'p')).toBeTruthy();
  });

  it('endpoint: OpenStorage takes host:port, Swift and OpenStack want URLs, KumoScale https', () => {
    const ep = (v: string) => parseAssignments([`endpoint=${v}`], 'p');
    expect(checkSettings(ep('px-node1:9100'), 'openstorage', 'p')).toEqual({ endpoint: ['px-node1:9100'] });
    expect(checkSettings(ep('grpcs://px-node1:9100'), 'openstorage', 'p')).toBeTruthy();
    expect(checkSettings(ep('unix:/var/run/osd.sock'), 'openstorage', 'p')).toBeTruthy();
    expect(errorOf(() => checkSettings(ep('px-node1:9100'), 'swift', 'p')).message).toMatch(/endpoint "px-node1:9100" in profile "p": not a URL/);
    expect(errorOf(() => checkSettings(ep('http://prov:8090'), 'kumoscale', 'p')).message).toMatch(/HTTPS only/);
    expect(errorOf(() => checkSettings(ep('px:123456'), 'openstorage', 'p')).message).toMatch(/port 123456 is out of range/);
  });

  it('numbers are non-negative numbers; wait_timeout is a duration', () => {
    for (const k of ['timeout', 'connect_timeout', 'retry_budget', 'low_speed_limit', 'low_speed_time']) {
      expect(parseAssignments([`${k}=2.5`], 'p')).toEqual({ [k]: 2.5 });
      expect(() => parseAssignments([`${k}=-1`], 'p'), k).toThrowError(/must be a non-negative number, not "-1"/);
      expect(() => parseAssignments([`${k}=abc`], 'p'), k).toThrowError(UsageError);
      expect(() => parseAssignments([`${k}=`], 'p'), k).toThrowError(UsageError);
    }
    expect(() => parseConfig('/c.yaml', yaml('backend: openstack\ntimeout: [5]'))).toThrowError(/must be a non-negative number/);
    for (const d of ['90', '90s', '10m', '1h', '1.5h', '2d']) expect(parseAssignments([`wait_timeout=${d}`], 'p')).toEqual({ wait_timeout: d });
    for (const d of ['10 minutes', '-5s', 'soon', '1h30']) expect(() => parseAssignments([`wait_timeout=${d}`], 'p'), d).toThrowError(/not a duration/);
    expect(durationSeconds('10m')).toBe(600);
    expect(durationSeconds('90')).toBe(90);
    expect(durationSeconds('1h')).toBe(3600);
  });

  it('resolution checks what the file, the environment and the flags give, with their source', async () => {
    const cfg = parseConfig('/c.yaml', 'profiles:\n  px:\n    backend: openstorage\n    endpoint: px1:9100\n  sw:\n    backend: swift\n    endpoint: px1:9100\n');
    await expect(resolveProfile({ config: cfg, env: {}, flags: {}, profile: 'px' })).resolves.toBeTruthy();
    const e = await resolveProfile({ config: cfg, env: {}, flags: {}, profile: 'sw' }).catch((x) => x);
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toMatch(/^\/c\.yaml:7: endpoint "px1:9100" in profile "sw": not a URL/);
    const e2 = await resolveProfile({ config: parseConfig('/n.yaml', ''), env: { OS_AUTH_URL: 'http://h:414910/v3' }, flags: {} }).catch((x) => x);
    expect(e2).toBeInstanceOf(ConfigError);
    expect(e2.message).toMatch(/^env OS_AUTH_URL: auth_url "http:\/\/h:414910\/v3" in profile "\(environment\)": port 414910 is out of range/);
    const e3 = await resolveProfile({ config: cfg, env: {}, flags: { endpoint: 'not a host' }, profile: 'px' }).catch((x) => x);
    expect(e3.message).toMatch(/^flag --endpoint: endpoint "not a host"/);
  });

  it('a broken URL in one profile does not stop another, and a good override wins', async () => {
    const cfg = parseConfig('/c.yaml', 'profiles:\n  bad:\n    backend: openstack\n    auth_url: http://h:414910/v3\n  good:\n    backend: openstack\n    auth_url: https://k:5000/v3\n');
    await expect(resolveProfile({ config: cfg, env: {}, flags: {}, profile: 'good' })).resolves.toBeTruthy();
    await expect(resolveProfile({ config: cfg, env: {}, flags: {}, profile: 'bad' })).rejects.toThrowError(/^\/c\.yaml:4: auth_url .* port 414910 is out of range/);
    const p = await resolveProfile({ config: cfg, env: { STORCTL_AUTH_URL: 'https://k2:5000/v3' }, flags: {}, profile: 'bad' });
    expect(p.get('auth_url')).toBe('https://k2:5000/v3');
  });
});
