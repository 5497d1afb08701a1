// An explicitly chosen cloud or profile beats the OS_* variables of an openrc shell, through the
// built CLI against the Keystone simulator: the user logs in as the cloud says, not as openrc says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeHome, ROOT, type TestHome } from './harness.js';

type KeystoneMod = typeof import('../../src/sandbox/keystone.js');
let ks: Awaited<ReturnType<KeystoneMod['startKeystone']>>;
let K: KeystoneMod;
let h: TestHome;
let openrc: Record<string, string>;

beforeAll(async () => {
  K = (await import(join(ROOT, 'dist/sandbox/keystone.js'))) as KeystoneMod;
  ks = await K.startKeystone();
  h = await makeHome();
  const auth = `auth_url: ${ks.url}/v3`;
  const demo = `username: demo\n    password: ${K.SEED_USERS.demo.password}\n    project_name: demo\n    user_domain_name: Default\n    project_domain_name: Default`;
  await writeFile(join(h.home, 'clouds.yaml'), `clouds:\n  lab-demo:\n    auth:\n      ${auth}\n      ${demo.replace(/\n {4}/g, '\n      ')}\n`);
  const dir = join(h.home, '.config/storctl');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(join(dir, 'config.yaml'), `profiles:\n  demo:\n    backend: openstack\n    ${auth}\n    ${demo}\n`, { mode: 0o600 });
  // The admin's openrc, as sourced in the shell; the clouds.yaml is where OSC would look for it.
  openrc = {
    OS_CLIENT_CONFIG_FILE: join(h.home, 'clouds.yaml'),
    OS_AUTH_URL: `${ks.url}/v3`,
    OS_AUTH_TYPE: 'password',
    OS_USERNAME: 'admin',
    OS_PASSWORD: K.SEED_USERS.admin.password,
    OS_PROJECT_NAME: 'admin',
    OS_USER_DOMAIN_NAME: 'Default',
    OS_PROJECT_DOMAIN_NAME: 'Default',
  };
});

afterAll(async () => {
  await ks?.close();
  await h?.cleanup();
});

/** stderr holds exactly this one warning and no password. */
function onlyWarning(stderr: string, warning: string) {
  expect(stderr.trim().split('\n')).toEqual([`storctl: warning: ${warning}`]);
  expect(stderr).not.toContain(K.SEED_USERS.admin.password);
  expect(stderr).not.toContain(K.SEED_USERS.demo.password);
}

describe('an explicit cloud or profile in an openrc shell', () => {
  it('without one, openrc decides as before: admin', async () => {
    const r = await h.run(['auth', 'login', '-o', 'json'], { env: openrc });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ profile: '(environment)', user: 'admin', project: 'admin' });
    expect(r.stderr).toBe('');
  });

  it('--os-cloud: Keystone sees the cloud\'s user and project; one warning names the ignored variables', async () => {
    const r = await h.run(['--os-cloud', 'lab-demo', 'auth', 'login', '-o', 'json'], { env: openrc });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ profile: '(cloud lab-demo)', user: 'demo', project: 'demo', project_id: K.SEED_PROJECTS.demo.id });
    onlyWarning(r.stderr, 'OS_USERNAME, OS_PASSWORD, OS_PROJECT_NAME in the environment are ignored: --os-cloud lab-demo sets them (unset them, or drop --os-cloud to use the environment)');
  });

  it('OS_CLOUD in the environment counts as explicit too', async () => {
    const r = await h.run(['auth', 'login', '-o', 'json'], { env: { ...openrc, OS_CLOUD: 'lab-demo' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ user: 'demo', project: 'demo' });
    onlyWarning(r.stderr, 'OS_USERNAME, OS_PASSWORD, OS_PROJECT_NAME in the environment are ignored: OS_CLOUD=lab-demo sets them (unset them, or unset OS_CLOUD to use the environment)');
  });

  it('--profile: the profile\'s user and project', async () => {
    const r = await h.run(['--profile', 'demo', 'auth', 'login', '-o', 'json'], { env: openrc });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ profile: 'demo', user: 'demo', project: 'demo' });
    onlyWarning(r.stderr, 'OS_USERNAME, OS_PASSWORD, OS_PROJECT_NAME in the environment are ignored: --profile demo sets them (unset them, or drop --profile to use the environment)');
  });

  it('an OS_PROJECT_ID of admin cannot re-scope the cloud\'s project_name', async () => {
    const r = await h.run(['--os-cloud', 'lab-demo', 'auth', 'login', '-o', 'json'], { env: { ...openrc, OS_PROJECT_ID: K.SEED_PROJECTS.admin.id } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ user: 'demo', project: 'demo' });
    expect(r.stderr).toMatch(/OS_PROJECT_NAME, OS_PROJECT_ID in the environment are ignored/);
  });

  it('profile explain shows each ignored variable beside the setting that shadowed it', async () => {
    const r = await h.run(['--os-cloud', 'lab-demo', 'profile', 'explain', '-o', 'json'], { env: { ...openrc, OS_REGION_NAME: 'RegionTwo' } });
    expect(r.code, r.stderr).toBe(0);
    const rows = Object.fromEntries(r.json().map((x: any) => [x.setting, x]));
    expect(rows.profile).toMatchObject({ value: '(cloud lab-demo)', source: 'flag --os-cloud', ignored: [] });
    expect(rows.username).toMatchObject({ value: 'demo', source: expect.stringMatching(/clouds\.yaml:\d+$/), ignored: ['OS_USERNAME'] });
    expect(rows.password).toMatchObject({ value: '(secret, set)', ignored: ['OS_PASSWORD'] });
    expect(rows.region_name).toMatchObject({ value: 'RegionTwo', source: 'env OS_REGION_NAME', ignored: [] }); // the cloud has none
    const table = await h.run(['--os-cloud', 'lab-demo', 'profile', 'explain'], { env: openrc });
    expect(table.stdout).toMatch(/│ username +│ demo +│ \S*clouds\.yaml:\d+ +│ OS_USERNAME +│/);
    expect(table.stdout + table.stderr).not.toContain(K.SEED_USERS.admin.password);
  });
});
