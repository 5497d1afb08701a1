// Token-less and token-bearing providers that need no Keystone: HTTP basic, static bearer
// (JWT expiry warning), token_command, OIDC client credentials (cached), and a proxy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { makeHome, type TestHome } from './harness.js';

let api: Server;
let apiUrl: string;
let proxy: Server;
let proxyUrl: string;
let proxied = 0;
const seen: IncomingMessage['headers'][] = [];
let tokenRequests = 0;
let h: TestHome;

function jwt(claims: Record<string, unknown>): string {
  const b = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b({ alg: 'HS256', typ: 'JWT' })}.${b(claims)}.c2lnbmF0dXJl`;
}

const listen = (s: Server) => new Promise<string>((r) => s.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)));

beforeAll(async () => {
  api = createServer((req, res) => {
    if (req.url === '/oauth/token' && req.method === 'POST') {
      tokenRequests++;
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        if (form.get('client_secret') !== 'oidc-client-secret-value') return res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid_client"}');
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: 'oidc-access-token-0123456789', token_type: 'Bearer', expires_in: 3600 }));
      });
      return;
    }
    seen.push(req.headers);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ path: req.url, auth: req.headers.authorization ?? null }));
  });
  apiUrl = await listen(api);
  proxy = createServer((req, res) => {
    proxied++;
    const target = new URL(req.url!);
    const up = request({ host: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode!, r.headers);
      r.pipe(res);
    });
    req.pipe(up);
  });
  // undici tunnels through proxies with CONNECT, for http:// targets too.
  proxy.on('connect', (req, client, head) => {
    proxied++;
    const [host, port] = req.url!.split(':');
    const upstream = connect(Number(port), host!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  proxyUrl = await listen(proxy);
  h = await makeHome();
  const dir = join(h.home, '.config/storctl');
  await mkdir(dir, { recursive: true });
  const soon = Math.floor(Date.now() / 1000) + 300;
  await writeFile(
    join(dir, 'config.yaml'),
    `profiles:
  basic:
    backend: openstorage
    endpoint: 127.0.0.1:9100
    rest_endpoint: ${apiUrl}
    auth_type: basic
    username: admin
    password: basic-pass-123
  bearer:
    backend: openstorage
    endpoint: 127.0.0.1:9100
    rest_endpoint: ${apiUrl}
    token: ${jwt({ sub: 'alice', exp: soon, roles: ['system.view'] })}
  expired:
    backend: openstorage
    endpoint: 127.0.0.1:9100
    rest_endpoint: ${apiUrl}
    token: ${jwt({ sub: 'bob', exp: 1000 })}
  cmd:
    backend: openstorage
    endpoint: 127.0.0.1:9100
    rest_endpoint: ${apiUrl}
    token_command: printf 'from-a-command-token-42'
  oidc:
    backend: openstorage
    endpoint: 127.0.0.1:9100
    rest_endpoint: ${apiUrl}
    token_url: ${apiUrl}/oauth/token
    client_id: storctl
    client_secret: oidc-client-secret-value
  none:
    backend: openstorage
    endpoint: 127.0.0.1:9100
    rest_endpoint: ${apiUrl}
`,
    { mode: 0o600 },
  );
});

afterAll(async () => {
  await h.cleanup();
  await new Promise((r) => api.close(r));
  await new Promise((r) => proxy.close(r));
});

describe('static and OIDC credentials', () => {
  it('basic auth sends user:password', async () => {
    const r = await h.run(['-p', 'basic', 'api', 'GET', '/info', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().auth).toBe(`Basic ${Buffer.from('admin:basic-pass-123').toString('base64')}`);
  });

  it('a bearer JWT close to expiry warns, an expired one warns that it expired', async () => {
    const soon = await h.run(['-p', 'bearer', 'api', 'GET', '/v1/identities/version', '-o', 'json']);
    expect(soon.code, soon.stderr).toBe(0);
    expect(soon.json().auth).toMatch(/^Bearer eyJ/);
    expect(soon.stderr).toMatch(/bearer token of profile "bearer" expires in [45] min/);
    const old = await h.run(['-p', 'expired', 'api', 'GET', '/v1/identities/version']);
    expect(old.stderr).toMatch(/bearer token of profile "expired" expired at 1970-01-01T00:16:40/);
  });

  it('token_command supplies the bearer token', async () => {
    const r = await h.run(['-p', 'cmd', 'api', 'GET', '/x', '-o', 'json']);
    expect(r.json().auth).toBe('Bearer from-a-command-token-42');
  });

  it('OIDC client credentials: one token request, then the cache', async () => {
    const before = tokenRequests;
    for (let i = 0; i < 3; i++) {
      const r = await h.run(['-p', 'oidc', 'api', 'GET', '/volumes', '-o', 'json']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.json().auth).toBe('Bearer oidc-access-token-0123456789');
    }
    expect(tokenRequests - before).toBe(1);
    const st = await h.run(['-p', 'oidc', 'auth', 'status', '-o', 'json']);
    expect(st.json()).toMatchObject({ auth_type: 'oidc', token_cached: true });
  });

  it('auth status says calls without a token run as the guest role', async () => {
    const st = await h.run(['-p', 'none', 'auth', 'status', '-o', 'json']);
    expect(st.json()).toMatchObject({ auth_type: 'none', note: expect.stringMatching(/guest role/) });
  });

  it('HTTP_PROXY is honoured, NO_PROXY bypasses it', async () => {
    const before = proxied;
    const r = await h.run(['-p', 'basic', 'api', 'GET', '/via-proxy'], { env: { HTTP_PROXY: proxyUrl } });
    expect(r.code, r.stderr).toBe(0);
    expect(proxied).toBe(before + 1);
    const direct = await h.run(['-p', 'basic', 'api', 'GET', '/direct'], { env: { HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' } });
    expect(direct.code, direct.stderr).toBe(0);
    expect(proxied).toBe(before + 1);
  });
});
