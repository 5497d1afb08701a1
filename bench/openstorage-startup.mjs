#!/usr/bin/env node
// Startup cost of storctl with the OpenStorage backend in the tree, and proof that grpc-js is
// loaded only by OpenStorage commands that talk gRPC.
//
//   npm run build && node bench/openstorage-startup.mjs [--runs N]
//
// For each command it prints the median wall time of N runs of the built CLI and whether
// @grpc/grpc-js was loaded. "Loaded" is measured, not inferred: one extra run uses
// `node --import <preload>`, where the preload registers an ESM resolve hook (module.register)
// that logs every resolved module URL and, at exit, every CommonJS module in require.cache;
// grpc-js counts as loaded when a logged path contains /@grpc/. The OpenStorage-over-gRPC row
// is the positive control. The simulator runs in this process (from dist/) on loopback.
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'storctl');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;

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

const dir = await mkdtemp(join(tmpdir(), 'storctl-bench-'));
const { startOpenStorage } = await import(join(ROOT, 'dist/sandbox/openstorage/index.js'));
const sim = await startOpenStorage();
const env = { PATH: process.env.PATH, HOME: dir, XDG_CONFIG_HOME: join(dir, '.config'), XDG_CACHE_HOME: join(dir, '.cache'), NO_COLOR: '1' };
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
const preload = join(dir, 'preload.mjs');
await writeFile(preload, PRELOAD);

function run(args, extraNodeArgs = [], extraEnv = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...extraNodeArgs, BIN, ...args], { env: { ...env, ...extraEnv }, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, ms: performance.now() - t0 }));
  });
}

async function grpcLoaded(args) {
  const log = join(dir, `m-${Math.random().toString(36).slice(2)}.log`);
  await writeFile(log, '');
  await run(args, ['--import', pathToFileURL(preload).href], { STORCTL_MODULE_LOG: log });
  const lines = (await readFile(log, 'utf8')).split('\n');
  if (!lines.some((l) => l.includes('dist/cli.js'))) return 'unknown (hook saw nothing)';
  return lines.some((l) => /[\\/]@grpc[\\/]/.test(l)) ? 'yes' : 'no';
}

const cases = [
  ['--help'],
  ['--version'],
  ['volume', '--help'],
  ['profile', 'list'],
  ['-p', 'cloud', 'volume', 'list'],
  ['-p', 'os', '--transport', 'rest', 'cluster', 'show'],
  ['-p', 'os', 'cluster', 'show'],
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
try {
  for (const args of cases) {
    await run(args); // warm the file cache
    const times = [];
    let code = 0;
    for (let i = 0; i < RUNS; i++) {
      const r = await run(args);
      times.push(r.ms);
      code = r.code;
    }
    rows.push({ command: `storctl ${args.join(' ')}`, exit: code, median_ms: Math.round(median(times)), grpc_js_loaded: await grpcLoaded(args) });
  }
} finally {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
}

const help = rows[0].median_ms;
const w = Math.max(...rows.map((r) => r.command.length));
console.log(`${'command'.padEnd(w)}  exit  median ms  vs --help  grpc-js loaded`);
for (const r of rows) {
  console.log(`${r.command.padEnd(w)}  ${String(r.exit).padStart(4)}  ${String(r.median_ms).padStart(9)}  ${(r.median_ms / help).toFixed(2).padStart(8)}x  ${r.grpc_js_loaded}`);
}
console.log(`(${RUNS} runs each, Node ${process.version}; the openstack row fails fast against a closed port on purpose)`);
const bad = rows.filter((r) => !r.command.endsWith('-p os cluster show') && r.grpc_js_loaded !== 'no');
const control = rows.find((r) => r.command.endsWith('-p os cluster show'));
if (bad.length > 0 || control?.grpc_js_loaded !== 'yes') {
  console.error('unexpected grpc-js loading:', JSON.stringify([...bad, control]));
  process.exitCode = 1;
}
