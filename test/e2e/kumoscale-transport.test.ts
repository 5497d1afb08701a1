// KumoScale transport and auth, through the built CLI against the provisioner simulator:
// HTTPS only, client certificates, self-signed servers, failover across provisioner URLs,
// Basic and Bearer credentials, and how errors (envelopes with HTTP 200, HTML pages) look.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, startSandboxHome, type CliResult, type SandboxHome } from './harness.js';

type KsMod = typeof import('../../src/sandbox/kumoscale/index.js');
// Dozens of CLI processes per test on a shared machine: allow more than the default 30 s.
vi.setConfig({ testTimeout: 120_000 });

let h: SandboxHome;
let ks: any;
let strict: Awaited<ReturnType<KsMod['startKumoScale']>>;

const run = (profile: string, args: string[]) => h.run(['-p', profile, ...args]);

/** One line on stderr, no HTML, the given exit code. */
function expectOneLine(r: CliResult, code: number) {
  expect(r.code, r.stderr).toBe(code);
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(/<html|<body|<h1|<!doctype/i);
}

beforeAll(async () => {
  h = await startSandboxHome(['kumoscale']);
  ks = h.sandbox.sims.kumoscale;
  const base = h.sandbox.profiles.find((p) => p.name === 'sandbox-kumoscale')!.settings as Record<string, any>;
  const { startKumoScale } = (await import(join(ROOT, 'dist/sandbox/kumoscale/index.js'))) as KsMod;
  strict = await startKumoScale({ pki: ks.pki, requireClientCert: true });
  const token = ks.mintToken('admin');
  const expired = ks.mintToken('admin', -60);
  const q = (v: unknown) => JSON.stringify(v);
  const common = (extra: Record<string, unknown>) =>
    Object.entries({ backend: 'kumoscale', username: base.username, password: base.password, cacert: base.cacert, cert: base.cert, ...extra })
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `    ${k}: ${q(v)}`)
      .join('\n');
  const profiles: Record<string, Record<string, unknown>> = {
    'sandbox-kumoscale': { endpoint: base.endpoint },
    'ks-badpass': { endpoint: base.endpoint, password: 'wrong-password' },
    'ks-bearer': { endpoint: base.endpoint, username: undefined, password: undefined, token },
    'ks-expired': { endpoint: base.endpoint, username: undefined, password: undefined, token: expired },
    'ks-http': { endpoint: [base.endpoint[0].replace('https:', 'http:')] },
    'ks-nocacert': { endpoint: base.endpoint, cacert: undefined },
    'ks-failover': { endpoint: ['https://127.0.0.1:1', ks.url] },
    'ks-alldead': { endpoint: ['https://127.0.0.1:1', 'https://127.0.0.1:2'] },
    'ks-strict': { endpoint: [strict.url] },
    'ks-strict-nocert': { endpoint: [strict.url], cert: undefined },
  };
  const yaml = `current_profile: sandbox-kumoscale\nprofiles:\n${Object.entries(profiles)
    .map(([name, extra]) => `  ${name}:\n${common(extra)}`)
    .join('\n')}\n`;
  await writeFile(join(h.home, '.config/storctl/config.yaml'), yaml, { mode: 0o600 });
});

afterAll(async () => {
  await strict?.close();
  await h?.cleanup();
});

describe('connection and TLS', () => {
  it('storctl info answers without credentials and reports the authentication mode', async () => {
    const before = ks.counters.unauthorized;
    const r = await run('ks-badpass', ['info', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ authenticationMode: 'LOCAL', version: expect.any(String) });
    expect(r.json().totalFreeSpaceGB).toBeTypeOf('number'); // unknown fields kept
    expect(ks.counters.unauthorized).toBe(before);
  });

  it('refuses http:// provisioner URLs with a usage error', async () => {
    const r = await run('ks-http', ['volume', 'list']);
    expectOneLine(r, 2);
    expect(r.stderr).toMatch(/HTTPS only/);
  });

  it('a self-signed server without cacert fails TLS (exit 6); --insecure or --cacert fixes it', async () => {
    const r = await run('ks-nocacert', ['backend', 'list']);
    expectOneLine(r, 6);
    expect(r.stderr).toMatch(/TLS/);
    expect((await run('ks-nocacert', ['backend', 'list', '--insecure'])).code).toBe(0);
    expect((await run('ks-nocacert', ['backend', 'list', '--cacert', ks.pki.caCert])).code).toBe(0);
  });

  it('sends the client certificate to a provisioner that requires one', async () => {
    const before = strict.counters.clientCertPresented!;
    const r = await run('ks-strict', ['backend', 'list', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toHaveLength(3);
    expect(strict.counters.clientCertPresented!).toBeGreaterThan(before);
  });

  it('without a client certificate: exit 6 and one line about the handshake', async () => {
    const r = await run('ks-strict-nocert', ['backend', 'list']);
    expectOneLine(r, 6);
    expect(r.stderr).toMatch(/refused our TLS client certificate: it requires one and we sent none/);
    expect(r.stderr).toMatch(/cert=/);
  });
});

describe('failover across provisioner URLs', () => {
  it('uses the next URL when the first is down, then tries the good one first', async () => {
    const first = await run('ks-failover', ['volume', 'list', '--debug']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain('https://127.0.0.1:1/');
    const dir = join(h.home, '.cache/storctl/kumoscale');
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect((await stat(join(dir, files[0]!))).mode & 0o777).toBe(0o600);
    const second = await run('ks-failover', ['volume', 'list', '--debug']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).not.toContain('https://127.0.0.1:1/');
    expect(second.stderr).toContain(`${ks.url}/volumes`);
  });

  it('all URLs down: exit 6 naming each', async () => {
    const r = await run('ks-alldead', ['volume', 'list']);
    expectOneLine(r, 6);
    expect(r.stderr).toContain('127.0.0.1:1');
    expect(r.stderr).toContain('127.0.0.1:2');
  });
});

describe('credentials', () => {
  it('bad password: exit 3, one line, no HTML', async () => {
    const r = await run('ks-badpass', ['volume', 'list']);
    expectOneLine(r, 3);
    expect(r.stderr).toMatch(/401/);
  });

  it('a bearer token works', async () => {
    const before = ks.counters.bearerAuth;
    const r = await run('ks-bearer', ['tenant', 'list', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()[0].tenantId).toBe('0');
    expect(ks.counters.bearerAuth).toBeGreaterThan(before);
  });

  it('an expired bearer token: exit 3', async () => {
    const r = await run('ks-expired', ['tenant', 'list']);
    expect(r.code).toBe(3);
    expect(r.stderr).not.toMatch(/<html/i);
  });

  it('HTTP 403 (role not allowed): exit 3, one line', async () => {
    ks.failNextWith(403, { path: '/volumes' });
    const r = await run('sandbox-kumoscale', ['volume', 'list']);
    expectOneLine(r, 3);
    expect(r.stderr).toMatch(/denied GET \/volumes/);
  });
});

describe('errors', () => {
  it('a logical failure inside HTTP 200 maps to an exit code and keeps the description', async () => {
    ks.failNextWith({ status: 'InvalidParameter', description: 'capacity is out of range' }, { method: 'POST', path: '/volumes' });
    let r = await run('sandbox-kumoscale', ['volume', 'create', 'x1', '--size', '1GB']);
    expectOneLine(r, 1);
    expect(r.stderr).toContain('capacity is out of range (InvalidParameter)');

    ks.failNextWith({ status: 'DeviceNotFound', description: 'no such device' }, { path: '/backends' });
    r = await run('sandbox-kumoscale', ['backend', 'list']);
    expectOneLine(r, 4);

    ks.failNextWith({ status: 'NotAvailable', description: 'out of space' }, { method: 'POST', path: '/volumes' });
    r = await run('sandbox-kumoscale', ['volume', 'create', 'x2', '--size', '1GB', '-o', 'json']);
    expect(r.code).toBe(5);
    expect(JSON.parse(r.stderr).error).toMatchObject({ kind: 'conflict', status: 'NotAvailable', description: 'out of space', exit_code: 5 });
  });

  it('HTTP 500 page: exit 7, one line, the page\'s message without HTML', async () => {
    ks.failNextWith({ httpStatus: 500, body: 'Database exploded' }, { path: '/tenants' });
    const r = await run('sandbox-kumoscale', ['tenant', 'list']);
    expectOneLine(r, 7);
    expect(r.stderr).toContain('Database exploded');
  });

  it('a 404 on a path the reference marks unconfirmed says so', async () => {
    ks.failNextWith({ httpStatus: 404 }, { method: 'POST', path: '/syslog' });
    const r = await run('sandbox-kumoscale', ['syslog', 'set', 'central', '--url', 'udp://10.0.0.9:514']);
    expectOneLine(r, 4);
    expect(r.stderr).toContain('this provisioner does not serve /syslog (the path is unconfirmed in the reference)');
  });
});
