// Where stored secrets live without a keyring (these tests run with no D-Bus): 0600 files under
// the data dir, never the cache dir, so deleting ~/.cache/storctl cannot lose a password; the
// token cache under the cache dir; an old layout (secrets under the cache dir) moved on first use.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chmod, mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startSandboxHome, type CliResult, type SandboxHome } from './harness.js';

vi.setConfig({ testTimeout: 60_000 });

let h: SandboxHome;
let password = '';
let settings: string[] = [];

const cache = () => join(h.home, '.cache/storctl');
const data = () => join(h.home, '.local/share/storctl/secrets');
const mode = async (p: string) => (await stat(p)).mode & 0o777;
const exists = (p: string) => stat(p).then(() => true, () => false);
const authRequests = () => h.sandbox.sims.keystone!.counters.authRequests!;

function noSecret(...results: CliResult[]) {
  for (const r of results) expect(r.stdout + r.stderr).not.toContain(password);
}

/** A profile like sandbox-openstack without its password. */
async function addProfile(name: string, extra: string[] = []) {
  const r = await h.run(['profile', 'add', name, '--backend', 'openstack', ...settings, ...extra]);
  expect(r.code, r.stderr).toBe(0);
}

const config = () => readFile(join(h.home, '.config/storctl/config.yaml'), 'utf8');
const profileBlock = async (name: string) => new RegExp(`\\n  ${name}:\\n((?:    .*\\n)+)`).exec(await config())![1]!;

beforeAll(async () => {
  h = await startSandboxHome(['openstack']);
  const p = h.sandbox.profiles.find((x) => x.name === 'sandbox-openstack')!.settings as Record<string, string>;
  password = p.password!;
  settings = Object.entries(p)
    .filter(([k, v]) => k !== 'backend' && k !== 'password' && typeof v === 'string')
    .map(([k, v]) => `${k}=${v}`);
}, 60_000);

afterAll(async () => {
  await h?.cleanup();
});

describe('without a keyring', () => {
  it('profile remove drops the stored password with the profile', async () => {
    await addProfile('doomed');
    expect((await h.run(['profile', 'set', 'doomed', '--password-stdin'], { input: `${password}\n` })).code).toBe(0);
    expect(await exists(join(data(), 'password-doomed'))).toBe(true);
    const r = await h.run(['profile', 'remove', 'doomed', '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Profile "doomed" removed with its stored password.');
    expect(await exists(join(data(), 'password-doomed'))).toBe(false);
    noSecret(r);
  });

  it('profile set --password-stdin keeps the password in a 0600 file under the data dir; config.yaml says password: file', async () => {
    await addProfile('stored');
    const set = await h.run(['profile', 'set', 'stored', '--password-stdin'], { input: `${password}\n` });
    expect(set.code, set.stderr).toBe(0);
    expect(set.stderr).toContain(`Stored the password in file ${join(data(), 'password-stored')} (mode 0600).`);
    expect(await readFile(join(data(), 'password-stored'), 'utf8')).toBe(password);
    expect(await mode(join(data(), 'password-stored'))).toBe(0o600);
    expect(await mode(data())).toBe(0o700);
    expect(await mode(join(h.home, '.local/share/storctl'))).toBe(0o700);
    expect(await profileBlock('stored')).toMatch(/^    password: file$/m);
    expect(await profileBlock('stored')).not.toContain(password);
    expect(await exists(join(cache(), 'secrets'))).toBe(false);
    const show = await h.run(['profile', 'show', 'stored', '-o', 'json']);
    expect(show.json().password).toBe('file');
    noSecret(set, show);
  });

  it('deleting the cache dir loses the token only: the next command logs in with the stored password', async () => {
    const first = await h.run(['-p', 'stored', 'volume', 'list', '-o', 'json']);
    expect(first.code, first.stderr).toBe(0);
    // The token cache is a cache: under the cache dir, in tokens/.
    const tokens = (await readdir(join(cache(), 'tokens'))).filter((f) => /^token-[0-9a-f]{32}$/.test(f));
    expect(tokens.length).toBeGreaterThan(0);
    for (const f of tokens) expect(await mode(join(cache(), 'tokens', f))).toBe(0o600);
    expect((await readdir(data())).filter((f) => f.startsWith('token-'))).toEqual([]);

    await rm(cache(), { recursive: true, force: true });
    const before = authRequests();
    const again = await h.run(['-p', 'stored', 'volume', 'list', '-o', 'json']);
    expect(again.code, again.stderr).toBe(0);
    expect(Array.isArray(again.json())).toBe(true);
    expect(again.stderr).toBe('');
    expect(authRequests()).toBe(before + 1);
    noSecret(first, again);
  });

  it('auth status says where secrets live and why, and keeps its other keys', async () => {
    const r = await h.run(['-p', 'stored', 'auth', 'status', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const s = r.json();
    expect(s.secret_store).toBe(`file store ${data()} (no keyring: DBUS_SESSION_BUS_ADDRESS unset)`);
    expect(s.credentials.password).toBe(`file ${join(data(), 'password-stored')} (mode 0600)`);
    expect(s.token_store).toMatch(new RegExp(`^file ${cache()}/tokens/token-[0-9a-f]{32} \\(mode 0600\\)$`));
    for (const k of ['profile', 'backend', 'auth_type', 'user', 'project', 'expires_at', 'token_cached', 'token_store', 'credentials']) expect(s).toHaveProperty(k);
    const table = await h.run(['-p', 'stored', 'auth', 'status']);
    expect(table.stdout).toMatch(/Secret store +│ file store .*\(no keyring: DBUS_SESSION_BUS_ADDRESS unset\)/);
    noSecret(r, table);
  });

  it('auth status names the other reasons: secret_store: file in the profile, a bus that does not answer', async () => {
    await addProfile('filepref', ['secret_store=file']);
    const pref = await h.run(['-p', 'filepref', 'auth', 'status', '-o', 'json']);
    expect(pref.json().secret_store).toBe(`file store ${data()} (secret_store: file in the profile)`);
    const t0 = Date.now();
    const bus = await h.run(['-p', 'stored', 'auth', 'status', '-o', 'json'], { env: { DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(h.home, 'no-bus')}` } });
    expect(bus.code, bus.stderr).toBe(0);
    expect(bus.json().secret_store).toMatch(new RegExp(`^file store ${data()} \\((the Secret Service did not answer|keytar is not installed or not built): .+\\)$`));
    expect(bus.json().credentials.password).toBe(`file ${join(data(), 'password-stored')} (mode 0600)`);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('--token-stdin keeps the token in the file store too (token: file)', async () => {
    await addProfile('tok');
    const r = await h.run(['profile', 'set', 'tok', '--token-stdin'], { input: 'a-stored-bearer-token-123\n' });
    expect(r.code, r.stderr).toBe(0);
    expect(await profileBlock('tok')).toMatch(/^    token: file$/m);
    expect(await readFile(join(data(), 'token-tok'), 'utf8')).toBe('a-stored-bearer-token-123');
    const st = await h.run(['-p', 'tok', 'auth', 'status', '-o', 'json']);
    expect(st.json().credentials.token).toBe(`file ${join(data(), 'token-tok')} (mode 0600)`);
    expect(r.stdout + r.stderr + st.stdout + st.stderr).not.toContain('a-stored-bearer-token-123');
  });
});

describe('secrets under the cache dir (the old layout)', () => {
  async function oldLayout(profile: string, marker = 'keyring') {
    await addProfile(profile, [`password=${marker}`]);
    const old = join(cache(), 'secrets');
    await mkdir(old, { recursive: true, mode: 0o700 });
    await writeFile(join(old, `password-${profile}`), password, { mode: 0o644 });
    await chmod(join(old, `password-${profile}`), 0o644);
    await writeFile(join(old, 'token-0123456789abcdef0123456789abcdef'), '{"v":1,"token":"old-cached-token"}', { mode: 0o600 });
    return old;
  }

  it('are moved to the data dir on first use, said once, and used', async () => {
    const old = await oldLayout('legacy');
    const r = await h.run(['-p', 'legacy', 'volume', 'list', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(`storctl: note: moved stored secrets (password-legacy) from ${old} to ${data()}, where cleaning the cache cannot delete them\n`);
    expect(await readFile(join(data(), 'password-legacy'), 'utf8')).toBe(password);
    expect(await mode(join(data(), 'password-legacy'))).toBe(0o600);
    expect(await exists(old)).toBe(false); // the old token-cache file went too
    const again = await h.run(['-p', 'legacy', 'auth', 'status', '-o', 'json']);
    expect(again.stderr).toBe('');
    expect(again.json().credentials.password).toBe(`file ${join(data(), 'password-legacy')} (mode 0600)`);
    noSecret(r, again);
  });

  it('a newer copy already in the data dir is never overwritten', async () => {
    await addProfile('newer', ['password=file']);
    await writeFile(join(data(), 'password-newer'), password, { mode: 0o600 });
    const old = join(cache(), 'secrets');
    await mkdir(old, { recursive: true });
    await writeFile(join(old, 'password-newer'), 'an-older-password', { mode: 0o600 });
    const past = new Date(Date.now() - 3600_000);
    await utimes(join(old, 'password-newer'), past, past);
    const r = await h.run(['-p', 'newer', 'volume', 'list', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(await readFile(join(data(), 'password-newer'), 'utf8')).toBe(password);
    expect(await exists(old)).toBe(false);
  });

  it('eight processes migrating at once: each secret moved once, nothing lost or left behind', async () => {
    await rm(cache(), { recursive: true, force: true });
    const old = await oldLayout('race');
    await writeFile(join(old, 'password-race2'), 'second-secret-value', { mode: 0o600 });
    const results = await Promise.all(Array.from({ length: 8 }, () => h.run(['-p', 'race', 'auth', 'status', '-o', 'json'])));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const said = results.flatMap((r) => r.stderr.split('\n').filter(Boolean));
    for (const line of said) expect(line).toMatch(/^storctl: note: moved stored secrets \((password-race2?)(, password-race2?)?\) from /);
    for (const name of ['password-race', 'password-race2']) expect(said.filter((l) => l.includes(`${name})`) || l.includes(`${name},`))).toHaveLength(1);
    expect(await readFile(join(data(), 'password-race'), 'utf8')).toBe(password);
    expect(await readFile(join(data(), 'password-race2'), 'utf8')).toBe('second-secret-value');
    expect((await readdir(data())).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(await exists(old)).toBe(false);
    for (const r of results) expect(r.json().credentials.password).toBe(`file ${join(data(), 'password-race')} (mode 0600)`);
    noSecret(...results);
  });

  // Root ignores the mode bits this relies on.
  it.skipIf(process.getuid?.() === 0)('a cache dir that cannot be written: copied all the same, and no failure', async () => {
    const old = await oldLayout('rocache');
    await chmod(old, 0o500);
    try {
      const r = await h.run(['-p', 'rocache', 'volume', 'list', '-o', 'json']);
      expect(r.code, r.stderr).toBe(0);
      expect(await readFile(join(data(), 'password-rocache'), 'utf8')).toBe(password);
      const again = await h.run(['-p', 'rocache', 'volume', 'list', '-o', 'json']);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).toBe('');
    } finally {
      await chmod(old, 0o700);
    }
  });

  it('a data dir that cannot be written: one warning with the fix, and the old file is still read', async () => {
    await rm(cache(), { recursive: true, force: true });
    const old = await oldLayout('stuck');
    const blocked = join(h.home, 'blocked');
    await writeFile(blocked, 'a file, not a dir');
    const r = await h.run(['-p', 'stuck', 'volume', 'list', '-o', 'json'], { env: { STORCTL_DATA_DIR: join(blocked, 'storctl') } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(
      `storctl: warning: could not move stored secrets (password-stuck) from ${old} to ${blocked}/storctl/secrets: is not a directory (ENOTDIR: ${blocked} is a file); ` +
        `they are read from the cache dir until then, and deleting it loses them; fix: move ${blocked} out of the way, or point STORCTL_DATA_DIR at a writable directory\n`,
    );
    expect(await readFile(join(old, 'password-stuck'), 'utf8')).toBe(password);
    noSecret(r);
  });
});
