import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineCommand } from '../../framework/command.js';
import { StorctlError } from '../../framework/errors.js';
import { loadConfig } from '../../config/file.js';
import { loadManifest } from '../../framework/manifest.js';
import { startSandbox } from '../../sandbox/index.js';
import { writeSandboxProfiles } from '../../sandbox/control.js';

/** The tour: real commands against the simulators. Steps whose command is not built yet are skipped. */
const TOUR: { title: string; argv: string[] }[] = [
  { title: 'Profiles the sandbox wrote', argv: ['profile', 'list'] },
  { title: 'Log in to Keystone v3 (the token is cached for later commands)', argv: ['-p', 'sandbox-openstack', 'auth', 'login'] },
  { title: 'The service catalog, from the cached token: no request', argv: ['-p', 'sandbox-openstack', 'catalog', 'list', '-c', 'Name', '-c', 'Type'] },
  { title: 'Keystone v2.0 (legacy clouds, ViPR)', argv: ['-p', 'sandbox-keystone-v2', 'auth', 'login', '-c', 'Auth type', '-c', 'Project', '-c', 'Expires'] },
  { title: 'Nova flavors', argv: ['-p', 'sandbox-openstack', 'flavor', 'list'] },
  { title: 'Create a Cinder volume and wait until it is available', argv: ['-p', 'sandbox-openstack', 'volume', 'create', 'demo-vol', '--size', '2', '--wait', '-o', 'json', '-c', 'id', '-c', 'name', '-c', 'status', '-c', 'size'] },
  { title: 'List volumes', argv: ['-p', 'sandbox-openstack', 'volume', 'list'] },
  { title: 'Swift with v1 auth: create a container', argv: ['-p', 'sandbox-swift', 'container', 'create', 'demo'] },
  { title: 'Swift containers', argv: ['-p', 'sandbox-swift', 'container', 'list', '--long'] },
  { title: 'OpenStorage over gRPC: cluster', argv: ['-p', 'sandbox-openstorage', 'cluster', 'show'] },
  { title: 'OpenStorage: create a volume', argv: ['-p', 'sandbox-openstorage', 'volume', 'create', 'demo-px', '--size', '1GiB', '-o', 'value', '-c', 'id'] },
  { title: 'OpenStorage over the REST gateway: same volumes', argv: ['-p', 'sandbox-openstorage-rest', 'volume', 'list'] },
  { title: 'KumoScale over HTTPS with a client certificate', argv: ['-p', 'sandbox-kumoscale', 'backend', 'list'] },
  { title: 'Raw API escape hatch', argv: ['-p', 'sandbox-openstack', 'api', 'GET', '/auth/projects'] },
];

export default defineCommand({
  summary: 'Start the simulators, run a short tour of real commands, and stop',
  description:
    'Everything runs against throwaway simulators on 127.0.0.1 with a temporary config and cache: your own profiles and tokens are not touched. Each step prints the command and its real output.',
  backends: 'none',
  examples: ['storctl sandbox demo'],
  async run(ctx) {
    const home = await mkdtemp(join(tmpdir(), 'storctl-demo-'));
    const sandbox = await startSandbox({ pkiDir: join(home, 'pki') });
    try {
      const env = { ...cleanEnv(ctx.env), STORCTL_CONFIG: join(home, 'config.yaml'), STORCTL_CACHE_DIR: join(home, 'cache'), COLUMNS: String(ctx.io.stdout.columns || 100) };
      await writeSandboxProfiles(await loadConfig(env.STORCTL_CONFIG), sandbox);
      const known = new Set(loadManifest().commands.map((c) => c.path.join(' ')));
      const bin = fileURLToPath(new URL('../../../bin/storctl', import.meta.url));
      let failed = 0;
      for (const step of TOUR) {
        const words = step.argv.filter((a, i) => !a.startsWith('-') && !(i > 0 && step.argv[i - 1]!.startsWith('-')));
        if (!hasCommand(known, words)) continue;
        ctx.print(`\n# ${step.title}\n$ storctl ${step.argv.map(shellWord).join(' ')}`);
        const code = await runStep(process.execPath, [bin, ...step.argv], env, ctx.io);
        if (code !== 0) failed++;
      }
      ctx.print(`\nDone. Keep a sandbox running with \`storctl sandbox start\` and try: storctl -p sandbox-openstack volume list`);
      if (failed) throw new StorctlError(`${failed} demo steps failed`);
    } finally {
      await sandbox.close();
      await rm(home, { recursive: true, force: true });
    }
  },
});

function hasCommand(known: Set<string>, words: string[]): boolean {
  for (let n = words.length; n > 0; n--) if (known.has(words.slice(0, n).join(' '))) return true;
  return false;
}

function cleanEnv(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && !/^(OS_|ST_|STORCTL_)/.test(k)) out[k] = v;
  return out;
}

function shellWord(w: string): string {
  return /^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

function runStep(node: string, argv: string[], env: Record<string, string>, io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(node, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(io.stdout, { end: false });
    child.stderr.pipe(io.stderr, { end: false });
    child.on('close', (code) => resolve(code ?? 1));
  });
}
