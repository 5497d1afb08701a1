import { createHash, createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSwift, SWIFT_SANDBOX_USERS, type SwiftSim } from '../../src/sandbox/swift.js';
import type { TokenInfo } from '../../src/sandbox/types.js';

const md5 = (s: string | Buffer): string => createHash('md5').update(s).digest('hex');

interface Res {
  status: number;
  headers: Headers;
  text: string;
  buf: Buffer;
}

const keystoneTokens: Record<string, TokenInfo> = {
  'ks-operator': {
    userId: 'u1', userName: 'alice', domainId: 'default', projectId: 'p1', projectName: 'proj1', roles: ['member', 'reader'],
    expiresAt: new Date(Date.now() + 3600_000),
  },
  'ks-reader': {
    userId: 'u2', userName: 'bob', domainId: 'default', projectId: 'p1', projectName: 'proj1', roles: ['reader'],
    expiresAt: new Date(Date.now() + 3600_000),
  },
  'ks-other': {
    userId: 'u3', userName: 'carol', domainId: 'default', projectId: 'p2', projectName: 'proj2', roles: ['admin'],
    expiresAt: new Date(Date.now() + 3600_000),
  },
};

let sim: SwiftSim;
let token: string; // test:tester (.admin on AUTH_test)
let token2: string; // test:tester2 (no rights)
let base: string; // storage URL of AUTH_test

async function call(method: string, url: string, opts: { token?: string | null; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Res> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  const tok = opts.token === undefined ? token : opts.token;
  if (tok) headers['X-Auth-Token'] = tok;
  const body = typeof opts.body === 'string' ? Buffer.from(opts.body) : opts.body;
  const r = await fetch(url.startsWith('http') ? url : base + url, { method, headers, body });
  const buf = Buffer.from(await r.arrayBuffer());
  return { status: r.status, headers: r.headers, text: buf.toString('utf8'), buf };
}

async function auth(user: string, key: string, style: 'auth' | 'storage' = 'auth', path = '/auth/v1.0'): Promise<Res> {
  const headers: Record<string, string> = style === 'auth' ? { 'X-Auth-User': user, 'X-Auth-Key': key } : { 'X-Storage-User': user, 'X-Storage-Pass': key };
  return call('GET', sim.url + path, { token: null, headers });
}

beforeAll(async () => {
  sim = await startSwift({ validateToken: (t) => keystoneTokens[t] });
  base = sim.storageUrl('test');
});

afterAll(async () => {
  await sim.close();
});

beforeEach(async () => {
  sim.reset();
  token = (await auth('test:tester', 'testing')).headers.get('x-auth-token')!;
  token2 = (await auth('test:tester2', 'testing2')).headers.get('x-auth-token')!;
});

describe('v1 auth', () => {
  it('exports the sandbox users', () => {
    expect(SWIFT_SANDBOX_USERS).toEqual(
      expect.arrayContaining([
        { account: 'test', user: 'tester', key: 'testing', admin: true },
        { account: 'test', user: 'tester2', key: 'testing2', admin: false },
        { account: 'test2', user: 'tester2', key: 'testing2', admin: true },
      ]),
    );
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('issues tokens with X-Auth-User/X-Auth-Key and X-Storage-User/X-Storage-Pass, same token while it lives', async () => {
    const before = sim.counters.authRequests;
    const a = await auth('test:tester', 'testing');
    expect(a.status).toBe(200);
    expect(a.text).toBe('');
    expect(a.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    const t = a.headers.get('x-auth-token')!;
    expect(t).toMatch(/^AUTH_tk[0-9a-f]{32}$/);
    expect(a.headers.get('x-storage-token')).toBe(t);
    expect(a.headers.get('x-storage-url')).toBe(`${sim.url}/v1/AUTH_test`);
    const ttl = Number(a.headers.get('x-auth-token-expires'));
    expect(ttl).toBeGreaterThan(86390);
    expect(ttl).toBeLessThanOrEqual(86400);
    const b = await auth('test:tester', 'testing', 'storage');
    expect(b.status).toBe(200);
    expect(b.headers.get('x-auth-token')).toBe(t);
    for (const p of ['/auth/v1', '/v1.0']) expect((await auth('test:tester', 'testing', 'auth', p)).headers.get('x-auth-token')).toBe(t);
    expect((await auth('tester', 'testing', 'storage', '/auth/v1/test/auth')).headers.get('x-auth-token')).toBe(t);
    expect(sim.counters.authRequests - before).toBe(5);
    const other = await auth('test2:tester2', 'testing2');
    expect(other.headers.get('x-storage-url')).toBe(`${sim.url}/v1/AUTH_test2`);
    expect(other.headers.get('x-auth-token')).not.toBe(t);
  });

  it('answers 401 for bad or missing credentials', async () => {
    for (const r of [await auth('test:tester', 'nope'), await auth('nobody:x', 'y'), await call('GET', sim.url + '/auth/v1.0', { token: null })]) {
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toBe('Swift realm="unknown"');
      expect(r.text).toContain('<h1>Unauthorized</h1>');
    }
  });

  it('checks tokens on storage requests and expires them', async () => {
    expect((await call('HEAD', '', { token: null })).status).toBe(401);
    const bad = await call('GET', '', { token: 'AUTH_tkdeadbeef' });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toBe('Swift realm="AUTH_test"');
    expect((await call('GET', '', { token: null, headers: { 'X-Storage-Token': token } })).status).toBe(204);
    sim.advanceClock(86401);
    expect((await call('GET', '')).status).toBe(401);
    const fresh = await auth('test:tester', 'testing');
    expect(fresh.headers.get('x-auth-token')).not.toBe(token);
    expect((await call('GET', '', { token: fresh.headers.get('x-auth-token')! })).status).toBe(204);
  });

  it('honours setTokenTtl and issueToken', async () => {
    sim.setTokenTtl(60);
    sim.expireTokens();
    const r = await auth('test:tester', 'testing');
    expect(Number(r.headers.get('x-auth-token-expires'))).toBeLessThanOrEqual(60);
    expect(sim.issueToken('test:tester')).toBe(r.headers.get('x-auth-token'));
    sim.setTokenTtl(86400);
  });
});

describe('account', () => {
  it('shows zeros before the first write, then stats and metadata', async () => {
    const h0 = await call('HEAD', '');
    expect(h0.headers.get('x-account-container-count')).toBe('0');
    expect(h0.headers.get('x-put-timestamp')).toBeTruthy();
    expect((await call('POST', '', { headers: { 'X-Account-Meta-Color': 'blue', 'X-Account-Meta-Temp-URL-Key': 'k1' } })).status).toBe(204);
    await call('PUT', '/c1');
    await call('PUT', '/c1/o', { body: 'hello' });
    const h = await call('HEAD', '');
    expect(h.status).toBe(204);
    expect(h.headers.get('x-account-container-count')).toBe('1');
    expect(h.headers.get('x-account-object-count')).toBe('1');
    expect(h.headers.get('x-account-bytes-used')).toBe('5');
    expect(h.headers.get('x-account-meta-color')).toBe('blue');
    expect(h.headers.get('x-account-meta-temp-url-key')).toBe('k1');
    expect(h.headers.get('x-timestamp')).toMatch(/^\d{10}\.\d{5}$/);
    await call('POST', '', { headers: { 'X-Remove-Account-Meta-Color': 'x', 'X-Account-Meta-Temp-URL-Key': '' } });
    const h2 = await call('HEAD', '');
    expect(h2.headers.get('x-account-meta-color')).toBeNull();
    expect(h2.headers.get('x-account-meta-temp-url-key')).toBeNull();
  });

  it('lists containers as text, JSON (format or Accept) and XML', async () => {
    for (const c of ['a', 'b', 'c']) await call('PUT', `/${c}`);
    await call('PUT', '/a/x', { body: '123' });
    const text = await call('GET', '');
    expect(text.status).toBe(200);
    expect(text.text).toBe('a\nb\nc\n');
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const json = JSON.parse((await call('GET', '?format=json')).text);
    expect(json[0]).toEqual({ name: 'a', count: 1, bytes: 3, last_modified: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/) });
    const viaAccept = await call('GET', '?limit=1&marker=a', { headers: { Accept: 'application/json' } });
    expect(JSON.parse(viaAccept.text).map((x: { name: string }) => x.name)).toEqual(['b']);
    const xml = await call('GET', '?format=xml');
    expect(xml.text).toContain('<account name="AUTH_test">');
    expect(xml.text).toContain('<container><name>a</name><count>1</count><bytes>3</bytes>');
    expect((await call('GET', '?prefix=zz')).status).toBe(204);
    expect((await call('GET', '?limit=10001')).status).toBe(412);
  });

  it('lets only a reseller admin set X-Account-Meta-Quota-Bytes, then enforces it', async () => {
    expect((await call('POST', '', { headers: { 'X-Account-Meta-Quota-Bytes': '10' } })).status).toBe(403);
    const admin = (await auth('admin:admin', 'admin')).headers.get('x-auth-token')!;
    expect((await call('POST', '', { token: admin, headers: { 'X-Account-Meta-Quota-Bytes': '10' } })).status).toBe(204);
    await call('PUT', '/q');
    expect((await call('PUT', '/q/a', { body: '12345' })).status).toBe(201);
    const over = await call('PUT', '/q/b', { body: '123456' });
    expect(over.status).toBe(413);
    expect(over.text).toBe('Upload exceeds quota.');
    sim.setAccountMeta('test', 'X-Account-Meta-Quota-Bytes', undefined);
    expect((await call('PUT', '/q/b', { body: '123456' })).status).toBe(201);
  });
});

describe('containers', () => {
  it('creates (201), re-creates (202), shows, updates and deletes', async () => {
    const put = await call('PUT', '/box', { headers: { 'X-Container-Meta-Owner': 'ops' } });
    expect(put.status).toBe(201);
    expect(put.text).toBe('');
    const again = await call('PUT', '/box');
    expect(again.status).toBe(202);
    expect(again.text).toBe('<html><h1>Accepted</h1><p>The request is accepted for processing.</p></html>');
    const head = await call('HEAD', '/box');
    expect(head.status).toBe(204);
    expect(head.headers.get('x-container-object-count')).toBe('0');
    expect(head.headers.get('x-container-bytes-used')).toBe('0');
    expect(head.headers.get('x-container-meta-owner')).toBe('ops');
    expect(head.headers.get('x-storage-policy')).toBe('Policy-0');
    expect(head.headers.get('last-modified')).toMatch(/GMT$/);
    expect((await call('POST', '/box', { headers: { 'X-Remove-Container-Meta-Owner': 'x', 'X-Container-Meta-New': 'v' } })).status).toBe(204);
    const h2 = await call('HEAD', '/box');
    expect(h2.headers.get('x-container-meta-owner')).toBeNull();
    expect(h2.headers.get('x-container-meta-new')).toBe('v');
    await call('PUT', '/box/o', { body: 'x' });
    const conflict = await call('DELETE', '/box');
    expect(conflict.status).toBe(409);
    expect(conflict.text).toBe('<html><h1>Conflict</h1><p>There was a conflict when trying to complete your request.</p></html>');
    expect((await call('DELETE', '/box/o')).status).toBe(204);
    expect((await call('DELETE', '/box')).status).toBe(204);
    expect((await call('DELETE', '/box')).status).toBe(404);
    expect((await call('HEAD', '/box')).status).toBe(404);
    expect((await call('POST', '/box')).status).toBe(404);
  });

  it('rejects long names and bad ACLs', async () => {
    const long = await call('PUT', '/' + 'x'.repeat(257));
    expect(long.status).toBe(400);
    expect(long.text).toBe('Container name length of 257 longer than 256');
    const acl = await call('PUT', '/c', { headers: { 'X-Container-Read': '.r:' } });
    expect(acl.status).toBe(400);
    expect(acl.text).toBe("No host/domain value after referrer designation in ACL: '.r:'");
  });

  it('lists objects with paging, prefix, delimiter, markers and reverse', async () => {
    await call('PUT', '/l');
    for (const n of ['a.txt', 'b/1', 'b/2', 'c.json', 'd/x/y', 'e']) await call('PUT', `/l/${n}`, { body: n });
    expect((await call('GET', '/l')).text).toBe('a.txt\nb/1\nb/2\nc.json\nd/x/y\ne\n');
    expect((await call('GET', '/l?limit=2')).text).toBe('a.txt\nb/1\n');
    expect((await call('GET', '/l?limit=2&marker=b/1')).text).toBe('b/2\nc.json\n');
    expect((await call('GET', '/l?prefix=b/')).text).toBe('b/1\nb/2\n');
    expect((await call('GET', '/l?delimiter=/')).text).toBe('a.txt\nb/\nc.json\nd/\ne\n');
    expect((await call('GET', '/l?delimiter=/&prefix=d/')).text).toBe('d/x/\n');
    expect((await call('GET', '/l?marker=a.txt&end_marker=c.json')).text).toBe('b/1\nb/2\n');
    expect((await call('GET', '/l?reverse=true&limit=3')).text).toBe('e\nd/x/y\nc.json\n');
    expect((await call('GET', '/l?reverse=on&marker=b/2')).text).toBe('b/1\na.txt\n');
    const json = JSON.parse((await call('GET', '/l?format=json&delimiter=/')).text);
    expect(json[0]).toEqual({
      bytes: 5,
      hash: md5('a.txt'),
      name: 'a.txt',
      content_type: 'text/plain',
      last_modified: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/),
    });
    expect(json[1]).toEqual({ subdir: 'b/' });
    expect(Object.keys(json[0])).toEqual(['bytes', 'hash', 'name', 'content_type', 'last_modified']);
    const raw = (await call('GET', '/l?format=json&limit=1')).text;
    expect(raw).toMatch(/^\[\{"bytes": 5, "hash": "[0-9a-f]{32}", "name": "a.txt", /);
    const empty = await call('GET', '/l?prefix=zzz');
    expect(empty.status).toBe(204);
    expect((await call('GET', '/l?prefix=zzz&format=json')).text).toBe('[]');
    const over = await call('GET', '/l?limit=10001');
    expect(over.status).toBe(412);
    expect(over.text).toBe('Maximum limit is 10000');
    const xml = await call('GET', '/l?format=xml&limit=1');
    expect(xml.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<container name="l"><object><name>a.txt<\/name><hash>/);
  });
});

describe('objects', () => {
  beforeEach(async () => {
    await call('PUT', '/c');
  });

  it('PUT/GET/HEAD with etag, timestamps, metadata and content-type guessing', async () => {
    const put = await call('PUT', '/c/hello.txt', { body: 'hello', headers: { 'X-Object-Meta-Color': 'red', 'Content-Type': 'text/x-greeting' } });
    expect(put.status).toBe(201);
    expect(put.headers.get('etag')).toBe(md5('hello'));
    expect(put.headers.get('last-modified')).toMatch(/GMT$/);
    const get = await call('GET', '/c/hello.txt');
    expect(get.status).toBe(200);
    expect(get.text).toBe('hello');
    expect(get.headers.get('content-type')).toBe('text/x-greeting');
    expect(get.headers.get('x-object-meta-color')).toBe('red');
    expect(get.headers.get('accept-ranges')).toBe('bytes');
    expect(get.headers.get('x-timestamp')).toMatch(/^\d{10}\.\d{5}$/);
    const head = await call('HEAD', '/c/hello.txt');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('5');
    expect(head.text).toBe('');
    await fetch(`${base}/c/guess.json`, { method: 'PUT', headers: { 'X-Auth-Token': token }, body: Buffer.from('{}') });
    expect((await call('HEAD', '/c/guess.json')).headers.get('content-type')).toBe('application/json');
    await fetch(`${base}/c/noext`, { method: 'PUT', headers: { 'X-Auth-Token': token }, body: Buffer.from('x') });
    expect((await call('HEAD', '/c/noext')).headers.get('content-type')).toBe('application/octet-stream');
    const missing = await call('GET', '/c/nope');
    expect(missing.status).toBe(404);
    expect(missing.text).toBe('<html><h1>Not Found</h1><p>The resource could not be found.</p></html>');
    expect((await call('PUT', '/nocontainer/o', { body: 'x' })).status).toBe(404);
  });

  it('streams a chunked upload', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const u = new URL(`${base}/c/chunked`);
      const r = httpRequest({ host: u.hostname, port: u.port, path: u.pathname, method: 'PUT', headers: { 'X-Auth-Token': token, 'Transfer-Encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      r.on('error', reject);
      for (let i = 0; i < 10; i += 1) r.write(Buffer.alloc(100_000, i));
      r.end();
    });
    expect(status).toBe(201);
    const get = await call('GET', '/c/chunked');
    expect(get.buf.length).toBe(1_000_000);
    expect(get.buf[999_999]).toBe(9);
    expect(get.headers.get('etag')).toBe(md5(get.buf));
  });

  it('serves ranges: 206, multipart/byteranges and 416', async () => {
    await call('PUT', '/c/ten', { body: '0123456789' });
    const r = await call('GET', '/c/ten', { headers: { Range: 'bytes=2-4' } });
    expect(r.status).toBe(206);
    expect(r.text).toBe('234');
    expect(r.headers.get('content-range')).toBe('bytes 2-4/10');
    expect((await call('GET', '/c/ten', { headers: { Range: 'bytes=-3' } })).text).toBe('789');
    expect((await call('GET', '/c/ten', { headers: { Range: 'bytes=7-' } })).text).toBe('789');
    const multi = await call('GET', '/c/ten', { headers: { Range: 'bytes=0-1,5-6' } });
    expect(multi.status).toBe(206);
    const ct = multi.headers.get('content-type')!;
    expect(ct).toMatch(/^multipart\/byteranges;boundary=[0-9a-f]{32}$/);
    const b = ct.split('boundary=')[1];
    expect(multi.text).toBe(
      `--${b}\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes 0-1/10\r\n\r\n01\r\n` +
        `--${b}\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes 5-6/10\r\n\r\n56\r\n--${b}--`,
    );
    const bad = await call('GET', '/c/ten', { headers: { Range: 'bytes=10-20' } });
    expect(bad.status).toBe(416);
    expect(bad.headers.get('content-range')).toBe('bytes */10');
    expect(bad.text).toBe('<html><h1>Requested Range Not Satisfiable</h1><p>The Range requested is not available.</p></html>');
    expect((await call('GET', '/c/ten', { headers: { Range: 'bytes=5-2' } })).status).toBe(200);
  });

  it('answers 422 on ETag mismatch and 412/304 for conditionals', async () => {
    const bad = await call('PUT', '/c/e', { body: 'hello', headers: { ETag: '0'.repeat(32) } });
    expect(bad.status).toBe(422);
    expect(bad.text).toBe('<html><h1>Unprocessable Entity</h1><p>Unable to process the contained instructions</p></html>');
    expect((await call('HEAD', '/c/e')).status).toBe(404);
    expect((await call('PUT', '/c/e', { body: 'hello', headers: { ETag: `"${md5('hello')}"` } })).status).toBe(201);
    const inm = await call('PUT', '/c/e', { body: 'again', headers: { 'If-None-Match': '*' } });
    expect(inm.status).toBe(412);
    expect(inm.text).toBe('<html><h1>Precondition Failed</h1><p>A precondition for this request was not met.</p></html>');
    const inmBad = await call('PUT', '/c/e', { body: 'again', headers: { 'If-None-Match': 'abc' } });
    expect(inmBad.status).toBe(400);
    expect(inmBad.text).toBe('If-None-Match only supports *');
    expect((await call('PUT', '/c/new', { body: 'x', headers: { 'If-None-Match': '*' } })).status).toBe(201);
    const im = await call('GET', '/c/e', { headers: { 'If-Match': '"nope"' } });
    expect(im.status).toBe(412);
    expect(im.headers.get('etag')).toBe(md5('hello'));
    expect((await call('GET', '/c/e', { headers: { 'If-Match': md5('hello') } })).status).toBe(200);
    const nm = await call('GET', '/c/e', { headers: { 'If-None-Match': `"${md5('hello')}"` } });
    expect(nm.status).toBe(304);
    expect(nm.text).toBe('');
    expect((await call('GET', '/c/e', { headers: { 'If-Modified-Since': 'Sun, 01 Jan 2090 00:00:00 GMT' } })).status).toBe(304);
    expect((await call('GET', '/c/e', { headers: { 'If-Unmodified-Since': 'Sun, 01 Jan 2000 00:00:00 GMT' } })).status).toBe(412);
  });

  it('POST replaces metadata and content type; DELETE; 404 for missing', async () => {
    await call('PUT', '/c/m', { body: 'hi', headers: { 'X-Object-Meta-A': '1', 'Content-Disposition': 'inline', 'Content-Type': 'text/plain' } });
    const post = await call('POST', '/c/m', { headers: { 'X-Object-Meta-B': '2', 'Content-Type': 'text/x-new' } });
    expect(post.status).toBe(202);
    const h = await call('HEAD', '/c/m');
    expect(h.headers.get('x-object-meta-a')).toBeNull();
    expect(h.headers.get('content-disposition')).toBeNull();
    expect(h.headers.get('x-object-meta-b')).toBe('2');
    expect(h.headers.get('content-type')).toBe('text/x-new');
    expect((await call('POST', '/c/missing', { headers: { 'X-Object-Meta-B': '2' } })).status).toBe(404);
    expect((await call('DELETE', '/c/m')).status).toBe(204);
    expect((await call('DELETE', '/c/m')).status).toBe(404);
    const long = await call('PUT', '/c/' + 'o'.repeat(1025), { body: 'x' });
    expect(long.status).toBe(400);
    expect(long.text).toBe('Object name length of 1025 longer than 1024');
  });

  it('copies with COPY + Destination and PUT + X-Copy-From', async () => {
    await call('PUT', '/c/src', { body: 'data', headers: { 'X-Object-Meta-Kind': 'orig', 'Content-Type': 'text/x-src' } });
    await call('PUT', '/d');
    const cp = await call('COPY', '/c/src', { headers: { Destination: 'd/dst', 'X-Object-Meta-Extra': 'yes' } });
    expect(cp.status).toBe(201);
    expect(cp.headers.get('x-copied-from')).toBe('c/src');
    expect(cp.headers.get('x-copied-from-account')).toBe('AUTH_test');
    const got = await call('GET', '/d/dst');
    expect(got.text).toBe('data');
    expect(got.headers.get('x-object-meta-kind')).toBe('orig');
    expect(got.headers.get('x-object-meta-extra')).toBe('yes');
    expect(got.headers.get('content-type')).toBe('text/x-src');
    const put = await call('PUT', '/c/dst2', { headers: { 'X-Copy-From': '/c/src', 'Content-Length': '0' } });
    expect(put.status).toBe(201);
    expect(put.headers.get('etag')).toBe(md5('data'));
    expect((await call('PUT', '/c/dst3', { headers: { 'X-Copy-From': 'c/nope' }, body: '' })).status).toBe(404);
    const noDest = await call('COPY', '/c/src');
    expect(noDest.status).toBe(412);
    expect(noDest.text).toBe('Destination header required');
    const badDest = await call('COPY', '/c/src', { headers: { Destination: 'bad' } });
    expect(badDest.text).toBe('Destination header must be of the form <container name>/<object name>');
  });

  it('expires objects with X-Delete-After / X-Delete-At', async () => {
    await call('PUT', '/c/tmp', { body: 'x', headers: { 'X-Delete-After': '60' } });
    const h = await call('HEAD', '/c/tmp');
    expect(Number(h.headers.get('x-delete-at'))).toBeGreaterThan(Date.now() / 1000);
    expect((await call('GET', '/c?format=json')).text).toContain('"tmp"');
    sim.advanceClock(61);
    expect((await call('GET', '/c/tmp')).status).toBe(404);
    expect((await call('GET', '/c?format=json')).text).toBe('[]');
    const past = await call('PUT', '/c/tmp', { body: 'x', headers: { 'X-Delete-At': '1000' } });
    expect(past.status).toBe(400);
    expect(past.text).toBe('X-Delete-At in past');
    expect((await call('PUT', '/c/tmp', { body: 'x', headers: { 'X-Delete-After': 'soon' } })).text).toBe('Non-integer X-Delete-After');
  });

  it('enforces container quotas', async () => {
    await call('POST', '/c', { headers: { 'X-Container-Meta-Quota-Bytes': '5' } });
    expect((await call('PUT', '/c/a', { body: '12345' })).status).toBe(201);
    expect((await call('PUT', '/c/b', { body: '1' })).status).toBe(413);
    expect((await call('POST', '/c', { headers: { 'X-Container-Meta-Quota-Count': 'many' } })).text).toBe('Invalid count quota.');
  });
});

describe('ACLs', () => {
  it('gives a non-admin 403 until X-Container-Read / X-Container-Write grant access', async () => {
    await call('PUT', '/shared');
    await call('PUT', '/shared/doc', { body: 'secret' });
    expect((await call('GET', '/shared/doc', { token: token2 })).status).toBe(403);
    expect((await call('GET', '/shared', { token: token2 })).status).toBe(403);
    expect((await call('GET', '', { token: token2 })).status).toBe(403);
    expect((await call('POST', '/shared', { headers: { 'X-Container-Read': 'test:tester2' } })).status).toBe(204);
    expect((await call('HEAD', '/shared')).headers.get('x-container-read')).toBe('test:tester2');
    const r = await call('GET', '/shared/doc', { token: token2 });
    expect(r.status).toBe(200);
    expect(r.text).toBe('secret');
    const listing = await call('GET', '/shared', { token: token2 });
    expect(listing.status).toBe(200);
    expect(listing.headers.get('x-container-read')).toBeNull();
    expect((await call('PUT', '/shared/new', { token: token2, body: 'x' })).status).toBe(403);
    await call('POST', '/shared', { headers: { 'X-Container-Write': 'test:tester2' } });
    expect((await call('PUT', '/shared/new', { token: token2, body: 'x' })).status).toBe(201);
    expect((await call('DELETE', '/shared/new', { token: token2 })).status).toBe(204);
    expect((await call('POST', '/shared', { token: token2, headers: { 'X-Container-Meta-X': '1' } })).status).toBe(403);
    expect((await call('DELETE', '/shared', { token: token2 })).status).toBe(403);
  });

  it('supports .r:* and .rlistings for anonymous access', async () => {
    await call('PUT', '/pub', { headers: { 'X-Container-Read': '.r:*' } });
    await call('PUT', '/pub/o', { body: 'public' });
    expect((await call('GET', '/pub/o', { token: null })).text).toBe('public');
    expect((await call('GET', '/pub', { token: null })).status).toBe(401);
    await call('POST', '/pub', { headers: { 'X-Container-Read': '.r:*,.rlistings' } });
    expect((await call('GET', '/pub', { token: null })).text).toBe('o\n');
    expect((await call('PUT', '/pub/x', { token: null, body: 'x' })).status).toBe(401);
  });
});

describe('large objects', () => {
  beforeEach(async () => {
    await call('PUT', '/segs');
    await call('PUT', '/c');
    await call('PUT', '/segs/s1', { body: 'aaaa' });
    await call('PUT', '/segs/s2', { body: 'bbb' });
  });

  it('SLO: put, get, etag of etags, HEAD, manifest get, delete', async () => {
    const manifest = JSON.stringify([
      { path: '/segs/s1', etag: md5('aaaa'), size_bytes: 4 },
      { path: 'segs/s2', etag: null, size_bytes: null },
    ]);
    const put = await call('PUT', '/c/big?multipart-manifest=put', { body: manifest, headers: { 'Content-Type': 'text/x-big' } });
    expect(put.status).toBe(201);
    const sloEtag = md5(md5('aaaa') + md5('bbb'));
    expect(put.headers.get('etag')).toBe(`"${sloEtag}"`);
    const get = await call('GET', '/c/big');
    expect(get.text).toBe('aaaabbb');
    expect(get.headers.get('etag')).toBe(`"${sloEtag}"`);
    expect(get.headers.get('x-static-large-object')).toBe('True');
    const head = await call('HEAD', '/c/big');
    expect(head.headers.get('x-static-large-object')).toBe('True');
    expect(head.headers.get('content-length')).toBe('7');
    expect(head.headers.get('content-type')).toBe('text/x-big');
    expect((await call('GET', '/c/big', { headers: { Range: 'bytes=2-5' } })).text).toBe('aabb');
    const mg = await call('GET', '/c/big?multipart-manifest=get');
    expect(mg.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const stored = JSON.parse(mg.text);
    expect(stored).toEqual([
      { name: '/segs/s1', bytes: 4, hash: md5('aaaa'), content_type: 'application/octet-stream', last_modified: expect.stringMatching(/\.000000$/) },
      { name: '/segs/s2', bytes: 3, hash: md5('bbb'), content_type: 'application/octet-stream', last_modified: expect.any(String) },
    ]);
    expect(mg.headers.get('etag')).toBe(md5(mg.buf));
    expect(head.headers.get('x-manifest-etag')).toBe(md5(mg.buf));
    const rawFmt = JSON.parse((await call('GET', '/c/big?multipart-manifest=get&format=raw')).text);
    expect(rawFmt).toEqual([
      { etag: md5('aaaa'), path: '/segs/s1', size_bytes: 4 },
      { etag: md5('bbb'), path: '/segs/s2', size_bytes: 3 },
    ]);
    const listing = JSON.parse((await call('GET', '/c?format=json')).text);
    expect(listing[0]).toMatchObject({ name: 'big', bytes: 7, slo_etag: `"${sloEtag}"` });
    const del = await call('DELETE', '/c/big?multipart-manifest=delete', { headers: { Accept: 'application/json' } });
    expect(del.status).toBe(200);
    expect(JSON.parse(del.text)).toEqual({ 'Response Status': '200 OK', 'Response Body': '', 'Number Deleted': 3, 'Number Not Found': 0, Errors: [] });
    expect((await call('GET', '/segs')).status).toBe(204);
    const plain = await call('DELETE', '/c/nope?multipart-manifest=delete');
    expect(plain.text).toBe('Number Deleted: 0\nNumber Not Found: 1\nResponse Body: \nResponse Status: 200 OK\nErrors:\n');
  });

  it('SLO: validation errors in Swift format', async () => {
    const bad = await call('PUT', '/c/x?multipart-manifest=put', {
      body: JSON.stringify([
        { path: '/segs/s1', etag: '0000', size_bytes: 5 },
        { path: '/segs/nope' },
        { path: '/segs/s2', size_bytes: 3 },
      ]),
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('text/plain');
    expect(bad.text).toBe('Errors:\n/segs/s1, Size Mismatch\n/segs/s1, Etag Mismatch\n/segs/nope, 404 Not Found\n');
    expect((await call('PUT', '/c/x?multipart-manifest=put', { body: 'nope' })).text).toBe('Manifest must be valid JSON.\n');
    expect((await call('PUT', '/c/x?multipart-manifest=put', { body: '{}' })).text).toBe('Manifest must be a list.\n');
    expect((await call('PUT', '/c/x?multipart-manifest=put', { body: '[{"path":"/segs/s1","foo":1}]' })).text).toBe('Index 0: extraneous keys "foo"\n');
    expect((await call('PUT', '/c/x?multipart-manifest=put', { body: '[{"path":"nocontainer"}]' })).text).toBe(
      'Index 0: path does not refer to an object. Path must be of the form /container/object.\n',
    );
    await call('PUT', '/segs/empty', { body: '' });
    const small = await call('PUT', '/c/x?multipart-manifest=put', { body: '[{"path":"/segs/empty"},{"path":"/segs/s1"}]' });
    expect(small.text).toBe('Errors:\n/segs/empty, Too small; each segment must be at least 1 byte.\n');
    const mismatch = await call('PUT', '/c/x?multipart-manifest=put', { body: '[{"path":"/segs/s1"}]', headers: { ETag: 'abc' } });
    expect(mismatch.status).toBe(422);
    const reserved = await call('PUT', '/c/x', { body: 'x', headers: { 'X-Static-Large-Object': 'True' } });
    expect(reserved.status).toBe(400);
  });

  it('SLO: segment ranges and inline data', async () => {
    const put = await call('PUT', '/c/r?multipart-manifest=put', {
      body: JSON.stringify([{ path: '/segs/s1', range: '1-2' }, { data: Buffer.from('ZZ').toString('base64') }, { path: '/segs/s2', range: '-2' }]),
    });
    expect(put.status).toBe(201);
    const expected = md5(`${md5('aaaa')}:1-2;` + md5('ZZ') + `${md5('bbb')}:1-2;`);
    expect(put.headers.get('etag')).toBe(`"${expected}"`);
    expect((await call('GET', '/c/r')).text).toBe('aaZZbb');
  });

  it('SLO: missing segments give 409 on GET while HEAD still answers from the manifest', async () => {
    await call('PUT', '/c/m?multipart-manifest=put', { body: '[{"path":"/segs/s1"},{"path":"/segs/s2"}]' });
    await call('DELETE', '/segs/s1');
    expect((await call('HEAD', '/c/m')).status).toBe(200);
    expect((await call('GET', '/c/m')).status).toBe(409);
    const copy = await call('COPY', '/c/m?multipart-manifest=get', { headers: { Destination: 'c/m2' } });
    expect(copy.status).toBe(400);
    expect(copy.text).toBe('Errors:\n/segs/s1, 404 Not Found\n');
    const nested = await call('PUT', '/c/outer?multipart-manifest=put', { body: '[{"path":"/segs/s2"},{"path":"/c/m"}]' });
    expect(nested.status).toBe(201);
    // a segment changed after the manifest was written: the body is cut short after the good segments
    await call('PUT', '/segs/s3', { body: 'ccc' });
    await call('PUT', '/c/t?multipart-manifest=put', { body: '[{"path":"/segs/s2"},{"path":"/segs/s3"}]' });
    await call('PUT', '/segs/s3', { body: 'CCC' });
    await expect(call('GET', '/c/t')).rejects.toThrow();
  });

  it('DLO: X-Object-Manifest concatenates segments in name order', async () => {
    await call('PUT', '/segs/part/02', { body: 'p2' });
    await call('PUT', '/segs/part/01', { body: 'p1' });
    await call('PUT', '/segs/part/03', { body: 'p3' });
    const put = await call('PUT', '/c/dlo', { body: '', headers: { 'X-Object-Manifest': 'segs/part/' } });
    expect(put.status).toBe(201);
    const get = await call('GET', '/c/dlo');
    expect(get.text).toBe('p1p2p3');
    expect(get.headers.get('etag')).toBe(`"${md5(md5('p1') + md5('p2') + md5('p3'))}"`);
    expect(get.headers.get('x-object-manifest')).toBe('segs/part/');
    expect((await call('GET', '/c/dlo', { headers: { Range: 'bytes=1-3' } })).text).toBe('1p2');
    expect((await call('GET', '/c/dlo?multipart-manifest=get')).text).toBe('');
    const bad = await call('PUT', '/c/dlo2', { body: '', headers: { 'X-Object-Manifest': 'nocontainer' } });
    expect(bad.status).toBe(400);
    expect(bad.text).toBe('X-Object-Manifest must be in the format container/prefix');
    await call('PUT', '/c/dangling', { body: '', headers: { 'X-Object-Manifest': 'gone/x' } });
    expect((await call('GET', '/c/dangling')).status).toBe(404);
  });

  it('DLO: X-Object-Manifest is checked on PUT as Swift 2.30 checks it, not on POST; the manifest under its own prefix counts', async () => {
    // dlo.py _validate_x_object_manifest_header: container and prefix non-empty, no ? or &, prefix not starting with /.
    for (const v of ['segs/', 'segs', 'segs//x', 'segs/a?b', 'segs/a&b', '/segs/x']) {
      const r = await call('PUT', '/c/badm', { body: '', headers: { 'X-Object-Manifest': v } });
      expect(r.status, v).toBe(400);
      expect(r.text).toBe('X-Object-Manifest must be in the format container/prefix');
    }
    await call('PUT', '/c/plain', { body: '' });
    // A POST stores any value (the object server keeps allowed headers without looking).
    expect((await call('POST', '/c/plain', { headers: { 'X-Object-Manifest': 'c/' } })).status).toBe(202);
    expect((await call('HEAD', '/c/plain?multipart-manifest=get')).headers.get('x-object-manifest')).toBe('c/');
    // Swift reads every listed object, the manifest itself included (its own bytes and ETag).
    await call('PUT', '/selfc');
    await call('PUT', '/selfc/a', { body: 'abc' });
    await call('PUT', '/selfc/m', { body: '', headers: { 'X-Object-Manifest': 'selfc/a' } });
    await call('POST', '/selfc/m', { headers: { 'X-Object-Manifest': 'selfc/' } });
    const all = await call('GET', '/selfc/m');
    expect(all.text).toBe('abc');
    expect(all.headers.get('etag')).toBe(`"${md5(md5('abc') + md5(''))}"`);
  });
});

describe('bulk delete', () => {
  it('deletes objects then containers and reports in JSON, text and XML', async () => {
    await call('PUT', '/b');
    await call('PUT', '/b/a b', { body: '1' });
    await call('PUT', '/b/c', { body: '1' });
    await call('PUT', '/full');
    await call('PUT', '/full/o', { body: '1' });
    const list = '/b/a%20b\n/b/c\n/b/missing\n/full\n/b\n';
    const r = await call('POST', '?bulk-delete', { body: list, headers: { 'Content-Type': 'text/plain', Accept: 'application/json' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(r.text).toBe(
      '{"Response Status": "400 Bad Request", "Response Body": "", "Number Deleted": 3, "Number Not Found": 1, "Errors": [["/full", "409 Conflict"]]}',
    );
    const again = await call('POST', '?bulk-delete', { body: list, headers: { 'Content-Type': 'text/plain' } });
    expect(again.text).toBe('Number Deleted: 0\nNumber Not Found: 4\nResponse Body: \nResponse Status: 400 Bad Request\nErrors:\n/full, 409 Conflict\n');
    const xml = await call('POST', '?bulk-delete', { body: '/full/o\n', headers: { 'Content-Type': 'text/plain', Accept: 'application/xml' } });
    expect(xml.text).toBe(
      '<delete>\n<number_deleted>1</number_deleted>\n<number_not_found>0</number_not_found>\n<response_body></response_body>\n<response_status>200 OK</response_status>\n<errors>\n</errors>\n</delete>\n',
    );
    const empty = await call('POST', '?bulk-delete', { body: '', headers: { 'Content-Type': 'text/plain', Accept: 'application/json' } });
    expect(JSON.parse(empty.text)).toMatchObject({ 'Response Status': '400 Bad Request', 'Response Body': 'Invalid bulk delete.' });
    await call('PUT', '/b2');
    await call('PUT', '/b2/o', { body: '1' });
    const denied = await call('POST', '?bulk-delete', { token: token2, body: '/b2/o\n', headers: { 'Content-Type': 'text/plain', Accept: 'application/json' } });
    expect(JSON.parse(denied.text).Errors).toEqual([['/b2/o', '403 Forbidden']]);
    expect(sim.counters.bulkDeletes).toBe(5);
  });
});

describe('temp URLs', () => {
  const sign = (alg: 'sha1' | 'sha256' | 'sha512', key: string, method: string, expires: number, path: string, b64 = false): string => {
    const mac = createHmac(alg, key).update(`${method}\n${expires}\n${path}`);
    return b64 ? `${alg}:${mac.digest('base64url')}` : mac.digest('hex');
  };

  it('accepts hex and prefixed base64 signatures with either key, rejects bad/expired ones', async () => {
    await call('POST', '', { headers: { 'X-Account-Meta-Temp-URL-Key': 'k1', 'X-Account-Meta-Temp-URL-Key-2': 'k2' } });
    await call('PUT', '/t');
    await call('PUT', '/t/file.txt', { body: 'tmp', headers: { 'X-Object-Meta-Secret': 's', 'X-Object-Meta-Public-Tag': 'p' } });
    const path = '/v1/AUTH_test/t/file.txt';
    const exp = Math.floor(Date.now() / 1000) + 300;
    const url = (sig: string, e = exp): string => `${sim.url}${path}?temp_url_sig=${encodeURIComponent(sig)}&temp_url_expires=${e}`;
    const g = await call('GET', url(sign('sha1', 'k1', 'GET', exp, path)), { token: null });
    expect(g.status).toBe(200);
    expect(g.text).toBe('tmp');
    expect(g.headers.get('content-disposition')).toBe(`attachment; filename="file.txt"; filename*=UTF-8''file.txt`);
    expect(g.headers.get('x-object-meta-secret')).toBeNull();
    expect(g.headers.get('x-object-meta-public-tag')).toBe('p');
    expect(g.headers.get('expires')).toBe(new Date(exp * 1000).toUTCString());
    expect((await call('GET', url(sign('sha256', 'k2', 'GET', exp, path, true)), { token: null })).status).toBe(200);
    expect((await call('GET', url(sign('sha512', 'k1', 'GET', exp, path, true)), { token: null })).status).toBe(200);
    expect((await call('GET', url(sign('sha256', 'k1', 'GET', exp, path)), { token: null })).status).toBe(200);
    expect((await call('HEAD', url(sign('sha1', 'k1', 'GET', exp, path)), { token: null })).status).toBe(200);
    const wrongMethod = await call('PUT', url(sign('sha1', 'k1', 'GET', exp, path)), { token: null, body: 'x' });
    expect(wrongMethod.status).toBe(401);
    expect(wrongMethod.text).toBe('401 Unauthorized: Temp URL invalid\n');
    expect(wrongMethod.headers.get('www-authenticate')).toBe('Swift realm="unknown"');
    expect((await call('GET', url(sign('sha1', 'wrong', 'GET', exp, path)), { token: null })).status).toBe(401);
    expect((await call('GET', url(sign('sha1', 'k1', 'GET', 1000, path), 1000), { token: null })).status).toBe(401);
    const upPath = '/v1/AUTH_test/t/up.txt';
    const up = await call('PUT', `${sim.url}${upPath}?temp_url_sig=${sign('sha1', 'k1', 'PUT', exp, upPath)}&temp_url_expires=${exp}`, { token: null, body: 'uploaded' });
    expect(up.status).toBe(201);
    expect((await call('GET', '/t/up.txt')).text).toBe('uploaded');
    sim.advanceClock(301);
    expect((await call('GET', url(sign('sha1', 'k1', 'GET', exp, path)), { token: null })).status).toBe(401);
    expect(sim.counters.tempurlRequests).toBeGreaterThan(0);
  });
});

describe('Keystone tokens', () => {
  it('maps projects to AUTH_<projectId> with operator and reader roles', async () => {
    const p1 = sim.storageUrl('AUTH_p1');
    expect((await call('PUT', `${p1}/kc`, { token: 'ks-operator' })).status).toBe(201);
    expect((await call('PUT', `${p1}/kc/o`, { token: 'ks-operator', body: 'k' })).status).toBe(201);
    expect((await call('GET', `${p1}/kc/o`, { token: 'ks-reader' })).text).toBe('k');
    expect((await call('GET', `${p1}?format=json`, { token: 'ks-reader' })).status).toBe(200);
    expect((await call('PUT', `${p1}/kc/o2`, { token: 'ks-reader', body: 'x' })).status).toBe(403);
    expect((await call('DELETE', `${p1}/kc/o`, { token: 'ks-reader' })).status).toBe(403);
    expect((await call('GET', `${p1}/kc`, { token: 'ks-other' })).status).toBe(403);
    expect((await call('POST', `${p1}/kc`, { token: 'ks-operator', headers: { 'X-Container-Read': 'p2:*' } })).status).toBe(204);
    expect((await call('GET', `${p1}/kc/o`, { token: 'ks-other' })).status).toBe(200);
    expect((await call('GET', `${p1}/kc`, { token: 'unknown-token' })).status).toBe(401);
    expect((await call('GET', base, { token: 'ks-operator' })).status).toBe(403);
    expect(sim.counters.tokenValidations).toBeGreaterThan(0);
  });
});

describe('versioning', () => {
  it('stack mode keeps old versions and restores them on DELETE', async () => {
    await call('PUT', '/vers');
    await call('PUT', '/vc', { headers: { 'X-Versions-Location': 'vers' } });
    expect((await call('HEAD', '/vc')).headers.get('x-versions-location')).toBe('vers');
    for (const v of ['v1', 'v2', 'v3']) await call('PUT', '/vc/o', { body: v });
    const names = (await call('GET', '/vers')).text.trim().split('\n');
    expect(names).toHaveLength(2);
    expect(names[0]).toMatch(/^001o\/\d{10}\.\d{5}$/);
    expect((await call('DELETE', '/vc/o')).status).toBe(204);
    expect((await call('GET', '/vc/o')).text).toBe('v2');
    const both = await call('POST', '/vc', { headers: { 'X-Versions-Location': 'vers', 'X-History-Location': 'vers' } });
    expect(both.status).toBe(400);
    expect(both.text).toBe('Only one of x-versions-location or x-history-location may be specified');
  });

  it('history mode archives on overwrite and DELETE and leaves a delete marker', async () => {
    await call('PUT', '/hist');
    await call('PUT', '/hc', { headers: { 'X-History-Location': 'hist' } });
    await call('PUT', '/hc/h', { body: 'h1' });
    await call('PUT', '/hc/h', { body: 'h2' });
    expect((await call('DELETE', '/hc/h')).status).toBe(204);
    expect((await call('GET', '/hc/h')).status).toBe(404);
    const rows = JSON.parse((await call('GET', '/hist?format=json')).text) as { content_type: string }[];
    expect(rows).toHaveLength(3);
    expect(rows[2]!.content_type).toBe('application/x-deleted;swift_versions_deleted=1');
  });
});

describe('/info and robustness', () => {
  it('serves /info with the middleware sections', async () => {
    const r = await call('GET', sim.url + '/info', { token: null });
    expect(r.status).toBe(200);
    const info = JSON.parse(r.text);
    expect(info.swift.version).toBeTruthy();
    expect(info.slo).toMatchObject({ max_manifest_segments: 1000, min_segment_size: 1 });
    expect(info.bulk_delete.max_deletes_per_request).toBe(10000);
    expect(info.tempurl.methods).toEqual(expect.arrayContaining(['GET', 'HEAD', 'PUT']));
    for (const k of ['account_quotas', 'container_quotas', 'versioned_writes']) expect(info).toHaveProperty(k);
  });

  it('survives malformed input and counts requests per method', async () => {
    const before = { ...sim.counters };
    expect((await call('GET', '/%E0%A4%A')).status).toBe(412);
    expect((await call('PATCH', '/c')).status).toBe(405);
    expect((await call('GET', sim.url + '/v1', { token: null })).status).toBe(412);
    expect((await call('GET', sim.url + '/nothing', { token: null })).status).toBe(404);
    await call('PUT', '/c');
    expect((await call('PUT', '/c/o?multipart-manifest=put', { body: '[1, null, "x", {"data": "!!"}]' })).status).toBe(400);
    expect((await call('GET', '/c?limit=abc&reverse=maybe')).status).toBe(204);
    expect(sim.counters.requests - before.requests!).toBe(7);
    expect(sim.counters.PUT! - before.PUT!).toBe(2);
    expect(sim.counters.PATCH).toBe(1);
  });
});
