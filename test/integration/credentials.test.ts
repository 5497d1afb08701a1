// Credentials mean what they say, against the REAL Keystone and Swift tempauth of the testbed:
// a profile with a wrong password exits 3 although another profile holds a valid token for
// the same user, and `auth login` really logs in (a new token each time).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeHome, type TestHome } from '../e2e/harness.js';

const E = process.env;
const keystone = E.STORCTL_IT_KEYSTONE === '1';
const swift = E.STORCTL_IT_SWIFT === '1' && !!E.ST_AUTH && !!E.ST_USER && !!E.ST_KEY;

let h: TestHome;

beforeAll(async () => {
  if (!keystone && !swift) return;
  h = await makeHome();
  const dir = join(h.home, '.config/storctl');
  await mkdir(dir, { recursive: true });
  const ks = (password: string | undefined) => `    backend: openstack
    auth_url: ${E.OS_AUTH_URL}
    username: ${E.OS_USERNAME}
    password: ${password}
    project_name: ${E.OS_PROJECT_NAME}
    user_domain_name: ${E.OS_USER_DOMAIN_NAME}
    project_domain_name: ${E.OS_PROJECT_DOMAIN_NAME}
`;
  const sw = (key: string | undefined) => `    backend: swift
    auth_url: ${E.ST_AUTH}
    username: ${E.ST_USER}
    password: ${key}
`;
  await writeFile(
    join(dir, 'config.yaml'),
    `profiles:\n  admin:\n${ks(E.OS_PASSWORD)}  admin-wrong:\n${ks('WRONG-password-it')}  tester:\n${sw(E.ST_KEY)}  tester-wrong:\n${sw('nope-wrong-key')}`,
    { mode: 0o600 },
  );
});

afterAll(async () => {
  await h?.cleanup();
});

describe.skipIf(!keystone)('real Keystone: the token cache is keyed by the secret', () => {
  it('a wrong password exits 3 while another profile holds a valid token for the same user and project', async () => {
    const good = await h.run(['-p', 'admin', 'auth', 'login', '-o', 'json']);
    expect(good.code, good.stderr).toBe(0);
    expect(good.json()).toMatchObject({ user: E.OS_USERNAME, project: E.OS_PROJECT_NAME, cached: true });
    for (const cmd of [['auth', 'login'], ['volume', 'list']]) {
      const r = await h.run(['-p', 'admin-wrong', ...cmd]);
      expect(r.code, `${cmd.join(' ')}: ${r.stdout}${r.stderr}`).toBe(3);
      expect(r.stderr).toMatch(/authentication failed for profile "admin-wrong"/);
      expect(r.stderr).not.toContain('WRONG-password-it');
    }
    expect((await h.run(['-p', 'admin', 'volume', 'list', '-o', 'json'])).code).toBe(0);
  });

  it('auth login twice gives two tokens with different issued_at', async () => {
    const first = await h.run(['-p', 'admin', 'auth', 'login', '-o', 'json']);
    await new Promise((r) => setTimeout(r, 1100));
    const second = await h.run(['-p', 'admin', 'auth', 'login', '-o', 'json']);
    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    expect(second.json().issued_at).not.toBe(first.json().issued_at);
    expect((await h.run(['-p', 'admin', 'auth', 'status', '-o', 'json'])).json().issued_at).toBe(second.json().issued_at);
  });
});

describe.skipIf(!swift)('real Swift tempauth: the token cache is keyed by the key', () => {
  it('a wrong key exits 3 while the right one has a cached token', async () => {
    const ok = await h.run(['-p', 'tester', 'container', 'list', '-o', 'json']);
    expect(ok.code, ok.stderr).toBe(0);
    const bad = await h.run(['-p', 'tester-wrong', 'container', 'list']);
    expect(bad.code, bad.stderr).toBe(3);
    expect(bad.stderr).not.toContain('nope-wrong-key');
    expect((await h.run(['-p', 'tester', 'auth', 'status', '-o', 'json'])).json().token_cached).toBe(true);
  });
});
