// Seeded secrets for every auth provider must never reach --debug, --trace-file, error messages
// or `profile show`, in any encoding.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { makeHome, ROOT, type TestHome } from './harness.js';

const SECRETS = {
  v3pw: 'Seed-V3-Password-7f3a9c1e',
  v2pw: 'Seed-V2-Password-0b1c2d3e',
  swiftKey: 'Seed-Swift-Key-55aa77bb',
  basicPw: 'Seed-Basic-Password-9d8e7f',
  wrongPw: 'Seed-Wrong-Password-1234',
  bearer: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzZWVkIiwiZXhwIjo0MTAyNDQ0ODAwfQ.U2VlZC1CZWFyZXItU2lnbmF0dXJl',
};

function encodings(s: string): string[] {
  return [s, encodeURIComponent(s), Buffer.from(s).toString('base64'), Buffer.from(s).toString('base64url')];
}

let ks: any;
let swift: any;
let K: any;
let h: TestHome;
const tokens: string[] = [];
let transcript = '';

beforeAll(async () => {
  K = await import(join(ROOT, 'dist/sandbox/keystone.js'));
  const S = await import(join(ROOT, 'dist/sandbox/swift.js'));
  ks = await K.startKeystone();
  const u = ks.users.add({ name: 'seeduser', password: SECRETS.v3pw });
  ks.users.grant(u.id ?? 'seeduser', 'member', { project: 'demo' });
  ks.users.setPassword('admin', SECRETS.v2pw);
  swift = await S.startSwift({ validateToken: ks.validateToken, tempauthUsers: [{ account: 'seed', user: 'u', key: SECRETS.swiftKey, admin: true }] });
  h = await makeHome();
  const dir = join(h.home, '.config/storctl');
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'config.yaml'),
    `profiles:
  v3:
    backend: openstack
    auth_url: ${ks.url}/v3
    username: seeduser
    password: ${SECRETS.v3pw}
    project_name: demo
  appcred:
    backend: openstack
    auth_url: ${ks.url}/v3
    application_credential_id: ${K.SEED_APP_CREDENTIAL.id}
    application_credential_secret: ${K.SEED_APP_CREDENTIAL.secret}
  v2:
    backend: openstack
    auth_url: ${ks.url}/v2.0
    username: admin
    password: ${SECRETS.v2pw}
    project_name: admin
  swift1:
    backend: swift
    auth_url: ${swift.url}/auth/v1.0
    username: seed:u
    password: ${SECRETS.swiftKey}
  basic:
    backend: openstorage
    endpoint: 127.0.0.1:1
    rest_endpoint: ${ks.url}
    auth_type: basic
    username: admin
    password: ${SECRETS.basicPw}
  bearer:
    backend: openstorage
    endpoint: 127.0.0.1:1
    rest_endpoint: ${ks.url}
    token: ${SECRETS.bearer}
  wrong:
    backend: openstack
    auth_url: ${ks.url}/v3
    username: admin
    password: ${SECRETS.wrongPw}
    project_name: admin
`,
    { mode: 0o600 },
  );
  const trace = join(h.home, 'trace.jsonl');
  const runs: [string, string[]][] = [
    ['v3', ['api', 'GET', '/auth/projects']],
    ['v3', ['auth', 'login']],
    ['appcred', ['api', 'GET', '/auth/projects']],
    ['v2', ['api', 'GET', '/tenants']],
    ['swift1', ['api', 'GET', '/']],
    ['basic', ['api', 'GET', '/v3']],
    ['bearer', ['api', 'GET', '/v3']],
    ['wrong', ['api', 'GET', '/auth/projects']],
  ];
  for (const [profile, args] of runs) {
    const r = await h.run(['-p', profile, '--debug', '--trace-file', trace, ...args]);
    transcript += `\n### ${profile}\n${r.stdout}\n${r.stderr}`;
  }
  for (const p of ['v3', 'appcred', 'v2', 'swift1']) {
    const t = await h.run(['-p', p, 'auth', 'token']);
    tokens.push(t.stdout.trim());
    transcript += (await h.run(['-p', p, 'profile', 'show', p])).stdout;
    transcript += (await h.run(['-p', p, 'profile', 'explain', p, '-o', 'json'])).stdout;
    transcript += (await h.run(['-p', p, 'auth', 'status', '-o', 'json'])).stdout;
  }
  transcript += await readFile(trace, 'utf8');
}, 120_000);

afterAll(async () => {
  await swift?.close();
  await ks?.close();
  await h?.cleanup();
});

describe('no secret survives', () => {
  it('the runs really happened and were traced', () => {
    expect(transcript).toMatch(/REQ: curl -g -i -X POST '.*\/v3\/auth\/tokens'/);
    expect(transcript).toMatch(/"type":"http.request"/);
    expect(transcript).toMatch(/x-auth-key: \{SHA256\}[0-9a-f]{16}/i);
    expect(transcript).toMatch(/authorization: Basic \{SHA256\}/i);
    expect(transcript).toMatch(/authorization: Bearer \{SHA256\}/i);
    expect(transcript).toMatch(/authentication failed for profile "wrong"/);
    expect(tokens.every((t) => t.length > 20)).toBe(true);
  });

  for (const [name, secret] of Object.entries({ ...SECRETS })) {
    it(`${name} appears in no encoding`, () => {
      for (const form of encodings(secret)) expect(transcript).not.toContain(form);
    });
  }

  it('the application credential secret appears nowhere', () => {
    for (const form of encodings(K.SEED_APP_CREDENTIAL.secret)) expect(transcript).not.toContain(form);
  });

  it('issued tokens (Keystone v3, v2, Swift v1) appear nowhere', () => {
    for (const t of tokens) for (const form of encodings(t)) expect(transcript).not.toContain(form);
  });
});
