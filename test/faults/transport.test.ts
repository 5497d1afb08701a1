// The built CLI against servers that hang, trickle, refuse, rate-limit or speak bad TLS: every
// command ends within its bound with the documented exit code and one line naming the cause.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeHome, type CliResult, type TestHome } from '../e2e/harness.js';
import { startFaultServer, faultProfiles, VOLUME, type FaultServer, type Rule, type TlsMaterial } from './fault-server.js';
import { makeFaultPki, read, type FaultPki } from './pki.js';

const SECRETS = ['s3cret-Fault-Pass', 's3cret-Fault-Key', 's3cret-Fault-Basic'];
const homes: TestHome[] = [];
const servers: FaultServer[] = [];
let pki: FaultPki;

beforeAll(async () => {
  pki = await makeFaultPki();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await Promise.all(homes.map((h) => h.cleanup()));
});

async function setup(rules: Rule[], opts: { tls?: TlsMaterial; extra?: Record<string, string>; url?: string } = {}) {
  const server = await startFaultServer({ rules, tls: opts.tls });
  servers.push(server);
  const home = await makeHome();
  homes.push(home);
  await mkdir(join(home.home, '.config', 'storctl'), { recursive: true });
  await writeFile(join(home.home, '.config', 'storctl', 'config.yaml'), faultProfiles(opts.url ?? server.url, opts.extra), { mode: 0o600 });
  return { server, home };
}

async function timed(home: TestHome, args: string[], timeoutMs = 120_000): Promise<CliResult & { ms: number }> {
  const t0 = Date.now();
  const r = await home.run(args, { timeoutMs });
  return { ...r, ms: Date.now() - t0 };
}

/** One line on stderr (warnings aside), no terminal control bytes, no secret anywhere. */
function expectOneCleanLine(r: CliResult, pattern: RegExp) {
  const lines = r.stderr.split('\n').filter((l) => l && !l.startsWith('storctl: warning:'));
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/internal error|storctl bug|\n\s+at /);
  // eslint-disable-next-line no-control-regex
  expect(r.stderr).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f]/);
  for (const s of SECRETS) expect(r.stdout + r.stderr).not.toContain(s);
}

describe('deadlines', () => {
  it('--timeout 8 and the profile timeout fire on a server that accepts and never answers: exit 6 in 8–10 s', async () => {
    const { home } = await setup([{ method: 'GET', path: /\/volumes/, fault: { kind: 'hang' } }]);
    const withProfile = await setup([{ method: 'GET', path: /\/volumes/, fault: { kind: 'hang' } }], { extra: { timeout: '8' } });
    const [flag, prof] = await Promise.all([timed(home, ['-p', 'os', 'volume', 'list', '--timeout', '8']), timed(withProfile.home, ['-p', 'os', 'volume', 'list'])]);
    for (const r of [flag, prof]) {
      expect(r.code, r.stderr).toBe(6);
      expect(r.ms).toBeGreaterThanOrEqual(8000);
      expect(r.ms).toBeLessThan(10_500);
      expectOneCleanLine(r, /^storctl: timed out after 8 s waiting for http:\/\/127\.0\.0\.1:\d+; .*--timeout/);
    }
  }, 30_000);

  it('a server trickling one byte every 5 s ends list, show and download within 90 s by default, exit 6', async () => {
    const { server, home } = await setup([
      { method: 'GET', path: /\/volumes/, fault: { kind: 'trickle', everyMs: 5000 } },
      { method: 'GET', path: /^\/v1\/AUTH_test\/c1\/obj$/, fault: { kind: 'trickle', everyMs: 5000, contentType: 'application/octet-stream' } },
    ]);
    const dir = join(home.home, 'dl');
    await mkdir(dir);
    const [list, show, download] = await Promise.all([
      timed(home, ['-p', 'os', 'volume', 'list']),
      timed(home, ['-p', 'os', 'volume', 'show', VOLUME.id]),
      timed(home, ['-p', 'sw', 'object', 'download', 'c1', 'obj', '--file', join(dir, 'obj')]),
    ]);
    for (const r of [list, show, download]) {
      expect(r.code, r.stderr).toBe(6);
      expect(r.ms).toBeLessThan(90_000);
      expectOneCleanLine(r, /^storctl: (timed out|stalled|.*stalled)/);
    }
    expect(list.ms).toBeGreaterThanOrEqual(59_000); // the 60 s API deadline, not something shorter
    expect(server.hits.length).toBeGreaterThan(0);
  }, 120_000);

  it('a download that never gets its headers obeys --timeout; an upload the server stops taking stalls by the profile rule', async () => {
    const { home } = await setup([{ method: 'GET', path: /^\/v1\/AUTH_test\/c1\/obj$/, fault: { kind: 'hang' } }]);
    const slow = await setup([{ method: 'PUT', path: /^\/v1\/AUTH_test\/c1\//, fault: { kind: 'hang' } }], { extra: { low_speed_time: '3' } });
    const file = join(slow.home.home, 'up.bin');
    await writeFile(file, Buffer.alloc(3 << 20, 1));
    const [down, up] = await Promise.all([
      timed(home, ['-p', 'sw', 'object', 'download', 'c1', 'obj', '--file', join(home.home, 'obj'), '--timeout', '5']),
      timed(slow.home, ['-p', 'sw', 'object', 'upload', 'c1', file]),
    ]);
    expect(down.code, down.stderr).toBe(6);
    expect(down.ms).toBeLessThan(8000);
    expectOneCleanLine(down, /timed out after 5 s waiting for http:\/\/127\.0\.0\.1:\d+/);
    expect(up.code, up.stderr).toBe(6);
    expect(up.ms).toBeLessThan(25_000); // the upload retries its file a bounded number of times
    expectOneCleanLine(up, /stalled: http:\/\/127\.0\.0\.1:\d+ sent or took fewer than 1024 bytes\/s for 3 s/);
  }, 45_000);

  it('a GET answered 503 forever is retried within the budget, then exit 7', async () => {
    const { server, home } = await setup([{ method: 'GET', path: /\/volumes/, fault: { kind: 'status', status: 503, body: 'down for maintenance' } }]);
    const r = await timed(home, ['-p', 'os', 'volume', 'list', '--retry-budget', '3']);
    expect(r.code, r.stderr).toBe(7);
    expect(r.ms).toBeLessThan(10_000);
    expect(server.hits.filter((h) => h.path.includes('/volumes')).length).toBeGreaterThan(1);
    expectOneCleanLine(r, /^storctl: .*503/);
  }, 30_000);
});

describe('rate limits and retried token requests', () => {
  it('429 with Retry-After: 3600 fails at once: "rate limited … 3600 s", exit 7, hint --retry-budget', async () => {
    const { server, home } = await setup([{ method: 'GET', path: /\/volumes/, fault: { kind: 'status', status: 429, headers: { 'retry-after': '3600' } } }]);
    const r = await timed(home, ['-p', 'os', 'volume', 'list']);
    expect(r.code, r.stderr).toBe(7);
    expect(r.ms).toBeLessThan(5000);
    expectOneCleanLine(r, /^storctl: rate limited: http:\/\/127\.0\.0\.1:\d+ asks to retry after 3600 s; .*--retry-budget/);
    expect(server.hits.filter((h) => h.path.includes('/volumes'))).toHaveLength(1);
  });

  it('Keystone answering 503 and then 429 (Retry-After: 1) to the token POST is retried like any safe request', async () => {
    const { server, home } = await setup([
      { method: 'POST', path: /^\/v3\/auth\/tokens$/, fault: { kind: 'status', status: 503 }, times: 1 },
      { method: 'POST', path: /^\/v3\/auth\/tokens$/, fault: { kind: 'status', status: 429, headers: { 'retry-after': '1' } }, times: 1 },
    ]);
    const r = await timed(home, ['-p', 'os', 'volume', 'list', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()[0].id).toBe(VOLUME.id);
    expect(server.hits.filter((h) => h.method === 'POST')).toHaveLength(3);
  });

  it('Swift v1 auth answering 503 twice is retried', async () => {
    const { home } = await setup([{ method: 'GET', path: /^\/auth\/v1\.0$/, fault: { kind: 'status', status: 503 }, times: 2 }]);
    const r = await timed(home, ['-p', 'sw', 'container', 'list', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()[0].name).toBe('c1');
  });
});

describe('server answers that are not what we asked for', () => {
  it.each([
    ['an HTML page', '<html><body><h1>502 Bad Gateway</h1></body></html>', /HTML page where JSON was expected/],
    ['truncated JSON', '{"volumes": [{"id": "abc", "na', /not JSON/],
  ])('%s from Cinder is exit 7 with one line', async (_what, body, pattern) => {
    const { home } = await setup([{ method: 'GET', path: /\/volumes/, fault: { kind: 'status', status: 200, headers: { 'content-type': 'application/json' }, body } }]);
    const r = await timed(home, ['-p', 'os', 'volume', 'list']);
    expect(r.code, r.stderr).toBe(7);
    expectOneCleanLine(r, pattern);
  });
});

describe('listings that never end', () => {
  it('a Swift server that ignores marker is caught on the second page: exit 7, not an endless loop', async () => {
    const page = JSON.stringify([{ name: 'c1', count: 1, bytes: 1, last_modified: '2026-01-01T00:00:00.000000' }]);
    const { home } = await setup([{ method: 'GET', path: /^\/v1\/AUTH_test$/, fault: { kind: 'status', status: 200, headers: { 'content-type': 'application/json' }, body: page } }]);
    const r = await timed(home, ['-p', 'sw', 'container', 'list'], 20_000);
    expect(r.code, r.stderr).toBe(7);
    expectOneCleanLine(r, /does not advance: the page after marker "c1" ends at "c1"; .*ignores the marker/);
  });

  it('a Cinder server that repeats its pages is caught: exit 7', async () => {
    const body = JSON.stringify({ volumes: [VOLUME], volumes_links: [{ rel: 'next', href: 'http://x/next' }] });
    const { home } = await setup([{ method: 'GET', path: /\/volumes\/detail$/, fault: { kind: 'status', status: 200, headers: { 'content-type': 'application/json' }, body } }]);
    const r = await timed(home, ['-p', 'os', 'volume', 'list'], 20_000);
    expect(r.code, r.stderr).toBe(7);
    expectOneCleanLine(r, /volumes listing does not advance/);
  });
});

describe('TLS failures are named by their cause', () => {
  const tls = (m: { cert: string; key: string }) => async (): Promise<TlsMaterial> => ({ cert: await read(m.cert), key: await read(m.key) });

  it('https:// to a plain-HTTP port: "does not speak TLS", fix names http://', async () => {
    const plain = await startFaultServer();
    servers.push(plain);
    const { home } = await setup([], { url: plain.url.replace('http:', 'https:') });
    const r = await timed(home, ['-p', 'os', 'volume', 'list']);
    expect(r.code, r.stderr).toBe(6);
    expectOneCleanLine(r, /^storctl: 127\.0\.0\.1:\d+ does not speak TLS.*; use http:\/\/127\.0\.0\.1/);
  });

  it('a certificate for other names: the names that did not match', async () => {
    const { home } = await setup([], { tls: await tls(pki.wrongName)(), extra: { cacert: pki.caCert } });
    const r = await timed(home, ['-p', 'os', 'volume', 'list']);
    expect(r.code, r.stderr).toBe(6);
    expectOneCleanLine(r, /^storctl: the certificate of 127\.0\.0\.1:\d+ is for DNS:storage\.example\.com, DNS:api\.example\.com, not 127\.0\.0\.1; /);
  });

  it('an expired certificate: the expiry date', async () => {
    const { home } = await setup([], { tls: await tls(pki.expired)(), extra: { cacert: pki.caCert } });
    const r = await timed(home, ['-p', 'os', 'volume', 'list']);
    expect(r.code, r.stderr).toBe(6);
    expectOneCleanLine(r, /^storctl: the TLS certificate of 127\.0\.0\.1:\d+ expired on 2021-01-01; /);
  });

  it('a CA nobody told us to trust: --cacert', async () => {
    const { home } = await setup([], { tls: await tls(pki.unknownCa)(), extra: { cacert: pki.caCert } });
    const r = await timed(home, ['-p', 'os', 'volume', 'list']);
    expect(r.code, r.stderr).toBe(6);
    expectOneCleanLine(r, /^storctl: the TLS certificate of 127\.0\.0\.1:\d+ is signed by a CA this machine does not trust \(issuer "stranger"\); pass that CA with --cacert/);
  });

  it('a server that requires a client certificate we do not have: says so, names the cert setting', async () => {
    const { home } = await setup([], { tls: { ...(await tls(pki.good)()), clientCa: await read(pki.clientCaCert) }, extra: { cacert: pki.caCert } });
    const r = await timed(home, ['-p', 'ks', 'backend', 'list']);
    expect(r.code, r.stderr).toBe(6);
    expectOneCleanLine(r, /^storctl: 127\.0\.0\.1:\d+ refused our TLS client certificate: it requires one and we sent none; .*cert/);
  });

  it('--insecure works against a self-signed server and warns once on stderr, also under -o json', async () => {
    const { home } = await setup([], { tls: await tls(pki.unknownCa)() });
    const r = await timed(home, ['-p', 'os', 'volume', 'list', '--insecure', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()[0].id).toBe(VOLUME.id);
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('storctl: warning:'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/TLS certificates are not verified/);
  });
});

describe('secrets stay out of traces', () => {
  it('a failing login with --debug --trace-file shows no password, not even as a plain hash', async () => {
    const { home } = await setup([{ method: 'GET', path: /\/volumes/, fault: { kind: 'status', status: 500, body: 'boom' } }]);
    const trace = join(home.home, 'trace.jsonl');
    const r = await timed(home, ['-p', 'os', 'volume', 'list', '--debug', '--trace-file', trace, '--retry-budget', '0']);
    expect(r.code).toBe(7);
    const text = r.stdout + r.stderr + (await readFile(trace, 'utf8'));
    for (const s of SECRETS) expect(text).not.toContain(s);
    const { createHash } = await import('node:crypto');
    expect(text).not.toContain(createHash('sha256').update('s3cret-Fault-Pass').digest('hex').slice(0, 16));
  });
});
