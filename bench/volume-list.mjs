// Benchmark: `storctl volume list` against the reference client, and its memory at scale.
//
// Usage (after `npm run build`):
//   . /tmp/openstack-testbed/env.sh && node bench/volume-list.mjs
//   node bench/volume-list.mjs            # without OS_AUTH_URL: only the simulator part
//   BENCH_VOLUMES=20000 node bench/volume-list.mjs
//
// 1. Real Cinder (needs OS_AUTH_URL, OS_USERNAME, OS_PASSWORD, OS_PROJECT_NAME, …): median wall
//    time of 7 runs (1 warm-up) of `storctl volume list` with a warm token cache, and of
//    Debian's `openstack volume list` (PATH=/usr/bin:/bin), printed with their ratio.
// 2. Simulator: peak RSS (GNU time %M) and wall time of `storctl volume list -o json` over
//    10,000 volumes (BENCH_VOLUMES) seeded in an in-process Keystone + Cinder simulator.
// Not a test: it prints numbers, it asserts nothing.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, timeRun } from './lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/storctl');
const RUNS = 7;
const WARMUP = 1;

function home() {
  const dir = mkdtempSync(join(tmpdir(), 'storctl-bench-'));
  const env = { PATH: process.env.PATH, HOME: dir, XDG_CONFIG_HOME: join(dir, '.config'), XDG_CACHE_HOME: join(dir, '.cache'), NO_COLOR: '1' };
  return { dir, env };
}

function writeProfile(dir, settings) {
  mkdirSync(join(dir, '.config/storctl'), { recursive: true, mode: 0o700 });
  const lines = Object.entries(settings).filter(([, v]) => v !== undefined).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`);
  writeFileSync(join(dir, '.config/storctl/config.yaml'), `current_profile: bench\nprofiles:\n  bench:\n${lines.join('\n')}\n`, { mode: 0o600 });
}

function timed(cmd, args, opts) {
  for (let i = 0; i < WARMUP; i++) timeRun(cmd, args, opts);
  return median(Array.from({ length: RUNS }, () => timeRun(cmd, args, opts)));
}

function realCinder() {
  const e = process.env;
  if (!e.OS_AUTH_URL) {
    console.log('real Cinder: skipped (source /tmp/openstack-testbed/env.sh first)');
    return;
  }
  const h = home();
  try {
    writeProfile(h.dir, {
      backend: 'openstack',
      auth_url: e.OS_AUTH_URL,
      username: e.OS_USERNAME,
      password: e.OS_PASSWORD,
      project_name: e.OS_PROJECT_NAME,
      user_domain_name: e.OS_USER_DOMAIN_NAME ?? 'Default',
      project_domain_name: e.OS_PROJECT_DOMAIN_NAME ?? 'Default',
      region_name: e.OS_REGION_NAME,
    });
    timeRun(process.execPath, [bin, 'auth', 'login'], { env: h.env });
    const count = JSON.parse(spawnSync(process.execPath, [bin, 'volume', 'list', '-o', 'json'], { env: h.env, encoding: 'utf8' }).stdout).length;
    const ours = timed(process.execPath, [bin, 'volume', 'list'], { env: h.env });
    const osEnv = { PATH: '/usr/bin:/bin', HOME: h.dir, LANG: 'C.UTF-8' };
    for (const [k, v] of Object.entries(e)) if (k.startsWith('OS_')) osEnv[k] = v;
    const theirs = timed('/usr/bin/openstack', ['volume', 'list'], { env: osEnv });
    console.log(`real Cinder, ${count} volumes, median of ${RUNS} (after ${WARMUP} warm-up):`);
    console.log(`  storctl volume list (warm token)   ${ours.toFixed(0).padStart(6)} ms`);
    console.log(`  openstack volume list              ${theirs.toFixed(0).padStart(6)} ms`);
    console.log(`  storctl is ${(theirs / ours).toFixed(1)}× faster (goal ≥ 5×)`);
  } finally {
    rmSync(h.dir, { recursive: true, force: true });
  }
}

async function simulator() {
  const n = Number(process.env.BENCH_VOLUMES ?? 10_000);
  const { startKeystone, SEED_USERS } = await import(join(root, 'dist/sandbox/keystone.js'));
  const { startCinder } = await import(join(root, 'dist/sandbox/cinder.js'));
  const keystone = await startKeystone();
  const cinder = await startCinder({ validateToken: keystone.validateToken });
  const h = home();
  try {
    keystone.setCatalog([{ type: 'volumev3', name: 'cinderv3', url: `${cinder.url}/v3/$(project_id)s` }]);
    const project = keystone.projects.get('admin');
    cinder.seedVolumes(project.id, n, { namePrefix: 'bench' });
    writeProfile(h.dir, {
      backend: 'openstack',
      auth_url: `${keystone.url}/v3`,
      username: SEED_USERS.admin.name,
      password: SEED_USERS.admin.password,
      project_name: 'admin',
      user_domain_name: 'Default',
      project_domain_name: 'Default',
    });
    // The simulator runs in this process, so the CLI runs as an asynchronous child (spawnSync would
    // block the simulator); GNU time reports its peak RSS.
    const run = (cmd, args) =>
      new Promise((resolve) => {
        const t0 = process.hrtime.bigint();
        const c = spawn(cmd, args, { env: h.env, stdio: ['ignore', 'pipe', 'pipe'] });
        let bytes = 0;
        let err = '';
        c.stdout.on('data', (d) => (bytes += d.length));
        c.stderr.on('data', (d) => (err += d));
        c.on('close', (code) => resolve({ code, bytes, err, ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
      });
    const login = await run(process.execPath, [bin, 'auth', 'login']);
    if (login.code !== 0) throw new Error(`login failed: ${login.err}`);
    const r = await run('/usr/bin/time', ['-f', '%M', process.execPath, bin, 'volume', 'list', '-o', 'json']);
    if (r.code !== 0) throw new Error(`volume list failed: ${r.err}`);
    const kb = Number(r.err.trim().split('\n').pop());
    const table = await run(process.execPath, [bin, 'volume', 'list']);
    console.log(`simulator, ${n} volumes (${Math.ceil(n / 1000)} pages):`);
    console.log(`  storctl volume list -o json        ${r.ms.toFixed(0).padStart(6)} ms, peak RSS ${(kb / 1024).toFixed(1)} MiB, ${(r.bytes / 1048576).toFixed(1)} MiB of JSON`);
    console.log(`  storctl volume list (table)        ${table.ms.toFixed(0).padStart(6)} ms`);
  } finally {
    await cinder.close();
    await keystone.close();
    rmSync(h.dir, { recursive: true, force: true });
  }
}

realCinder();
await simulator();
