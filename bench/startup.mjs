// Start-up cost of storctl: `--version`, `--help`, a topic's help and a command served from the
// token cache, each as a ratio to `node -e 0` on the same machine (goal for --help/--version:
// under 1.5×). Also shows which heavy modules each path loads (none for help/version).
// Usage: npm run build && node bench/startup.mjs [runs]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { medianTime, row } from './lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/storctl');
const runs = Number(process.argv[2] ?? 15);
const home = mkdtempSync(join(tmpdir(), 'storctl-bench-'));
const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, 'c'), XDG_CACHE_HOME: join(home, 'k'), NO_COLOR: '1' };
for (const k of Object.keys(env)) if (/^(OS_|ST_|STORCTL_)/.test(k)) delete env[k];

const base = medianTime(process.execPath, ['-e', '0'], { runs, env });
row('node -e 0 (reference)', base);
for (const args of [['--version'], ['--help'], ['volume', '--help'], ['profile', 'list']]) {
  row(`storctl ${args.join(' ')}`, medianTime(process.execPath, [bin, ...args], { runs, env }), base, 'node -e 0');
}

// Which heavy modules does each path load? (ESM loads are visible through a loader hook.)
const hook = join(home, 'hook.mjs');
const { writeFileSync } = await import('node:fs');
writeFileSync(hook, `export async function resolve(s, c, n) { const r = await n(s, c); if (/node_modules\\/(undici|@grpc|keytar|yaml|protobufjs|cli-table3|chalk)\\//.test(r.url)) process.stderr.write('LOADED ' + r.url.split('node_modules/')[1].split('/').slice(0, r.url.includes('@grpc') ? 2 : 1).join('/') + '\\n'); return r; }`);
const reg = join(home, 'register.mjs');
writeFileSync(reg, `import { register } from 'node:module'; register(${JSON.stringify('file://' + hook)});`);
for (const args of [['--version'], ['--help'], ['volume', 'list', '--help'], ['profile', 'list']]) {
  const r = spawnSync(process.execPath, ['--import', reg, bin, ...args], { env, encoding: 'utf8' });
  const loaded = [...new Set((r.stderr.match(/^LOADED .*/gm) ?? []).map((l) => l.slice(7)))].sort();
  console.log(`modules loaded by storctl ${args.join(' ').padEnd(22)} ${loaded.length ? loaded.join(', ') : '(no backend, grpc, keyring, yaml or table code)'}`);
}
rmSync(home, { recursive: true, force: true });
