import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clearRegisteredSecrets, fingerprint, registerSecret } from '../../src/transport/redact.js';
import { Tracer, shellQuote } from '../../src/transport/tracer.js';

function sink(): { stream: Writable; text: () => string; lines: () => string[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  });
  const text = () => chunks.join('');
  return { stream, text, lines: () => text().split('\n').filter((l) => l !== '') };
}

const T0 = Date.UTC(2024, 0, 2, 3, 4, 5, 678);
let dir: string;

beforeEach(() => {
  clearRegisteredSecrets();
  dir = mkdtempSync(join(tmpdir(), 'storctl-tracer-'));
});
afterEach(() => {
  clearRegisteredSecrets();
  rmSync(dir, { recursive: true, force: true });
});

describe('no secret reaches --debug or --trace-file', () => {
  const S = {
    keystonePassword: 'Keyst0ne-P@ss w/rd',
    v2TokenId: 'v2TokenId-7f3c9a1b2d4e',
    xAuthToken: 'gAAAAABxAuthTokenValue123',
    xSubjectToken: 'gAAAAABsubjectToken456',
    storagePass: 'sw1ft-storage-pass',
    basicPassword: 'B4sicPassw0rd!',
    bearer: 'bearer-token-0123456789',
    tempUrlSig: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
    queryToken: 'query-token-abcdef',
    userinfoPassword: 'url/pw@secret',
    appCredSecret: 'app-cred-secret-XYZ',
    registered: 'registered-secret-value-42',
    grpcAuth: 'grpc-jwt-token-value',
    secretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  };
  const basic = Buffer.from(`kumoadmin:${S.basicPassword}`).toString('base64');

  function forms(s: string): string[] {
    return [
      s,
      encodeURIComponent(s),
      encodeURIComponent(s).replace(/%20/g, '+'),
      JSON.stringify(s).slice(1, -1),
      Buffer.from(s).toString('base64'),
      Buffer.from(s).toString('base64url'),
    ];
  }

  it('redacts every seeded secret while keeping fingerprints and non-secret parts', async () => {
    registerSecret(S.registered);
    const debug = sink();
    const file = join(dir, 'trace.jsonl');
    const tr = new Tracer({ debug: debug.stream, traceFile: file, now: () => T0 });
    expect(tr.enabled).toBe(true);

    // Keystone v3 password auth.
    let id = tr.nextId();
    tr.httpRequest({
      id,
      method: 'POST',
      url: `https://admin:${encodeURIComponent(S.userinfoPassword)}@keystone.example:5000/v3/auth/tokens`,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({
        auth: { identity: { methods: ['password'], password: { user: { name: 'admin', domain: { name: 'Default' }, password: S.keystonePassword } } } },
      }),
    });
    tr.httpResponse({
      id,
      status: 201,
      headers: { 'Content-Type': 'application/json', 'X-Subject-Token': S.xSubjectToken, Vary: 'X-Auth-Token' },
      body: new TextEncoder().encode('{"token": {"methods": ["password"], "expires_at": "2030-01-01T00:00:00Z"}}'),
      durationMs: 42,
    });
    // Keystone v2 response with access.token.id; application credential auth.
    id = tr.nextId();
    tr.httpRequest({
      id,
      method: 'POST',
      url: 'https://keystone.example:5000/v3/auth/tokens',
      headers: { 'Content-Type': 'application/json' },
      body: new TextEncoder().encode(
        JSON.stringify({ auth: { identity: { methods: ['application_credential'], application_credential: { id: 'ac-123', secret: S.appCredSecret } } } }),
      ),
    });
    tr.httpResponse({
      id,
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: new TextEncoder().encode(JSON.stringify({ access: { token: { id: S.v2TokenId, expires: '2030-01-01' }, user: { name: 'admin' } } })),
      durationMs: 7,
    });
    // Swift v1 auth, token use, Basic and Bearer, temp URL with signature and a token in the query.
    id = tr.nextId();
    tr.httpRequest({ id, method: 'GET', url: 'https://swift.example/auth/v1.0', headers: { 'X-Storage-User': 'test:tester', 'X-Storage-Pass': S.storagePass } });
    tr.httpResponse({ id, status: 200, headers: { 'X-Auth-Token': S.xAuthToken, 'X-Storage-Token': S.xAuthToken }, durationMs: 3 });
    id = tr.nextId();
    tr.httpRequest({
      id,
      method: 'GET',
      url: `https://swift.example/v1/AUTH_test/photos/cat.jpg?temp_url_sig=${S.tempUrlSig}&temp_url_expires=1700000000&token=${S.queryToken}`,
      headers: { 'X-Auth-Token': S.xAuthToken, Authorization: `Basic ${basic}` },
    });
    tr.httpResponse({ id, status: 200, headers: { 'Content-Type': 'image/jpeg' }, body: new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), bodyLength: 4, durationMs: 5 });
    id = tr.nextId();
    tr.httpRequest({ id, method: 'GET', url: 'https://kumoscale.example/api/v2/volumes', headers: { Authorization: `Bearer ${S.bearer}` } });
    // A registered secret echoed back in an error message.
    tr.httpError({ id, error: `connect ECONNREFUSED: login failed for password ${S.registered}`, durationMs: 11 });
    // gRPC with authorization metadata and a credential secret in the request.
    tr.grpc({
      method: '/openstorage.api.OpenStorageCredentials/Create',
      metadata: { authorization: `bearer ${S.grpcAuth}` },
      request: { aws_credential: { access_key: 'AKIAEXAMPLEKEYID', secret_key: S.secretKey, endpoint: 's3.example', region: 'us-east-1' } },
      response: { credential_id: 'cred-1' },
      status: { code: 0, name: 'OK', details: '' },
      durationMs: 12,
    });
    tr.note(`keyring unavailable, using file cache (${S.registered})`);
    await tr.close();

    const dbg = debug.text();
    const trace = readFileSync(file, 'utf8');
    for (const [name, secret] of Object.entries(S)) {
      for (const f of forms(secret)) {
        expect(dbg, `${name} as ${f} in debug`).not.toContain(f);
        expect(trace, `${name} as ${f} in trace file`).not.toContain(f);
      }
    }
    expect(dbg).not.toContain(basic);
    expect(trace).not.toContain(basic);

    // Debug shows headers as `Name: value`, the trace file as JSON.
    expect(dbg).toContain(`X-Subject-Token: ${fingerprint(S.xSubjectToken)}`);
    expect(dbg).toContain(`-H 'X-Storage-Pass: ${fingerprint(S.storagePass)}'`);
    expect(dbg).toContain(`-H 'X-Auth-Token: ${fingerprint(S.xAuthToken)}'`);
    expect(trace).toContain(`"X-Subject-Token":"${fingerprint(S.xSubjectToken)}"`);
    expect(trace).toContain(`"X-Storage-Pass":"${fingerprint(S.storagePass)}"`);
    expect(trace).toContain(`"X-Auth-Token":"${fingerprint(S.xAuthToken)}"`);
    const expected = [
      fingerprint(S.keystonePassword),
      fingerprint(S.v2TokenId),
      `Basic ${fingerprint(basic)}`,
      `Bearer ${fingerprint(S.bearer)}`,
      `temp_url_sig=${fingerprint(S.tempUrlSig)}&temp_url_expires=1700000000&token=${fingerprint(S.queryToken)}`,
      `https://admin:${fingerprint(S.userinfoPassword)}@keystone.example:5000/v3/auth/tokens`,
      fingerprint(S.appCredSecret),
      fingerprint(S.registered),
      fingerprint(S.grpcAuth),
      fingerprint(S.secretKey),
      'AKIAEXAMPLEKEYID',
      '/openstorage.api.OpenStorageCredentials/Create',
      '/v1/AUTH_test/photos/cat.jpg',
    ];
    for (const e of expected) {
      expect(dbg, e).toContain(e);
      expect(trace, e).toContain(e);
    }
    expect(dbg).toContain('REQ: curl -g -i -X POST ');
    expect(dbg).toContain('RESP: [201] ');
    expect(dbg).toContain('RESP BODY: <binary, 4 bytes>');
    expect(dbg).toContain('ERR: connect ECONNREFUSED');
    expect(dbg).toContain('GRPC STATUS: OK (12 ms) response={"credential_id":"cred-1"}');

    const events = trace.trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
    expect(events.map((e) => e.type)).toEqual([
      'http.request', 'http.response', 'http.request', 'http.response', 'http.request', 'http.response',
      'http.request', 'http.response', 'http.request', 'http.error', 'grpc', 'note',
    ]);
    expect(events.every((e) => e.ts === '2024-01-02T03:04:05.678Z')).toBe(true);
    expect(events[0]).toMatchObject({ id: 1, method: 'POST', url: expect.stringContaining('/v3/auth/tokens') });
    expect(events[1]).toMatchObject({ id: 1, status: 201, durationMs: 42 });
    expect(Object.keys(events[1]!).at(-1)).toBe('durationMs');
    expect(events[10]).toMatchObject({ method: '/openstorage.api.OpenStorageCredentials/Create', status: { code: 0, name: 'OK' }, durationMs: 12 });
    expect(events[10]!.request.aws_credential.secret_key).toBe(fingerprint(S.secretKey));
  });
});

describe('debug line formats', () => {
  it('REQ: curl line with quoted URL, headers in the given order and a -d body', () => {
    const d = sink();
    const tr = new Tracer({ debug: d.stream });
    tr.httpRequest({
      id: 1,
      method: 'POST',
      url: 'https://cinder.example:8776/v3/p1/volumes?limit=2',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Auth-Token': 'tok-123456' },
      body: `{"volume": {"name": "it's"}}`,
    });
    expect(d.lines()).toEqual([
      `REQ: curl -g -i -X POST 'https://cinder.example:8776/v3/p1/volumes?limit=2' -H 'Content-Type: application/json' -H 'Accept: application/json' -H 'X-Auth-Token: ${fingerprint('tok-123456')}' -d '{"volume": {"name": "it'\\''s"}}'`,
    ]);
    expect(shellQuote(`a'b`)).toBe(`'a'\\''b'`);
  });

  it('streamed, binary and empty request bodies', () => {
    const d = sink();
    const tr = new Tracer({ debug: d.stream });
    tr.httpRequest({ id: 1, method: 'PUT', url: 'https://s/o', headers: {}, body: { streamed: true, length: 1048576 } });
    tr.httpRequest({ id: 2, method: 'PUT', url: 'https://s/o', headers: {}, body: { streamed: true } });
    tr.httpRequest({ id: 3, method: 'PUT', url: 'https://s/o', headers: { 'Content-Type': 'application/octet-stream' }, body: new Uint8Array([1, 2, 3]) });
    tr.httpRequest({ id: 4, method: 'DELETE', url: 'https://s/o', headers: {}, body: '' });
    expect(d.lines()).toEqual([
      `REQ: curl -g -i -X PUT 'https://s/o' --data-binary @-  # streamed, 1048576 bytes`,
      `REQ: curl -g -i -X PUT 'https://s/o' --data-binary @-  # streamed, unknown length`,
      `REQ: curl -g -i -X PUT 'https://s/o' -H 'Content-Type: application/octet-stream' --data-binary @-  # binary, 3 bytes`,
      `REQ: curl -g -i -X DELETE 'https://s/o'`,
    ]);
  });

  it('RESP line with headers and duration, then RESP BODY; no body line when empty', () => {
    const d = sink();
    const tr = new Tracer({ debug: d.stream });
    tr.httpResponse({
      id: 1,
      status: 200,
      headers: { 'Content-Type': 'application/json', 'Content-Length': '12', 'X-Openstack-Request-Id': 'req-1' },
      body: new TextEncoder().encode('{"ok": true}'),
      bodyLength: 12,
      durationMs: 123.4,
    });
    tr.httpResponse({ id: 2, status: 204, headers: {}, body: new Uint8Array(), bodyLength: 0, durationMs: 1 });
    expect(d.lines()).toEqual([
      'RESP: [200] Content-Type: application/json Content-Length: 12 X-Openstack-Request-Id: req-1 (123 ms)',
      'RESP BODY: {"ok": true}',
      'RESP: [204] (1 ms)',
    ]);
  });

  it('truncates text bodies at maxBody bytes, also when the transport cut them', () => {
    const d = sink();
    const tr = new Tracer({ debug: d.stream, maxBody: 10 });
    tr.httpResponse({ id: 1, status: 200, headers: { 'Content-Type': 'text/plain' }, body: new TextEncoder().encode('abcdefghijklmnopqrstuvwxyz'), durationMs: 1 });
    tr.httpResponse({ id: 2, status: 200, headers: { 'Content-Type': 'text/plain' }, body: new TextEncoder().encode('abc'), bodyLength: 5000, durationMs: 1 });
    // Never splits a UTF-8 character: "é" is 2 bytes, 9 + 2 > 10.
    tr.httpResponse({ id: 3, status: 200, headers: { 'Content-Type': 'text/plain' }, body: new TextEncoder().encode('123456789éz'), durationMs: 1 });
    expect(d.lines().filter((l) => l.startsWith('RESP BODY'))).toEqual([
      'RESP BODY: abcdefghij… [truncated, 26 bytes total]',
      'RESP BODY: abc… [truncated, 5000 bytes total]',
      'RESP BODY: 123456789… [truncated, 12 bytes total]',
    ]);
  });

  it('redacts a secret cut off by the transport cap', () => {
    registerSecret('gAAAAABverylongtokenvalue');
    const d = sink();
    const tr = new Tracer({ debug: d.stream });
    tr.httpResponse({ id: 1, status: 200, headers: { 'Content-Type': 'text/plain' }, body: new TextEncoder().encode('token is gAAAAABverylo'), bodyLength: 900, durationMs: 1 });
    tr.httpResponse({ id: 2, status: 200, headers: { 'Content-Type': 'application/json' }, body: new TextEncoder().encode('{"access": {"token": {"id": "unregisteredTok'), bodyLength: 900, durationMs: 1 });
    const out = d.text();
    expect(out).toContain(`token is ${fingerprint('gAAAAABverylongtokenvalue')}… [truncated, 900 bytes total]`);
    expect(out).toContain(`"id": "${fingerprint('unregisteredTok')}"`);
    expect(out).not.toContain('gAAAAABverylo');
  });

  it('summarises binary bodies', () => {
    const d = sink();
    const tr = new Tracer({ debug: d.stream });
    tr.httpResponse({ id: 1, status: 200, headers: { 'Content-Type': 'application/octet-stream' }, body: new TextEncoder().encode('looks like text'), bodyLength: 1000, durationMs: 1 });
    tr.httpResponse({ id: 2, status: 200, headers: { 'Content-Type': 'text/plain' }, body: new Uint8Array([0xc3, 0x28, 0xff]), durationMs: 1 });
    tr.httpResponse({ id: 3, status: 200, headers: {}, body: new Uint8Array([0, 1, 2, 3, 4]), durationMs: 1 });
    expect(d.lines().filter((l) => l.startsWith('RESP BODY'))).toEqual([
      'RESP BODY: <binary, 1000 bytes>',
      'RESP BODY: <binary, 3 bytes>',
      'RESP BODY: <binary, 5 bytes>',
    ]);
  });

  it('ERR, GRPC and note lines', () => {
    const d = sink();
    const tr = new Tracer({ debug: d.stream });
    tr.httpError({ id: 1, error: 'connect ECONNREFUSED 127.0.0.1:5000', durationMs: 8 });
    tr.grpc({
      method: '/openstorage.api.OpenStorageVolume/Create',
      metadata: { authorization: 'bearer abcdefgh' },
      request: { name: 'vol1', spec: { size: 1024, passphrase: 'luks-pass' } },
      response: { volume_id: 'v-1' },
      status: { code: 0, name: 'OK', details: '' },
      durationMs: 12,
    });
    tr.grpc({
      method: '/openstorage.api.OpenStorageVolume/Inspect',
      metadata: {},
      request: { volume_id: 'nope' },
      status: { code: 5, name: 'NOT_FOUND', details: 'volume nope not found' },
      durationMs: 3,
    });
    tr.note('keyring unavailable, using file cache');
    expect(d.lines()).toEqual([
      'ERR: connect ECONNREFUSED 127.0.0.1:5000 (8 ms)',
      `GRPC: /openstorage.api.OpenStorageVolume/Create metadata={"authorization":"bearer ${fingerprint('abcdefgh')}"} request={"name":"vol1","spec":{"size":1024,"passphrase":"${fingerprint('luks-pass')}"}}`,
      'GRPC STATUS: OK (12 ms) response={"volume_id":"v-1"}',
      'GRPC: /openstorage.api.OpenStorageVolume/Inspect metadata={} request={"volume_id":"nope"}',
      'GRPC STATUS: NOT_FOUND (3 ms) details="volume nope not found"',
      'keyring unavailable, using file cache',
    ]);
  });
});

describe('Tracer state and trace file', () => {
  it('is disabled without --debug and --trace-file, and writes nothing', async () => {
    const tr = new Tracer({ debug: null });
    expect(tr.enabled).toBe(false);
    tr.httpRequest({ id: tr.nextId(), method: 'GET', url: 'https://x', headers: {} });
    tr.note('x');
    await tr.close();
  });

  it('numbers requests from 1', () => {
    const tr = new Tracer({ debug: null });
    expect([tr.nextId(), tr.nextId(), tr.nextId()]).toEqual([1, 2, 3]);
  });

  it('creates the trace file with mode 0600 and appends complete JSON lines', async () => {
    const file = join(dir, 'new.jsonl');
    const a = new Tracer({ debug: null, traceFile: file, now: () => T0 });
    expect(a.enabled).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    a.note('first');
    // Written synchronously: complete lines are on disk before close().
    expect(readFileSync(file, 'utf8')).toBe('{"ts":"2024-01-02T03:04:05.678Z","type":"note","message":"first"}\n');
    await a.close();
    const b = new Tracer({ debug: null, traceFile: file, now: () => T0 });
    b.httpError({ id: 1, error: 'boom', durationMs: 2 });
    await b.close();
    await b.close(); // idempotent
    expect(readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { ts: '2024-01-02T03:04:05.678Z', type: 'note', message: 'first' },
      { ts: '2024-01-02T03:04:05.678Z', type: 'http.error', id: 1, error: 'boom', durationMs: 2 },
    ]);
  });

  it('tightens an existing world-readable trace file to 0600', async () => {
    const file = join(dir, 'old.jsonl');
    writeFileSync(file, '', { mode: 0o644 });
    const tr = new Tracer({ debug: null, traceFile: file });
    await tr.close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('records bodies in the trace file as redacted text with kind, length and truncation', async () => {
    const file = join(dir, 'bodies.jsonl');
    const tr = new Tracer({ debug: null, traceFile: file, now: () => T0, maxBody: 8 });
    tr.httpResponse({ id: 1, status: 200, headers: { 'Content-Type': 'text/plain' }, body: new TextEncoder().encode('0123456789'), durationMs: 4 });
    tr.httpRequest({ id: 2, method: 'PUT', url: 'https://s/o', headers: {}, body: { streamed: true, length: 10 } });
    await tr.close();
    const [resp, req] = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(resp).toEqual({
      ts: '2024-01-02T03:04:05.678Z', type: 'http.response', id: 1, status: 200, headers: { 'Content-Type': 'text/plain' },
      bodyKind: 'text', body: '01234567', bodyLength: 10, bodyTruncated: true, durationMs: 4,
    });
    expect(req).toMatchObject({ type: 'http.request', bodyKind: 'streamed', bodyLength: 10 });
  });
});
