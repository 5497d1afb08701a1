// The built CLI against OpenStorage SDK servers that hang, answer UNAVAILABLE forever, or reset
// every connection: each command ends within its bound, exit 6, with one line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server as NetServer, type Socket } from 'node:net';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { makeHome, type TestHome } from '../e2e/harness.js';

const METHOD = '/openstorage.api.OpenStorageVolume/InspectWithFilters';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmYXVsdCJ9.c2VjcmV0LWZhdWx0LXNpZw';
let home: TestHome;
const grpcServers: grpc.Server[] = [];
let resetServer: NetServer;
const resetSockets = new Set<Socket>();
const ports: Record<string, number> = {};

async function grpcServer(handler: grpc.handleUnaryCall<Buffer, Buffer>): Promise<number> {
  const server = new grpc.Server();
  const id = (b: Buffer) => b;
  server.register(METHOD, handler, id, id, 'unary');
  grpcServers.push(server);
  return new Promise((resolve, reject) => server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => (err ? reject(err) : resolve(port))));
}

beforeAll(async () => {
  let unavailable = 0;
  ports.hang = await grpcServer(() => {}); // never calls back; ended by the client's deadline
  ports.unavailable = await grpcServer((_call, cb) => {
    unavailable++;
    cb({ code: grpc.status.UNAVAILABLE, details: 'the driver is not ready' });
  });
  resetServer = createServer((s) => {
    resetSockets.add(s);
    s.resetAndDestroy();
  });
  await new Promise<void>((r) => resetServer.listen(0, '127.0.0.1', r));
  ports.reset = (resetServer.address() as { port: number }).port;
  void unavailable;
  home = await makeHome();
  await mkdir(join(home.home, '.config', 'storctl'), { recursive: true });
  const profile = (name: string, port: number) => [`  ${name}:`, '    backend: openstorage', `    endpoint: 127.0.0.1:${port}`, `    token: ${TOKEN}`];
  await writeFile(
    join(home.home, '.config', 'storctl', 'config.yaml'),
    ['profiles:', ...profile('hang', ports.hang), ...profile('unavailable', ports.unavailable), ...profile('reset', ports.reset), ''].join('\n'),
    { mode: 0o600 },
  );
});

afterAll(async () => {
  for (const s of grpcServers) s.forceShutdown();
  for (const s of resetSockets) s.destroy();
  await new Promise<void>((r) => resetServer.close(() => r()));
  await home.cleanup();
});

async function timed(args: string[]) {
  const t0 = Date.now();
  const r = await home.run(args, { timeoutMs: 90_000 });
  return { ...r, ms: Date.now() - t0 };
}

function expectOneLine(stderr: string) {
  const lines = stderr.split('\n').filter((l) => l && !l.startsWith('storctl: warning:'));
  expect(lines, stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/internal error|\n\s+at /);
  expect(stderr).not.toContain(TOKEN);
}

describe('OpenStorage over gRPC, unhappy servers', () => {
  it('a server that never answers: --timeout 3 ends the call in 3–5 s, exit 6', async () => {
    const r = await timed(['-p', 'hang', 'volume', 'list', '--timeout', '3']);
    expect(r.code, r.stderr).toBe(6);
    expect(r.ms).toBeGreaterThanOrEqual(2900);
    expect(r.ms).toBeLessThan(5500);
    expectOneLine(r.stderr);
    expect(r.stderr).toMatch(/timed out/);
  });

  it('UNAVAILABLE forever: retried within --retry-budget, then exit 6', async () => {
    const r = await timed(['-p', 'unavailable', 'volume', 'list', '--retry-budget', '2', '--debug']);
    expect(r.code, r.stderr).toBe(6);
    expect(r.ms).toBeLessThan(10_000);
    expect(r.stderr.match(/retrying \/openstorage/g)?.length ?? 0).toBeGreaterThanOrEqual(1);
    expect(r.stderr).toMatch(/storctl: .*not ready/);
  });

  it('every connection reset: bounded, exit 6, one line', async () => {
    const r = await timed(['-p', 'reset', 'volume', 'list']);
    expect(r.code, r.stderr).toBe(6);
    expect(r.ms).toBeLessThan(30_000);
    expectOneLine(r.stderr);
  });
});
