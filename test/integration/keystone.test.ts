// Authentication against the REAL Keystone (and Swift tempauth) of the integration testbed.
// Auth requests are counted by a small proxy in front of Keystone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cp, readdir, readFile, writeFile, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { makeHome, type TestHome } from '../e2e/harness.js';

const enabled = process.env.STORCTL_IT_KEYSTONE === '1';
const E = process.env;

/** Forwards to Keystone and counts POST …/auth/tokens. */
async function countingProxy(target: string): Promise<{ url: string; count: () => number; close: () => Promise<void> }> {
  const t = new URL(target);
  let tokens = 0;
  const server: Server = createServer((req, res) => {
    if (req.method === 'POST' && /\/auth\/tokens$/.test(req.url ?? '')) tokens++;
    const up = request({ host: t.hostname, port: t.port, method: req.method, path: req.url, headers: { ...req.headers, host: t.host } }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, count: () => tokens, close: () => new Promise((r) => server.close(() => r())) };
}

describe.skipIf(!enabled)('real Keystone v3', () => {
  let proxy: Awaited<ReturnType<typeof countingProxy>>;
  let h: TestHome;

  beforeAll(async () => {
    proxy = await countingProxy(E.TESTBED_KEYSTONE_URL ?? 'http://127.0.0.1:5000');
    h = await makeHome();
    const dir = join(h.home, '.config/storctl');
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, 'config.yaml'),
      `current_profile: admin
profiles:
  admin:
    backend: openstack
    auth_url: ${proxy.url}/v3
    username: ${E.OS_USERNAME}
    password: ${E.OS_PASSWORD}
    project_name: ${E.OS_PROJECT_NAME}
    user_domain_name: ${E.OS_USER_DOMAIN_NAME}
    project_domain_name: ${E.OS_PROJECT_DOMAIN_NAME}
  appcred:
    backend: openstack
    auth_url: ${proxy.url}/v3
    application_credential_id: ${E.TESTBED_APPCRED_ID}
    application_credential_secret: ${E.TESTBED_APPCRED_SECRET}
  unversioned:
    backend: openstack
    auth_url: ${proxy.url}
    username: ${E.TESTBED_DEMO_USERNAME}
    password: ${E.TESTBED_DEMO_PASSWORD}
    project_name: demo
  tempauth:
    backend: swift
    auth_url: ${E.ST_AUTH}
    username: ${E.ST_USER}
    password: ${E.ST_KEY}
`,
      { mode: 0o600 },
    );
  });
  afterAll(async () => {
    await proxy?.close();
    await h?.cleanup();
  });

  it('password login, then later commands make zero auth requests', async () => {
    const login = await h.run(['auth', 'login', '-o', 'json']);
    expect(login.code, login.stderr).toBe(0);
    expect(login.json()).toMatchObject({ user: E.OS_USERNAME, project: E.OS_PROJECT_NAME, auth_type: 'keystone-v3' });
    const after = proxy.count();
    for (let i = 0; i < 3; i++) {
      const r = await h.run(['api', 'GET', '/auth/projects', '-o', 'json']);
      expect(r.code, r.stderr).toBe(0);
    }
    const cat = await h.run(['catalog', 'list', '-o', 'json']);
    expect(cat.json().map((s: any) => s.type)).toEqual(expect.arrayContaining(['identity', 'object-store', 'volumev3', 'compute']));
    expect(proxy.count()).toBe(after);
  });

  it('application credential login', async () => {
    const r = await h.run(['-p', 'appcred', 'auth', 'login', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ user: 'demo', project: 'demo' });
  });

  it('discovers v3 from an unversioned auth URL', async () => {
    const r = await h.run(['-p', 'unversioned', 'auth', 'login', '-o', 'json', '--debug']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/keystone discovery: using v3/);
  });

  it('refreshes a token that is about to expire', async () => {
    await h.run(['auth', 'login']);
    const dir = join(h.home, '.cache/storctl/tokens');
    for (const f of (await readdir(dir)).filter((f) => f.startsWith('token-'))) {
      const rec = JSON.parse(await readFile(join(dir, f), 'utf8'));
      if (rec.identity?.project !== E.OS_PROJECT_NAME) continue;
      rec.expiresAt = new Date(Date.now() + 60_000).toISOString(); // inside the 2-minute margin
      await writeFile(join(dir, f), JSON.stringify(rec), { mode: 0o600 });
    }
    const before = proxy.count();
    const r = await h.run(['api', 'GET', '/auth/projects']);
    expect(r.code, r.stderr).toBe(0);
    expect(proxy.count()).toBe(before + 1);
  });

  it('a token revoked by `auth logout --revoke` in another process: 401, one re-auth, success', async () => {
    await h.run(['auth', 'login']);
    // A second user environment holding a copy of the same token.
    const other = await makeHome();
    try {
      await cp(join(h.home, '.config'), join(other.home, '.config'), { recursive: true });
      await cp(join(h.home, '.cache'), join(other.home, '.cache'), { recursive: true });
      const out = await h.run(['auth', 'logout', '--revoke', '-o', 'json']);
      expect(out.json()).toMatchObject({ revoked: true });
      const before = proxy.count();
      const r = await other.run(['api', 'GET', '/auth/projects', '-o', 'json', '--debug']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/RESP: \[401\]/);
      expect(r.stderr).toMatch(/dropping the cached token and authenticating again/);
      expect(proxy.count()).toBe(before + 1);
    } finally {
      await other.cleanup();
    }
  });

  it('`--os-cloud testbed-demo` in an openrc shell scopes to demo, as `openstack --os-cloud` does', async () => {
    // The admin openrc of env.sh, as the shell has it (and a current_profile of admin in this HOME).
    const openrc = Object.fromEntries(Object.entries(E).filter(([k]) => k.startsWith('OS_') && k !== 'OS_CLOUD' && !k.startsWith('OS_CLIENT_')));
    const env = { ...openrc, OS_CLIENT_CONFIG_FILE: E.TESTBED_CLOUDS_YAML };
    const r = await h.run(['--os-cloud', 'testbed-demo', 'auth', 'login', '--no-cache', '-o', 'json'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ profile: '(cloud testbed-demo)', user: E.TESTBED_DEMO_USERNAME, project: 'demo', project_id: E.TESTBED_DEMO_PROJECT_ID });
    expect(r.stderr.trim().split('\n')).toEqual([
      'storctl: warning: OS_USERNAME, OS_PASSWORD, OS_PROJECT_NAME in the environment are ignored: --os-cloud testbed-demo sets them (unset them, or drop --os-cloud to use the environment)',
    ]);
    expect(r.stderr).not.toContain(E.OS_PASSWORD);
    const p = await h.run(['-p', 'unversioned', 'auth', 'login', '--no-cache', '-o', 'json'], { env });
    expect(p.code, p.stderr).toBe(0);
    expect(p.json()).toMatchObject({ user: E.TESTBED_DEMO_USERNAME, project_id: E.TESTBED_DEMO_PROJECT_ID });
    expect(p.stderr).toMatch(/^storctl: warning: OS_AUTH_URL, OS_USERNAME, OS_PASSWORD, OS_PROJECT_NAME in the environment are ignored: --profile unversioned sets them/);
    const plain = await h.run(['auth', 'login', '--no-cache', '-o', 'json'], { env: { ...env, OS_PROJECT_NAME: 'demo' } });
    expect(plain.json()).toMatchObject({ profile: 'admin', user: E.OS_USERNAME, project: 'demo' }); // current_profile: openrc still overrides it
  });

  it('wrong password: exit 3 and one line', async () => {
    const r = await h.run(['auth', 'login', '--no-cache'], { env: { STORCTL_PASSWORD: 'definitely-wrong' } });
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/authentication failed for profile "admin"/);
  });

  it('Swift v1 auth against the real tempauth, cached', async () => {
    const r = await h.run(['-p', 'tempauth', 'auth', 'login', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().storage_url).toMatch(/\/v1\/TEMPAUTH_test$/);
    const s = await h.run(['-p', 'tempauth', 'api', 'HEAD', '/', '-i']);
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout).toMatch(/x-account-container-count/i);
    const st = await h.run(['-p', 'tempauth', 'auth', 'status', '-o', 'json']);
    expect(st.json().token_cached).toBe(true);
    const dir = join(h.home, '.cache/storctl/tokens');
    for (const f of await readdir(dir)) expect((await stat(join(dir, f))).mode & 0o777).toBe(0o600);
  });
});
