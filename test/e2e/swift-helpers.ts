// Shared by the swift-*.test.ts files: direct API access to the Swift simulator (seeding),
// a corrupting proxy for the integrity tests, and small assertions.
import { createHash } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import type { CliResult, SandboxHome } from './harness.js';

export function ok(r: CliResult): CliResult {
  expect(r.code, `exit ${r.code}\nstdout: ${r.stdout.slice(0, 2000)}\nstderr: ${r.stderr}`).toBe(0);
  return r;
}

export function fails(r: CliResult, code: number, pattern?: RegExp): CliResult {
  expect(r.code, `expected exit ${code}, got ${r.code}\nstdout: ${r.stdout.slice(0, 2000)}\nstderr: ${r.stderr}`).toBe(code);
  if (pattern) expect(r.stderr).toMatch(pattern);
  return r;
}

export function md5(data: Buffer | string): string {
  return createHash('md5').update(data).digest('hex');
}

export interface SwiftAccess {
  token: string;
  storageUrl: string;
}

/** v1 auth straight against the simulator. */
export async function v1Auth(h: SandboxHome, user = 'test:tester', key = 'testing'): Promise<SwiftAccess> {
  const res = await fetch(`${h.sandbox.services.swift}/auth/v1.0`, { headers: { 'x-auth-user': user, 'x-auth-key': key } });
  expect(res.status).toBe(200);
  return { token: res.headers.get('x-auth-token')!, storageUrl: res.headers.get('x-storage-url')! };
}

export async function api(a: SwiftAccess, method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${a.storageUrl}${path}`, { method, headers: { 'x-auth-token': a.token, ...headers }, body });
}

/** PUTs `n` small objects named `${prefix}${i padded}` with bounded concurrency. */
export async function seedObjects(a: SwiftAccess, container: string, n: number, prefix = 'obj-', concurrency = 32): Promise<void> {
  expect((await api(a, 'PUT', `/${container}`)).status).toBeLessThan(300);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= n) return;
      const r = await api(a, 'PUT', `/${container}/${prefix}${String(i).padStart(6, '0')}`, `x${i}`);
      if (r.status !== 201) throw new Error(`seed PUT answered ${r.status}`);
      await r.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

export interface Proxy {
  url: string;
  /** Requests whose body was altered. */
  corrupted: number;
  close(): Promise<void>;
}

/**
 * Forwards to `target` and flips one byte: of object GET answers (mode "download") or of object
 * PUT bodies (mode "upload"). Listings, manifests (?multipart-manifest) and HEADs pass untouched.
 */
export async function corruptingProxy(target: string, mode: 'download' | 'upload', match: RegExp = /./): Promise<Proxy> {
  const t = new URL(target);
  const state = { corrupted: 0 };
  const isObject = (req: IncomingMessage) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const parts = u.pathname.split('/').filter(Boolean);
    return parts.length >= 4 && !u.searchParams.has('multipart-manifest') && match.test(decodeURIComponent(u.pathname));
  };
  const server: Server = createServer((req, res) => {
    const corruptUp = mode === 'upload' && req.method === 'PUT' && isObject(req);
    const corruptDown = mode === 'download' && req.method === 'GET' && isObject(req);
    const headers = { ...req.headers, host: t.host };
    const up = httpRequest({ host: t.hostname, port: t.port, method: req.method, path: req.url, headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      let flipped = false;
      r.on('data', (c: Buffer) => {
        if (corruptDown && !flipped && (r.statusCode === 200 || r.statusCode === 206) && c.length > 0) {
          c = Buffer.from(c);
          c[0] = c[0]! ^ 0xff;
          flipped = true;
          state.corrupted++;
        }
        res.write(c);
      });
      r.on('end', () => res.end());
    });
    up.on('error', () => res.destroy());
    let flipped = false;
    req.on('data', (c: Buffer) => {
      if (corruptUp && !flipped && c.length > 0) {
        c = Buffer.from(c);
        c[0] = c[0]! ^ 0xff;
        flipped = true;
        state.corrupted++;
      }
      up.write(c);
    });
    req.on('end', () => up.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${t.pathname}`.replace(/\/+$/, ''),
    get corrupted() {
      return state.corrupted;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface RangeFaults {
  /** Drop the Range header (the server then answers 200 with the whole object). */
  ignoreRange?: boolean;
  /** For the n-th ranged GET (0-based): close the connection after this many body bytes. */
  cutAfter?: (n: number, range: string) => number | undefined;
  /** For the n-th ranged GET: send an If-Match that no longer matches (the object "changed"). */
  staleIfMatch?: (n: number) => boolean;
}

/** Forwards to `target`, misbehaving on ranged object GETs as `faults` says; counts them. */
export async function rangeFaultProxy(target: string, faults: RangeFaults): Promise<Proxy & { ranged: string[] }> {
  const t = new URL(target);
  const ranged: string[] = [];
  const server: Server = createServer((req, res) => {
    const headers = { ...req.headers, host: t.host };
    const range = req.method === 'GET' ? req.headers.range : undefined;
    let cut: number | undefined;
    if (range !== undefined) {
      const n = ranged.push(range) - 1;
      if (faults.ignoreRange) delete headers.range;
      if (faults.staleIfMatch?.(n)) headers['if-match'] = '"00000000000000000000000000000000"';
      cut = faults.cutAfter?.(n, range);
    }
    const up = httpRequest({ host: t.hostname, port: t.port, method: req.method, path: req.url, headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      let sent = 0;
      r.on('data', (c: Buffer) => {
        if (cut !== undefined && sent + c.length >= cut) {
          res.write(c.subarray(0, cut - sent));
          r.destroy();
          res.socket?.destroy();
          return;
        }
        sent += c.length;
        res.write(c);
      });
      r.on('end', () => res.end());
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${t.pathname}`.replace(/\/+$/, ''),
    corrupted: 0,
    ranged,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
