// Local state that fails: a token lock left by a killed storctl, a lock held by a live one,
// SIGTERM while holding the lock, a cache dir or config dir that cannot be written, a trace
// file in a missing directory. Each is classified (exit code, one line naming the path and
// the fix) and none turns into a silent wait or an "internal error".
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chmod, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { BIN, makeHome, startSandboxHome, type CliResult, type SandboxHome, type TestHome } from '../e2e/harness.js';
import { withFileLock, processStart } from '../../src/auth/lock.js';
import { dirProblem } from '../../src/config/fs-problem.js';

vi.setConfig({ testTimeout: 60_000 });

let h: SandboxHome;
let hang: Server;
let hangPort = 0;
let hangHits = 0;

function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return undefined;
  }
}

const lines = (s: string) => s.split('\n').filter((l) => l.trim() !== '');

function oneCleanLine(r: CliResult) {
  expect(lines(r.stderr), r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(/internal error|storctl bug|\n\s+at /);
}

/** A pid that certainly no longer runs: a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  const pid = child.pid!;
  await new Promise((r) => child.on('exit', r));
  return pid;
}

const cacheOf = (home: TestHome) => join(home.home, '.cache/storctl');

async function allLockPaths(): Promise<string[]> {
  const r = await h.run(['-p', 'sandbox-openstack', 'volume', 'list', '-o', 'json'], { timeoutMs: 20_000 });
  expect(r.code, r.stderr).toBe(0);
  const files = (await readdir(join(cacheOf(h), 'tokens'))).filter((f) => f.startsWith('token-'));
  await rm(join(cacheOf(h), 'tokens'), { recursive: true, force: true });
  return files.map((f) => join(cacheOf(h), 'locks', `${f.slice('token-'.length)}.lock`));
}

async function writeLocks(paths: string[], content: string) {
  for (const p of paths) {
    await mkdir(join(p, '..'), { recursive: true, mode: 0o700 });
    await writeFile(p, content, { mode: 0o600 });
  }
}

async function exists(p: string) {
  return stat(p).then(() => true, () => false);
}

beforeAll(async () => {
  h = await startSandboxHome(['openstack']);
  hang = createServer(() => {
    hangHits++; // never answers
  });
  await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
  hangPort = (hang.address() as AddressInfo).port;
  const cfgPath = join(h.home, '.config/storctl/config.yaml');
  const text = await readFile(cfgPath, 'utf8');
  await writeFile(
    cfgPath,
    text.replace(/^profiles:\n/m, `profiles:\n  hang:\n    backend: openstack\n    auth_url: http://127.0.0.1:${hangPort}/v3\n    username: u\n    password: hang-pass-123\n    project_name: p\n    user_domain_name: Default\n    project_domain_name: Default\n`),
    { mode: 0o600 },
  );
}, 60_000);

afterAll(async () => {
  hang?.closeAllConnections();
  await new Promise((r) => hang?.close(r));
  await h?.cleanup();
});

describe('token lock', () => {
  it('a lock left by a storctl that is gone (same host and boot) is taken over at once', async () => {
    const paths = await allLockPaths();
    const pid = await deadPid();
    await writeLocks(paths, JSON.stringify({ pid, host: hostname(), boot: bootId() }) + '\n');
    const t0 = Date.now();
    const r = await h.run(['-p', 'sandbox-openstack', 'volume', 'list', '-o', 'json'], { timeoutMs: 15_000 });
    const took = Date.now() - t0;
    expect(r.code, r.stderr).toBe(0);
    expect(took).toBeLessThan(3000);
    expect(r.stderr).toBe('');
    for (const p of paths) expect(await exists(p), p).toBe(false);
  });

  it('a lock from another boot of this host is taken over at once, and says so under --debug', async () => {
    const paths = await allLockPaths();
    await writeLocks(paths, JSON.stringify({ pid: process.pid, host: hostname(), boot: '00000000-0000-0000-0000-000000000000' }) + '\n');
    const t0 = Date.now();
    const r = await h.run(['-p', 'sandbox-openstack', '--debug', 'volume', 'list', '-o', 'json'], { timeoutMs: 15_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(r.stderr).toMatch(/taking over the lock .*its holder \(pid \d+\) is gone/);
    for (const p of paths) expect(await exists(p), p).toBe(false);
  });

  it('a reused pid (the process started after the lock was written) does not hold the lock', async () => {
    const paths = await allLockPaths();
    await writeLocks(paths, JSON.stringify({ pid: process.pid, host: hostname(), boot: bootId(), start: '1' }) + '\n');
    const t0 = Date.now();
    const r = await h.run(['-p', 'sandbox-openstack', 'volume', 'list', '-o', 'json'], { timeoutMs: 15_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it('a live holder is waited for, with ONE line after 2 s, and the command goes on when it lets go', async () => {
    const paths = await allLockPaths();
    await writeLocks(paths, JSON.stringify({ pid: process.pid, host: hostname(), boot: bootId(), start: processStart(process.pid) }) + '\n');
    const child = spawn(process.execPath, [BIN, '-p', 'sandbox-openstack', 'volume', 'list', '-o', 'json'], { env: h.env });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const t0 = Date.now();
    const closed = new Promise<number>((r) => child.on('close', (c) => r(c ?? -1)));
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    // Bounded: the note is due after 2 s.
    while (!stderr.includes('waiting for another storctl') && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 50));
    const noticed = Date.now() - t0;
    expect(stderr).toBe(`storctl: waiting for another storctl (pid ${process.pid}) that is refreshing the token for profile "sandbox-openstack"\n`);
    expect(noticed).toBeGreaterThanOrEqual(1900);
    await new Promise((r) => setTimeout(r, 1000));
    for (const p of paths) await rm(p, { force: true }); // the holder finishes
    const code = await closed;
    clearTimeout(killer);
    expect(code, stderr).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(lines(stderr)).toHaveLength(1);
  });

  it('the wait for a live holder is bounded: then the function runs without the lock', async () => {
    const dir = join(h.home, 'unit-locks');
    await mkdir(dir, { recursive: true });
    const path = join(dir, 'k.lock');
    await writeFile(path, JSON.stringify({ pid: process.pid, host: hostname(), boot: bootId() }));
    const notes: string[] = [];
    let told = 0;
    const t0 = Date.now();
    const v = await withFileLock(path, async () => 42, { note: (m) => notes.push(m), waiting: () => told++, waitMs: 600, tellAfterMs: 200 });
    expect(v).toBe(42);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(told).toBe(1);
    expect(notes.join('\n')).toMatch(/still held by pid \d+ after 1 s; going on without it/);
    expect(await exists(path)).toBe(true); // not ours: left alone
    // Unparseable content and other hosts keep the age rule.
    await writeFile(path, 'garbage');
    const t1 = Date.now();
    await withFileLock(path, async () => 1, { waitMs: 5000, staleMs: 300 });
    expect(Date.now() - t1).toBeLessThan(2000);
    await writeFile(path, JSON.stringify({ pid: 1, host: 'some-other-host.example', boot: 'x' }));
    const t2 = Date.now();
    await withFileLock(path, async () => 1, { waitMs: 5000, staleMs: 300 });
    expect(Date.now() - t2).toBeLessThan(2000);
    expect(await exists(path)).toBe(false);
  });

  it('the lock file names its holder: pid, host, boot id', async () => {
    const dir = join(h.home, 'unit-locks2');
    const path = join(dir, 'k.lock');
    const seen = await withFileLock(path, async () => JSON.parse(await readFile(path, 'utf8')));
    expect(seen).toMatchObject({ pid: process.pid, host: hostname() });
    if (bootId()) expect(seen.boot).toBe(bootId());
    expect(await exists(path)).toBe(false);
  });

  it('kill -9 during auth login leaves a lock the next command takes over at once', async () => {
    const child = spawn(process.execPath, [BIN, '-p', 'hang', 'auth', 'login'], { env: h.env });
    const locks = join(cacheOf(h), 'locks');
    const t0 = Date.now();
    let lockFile: string | undefined;
    while (!lockFile && Date.now() - t0 < 10_000) {
      lockFile = (await readdir(locks).catch(() => [] as string[])).find((f) => f.endsWith('.lock'));
      if (!lockFile || hangHits === 0) {
        lockFile = undefined;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    expect(lockFile, 'auth login took the lock and sent its request').toBeDefined();
    const left = await readFile(join(locks, lockFile!), 'utf8');
    child.kill('SIGKILL');
    await new Promise((r) => child.on('close', r));
    expect(await exists(join(locks, lockFile!))).toBe(true);
    expect(JSON.parse(left)).toMatchObject({ pid: child.pid, host: hostname() });
    // The very lock it left, on the key of a profile that can log in.
    const paths = await allLockPaths();
    await writeLocks(paths, left);
    await rm(join(locks, lockFile!), { force: true });
    const t1 = Date.now();
    const r = await h.run(['-p', 'sandbox-openstack', 'volume', 'list', '-o', 'json'], { timeoutMs: 15_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(Date.now() - t1).toBeLessThan(3000);
    expect(r.stderr).toBe('');
  });

  it('SIGTERM during auth login: exit 143, one line, and the lock is gone', async () => {
    const before = hangHits;
    const child = spawn(process.execPath, [BIN, '-p', 'hang', 'auth', 'login'], { env: h.env });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const locks = join(cacheOf(h), 'locks');
    const t0 = Date.now();
    while (hangHits === before && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 50));
    expect(hangHits).toBeGreaterThan(before);
    expect((await readdir(locks)).filter((f) => f.endsWith('.lock')).length).toBeGreaterThan(0);
    child.kill('SIGTERM');
    const t1 = Date.now();
    const code = await new Promise<number>((r) => child.on('close', (c, sig) => r(c ?? (sig ? -1 : -2))));
    expect(code, stderr).toBe(143);
    expect(Date.now() - t1).toBeLessThan(5000);
    expect(stderr).toBe('storctl: terminated\n');
    expect((await readdir(locks)).filter((f) => f.endsWith('.lock'))).toEqual([]);
  });
});

describe('cache dir that cannot be written', () => {
  async function withBrokenCache(setup: (home: string) => Promise<Record<string, string>>, check: (r: CliResult, env: Record<string, string>) => Promise<void> | void) {
    const env = await setup(h.home);
    try {
      const r = await h.run(['-p', 'sandbox-openstack', 'volume', 'list', '-o', 'json'], { env, timeoutMs: 20_000 });
      await check(r, env);
    } finally {
      await rm(join(h.home, 'broken'), { recursive: true, force: true });
    }
  }

  it('~/.cache/storctl is a file: the command runs without the cache, with one warning naming it and the fix', async () => {
    await withBrokenCache(
      async (home) => {
        await mkdir(join(home, 'broken/.cache'), { recursive: true });
        await writeFile(join(home, 'broken/.cache/storctl'), 'not a dir');
        return { XDG_CACHE_HOME: join(home, 'broken/.cache') };
      },
      (r) => {
        expect(r.code, r.stderr).toBe(0);
        expect(Array.isArray(r.json())).toBe(true);
        oneCleanLine(r);
        const dir = join(h.home, 'broken/.cache/storctl');
        expect(r.stderr).toBe(
          `storctl: warning: cache dir ${dir} is not a directory (ENOTDIR: ${dir} is a file); running without the cache (no token reuse, no lock); fix: move ${dir} out of the way, or set XDG_CACHE_HOME to a writable directory\n`,
        );
      },
    );
  });

  it('XDG_CACHE_HOME under a regular file: same, one warning', async () => {
    await withBrokenCache(
      async (home) => {
        await mkdir(join(home, 'broken'), { recursive: true });
        await writeFile(join(home, 'broken/file'), 'x');
        return { XDG_CACHE_HOME: join(home, 'broken/file/cache') };
      },
      (r) => {
        expect(r.code, r.stderr).toBe(0);
        oneCleanLine(r);
        expect(r.stderr).toContain(`cache dir ${join(h.home, 'broken/file/cache/storctl')} is not a directory (ENOTDIR: ${join(h.home, 'broken/file')} is a file)`);
        expect(r.stderr).toContain('set XDG_CACHE_HOME');
      },
    );
  });

  it('profile set --password-stdin with no usable cache dir: stored all the same (the data dir holds it)', async () => {
    const home = await makeHome();
    try {
      expect((await home.run(['profile', 'add', 'p', '--backend', 'swift', 'endpoint=https://swift.example/v1/AUTH_x', 'username=u'])).code).toBe(0);
      await mkdir(join(home.home, 'broken/.cache'), { recursive: true });
      await writeFile(join(home.home, 'broken/.cache/storctl'), 'not a dir');
      const r = await home.run(['profile', 'set', 'p', '--password-stdin'], { env: { XDG_CACHE_HOME: join(home.home, 'broken/.cache') }, input: 'some-new-pass\n' });
      expect(r.code, r.stderr).toBe(0);
      expect(await readFile(join(home.home, '.local/share/storctl/secrets/password-p'), 'utf8')).toBe('some-new-pass');
      expect(r.stdout + r.stderr).not.toContain('some-new-pass');
    } finally {
      await home.cleanup();
    }
  });

  it('profile set --password-stdin with a data dir that cannot be written: exit 2, one line naming it and the fix', async () => {
    const home = await makeHome();
    try {
      expect((await home.run(['profile', 'add', 'p', '--backend', 'swift', 'endpoint=https://swift.example/v1/AUTH_x', 'username=u'])).code).toBe(0);
      await mkdir(join(home.home, '.local'), { recursive: true });
      await writeFile(join(home.home, '.local/share'), 'a file, not a dir');
      const r = await home.run(['profile', 'set', 'p', '--password-stdin'], { input: 'some-new-pass\n' });
      expect(r.code, r.stderr).toBe(2);
      oneCleanLine(r);
      const file = join(home.home, '.local/share');
      expect(r.stderr).toBe(
        `storctl: cannot store the password: data dir ${file}/storctl/secrets is not a directory (ENOTDIR: ${file} is a file); move ${file} out of the way, or set XDG_DATA_HOME to a writable directory\n`,
      );
      const again = await home.run(['profile', 'set', 'p', '--password-stdin'], { env: { STORCTL_DATA_DIR: join(file, 'x') }, input: 'some-new-pass\n' });
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(/or point STORCTL_DATA_DIR at a writable directory\n$/);
      expect(r.stdout + r.stderr + again.stderr).not.toContain('some-new-pass');
      expect(await readFile(join(home.home, '.config/storctl/config.yaml'), 'utf8')).not.toMatch(/password/);
    } finally {
      await home.cleanup();
    }
  });

  it('a cache dir without write permission (EACCES) is explained with chmod', async () => {
    // Root ignores mode bits, so the words are checked on the classification itself.
    const p = dirProblem('/x/.cache/storctl', Object.assign(new Error('EACCES'), { code: 'EACCES' }));
    expect(p.reason).toBe('is not writable (EACCES)');
    expect(p.fix).toMatch(/^chmod u\+w \//);
    if (process.getuid?.() !== 0) {
      const ro = join(h.home, 'ro-cache');
      await mkdir(join(ro, 'storctl'), { recursive: true });
      await chmod(join(ro, 'storctl'), 0o500);
      try {
        const r = await h.run(['-p', 'sandbox-openstack', 'volume', 'list', '-o', 'json'], { env: { XDG_CACHE_HOME: ro }, timeoutMs: 20_000 });
        expect(r.code, r.stderr).toBe(0);
        oneCleanLine(r);
        expect(r.stderr).toContain(`cache dir ${join(ro, 'storctl')} is not writable (EACCES)`);
        expect(r.stderr).toContain(`chmod u+w ${join(ro, 'storctl')}`);
      } finally {
        await chmod(join(ro, 'storctl'), 0o700);
      }
    }
  });
});

describe('config dir and trace file', () => {
  it('profile add where the config dir is a file: exit 2, one line naming the path and the fix', async () => {
    const home = await makeHome();
    try {
      await mkdir(join(home.home, '.config'), { recursive: true });
      await writeFile(join(home.home, '.config/storctl'), 'a file, not a dir');
      const r = await home.run(['profile', 'add', 'p', '--backend', 'openstack', 'auth_url=https://keystone.example:5000/v3']);
      expect(r.code, r.stderr).toBe(2);
      oneCleanLine(r);
      const dir = join(home.home, '.config/storctl');
      expect(r.stderr).toBe(`storctl: cannot write config file ${dir}/config.yaml: directory ${dir} is not a directory (ENOTDIR: ${dir} is a file); move ${dir} out of the way, or point STORCTL_CONFIG at a writable place\n`);
    } finally {
      await home.cleanup();
    }
  });

  it('profile add with STORCTL_CONFIG under a regular file: exit 2', async () => {
    const home = await makeHome();
    try {
      await writeFile(join(home.home, 'plain'), 'x');
      const r = await home.run(['profile', 'add', 'p', '--backend', 'swift'], { env: { STORCTL_CONFIG: join(home.home, 'plain/sub/config.yaml') } });
      expect(r.code, r.stderr).toBe(2);
      oneCleanLine(r);
      expect(r.stderr).toMatch(/^storctl: cannot write config file .*plain\/sub\/config\.yaml: directory .* is not a directory \(ENOTDIR: .*plain is a file\)/);
    } finally {
      await home.cleanup();
    }
  });

  it('--trace-file in a missing directory: exit 2 before any request', async () => {
    const before = hangHits;
    const r = await h.run(['-p', 'hang', '--trace-file', '/nonexistent/dir/t.jsonl', 'volume', 'list'], { timeoutMs: 10_000 });
    expect(r.code, r.stderr).toBe(2);
    oneCleanLine(r);
    expect(r.stderr).toBe('storctl: cannot write trace file /nonexistent/dir/t.jsonl: no such directory (/nonexistent/dir); create it or pick another path\n');
    await new Promise((res) => setTimeout(res, 100));
    expect(hangHits).toBe(before);
  });

  it('--trace-file that is a directory: exit 2; a good one is created 0600 and holds no secret', async () => {
    const r = await h.run(['-p', 'sandbox-openstack', '--trace-file', h.home, 'volume', 'list'], { timeoutMs: 10_000 });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^storctl: cannot write trace file .*: it is a directory; /);
    const file = join(h.home, 'trace.jsonl');
    await rm(join(cacheOf(h), 'tokens'), { recursive: true, force: true });
    const ok = await h.run(['-p', 'sandbox-openstack', '--trace-file', file, 'volume', 'list', '-o', 'json'], { timeoutMs: 20_000 });
    expect(ok.code, ok.stderr).toBe(0);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const trace = await readFile(file, 'utf8');
    expect(trace).toContain('"type":"http.request"');
    const cfg = await readFile(join(h.home, '.config/storctl/config.yaml'), 'utf8');
    const password = /sandbox-openstack:[\s\S]*?password: (\S+)/.exec(cfg)![1]!;
    expect(trace).not.toContain(password);
    expect(ok.stdout + ok.stderr).not.toContain(password);
  });
});

describe('KumoScale "last provisioner" memo without a usable cache dir', () => {
  let k: SandboxHome;
  beforeAll(async () => {
    k = await startSandboxHome(['kumoscale']);
    const s = k.sandbox.profiles.find((p) => p.name === 'sandbox-kumoscale')!.settings as Record<string, any>;
    const add = await k.run(['profile', 'add', 'ksf', '--backend', 'kumoscale', `endpoint=https://127.0.0.1:1,${s.endpoint[0]}`, `username=${s.username}`, `password=${s.password}`, `cacert=${s.cacert}`, `cert=${s.cert}`]);
    expect(add.code, add.stderr).toBe(0);
  }, 60_000);
  afterAll(async () => {
    await k?.cleanup();
  });

  it('fails over, skips the memo, one warning', async () => {
    await mkdir(join(k.home, 'broken'), { recursive: true });
    await writeFile(join(k.home, 'broken/storctl'), 'x');
    const r = await k.run(['-p', 'ksf', 'volume', 'list', '-o', 'json'], { env: { XDG_CACHE_HOME: join(k.home, 'broken') }, timeoutMs: 20_000 });
    expect(r.code, r.stderr).toBe(0);
    oneCleanLine(r);
    expect(r.stderr).toMatch(/^storctl: warning: cache dir .*broken\/storctl is not a directory/);
  });
});
