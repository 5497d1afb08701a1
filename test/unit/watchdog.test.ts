// The bounds of every HTTP request: the deadline fires even after garbage collections (Node 20
// could drop an AbortSignal.timeout() inside AbortSignal.any()), a trickling transfer is a
// stall, and a server that asks to be retried later than we may wait fails at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { HttpClient } from '../../src/transport/http.js';
import { Tracer } from '../../src/transport/tracer.js';
import { NetworkError, ServerError } from '../../src/framework/errors.js';
import { ROOT } from '../e2e/harness.js';

let server: Server;
let base: string;
const sockets = new Set<Socket>();
const timers = new Set<NodeJS.Timeout>();
let postHits = 0;
let flaky = 0;

/** One byte every 250 ms, 40 of them at most. */
function trickle(res: ServerResponse) {
  res.writeHead(200, { 'content-type': 'application/octet-stream' });
  let n = 0;
  const t = setInterval(() => {
    if (++n > 40 || res.destroyed) return clearInterval(t), res.end();
    res.write('x');
  }, 250);
  timers.add(t);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url!.split('?')[0]!;
    if (path === '/hang') return; // accepts, never answers; closed in afterAll
    if (path === '/trickle') return trickle(res);
    if (path === '/503-then-trickle') return ++flaky === 1 ? res.writeHead(503).end('busy') : trickle(res);
    if (path === '/retry-after-3600') return res.writeHead(429, { 'retry-after': '3600' }).end('slow down');
    if (path === '/token') {
      req.resume();
      req.on('end', () => (++postHits < 3 ? res.writeHead(503).end() : res.writeHead(201).end('{}')));
      return;
    }
    res.writeHead(404).end();
  });
  server.on('connection', (s) => sockets.add(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const t of timers) clearInterval(t);
  for (const s of sockets) s.destroy();
  await new Promise<void>((r) => server.close(() => r()));
});

const client = (extra: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) =>
  new HttpClient({ tracer: new Tracer({ debug: null }), retry: { baseDelayMs: 20, maxDelayMs: 100 }, env: {}, ...extra });

describe('request bounds', () => {
  it('the deadline fires on time in a process that collects garbage all along (node --expose-gc)', async () => {
    const script = `
      const { HttpClient } = await import(${JSON.stringify(join(ROOT, 'dist/transport/http.js'))});
      const { Tracer } = await import(${JSON.stringify(join(ROOT, 'dist/transport/tracer.js'))});
      const gcs = setInterval(() => globalThis.gc(), 50);
      const t0 = Date.now();
      const c = new HttpClient({ tracer: new Tracer({ debug: null }), timeoutMs: 2000, env: {}, signal: new AbortController().signal });
      const err = await c.request({ method: 'GET', url: ${JSON.stringify(base)} + '/hang' }).catch((e) => e);
      clearInterval(gcs);
      console.log(JSON.stringify({ ms: Date.now() - t0, name: err && err.name, message: err && err.message }));
      await c.close();`;
    const child = spawn(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    child.stdout.on('data', (d) => out.push(d));
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await new Promise((r) => child.on('close', r));
    clearTimeout(killer);
    const res = JSON.parse(Buffer.concat(out).toString());
    expect(res.name).toBe('NetworkError');
    expect(res.message).toMatch(/timed out after 2 s waiting for http:\/\/127\.0\.0\.1/);
    expect(res.ms).toBeGreaterThanOrEqual(1900);
    expect(res.ms).toBeLessThan(3500);
  });

  it('a transfer that trickles below the low-speed limit is a stall, not a hang', async () => {
    const t0 = Date.now();
    const res = await client({ lowSpeed: { bytesPerSec: 100, windowMs: 2000 } }).request({ method: 'GET', url: `${base}/trickle`, stream: true });
    const err = await (async () => {
      for await (const _ of res.stream) void _;
    })().catch((e) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toMatch(/^stalled: http:\/\/127\.0\.0\.1:\d+ sent or took fewer than 100 bytes\/s for 2 s/);
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('the low-speed rule still holds after a retried attempt (a dropped 503 body does not stop the watchdog)', async () => {
    const t0 = Date.now();
    const res = await client({ lowSpeed: { bytesPerSec: 100, windowMs: 2000 } }).request({ method: 'GET', url: `${base}/503-then-trickle`, stream: true });
    expect(res.status).toBe(200);
    const err = await (async () => {
      for await (const _ of res.stream) void _;
    })().catch((e) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toMatch(/^stalled/);
    expect(Date.now() - t0).toBeLessThan(6000);
  });

  it('an API request with no deadline (timeout 0) still falls under the low-speed rule', async () => {
    const err = await client({ timeoutMs: 0, lowSpeed: { bytesPerSec: 100, windowMs: 1000 } }).request({ method: 'GET', url: `${base}/hang` }).catch((e) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toMatch(/^stalled/);
  });

  it('Retry-After beyond the retry budget fails at once as "rate limited", exit 7', async () => {
    const t0 = Date.now();
    const err = await client().request({ method: 'GET', url: `${base}/retry-after-3600` }).catch((e) => e);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(err).toBeInstanceOf(ServerError);
    expect(err.exitCode).toBe(7);
    expect(err.message).toMatch(/rate limited: http:\/\/127\.0\.0\.1:\d+ asks to retry after 3600 s/);
    expect(err.hint).toMatch(/--retry-budget/);
  });

  it('a POST marked idempotent (a token request) is retried after 503', async () => {
    postHits = 0;
    const res = await client().request({ method: 'POST', url: `${base}/token`, json: { auth: {} }, idempotent: true });
    expect(res.status).toBe(201);
    expect(postHits).toBe(3);
  });
});
