#!/usr/bin/env node
// Swift object throughput: storctl vs python-swiftclient (`swift upload` / `swift download`)
// against the same cluster in the same run, printed as ratios, plus storctl's peak RSS.
// Not a test. Each round runs the tools alternately on the same 1 GiB file; medians are shown.
//
// Usage (v1 auth; the testbed's real Swift):
//   ST_AUTH=http://127.0.0.1:8080/auth/v1.0 ST_USER=test:tester ST_KEY=testing \
//     node bench/swift-throughput.mjs [--size 1G] [--rounds 3] [--file PATH] [--concurrency N] \
//       [--swift /usr/bin/swift] [--container NAME] [--keep]
// Needs `npm run build` first. The swift CLI runs with PATH=/usr/bin:/bin (Debian's python3).
// Peak RSS comes from /usr/bin/time when present, else from polling /proc/PID/status.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
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

/** Runs a command; resolves wall seconds and peak RSS (bytes). Fails on a non-zero exit. */
function measure(cmd, argv, env) {
  return new Promise((resolve, reject) => {
    const statFile = join(work, `time-${process.hrtime.bigint()}.txt`);
    const [c, a] = TIME ? [TIME, ['-f', '%M', '-o', statFile, cmd, ...argv]] : [cmd, argv];
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
      if (poll) clearInterval(poll);
      if (code !== 0) return reject(new Error(`${cmd} ${argv.join(' ')} exited ${code}: ${err.slice(-2000)}`));
      if (TIME) peak = Number((await readFile(statFile, 'utf8')).trim().split('\n').pop()) * 1024;
      resolve({ secs, rss: peak });
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
  const res = { swiftUp: [], stUp: [], swiftDown: [], stDown: [], stDownOwn: [] };
  const rss = { up: 0, down: 0 };
  const dl = join(work, 'dl.bin');
  for (let r = 1; r <= rounds; r++) {
    process.stderr.write(`round ${r}/${rounds}…\n`);
    res.swiftUp.push((await swift('upload', container, file, '--object-name', 'swift.bin')).secs);
    const u = await storctl('object', 'upload', container, file, '--name', 'storctl.bin', ...conc);
    res.stUp.push(u.secs);
    rss.up = Math.max(rss.up, u.rss);
    await rm(dl, { force: true });
    res.swiftDown.push((await swift('download', container, 'swift.bin', '-o', dl)).secs);
    if (r === 1 && (await md5(dl)) !== sum) throw new Error('swift download: MD5 differs');
    await rm(dl, { force: true });
    const d = await storctl('object', 'download', container, 'swift.bin', '--file', dl, ...conc);
    res.stDown.push(d.secs);
    rss.down = Math.max(rss.down, d.rss);
    if (r === 1 && (await md5(dl)) !== sum) throw new Error('storctl download: MD5 differs');
    await rm(dl, { force: true });
    const o = await storctl('object', 'download', container, 'storctl.bin', '--file', dl, ...conc);
    res.stDownOwn.push(o.secs);
    rss.down = Math.max(rss.down, o.rss);
    if (r === 1 && (await md5(dl)) !== sum) throw new Error('storctl download of its own upload: MD5 differs');
    await rm(dl, { force: true });
  }
  const rate = (s) => `${(bytes / 1024 / 1024 / s).toFixed(0).padStart(4)} MiB/s`;
  const row = (label, a, b) => {
    const ta = median(a);
    const tb = median(b);
    return `${label.padEnd(34)} ${ta.toFixed(2).padStart(6)} s ${rate(ta)}   ${tb.toFixed(2).padStart(6)} s ${rate(tb)}   ${(ta / tb).toFixed(2)}×`;
  };
  console.log(`Swift throughput, ${mib(bytes)} MiB, median of ${rounds} round(s), ${new URL(E.ST_AUTH).host}${concurrency ? `, --concurrency ${concurrency}` : ''}`);
  console.log(`${''.padEnd(34)} ${'swift (python-swiftclient)'.padEnd(24)}   ${'storctl'.padEnd(22)}   ratio`);
  console.log(row('upload (file → object)', res.swiftUp, res.stUp));
  console.log(row('download (same object → file)', res.swiftDown, res.stDown));
  console.log(row('download (own upload → file)', res.swiftDown, res.stDownOwn));
  console.log(`storctl peak RSS: upload ${mib(rss.up)} MiB, download ${mib(rss.down)} MiB${TIME ? '' : ' (polled)'}`);
} finally {
  if (!flag('keep')) {
    await storctl('container', 'delete', container, '--recursive', '--yes').catch((e) => console.error(`cleanup: ${e.message}`));
    await storctl('container', 'delete', `${container}_segments`, '--recursive', '--yes').catch(() => {});
  }
  await rm(work, { recursive: true, force: true });
}
