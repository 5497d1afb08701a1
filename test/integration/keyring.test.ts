// The OS keyring for real: run under dbus-run-session with an unlocked gnome-keyring
// (test/integration/run.sh does this). Passwords and tokens must land in the Secret Service,
// not in files; secrets kept in the file store while the keyring was away still work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile, writeFile, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { makeHome, ROOT, type TestHome } from '../e2e/harness.js';

const enabled = process.env.STORCTL_IT_KEYRING === '1' && !!process.env.DBUS_SESSION_BUS_ADDRESS;

describe.skipIf(!enabled)('keyring via keytar and gnome-keyring', () => {
  let ks: any;
  let h: TestHome;
  let bus: Record<string, string>;

  beforeAll(async () => {
    const K = await import(join(ROOT, 'dist/sandbox/keystone.js'));
    ks = await K.startKeystone();
    h = await makeHome();
    bus = { DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS! };
    const dir = join(h.home, '.config/storctl');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'config.yaml'), `current_profile: ks\nprofiles:\n  ks:\n    backend: openstack\n    auth_url: ${ks.url}/v3\n    username: admin\n    project_name: admin\n`);
  });
  afterAll(async () => {
    await ks?.close();
    await h?.cleanup();
  });

  it('stores a password in the keyring and logs in with it', async () => {
    const set = await h.run(['profile', 'set', 'ks', '--password-stdin'], { env: bus, input: 'adminpass\n' });
    expect(set.code, set.stderr).toBe(0);
    expect(set.stderr).toMatch(/Stored the password in keyring \(service storctl/);
    const cfg = await readFile(join(h.home, '.config/storctl/config.yaml'), 'utf8');
    expect(cfg).toMatch(/password: keyring/);
    expect(cfg).not.toContain('adminpass');
    expect(await readdir(join(h.home, '.local/share/storctl/secrets')).catch(() => [] as string[])).toEqual([]);
    const login = await h.run(['auth', 'login', '-o', 'json'], { env: bus });
    expect(login.code, login.stderr).toBe(0);
    expect(login.json().user).toBe('admin');
  });

  it('caches the token in the keyring, not in files, and reuses it', async () => {
    const status = await h.run(['auth', 'status', '-o', 'json'], { env: bus });
    expect(status.json().token_store).toMatch(/^keyring \(service storctl, account token-[0-9a-f]{32}\)$/);
    expect(status.json().credentials.password).toMatch(/^keyring/);
    expect(status.json().secret_store).toBe('keyring (Secret Service)');
    for (const dir of ['.cache/storctl/tokens', '.cache/storctl/secrets', '.local/share/storctl/secrets']) {
      expect(await readdir(join(h.home, dir)).catch(() => [] as string[]), dir).toEqual([]);
    }
    const before = ks.counters.authRequests;
    const again = await h.run(['api', 'GET', '/auth/projects'], { env: bus });
    expect(again.code, again.stderr).toBe(0);
    expect(ks.counters.authRequests).toBe(before);
  });

  it('a password stored as "file" while the keyring was away is used, not an older keyring copy; storing it again moves it to the keyring', async () => {
    const noBus = { DBUS_SESSION_BUS_ADDRESS: undefined };
    const set = await h.run(['profile', 'set', 'ks', '--password-stdin'], { env: noBus, input: 'wrong-but-newer\n' });
    expect(set.code, set.stderr).toBe(0);
    expect(await readFile(join(h.home, '.config/storctl/config.yaml'), 'utf8')).toMatch(/password: file/);
    const file = join(h.home, '.local/share/storctl/secrets/password-ks');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    // With the keyring back, the file (what config.yaml names) wins over the keyring's older copy.
    const st = await h.run(['auth', 'status', '-o', 'json'], { env: bus });
    expect(st.json().credentials.password).toBe(`file ${file} (mode 0600)`);
    const login = await h.run(['auth', 'login', '--no-cache'], { env: bus });
    expect(login.code).toBe(3);
    // Stored again with the keyring: keyring marker, and the stale plaintext copy is gone.
    const back = await h.run(['profile', 'set', 'ks', '--password-stdin'], { env: bus, input: 'adminpass\n' });
    expect(back.code, back.stderr).toBe(0);
    expect(await readFile(join(h.home, '.config/storctl/config.yaml'), 'utf8')).toMatch(/password: keyring/);
    await expect(stat(file)).rejects.toThrow();
    expect((await h.run(['auth', 'login', '--no-cache'], { env: bus })).code).toBe(0);
  });

  it('an old "keyring" marker over a file in the data dir still works with a keyring', async () => {
    const dir = join(h.home, '.config/storctl');
    await writeFile(join(dir, 'config.yaml'), (await readFile(join(dir, 'config.yaml'), 'utf8')).replace(/^profiles:\n/m, 'profiles:\n  old:\n    backend: openstack\n    auth_url: ' + ks.url + '/v3\n    username: admin\n    project_name: admin\n    password: keyring\n'));
    const secrets = join(h.home, '.local/share/storctl/secrets');
    await mkdir(secrets, { recursive: true, mode: 0o700 });
    await writeFile(join(secrets, 'password-old'), 'adminpass', { mode: 0o600 });
    const r = await h.run(['-p', 'old', 'auth', 'login', '--no-cache', '-o', 'json'], { env: bus });
    expect(r.code, r.stderr).toBe(0);
    expect((await h.run(['-p', 'old', 'auth', 'status', '-o', 'json'], { env: bus })).json().credentials.password).toBe(`file ${join(secrets, 'password-old')} (mode 0600)`);
  });

  it('falls back to files when the session bus is gone, with a note under --debug', async () => {
    const r = await h.run(['auth', 'login', '--debug', '-o', 'json'], { env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' }, input: '' });
    // The password lives in the unreachable keyring, so login must fail clearly (exit 3), not hang or crash.
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/keyring: (the Secret Service did not answer|keytar is not installed or not built)/);
    expect(r.stderr).toMatch(/no password and stdin is not a terminal/);
  });
});
