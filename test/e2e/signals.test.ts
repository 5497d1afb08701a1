// ^C while a request is in flight: exit 130, one line, nothing left half-written.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BIN, makeHome, type TestHome } from './harness.js';

let server: Server;
let h: TestHome;
let reached: () => void;
const inFlight = new Promise<void>((r) => (reached = r));

beforeAll(async () => {
  server = createServer(() => reached()); // never answers
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  h = await makeHome();
  await mkdir(join(h.home, '.config/storctl'), { recursive: true });
  await writeFile(join(h.home, '.config/storctl/config.yaml'), `current_profile: k\nprofiles:\n  k:\n    backend: openstorage\n    endpoint: 127.0.0.1:1\n    rest_endpoint: http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await h.cleanup();
});

it('SIGINT during a request exits 130 with one line', async () => {
  const child = spawn(process.execPath, [BIN, 'api', 'GET', '/hang'], { env: h.env });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  await inFlight;
  child.kill('SIGINT');
  const code = await new Promise<number>((r) => child.on('close', (c) => r(c ?? -1)));
  expect(code).toBe(130);
  expect(stderr.trim()).toBe('storctl: interrupted');
});
