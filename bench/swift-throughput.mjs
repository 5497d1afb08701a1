#!/usr/bin/env node
// Swift object throughput: storctl vs python-swiftclient (`swift upload` / `swift download`)
// against the same cluster in the same run, printed as ratios, plus storctl's peak RSS.
// Not a test. Each round runs the tools alternately on the same 1 GiB file; medians are shown.
// With curl on PATH and v1 auth, a plain curl PUT/GET (no checksum, one stream) runs too: the
// server's own single-stream speed. Each row also shows the CPU seconds the client used and,
// when the Swift servers run on this machine (the testbed), the CPU seconds they used: when
// client and server share the cores, (client + server CPU) / cores bounds how fast any client
// can go, and the bench prints that bound.
//
// Usage (v1 auth; the testbed's real Swift):
//   ST_AUTH=http://127.0.0.1:8080/auth/v1.0 ST_USER=test:tester ST_KEY=testing \
//     node bench/swift-throughput.mjs [--size 1G] [--rounds 3] [--file PATH] [--concurrency N] \
//       [--swift /usr/bin/swift] [--container NAME] [--keep]
// Needs `npm run build` first. The swift CLI runs with PATH=/usr/bin:/bin (Debian's python3).
// Peak RSS comes from /usr/bin/time when present, else from polling /proc/PID/status.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'storctl');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const flag = (name) => args.includes(`--${name}`);
const E = process.env;
if (!E.ST_AUTH || !E.ST_USER || !E.ST_KEY) {
  console.error('set ST_AUTH, ST_USER and ST_KEY (see the comment at the top)');
  process.exit(2);
}
const size = parseSize(opt('size', '1G'));
const rounds = Number(opt('rounds', '3'));
const swiftBin = opt('swift', '/usr/bin/swift');
const container = opt('container', `stx-bench-${Date.now().toString(36)}`);
const concurrency = opt('concurrency');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

function parseSize(s) {
  const m = /^(\d+(?:\.\d+)?)([KMG]?)/i.exec(s);
  return Math.floor(Number(m[1]) * { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2].toUpperCase()]);
}
const mib = (n) => (n / 1024 / 1024).toFixed(0);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Local Swift server processes (the testbed's), by pid. */
function serverPids() {
  const pids = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (/swift-(proxy|object|container|account)-server/.test(readFileSync(`/proc/${d}/cmdline`, 'utf8'))) pids.push(d);
    } catch {
      /* gone */
    }
  }
  return pids;
}
const TICK = 100; // USER_HZ on Linux
/** CPU seconds the local Swift servers have used so far (0 when none run here). */
function serverCpu() {
  let ticks = 0;
  for (const pid of serverPids()) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      /* gone */
    }
  }
  return ticks / TICK;
}

/** Runs a command; resolves wall seconds, peak RSS (bytes), its CPU seconds and the local servers'. Fails on a non-zero exit. */
function measure(cmd, argv, env) {
  return new Promise((resolve, reject) => {
    const statFile = join(work, `time-${process.hrtime.bigint()}.txt`);
    const [c, a] = TIME ? [TIME, ['-f', '%M %U %S', '-o', statFile, cmd, ...argv]] : [cmd, argv];
    const srv0 = serverCpu();
    const t0 = process.hrtime.bigint();
    const child = spawn(c, a, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    let peak = 0;
    child.stderr.on('data', (d) => (err += d));
    const poll = TIME
      ? undefined
      : setInterval(async () => {
          const s = await readFile(`/proc/${child.pid}/status`, 'utf8').catch(() => '');
          const m = /VmHWM:\s+(\d+) kB/.exec(s);
          if (m) peak = Math.max(peak, Number(m[1]) * 1024);
        }, 20);
    child.on('close', async (code) => {
      const secs = Number(process.hrtime.bigint() - t0) / 1e9;
      const server = serverCpu() - srv0;
      if (poll) clearInterval(poll);
      if (code !== 0) return reject(new Error(`${cmd} ${argv.join(' ')} exited ${code}: ${err.slice(-2000)}`));
      let cpu;
      if (TIME) {
        const [kb, u, sys] = (await readFile(statFile, 'utf8')).trim().split('\n').pop().split(' ').map(Number);
        peak = kb * 1024;
        cpu = u + sys;
      }
      resolve({ secs, rss: peak, cpu, server });
    });
  });
}

async function md5(path) {
  const h = createHash('md5');
  for await (const c of createReadStream(path, { highWaterMark: 1 << 20 })) h.update(c);
  return h.digest('hex');
}

const work = await mkdtemp(join(tmpdir(), 'storctl-bench-'));
const home = join(work, 'home');
await mkdir(join(home, '.config/storctl'), { recursive: true });
await writeFile(
  join(home, '.config/storctl/config.yaml'),
  `current_profile: bench\nprofiles:\n  bench:\n    backend: swift\n    auth_url: ${E.ST_AUTH}\n    username: ${E.ST_USER}\n    password: ${E.ST_KEY}\n`,
  { mode: 0o600 },
);
const storctlEnv = { PATH: E.PATH, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache'), NO_COLOR: '1' };
const swiftEnv = { PATH: '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8' };
const swiftAuth = ['-A', E.ST_AUTH, '-U', E.ST_USER, '-K', E.ST_KEY];
const storctl = (...a) => measure(process.execPath, [BIN, ...a], storctlEnv);
const swift = (...a) => measure(swiftBin, [...swiftAuth, ...a], swiftEnv);
const conc = concurrency ? ['--concurrency', concurrency] : [];

/** Token and storage URL for curl (v1 auth only), or undefined without curl. */
async function curlCredentials() {
  if (spawnSync('curl', ['--version']).status !== 0 || !/\/auth\/v1/.test(E.ST_AUTH)) return undefined;
  const r = await fetch(E.ST_AUTH, { headers: { 'x-auth-user': E.ST_USER, 'x-auth-key': E.ST_KEY } });
  if (!r.ok) return undefined;
  return { token: r.headers.get('x-auth-token'), url: r.headers.get('x-storage-url') };
}

let file = opt('file');
try {
  if (!file) {
    file = join(work, 'data.bin');
    process.stderr.write(`writing ${mib(size)} MiB of random data to ${file}…\n`);
    const out = createWriteStream(file);
    for (let left = size; left > 0; left -= 8 << 20) {
      if (!out.write(randomBytes(Math.min(left, 8 << 20)))) await new Promise((r) => out.once('drain', r));
    }
    await new Promise((r) => out.end(r));
  }
  const bytes = (await stat(file)).size;
  const sum = await md5(file);
  await storctl('auth', 'login');
  await storctl('container', 'create', container);
  const curlAuth = await curlCredentials();
  const curl = curlAuth ? (...a) => measure('curl', ['-sSf', '-o', '/dev/null', '-H', `X-Auth-Token: ${curlAuth.token}`, ...a], { PATH: E.PATH }) : undefined;
  const curlGet = curlAuth ? (obj, out) => measure('curl', ['-sSf', '-o', out, '-H', `X-Auth-Token: ${curlAuth.token}`, `${curlAuth.url}/${container}/${obj}`], { PATH: E.PATH }) : undefined;
  const res = { swiftUp: [], stUp: [], curlUp: [], swiftDown: [], stDown: [], stDownOwn: [], curlDown: [] };
  const rss = { up: 0, down: 0 };
  const dl = join(work, 'dl.bin');
  const fresh = async () => {
    await rm(dl, { force: true });
    spawnSync('sync'); // the last run's dirty pages are not this run's cost
  };
  for (let r = 1; r <= rounds; r++) {
    process.stderr.write(`round ${r}/${rounds}…\n`);
    await fresh();
    res.swiftUp.push(await swift('upload', container, file, '--object-name', 'swift.bin'));
    await fresh();
    const u = await storctl('object', 'upload', container, file, '--name', 'storctl.bin', ...conc);
    res.stUp.push(u);
    rss.up = Math.max(rss.up, u.rss);
    if (curl) {
      await fresh();
      res.curlUp.push(await curl('-X', 'PUT', '-T', file, `${curlAuth.url}/${container}/curl.bin`));
    }
    await fresh();
    res.swiftDown.push(await swift('download', container, 'swift.bin', '-o', dl));
    if (r === 1 && (await md5(dl)) !== sum) throw new Error('swift download: MD5 differs');
    await fresh();
    const d = await storctl('object', 'download', container, 'swift.bin', '--file', dl, ...conc);
    res.stDown.push(d);
    rss.down = Math.max(rss.down, d.rss);
    if (r === 1 && (await md5(dl)) !== sum) throw new Error('storctl download: MD5 differs');
    await fresh();
    const o = await storctl('object', 'download', container, 'storctl.bin', '--file', dl, ...conc);
    res.stDownOwn.push(o);
    rss.down = Math.max(rss.down, o.rss);
    if (r === 1 && (await md5(dl)) !== sum) throw new Error('storctl download of its own upload: MD5 differs');
    if (curlGet) {
      await fresh();
      res.curlDown.push(await curlGet('swift.bin', dl));
    }
  }
  await rm(dl, { force: true });
  const cores = availableParallelism();
  const rate = (s) => `${(bytes / 1024 / 1024 / s).toFixed(0).padStart(4)} MiB/s`;
  const med = (runs, key) => (runs.length && runs.every((x) => x[key] !== undefined) ? median(runs.map((x) => x[key])) : undefined);
  const cpuCol = (runs) => {
    const c = med(runs, 'cpu');
    const sv = med(runs, 'server');
    return `${c === undefined ? '   -' : c.toFixed(1).padStart(4)} s${sv ? ` + ${sv.toFixed(1).padStart(3)} s` : ''}`;
  };
  const line = (label, runs) => `  ${label.padEnd(40)} ${med(runs, 'secs').toFixed(2).padStart(6)} s ${rate(med(runs, 'secs'))}   ${cpuCol(runs)}`;
  const ratio = (label, a, b) => `  ${label.padEnd(40)} ${(med(a, 'secs') / med(b, 'secs')).toFixed(2)}×`;
  /** The fastest wall time the cores allow a run with this much client and server CPU. */
  const floor = (runs) => {
    const sv = med(runs, 'server');
    const c = med(runs, 'cpu');
    return sv && c !== undefined ? (c + sv) / cores : undefined;
  };
  console.log(`Swift throughput, ${mib(bytes)} MiB, median of ${rounds} round(s), ${new URL(E.ST_AUTH).host}, ${cores} cores${concurrency ? `, --concurrency ${concurrency}` : ''}`);
  console.log(`  ${''.padEnd(40)} ${'wall'.padStart(8)} ${'rate'.padStart(10)}   CPU: client${serverPids().length ? ' + local Swift servers' : ''}`);
  console.log(line('upload:   swift upload', res.swiftUp));
  console.log(line('upload:   storctl object upload', res.stUp));
  if (res.curlUp.length) console.log(line('upload:   curl PUT (one stream, no MD5)', res.curlUp));
  console.log(line('download: swift download', res.swiftDown));
  console.log(line('download: storctl (same object)', res.stDown));
  console.log(line('download: storctl (its own upload)', res.stDownOwn));
  if (res.curlDown.length) console.log(line('download: curl GET (one stream, no MD5)', res.curlDown));
  console.log('ratios (swift wall / storctl wall):');
  console.log(ratio('upload', res.swiftUp, res.stUp));
  console.log(ratio('download (same object)', res.swiftDown, res.stDown));
  console.log(ratio('download (own upload)', res.swiftDown, res.stDownOwn));
  const fu = floor(res.stUp);
  const fd = floor(res.stDown);
  if (fu && fd) {
    console.log(`CPU bound: client and servers share ${cores} cores, so storctl cannot finish faster than (its CPU + the servers') / ${cores}:`);
    console.log(`  upload ≥ ${fu.toFixed(2)} s (ratio at most ${(med(res.swiftUp, 'secs') / fu).toFixed(2)}×), download ≥ ${fd.toFixed(2)} s (ratio at most ${(med(res.swiftDown, 'secs') / fd).toFixed(2)}×)`);
  }
  console.log(`storctl peak RSS: upload ${mib(rss.up)} MiB, download ${mib(rss.down)} MiB${TIME ? '' : ' (polled)'}`);
} finally {
  if (!flag('keep')) {
    await storctl('container', 'delete', container, '--recursive', '--yes').catch((e) => console.error(`cleanup: ${e.message}`));
    await storctl('container', 'delete', `${container}_segments`, '--recursive', '--yes').catch(() => {});
  }
  await rm(work, { recursive: true, force: true });
}
