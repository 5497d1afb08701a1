// Credentials mean what they say (issue 12): a token is reused only with the secret that made
// it, `auth login` really logs in, and backends without a login exchange check the credentials
// with one authenticated call. Through the built CLI against the sandbox simulators.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { startSandboxHome, type SandboxHome } from './harness.js';

let h: SandboxHome;
let keystoneUrl: string;
let swiftAuth: string;

const secretsIn = (text: string) => /adminpass|WRONG-pass|testing-wrong|\bnope-key\b/.test(text);

beforeAll(async () => {
  h = await startSandboxHome();
  const cfg = await h.run(['profile', 'show', 'sandbox-openstack', '-o', 'json']);
  keystoneUrl = cfg.json().auth_url ?? cfg.json().settings?.auth_url;
  const sw = await h.run(['profile', 'show', 'sandbox-swift', '-o', 'json']);
  swiftAuth = sw.json().auth_url ?? sw.json().settings?.auth_url;
  expect(keystoneUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v3$/);
  expect(swiftAuth).toMatch(/\/auth\/v1\.0$/);
  const add = async (args: string[]) => {
    const r = await h.run(['profile', 'add', ...args]);
    expect(r.code, r.stderr).toBe(0);
  };
  const common = [`auth_url=${keystoneUrl}`, 'user_domain_name=Default', 'project_domain_name=Default', 'project_name=admin', 'username=admin'];
  await add(['wrong-os', '--backend', 'openstack', ...common, 'password=WRONG-pass']);
  await add(['twin-os', '--backend', 'openstack', ...common, `password=${await sandboxPassword('sandbox-openstack')}`]);
  await add(['wrong-swift', '--backend', 'swift', `auth_url=${swiftAuth}`, 'username=test:tester', 'password=testing-wrong']);
}, 60_000);

afterAll(async () => {
  await h?.cleanup();
});

async function sandboxPassword(profile: string): Promise<string> {
  const text = await readFile(join(h.home, '.config/storctl/config.yaml'), 'utf8');
  const block = text.slice(text.indexOf(`${profile}:`));
  return /password: *"?([^"\n]+)"?/.exec(block)![1]!;
}

function authRequests(): number {
  return h.sandbox.counters().keystone?.authRequests ?? NaN;
}

describe('the token cache is keyed by the secret', () => {
  it('a second profile with the same user and project but a wrong password exits 3 while the first holds a valid token', async () => {
    const good = await h.run(['-p', 'sandbox-openstack', 'auth', 'login', '-o', 'json']);
    expect(good.code, good.stderr).toBe(0);
    expect((await h.run(['-p', 'sandbox-openstack', 'volume', 'list', '-o', 'json'])).code).toBe(0);
    for (const cmd of [['auth', 'login'], ['volume', 'list']]) {
      const r = await h.run(['-p', 'wrong-os', ...cmd]);
      expect(r.code, `${cmd.join(' ')}: ${r.stdout}${r.stderr}`).toBe(3);
      expect(r.stderr).toMatch(/authentication failed for profile "wrong-os"/);
      expect(secretsIn(r.stdout + r.stderr)).toBe(false);
    }
  });

  it('a wrong OS_PASSWORD in an openrc shell exits 3 although the same user has a cached token', async () => {
    const openrc = { OS_AUTH_URL: keystoneUrl, OS_USERNAME: 'admin', OS_PROJECT_NAME: 'admin', OS_USER_DOMAIN_NAME: 'Default', OS_PROJECT_DOMAIN_NAME: 'Default' };
    const right = await h.run(['volume', 'list', '-o', 'json'], { env: { ...openrc, OS_PASSWORD: await sandboxPassword('sandbox-openstack') } });
    expect(right.code, right.stderr).toBe(0);
    const wrong = await h.run(['volume', 'list'], { env: { ...openrc, OS_PASSWORD: 'WRONG-pass' } });
    expect(wrong.code, wrong.stderr).toBe(3);
  });

  it('two profiles with identical credentials share one token (no second login)', async () => {
    await h.run(['-p', 'sandbox-openstack', 'volume', 'list']);
    const before = authRequests();
    const r = await h.run(['-p', 'twin-os', 'volume', 'list', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(authRequests()).toBe(before);
  });

  it('Swift v1: a wrong key exits 3 while the right one has a cached token', async () => {
    const ok = await h.run(['-p', 'sandbox-swift', 'container', 'list', '-o', 'json']);
    expect(ok.code, ok.stderr).toBe(0);
    const bad = await h.run(['-p', 'wrong-swift', 'container', 'list']);
    expect(bad.code, bad.stderr).toBe(3);
    expect(secretsIn(bad.stdout + bad.stderr)).toBe(false);
  });

  it('the cache key holds no plain hash of the password, and the fingerprint key is private', async () => {
    const dir = join(h.home, '.cache/storctl');
    const key = await stat(join(dir, 'fingerprint.key'));
    expect(key.mode & 0o777).toBe(0o600);
    expect(key.size).toBe(32);
    const { createHash } = await import('node:crypto');
    const plain = createHash('sha256').update(await sandboxPassword('sandbox-openstack')).digest('hex');
    const names = (await readdir(dir, { recursive: true })).join('\n');
    expect(names).not.toContain(plain.slice(0, 16));
  });
});

describe('auth login logs in', () => {
  it('twice in a row gives two tokens with different issued_at, both stored in the cache', async () => {
    const first = await h.run(['-p', 'sandbox-openstack', 'auth', 'login', '-o', 'json']);
    await new Promise((r) => setTimeout(r, 1100));
    const before = authRequests();
    const second = await h.run(['-p', 'sandbox-openstack', '--debug', 'auth', 'login', '-o', 'json']);
    expect(second.code, second.stderr).toBe(0);
    expect(authRequests()).toBe(before + 1);
    expect(second.stderr).not.toMatch(/token cache hit/);
    expect(second.json().issued_at).not.toBe(first.json().issued_at);
    expect(second.json().cached).toBe(true);
    const status = await h.run(['-p', 'sandbox-openstack', 'auth', 'status', '-o', 'json']);
    expect(status.json().issued_at).toBe(second.json().issued_at);
  });

  it('KumoScale basic auth: a wrong password exits 3 with the fix, the right one is checked by the server', async () => {
    const ok = await h.run(['-p', 'sandbox-kumoscale', 'auth', 'login', '-o', 'json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.json().checked).toMatch(/^accepted by https:/);
    const bad = await h.run(['-p', 'sandbox-kumoscale', 'auth', 'login'], { env: { STORCTL_PASSWORD: 'WRONG-pass' } });
    expect(bad.code, bad.stderr).toBe(3);
    const lines = bad.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/refused the credentials of profile "sandbox-kumoscale" \(HTTP 401/);
    expect(bad.stderr).toMatch(/storctl profile set sandbox-kumoscale --password/);
    expect(bad.stderr).not.toMatch(/run `?storctl auth login/);
    expect(secretsIn(bad.stdout + bad.stderr)).toBe(false);
    const list = await h.run(['-p', 'sandbox-kumoscale', 'volume', 'list'], { env: { STORCTL_PASSWORD: 'WRONG-pass' } });
    expect(list.code).toBe(3);
    expect(list.stderr).not.toMatch(/auth login/);
  });

  it('OpenStorage: a JWT from an untrusted issuer exits 3 over gRPC and REST; the admin token is accepted', async () => {
    const osd = h.sandbox.sims.openstorage!;
    const evil = osd.mintToken({ sub: 'eve', name: 'eve', email: 'eve@x', roles: ['system.admin'], groups: ['*'], expiresInSeconds: 3600, issuer: 'evil.example' });
    for (const profile of ['sandbox-openstorage', 'sandbox-openstorage-rest']) {
      const ok = await h.run(['-p', profile, 'auth', 'login', '-o', 'json']);
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.json().checked).toMatch(/^accepted over (grpc|rest)/);
      const bad = await h.run(['-p', profile, 'auth', 'login'], { env: { STORCTL_TOKEN: evil } });
      expect(bad.code, `${profile}: ${bad.stderr}`).toBe(3);
      expect(bad.stderr).toMatch(/not a trusted issuer/);
      expect(bad.stderr).toMatch(/--token-stdin/);
      expect(bad.stderr).not.toContain(evil);
    }
  });
});

describe('auth logout', () => {
  it('drops only this profile\'s token; --all drops every one', async () => {
    expect((await h.run(['-p', 'sandbox-openstack', 'auth', 'login'])).code).toBe(0);
    expect((await h.run(['-p', 'sandbox-demo', 'auth', 'login'])).code).toBe(0);
    const out = await h.run(['-p', 'sandbox-demo', 'auth', 'logout', '-o', 'json']);
    expect(out.json()).toMatchObject({ profile: 'sandbox-demo', dropped: true });
    expect((await h.run(['-p', 'sandbox-demo', 'auth', 'status', '-o', 'json'])).json().token_cached).toBe(false);
    expect((await h.run(['-p', 'sandbox-openstack', 'auth', 'status', '-o', 'json'])).json().token_cached).toBe(true);
    const all = await h.run(['-p', 'sandbox-openstack', 'auth', 'logout', '--all', '-o', 'json']);
    expect(all.code, all.stderr).toBe(0);
    expect(all.json().tokens_dropped).toBeGreaterThanOrEqual(1);
    expect((await h.run(['-p', 'sandbox-openstack', 'auth', 'status', '-o', 'json'])).json().token_cached).toBe(false);
    expect((await h.run(['-p', 'sandbox-swift', 'auth', 'status', '-o', 'json'])).json().token_cached).toBe(false);
  });
});
