// Authentication and the token cache, through the built CLI against the Keystone simulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { makeHome, ROOT, type TestHome } from './harness.js';

type KeystoneMod = typeof import('../../src/sandbox/keystone.js');
let ks: Awaited<ReturnType<KeystoneMod['startKeystone']>>;
let K: KeystoneMod;
let h: TestHome;

async function writeConfig(home: TestHome, yaml: string) {
  const dir = join(home.home, '.config/storctl');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(join(dir, 'config.yaml'), yaml, { mode: 0o600 });
}

beforeAll(async () => {
  K = (await import(join(ROOT, 'dist/sandbox/keystone.js'))) as KeystoneMod;
  ks = await K.startKeystone();
  ks.setCatalog([{ type: 'volumev3', name: 'cinderv3', url: 'http://127.0.0.1:9/v3/$(project_id)s' }]);
  h = await makeHome();
  await writeConfig(
    h,
    `# my clouds
current_profile: v3
profiles:
  v3:   # the main one
    backend: openstack
    auth_url: ${ks.url}/v3
    username: admin
    password: adminpass
    project_name: admin
    user_domain_name: Default
    project_domain_name: Default
  v2:
    backend: openstack
    auth_url: ${ks.url}/v2.0
    username: admin
    password: adminpass
    project_name: admin
  v2-notenant:
    backend: openstack
    auth_url: ${ks.url}/v2.0
    username: demo
    password: demopass
  unversioned:
    backend: openstack
    auth_url: ${ks.url}
    username: demo
    password: demopass
    project_name: demo
  appcred:
    backend: openstack
    auth_url: ${ks.url}/v3
    application_credential_id: ${K.SEED_APP_CREDENTIAL.id}
    application_credential_secret: ${K.SEED_APP_CREDENTIAL.secret}
  badpass:
    backend: openstack
    auth_url: ${ks.url}/v3
    username: admin
    password: wrong-password-123
    project_name: admin
  nopass:
    backend: openstack
    auth_url: ${ks.url}/v3
    username: admin
    project_name: admin
`,
  );
});

afterAll(async () => {
  await ks?.close();
  await h?.cleanup();
});

describe('keystone v3 password', () => {
  it('logs in once, then serves later commands from the cache with zero auth requests', async () => {
    const before = ks.counters.authRequests!;
    const login = await h.run(['auth', 'login', '-o', 'json']);
    expect(login.code, login.stderr).toBe(0);
    const who = login.json();
    expect(who).toMatchObject({ profile: 'v3', auth_type: 'keystone-v3', user: 'admin', project: 'admin', expired: false });
    expect(who).not.toHaveProperty('token');
    expect(ks.counters.authRequests).toBe(before + 1);
    for (let i = 0; i < 3; i++) {
      const r = await h.run(['api', 'GET', '/auth/projects', '-o', 'json']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.json().projects.map((p: any) => p.name)).toContain('admin');
    }
    const cat = await h.run(['catalog', 'list', '-o', 'json']);
    expect(cat.json().map((s: any) => s.type)).toContain('volumev3');
    expect(ks.counters.authRequests).toBe(before + 1);
  });

  it('auth status is offline and says where the token lives', async () => {
    const requests = ks.counters.requests!;
    const r = await h.run(['auth', 'status', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const s = r.json();
    expect(s.token_cached).toBe(true);
    expect(s.token_store).toMatch(/^file .*\.cache\/storctl\/tokens\/token-[0-9a-f]{32} \(mode 0600\)$/);
    expect(s.credentials.password).toMatch(/config\.yaml:\d+$/);
    expect(ks.counters.requests).toBe(requests);
  });

  it('keeps the token cache in 0600 files under a 0700 directory when there is no D-Bus', async () => {
    const dir = join(h.home, '.cache/storctl/tokens');
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    const files = (await readdir(dir)).filter((f) => f.startsWith('token-'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      expect((await stat(join(dir, f))).mode & 0o777).toBe(0o600);
      expect(JSON.parse(await readFile(join(dir, f), 'utf8')).v).toBe(1);
    }
  });

  it('re-authenticates once after the server revokes the token, then succeeds', async () => {
    await h.run(['auth', 'login']);
    ks.revokeAll();
    const before = ks.counters.authRequests!;
    const r = await h.run(['api', 'GET', '/auth/projects', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(ks.counters.authRequests).toBe(before + 1);
  });

  it('auth logout --revoke revokes on the server; the next command logs in again', async () => {
    await h.run(['auth', 'login']);
    const tok = (await h.run(['auth', 'token'])).stdout.trim();
    const out = await h.run(['auth', 'logout', '--revoke', '-o', 'json']);
    expect(out.json()).toMatchObject({ dropped: true, revoked: true });
    expect(ks.validateToken(tok)).toBeUndefined();
    const st = await h.run(['auth', 'status', '-o', 'json']);
    expect(st.json().token_cached).toBe(false);
  });

  it('refreshes a token that is within two minutes of expiry', async () => {
    ks.setTokenTtl(60);
    await h.run(['auth', 'login']);
    const before = ks.counters.authRequests!;
    const r = await h.run(['api', 'GET', '/auth/projects']);
    expect(r.code, r.stderr).toBe(0);
    expect(ks.counters.authRequests).toBe(before + 1);
    ks.setTokenTtl(3600);
  });

  it('--no-cache authenticates every time and writes nothing', async () => {
    await h.run(['auth', 'logout']);
    const before = ks.counters.authRequests!;
    await h.run(['api', 'GET', '/auth/projects', '--no-cache']);
    await h.run(['api', 'GET', '/auth/projects', '--no-cache']);
    expect(ks.counters.authRequests).toBe(before + 2);
    expect((await h.run(['auth', 'status', '-o', 'json'])).json().token_cached).toBe(false);
  });

  it('20 parallel invocations on an empty cache share a handful of tokens and leave a valid 0600 cache', async () => {
    const p = await makeHome();
    try {
      await writeConfig(p, `current_profile: v3\nprofiles:\n  v3:\n    backend: openstack\n    auth_url: ${ks.url}/v3\n    username: admin\n    password: adminpass\n    project_name: admin\n`);
      const before = ks.counters.authRequests!;
      const results = await Promise.all(Array.from({ length: 20 }, () => p.run(['api', 'GET', '/auth/projects', '-o', 'json'], { timeoutMs: 60_000 })));
      for (const r of results) expect(r.code, r.stderr).toBe(0);
      expect(ks.counters.authRequests! - before).toBeLessThanOrEqual(3);
      const dir = join(p.home, '.cache/storctl/tokens');
      const files = (await readdir(dir)).filter((f) => f.startsWith('token-'));
      expect(files).toHaveLength(1);
      expect((await stat(join(dir, files[0]!))).mode & 0o777).toBe(0o600);
      expect(JSON.parse(await readFile(join(dir, files[0]!), 'utf8')).token).toMatch(/^gAAAA/);
    } finally {
      await p.cleanup();
    }
  }, 90_000);
});

describe('other keystone flows', () => {
  it('application credential', async () => {
    const r = await h.run(['-p', 'appcred', 'auth', 'login', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ user: 'demo', project: 'demo' });
  });

  it('keystone v2.0 password + tenant, with the v2 catalog', async () => {
    const r = await h.run(['-p', 'v2', 'auth', 'login', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ auth_type: 'keystone-v2', user: 'admin', project: 'admin' });
    const cat = await h.run(['-p', 'v2', 'catalog', 'show', 'volumev3', '-o', 'json']);
    expect(cat.code, cat.stderr).toBe(0);
    expect(cat.json().endpoints.map((e: any) => e.interface).sort()).toEqual(['admin', 'internal', 'public']);
  });

  it('keystone v2.0 without a tenant: unscoped token, tenant list, re-scoped to the only tenant', async () => {
    const before = ks.counters.v2Auth!;
    const r = await h.run(['-p', 'v2-notenant', 'auth', 'login', '-o', 'json', '--debug']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().project).toBe('demo');
    expect(ks.counters.v2Auth! - before).toBe(2);
    expect(r.stderr).toMatch(/GET '.*\/v2\.0\/tenants'/);
  });

  it('discovers the keystone version from an unversioned auth URL', async () => {
    const r = await h.run(['-p', 'unversioned', 'auth', 'login', '-o', 'json', '--debug']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().auth_type).toBe('keystone');
    expect(r.stderr).toMatch(/keystone discovery: using v3/);
  });

  it('wrong password: exit 3, one line naming the profile and the auth URL', async () => {
    const r = await h.run(['-p', 'badpass', 'api', 'GET', '/auth/projects']);
    expect(r.code).toBe(3);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('profile "badpass"');
    expect(lines[0]).toContain(`${ks.url}/v3`);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(r.stderr).not.toContain('wrong-password-123');
  });

  it('no password and no terminal: a clear error instead of a prompt', async () => {
    const r = await h.run(['-p', 'nopass', 'auth', 'login']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/no password and stdin is not a terminal.*OS_PASSWORD/);
  });

  it('takes the password from OS_PASSWORD (openrc) when the profile has none', async () => {
    const r = await h.run(['-p', 'nopass', 'auth', 'login', '-o', 'json'], { env: { OS_PASSWORD: 'adminpass' } });
    expect(r.code, r.stderr).toBe(0);
  });
});
