// No secret leaks through a type error, a hint, or a --debug fingerprint; values that cannot
// work (URLs, ports, numbers, durations) are refused when written and when read, with exit 2,
// instead of turning into retried network errors.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeHome, ROOT, startSandboxHome, type CliResult, type SandboxHome, type TestHome } from '../e2e/harness.js';

vi.setConfig({ testTimeout: 60_000 });

let h: SandboxHome;
let password = '';

const lines = (s: string) => s.split('\n').filter((l) => l.trim() !== '');
function oneCleanLine(r: CliResult) {
  expect(lines(r.stderr), r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(/internal error|storctl bug|try again|\n\s+at /);
}

beforeAll(async () => {
  h = await startSandboxHome(['openstack']);
  const cfg = await readFile(join(h.home, '.config/storctl/config.yaml'), 'utf8');
  password = /sandbox-openstack:[\s\S]*?password: (\S+)/.exec(cfg)![1]!;
}, 60_000);

afterAll(async () => {
  await h?.cleanup();
});

async function withConfig(yaml: string, fn: (home: TestHome) => Promise<void>) {
  const home = await makeHome();
  try {
    await mkdir(join(home.home, '.config/storctl'), { recursive: true, mode: 0o700 });
    await writeFile(join(home.home, '.config/storctl/config.yaml'), yaml, { mode: 0o600 });
    await fn(home);
  } finally {
    await home.cleanup();
  }
}

describe('type errors never echo a secret', () => {
  it('password: [list] says the type, not the value (exit 2)', async () => {
    await withConfig('current_profile: p\nprofiles:\n  p:\n    backend: openstack\n    auth_url: https://keystone.example:5000/v3\n    username: u\n    password: [hunter2-in-a-list]\n', async (home) => {
      const r = await home.run(['volume', 'list'], { timeoutMs: 10_000 });
      expect(r.code, r.stderr).toBe(2);
      oneCleanLine(r);
      expect(r.stderr).toMatch(/config\.yaml:7: setting "password" in profile "p" must be a string, not a list \(value hidden\)/);
      expect(r.stdout + r.stderr).not.toContain('hunter2');
    });
  });

  it('a secret with a bad value from the environment is not echoed either', async () => {
    await withConfig('current_profile: p\nprofiles:\n  p:\n    backend: openstack\n    auth_url: https://keystone.example:5000/v3\n    username: u\n    token: {a: tok-in-a-map-123}\n', async (home) => {
      const r = await home.run(['volume', 'list', '-o', 'json'], { timeoutMs: 10_000 });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain('must be a string, not a mapping (value hidden)');
      expect(r.stderr).not.toContain('tok-in-a-map');
    });
  });
});

describe('URL and number settings are checked when written and when read', () => {
  it('profile add/set refuse unusable URLs, ports, endpoints, numbers and durations: exit 2, quickly, naming the setting', async () => {
    const home = await makeHome();
    try {
      const cases: [string[], RegExp][] = [
        [['profile', 'add', 'a', '--backend', 'openstack', 'auth_url=http://h:414910/v3'], /^storctl: auth_url "http:\/\/h:414910\/v3" in profile "a": port 414910 is out of range \(1–65535\); e\.g\. auth_url=https:\/\//],
        [['profile', 'add', 'a', '--backend', 'openstack', 'auth_url=notaurl'], /^storctl: auth_url "notaurl" in profile "a": not a URL/],
        [['profile', 'add', 'a', '--backend', 'swift', 'endpoint=not a host'], /^storctl: endpoint "not a host" in profile "a": not a (host or )?URL/],
        [['profile', 'add', 'a', '--backend', 'swift', 'endpoint=swift-host:8080'], /^storctl: endpoint "swift-host:8080" in profile "a": not a URL/],
        [['profile', 'add', 'a', '--backend', 'openstorage', 'endpoint=px:99999'], /port 99999 is out of range/],
        [['profile', 'add', 'a', '--backend', 'openstack', 'timeout=-3'], /setting "timeout" in profile "a" must be a non-negative number, not "-3"/],
        [['profile', 'add', 'a', '--backend', 'openstack', 'wait_timeout=soon'], /wait_timeout "soon" in profile "a": not a duration/],
      ];
      for (const [args, re] of cases) {
        const t0 = Date.now();
        const r = await home.run(args, { timeoutMs: 10_000 });
        expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(2);
        expect(r.stderr, args.join(' ')).toMatch(re);
        oneCleanLine(r);
        expect(Date.now() - t0).toBeLessThan(5000);
      }
      // Good values pass; OpenStorage takes host:port.
      expect((await home.run(['profile', 'add', 'px', '--backend', 'openstorage', 'endpoint=px-node1:9100', 'wait_timeout=10m', 'timeout=30'])).code).toBe(0);
      const set = await home.run(['profile', 'set', 'px', 'rest_endpoint=http://px-node1:0'], { timeoutMs: 10_000 });
      expect(set.code).toBe(2);
      expect(set.stderr).toMatch(/rest_endpoint "http:\/\/px-node1:0" in profile "px": port 0 is out of range/);
      // A host:port endpoint does not fit a Swift profile.
      const sw = await home.run(['profile', 'set', 'px', 'backend=swift'], { timeoutMs: 10_000 });
      expect(sw.code, sw.stderr).toBe(2);
      expect(sw.stderr).toMatch(/endpoint "px-node1:9100" in profile "px": not a URL/);
    } finally {
      await home.cleanup();
    }
  });

  it('an unusable auth_url in the file or the environment fails at once (exit 2), not as a retried network error', async () => {
    await withConfig('current_profile: p\nprofiles:\n  p:\n    backend: openstack\n    auth_url: http://h:414910/v3\n    username: u\n    password: pw-123456\n', async (home) => {
      const t0 = Date.now();
      const r = await home.run(['volume', 'list'], { timeoutMs: 10_000 });
      expect(r.code, r.stderr).toBe(2);
      oneCleanLine(r);
      expect(r.stderr).toMatch(/config\.yaml:5: auth_url "http:\/\/h:414910\/v3" in profile "p": port 414910 is out of range/);
      expect(Date.now() - t0).toBeLessThan(5000);
      const e = await home.run(['-p', 'p', 'volume', 'list'], { env: { STORCTL_AUTH_URL: 'notaurl' }, timeoutMs: 10_000 });
      expect(e.code).toBe(2);
      expect(e.stderr).toMatch(/^storctl: env STORCTL_AUTH_URL: auth_url "notaurl" in profile "p": not a URL/);
      // The value in effect is what counts: a good one from the environment overrides the file's.
      const fine = await home.run(['-p', 'p', 'profile', 'explain'], { env: { STORCTL_AUTH_URL: 'https://keystone.example:5000/v3' }, timeoutMs: 10_000 });
      expect(fine.code, fine.stderr).toBe(0);
    });
  });
});

describe('--debug fingerprints', () => {
  it('the password fingerprint is keyed per process: not the plain sha256, different in each run', async () => {
    const plain = '{SHA256}' + createHash('sha256').update(password).digest('hex').slice(0, 16);
    const fps: string[] = [];
    for (let i = 0; i < 2; i++) {
      const r = await h.run(['-p', 'sandbox-openstack', '--debug', '--no-cache', 'volume', 'list', '-o', 'json'], { timeoutMs: 20_000 });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout + r.stderr).not.toContain(password);
      const m = /"password": ?"(\{SHA256\}[0-9a-f]{16})"/.exec(r.stderr);
      expect(m, r.stderr.slice(0, 2000)).not.toBeNull();
      expect(m![1]).not.toBe(plain);
      fps.push(m![1]!);
    }
    expect(fps[0]).not.toBe(fps[1]);
  });
});

describe('hints never put a secret on the command line', () => {
  it('a refused OpenStorage token points at --token-stdin', async () => {
    type SimMod = typeof import('../../src/sandbox/openstorage/index.js');
    const mod = (await import(join(ROOT, 'dist/sandbox/openstorage/index.js'))) as SimMod;
    const sim = await mod.startOpenStorage({ auth: { sharedSecret: 'faults-shared-secret', issuer: 'faults' } });
    try {
      const expired = sim.mintToken({ sub: 'a@x', name: 'a', roles: ['system.admin'], expiresInSeconds: -120 });
      const untrusted = sim.mintToken({ sub: 'x', roles: ['system.admin'], issuer: 'someone-else.example' });
      const yaml = ['profiles:']
        .concat(
          ...[
            ['expired', expired],
            ['untrusted', untrusted],
          ].map(([n, t]) => [`  ${n}:`, '    backend: openstorage', `    endpoint: ${sim.grpcAddress}`, `    token: ${t}`]),
          ['  guest:', '    backend: openstorage', `    endpoint: ${sim.grpcAddress}`],
        )
        .join('\n');
      await withConfig(yaml + '\n', async (home) => {
        for (const p of ['expired', 'untrusted']) {
          const r = await home.run(['-p', p, 'volume', 'list'], { timeoutMs: 20_000 });
          expect(r.code, r.stderr).toBe(3);
          expect(r.stderr).toContain(`storctl profile set ${p} --token-stdin`);
          expect(r.stderr).not.toMatch(/token=|password=|secret=/);
        }
      });
    } finally {
      await sim.close();
    }
  });

  it('a missing secret points at an environment variable or a stdin flag, never KEY=VALUE', async () => {
    await withConfig(
      'profiles:\n  ac:\n    backend: openstack\n    auth_url: https://keystone.example:5000/v3\n    application_credential_id: abc\n  ks:\n    backend: openstack\n    auth_url: https://keystone.example:5000/v3\n    username: u\n    project_name: p\n',
      async (home) => {
        const ac = await home.run(['-p', 'ac', 'auth', 'login'], { timeoutMs: 10_000 });
        expect(ac.code, ac.stderr).toBe(3);
        expect(ac.stderr).toContain('set OS_APPLICATION_CREDENTIAL_SECRET');
        expect(ac.stderr).not.toMatch(/_secret=/);
        const ks = await home.run(['-p', 'ks', 'auth', 'login'], { timeoutMs: 10_000 });
        expect(ks.code, ks.stderr).toBe(3);
        expect(ks.stderr).toContain('storctl profile set ks --password');
        expect(ks.stderr).not.toMatch(/password=/);
      },
    );
  });
});
