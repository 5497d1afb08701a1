// Proof that grpc-js stays unloaded unless an OpenStorage command actually talks gRPC.
//
// Each run of the built CLI gets `node --import <preload>`; the preload registers an ESM
// resolve hook (module.register) that appends every resolved module URL to a log, and at
// exit also appends every CommonJS module in require.cache (grpc-js is CommonJS, so its files
// land there whichever way it was reached). A run "loaded grpc-js" when any logged path
// contains /@grpc/. The positive control (an OpenStorage command over gRPC) shows that the
// detector sees grpc-js when it is loaded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BIN, ROOT, baseEnv } from '../e2e/harness.js';

let dir: string;
let preload: string;
let env: Record<string, string>;
let sim: { grpcAddress: string; restUrl: string; close(): Promise<void> };

const PRELOAD = `
import { register, createRequire } from 'node:module';
import { appendFileSync } from 'node:fs';
const log = process.env.STORCTL_MODULE_LOG;
register('data:text/javascript,' + encodeURIComponent(\`
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(\${JSON.stringify(log)}, 'esm ' + r.url + '\\\\n');
  return r;
}\`));
process.on('exit', () => {
  const Module = createRequire(import.meta.url)('node:module');
  appendFileSync(log, Object.keys(Module._cache).map((p) => 'cjs ' + p + '\\n').join(''));
});
`;

async function modulesLoadedBy(args: string[]): Promise<{ code: number; modules: string[] }> {
  const log = join(dir, `modules-${Math.random().toString(36).slice(2)}.log`);
  await writeFile(log, '');
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', pathToFileURL(preload).href, BIN, ...args], {
      env: { ...env, STORCTL_MODULE_LOG: log },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.on('error', reject);
    child.on('close', (c) => resolve(c ?? 1));
  });
  const modules = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
  return { code, modules };
}

const grpcPaths = (modules: string[]) => modules.filter((m) => /[\\/]@grpc[\\/]/.test(m));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storctl-lazy-'));
  preload = join(dir, 'preload.mjs');
  await writeFile(preload, PRELOAD);
  const { startOpenStorage } = (await import(join(ROOT, 'dist/sandbox/openstorage/index.js'))) as typeof import('../../src/sandbox/openstorage/index.js');
  sim = await startOpenStorage();
  env = baseEnv(dir);
  await mkdir(join(dir, '.config/storctl'), { recursive: true });
  await writeFile(
    join(dir, '.config/storctl/config.yaml'),
    `current_profile: os
profiles:
  os:
    backend: openstorage
    endpoint: ${sim.grpcAddress}
    rest_endpoint: ${sim.restUrl}
  cloud:
    backend: openstack
    auth_url: http://127.0.0.1:1/v3
    username: u
    password: p
    project_name: p
`,
    { mode: 0o600 },
  );
});

afterAll(async () => {
  await sim?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('grpc-js is loaded only by OpenStorage commands over gRPC', () => {
  it('the detector sees grpc-js when an OpenStorage command runs over gRPC (positive control)', async () => {
    const r = await modulesLoadedBy(['-p', 'os', 'cluster', 'show']);
    expect(r.code).toBe(0);
    expect(grpcPaths(r.modules).some((m) => m.startsWith('esm '))).toBe(true);
    expect(grpcPaths(r.modules).some((m) => m.startsWith('cjs '))).toBe(true);
    expect(r.modules.some((m) => m.includes('dist/cli.js'))).toBe(true);
  });

  for (const args of [
    ['--help'],
    ['--version'],
    ['volume', '--help'],
    ['watch', 'volumes', '--help'],
    ['rpc', '--help'],
    ['profile', 'list'],
    ['-p', 'cloud', 'volume', 'list'],
    ['-p', 'os', '--transport', 'rest', 'cluster', 'show'],
  ]) {
    it(`storctl ${args.join(' ')}`, async () => {
      const r = await modulesLoadedBy(args);
      expect(r.modules.some((m) => m.includes('dist/cli.js'))).toBe(true); // the log works for this run
      expect(grpcPaths(r.modules)).toEqual([]);
    });
  }
});
