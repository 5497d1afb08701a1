import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable, Writable } from 'node:stream';
import { HttpClient } from '../../src/transport/http.js';
import { Tracer } from '../../src/transport/tracer.js';
import { NetworkError } from '../../src/framework/errors.js';

let server: Server;
let base: string;
const hits: Record<string, number> = {};

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url!.split('?')[0]!;
    hits[path] = (hits[path] ?? 0) + 1;
    const n = hits[path]!;
    if (path === '/flaky503') {
      if (n < 3) return res.writeHead(503).end('busy');
      return res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    }
    if (path === '/ratelimited') {
      if (n === 1) return res.writeHead(429, { 'retry-after': '1' }).end();
      return res.writeHead(200).end('ok');
    }
    if (path === '/always503') return res.writeHead(503).end();
    if (path === '/post503') return res.writeHead(503).end();
    if (path === '/slow') return setTimeout(() => res.writeHead(200).end('late'), 3000);
    if (path === '/echo') {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => res.writeHead(200, { 'x-len': String(Buffer.concat(chunks).length), 'x-te': req.headers['transfer-encoding'] ?? '' }).end(Buffer.concat(chunks)));
      return;
    }
    if (path === '/big') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      let left = 50;
      const chunk = Buffer.alloc(1 << 20, 7);
      const pump = () => {
        while (left > 0) {
          left--;
          if (!res.write(chunk)) return res.once('drain', pump);
        }
        res.end();
      };
      return pump();
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function client(extra: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}, debug?: string[]) {
  const sink = debug ? new Writable({ write(c, _e, cb) { debug.push(String(c)); cb(); } }) : null;
  return new HttpClient({ tracer: new Tracer({ debug: sink }), retry: { baseDelayMs: 20, maxDelayMs: 100 }, env: {}, ...extra });
}

describe('HttpClient', () => {
  it('retries idempotent requests on 503 with backoff, and says so under --debug', async () => {
    const lines: string[] = [];
    const res = await client({}, lines).request({ method: 'GET', url: `${base}/flaky503` });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(hits['/flaky503']).toBe(3);
    expect(lines.join('')).toMatch(/retrying GET after HTTP 503/);
  });

  it('honours Retry-After on 429', async () => {
    const t0 = Date.now();
    const res = await client().request({ method: 'GET', url: `${base}/ratelimited` });
    expect(res.status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
  });

  it('gives up after the retry budget and returns the last answer', async () => {
    const res = await client({ retry: { retries: 2, baseDelayMs: 10, maxDelayMs: 20 } }).request({ method: 'GET', url: `${base}/always503` });
    expect(res.status).toBe(503);
    expect(hits['/always503']).toBe(3);
  });

  it('never retries a POST', async () => {
    const res = await client().request({ method: 'POST', url: `${base}/post503`, json: {} });
    expect(res.status).toBe(503);
    expect(hits['/post503']).toBe(1);
  });

  it('fails fast on connection refused with a NetworkError naming the origin', async () => {
    const t0 = Date.now();
    const err = await client().request({ method: 'GET', url: 'http://127.0.0.1:1/x' }).catch((e) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.exitCode).toBe(6);
    expect(err.message).toBe('cannot connect to http://127.0.0.1:1: connection refused');
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('an overall --timeout ends a slow request with exit code 6', async () => {
    const err = await client({ timeoutMs: 300, retry: { retries: 0 } }).request({ method: 'GET', url: `${base}/slow` }).catch((e) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toMatch(/timed out after 0\.3 s waiting for http:\/\/127\.0\.0\.1:\d+/);
  });

  it('streams request bodies with a Content-Length, and response bodies without buffering', async () => {
    const payload = Buffer.alloc(3 << 20, 1);
    const up = await client().request({ method: 'PUT', url: `${base}/echo`, body: Readable.from([payload.subarray(0, 1 << 20), payload.subarray(1 << 20)]), contentLength: payload.length });
    expect(up.headers['x-len']).toBe(String(payload.length));
    expect(up.headers['x-te']).toBe('');
    const down = await client().request({ method: 'GET', url: `${base}/big`, stream: true });
    let total = 0;
    for await (const c of down.stream) total += (c as Buffer).length;
    expect(total).toBe(50 << 20);
  });

  it('a missing CA file is a usage error naming the file', () => {
    expect(() => client({ tls: { cacert: '/nonexistent/ca.pem' } })).toThrowError(/cannot read CA certificate file \/nonexistent\/ca\.pem: ENOENT/);
  });
});
