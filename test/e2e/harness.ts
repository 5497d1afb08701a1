// Runs the built CLI as a user would: a separate process, a temporary HOME/config/cache, and
// simulators from src/sandbox on loopback (imported from dist/, the code users run).
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'storctl');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (throws if it is not). */
  json<T = any>(): T;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  input?: string | Buffer;
  timeoutMs?: number;
}

/** A clean environment: no OS_*, ST_*, STORCTL_* or proxy variables from the developer's shell. */
export function baseEnv(home: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || /^(OS_|ST_|STORCTL_|DBUS_|HTTPS?_PROXY|https?_proxy|NO_PROXY|no_proxy|FORCE_COLOR)/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache'), XDG_DATA_HOME: join(home, '.local/share'), NO_COLOR: '1', COLUMNS: '200' };
}

export function runCli(args: string[], env: Record<string, string | undefined>, opts: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const merged: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...env, ...opts.env })) if (v !== undefined) merged[k] = v;
    const child = spawn(process.execPath, [BIN, ...args], { env: merged, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      resolve({
        code: code ?? 1,
        stdout,
        stderr,
        json() {
          try {
            return JSON.parse(stdout);
          } catch {
            throw new Error(`stdout is not JSON (exit ${code}):\n${stdout}\nstderr:\n${stderr}`);
          }
        },
      });
    });
    child.stdin.end(opts.input ?? '');
  });
}

export interface TestHome {
  home: string;
  env: Record<string, string>;
  run(args: string[], opts?: RunOptions): Promise<CliResult>;
  cleanup(): Promise<void>;
}

export async function makeHome(): Promise<TestHome> {
  const home = await mkdtemp(join(tmpdir(), 'storctl-e2e-'));
  const env = baseEnv(home);
  return {
    home,
    env,
    run: (args, opts) => runCli(args, env, opts),
    cleanup: () => rm(home, { recursive: true, force: true }),
  };
}

export interface SandboxHome extends TestHome {
  sandbox: import('../../src/sandbox/index.js').Sandbox;
}

/** Starts simulators in this test process (from dist/) and writes their sandbox-* profiles. */
export async function startSandboxHome(only?: ('openstack' | 'swift' | 'openstorage' | 'kumoscale')[]): Promise<SandboxHome> {
  const h = await makeHome();
  const { startSandbox } = (await import(join(ROOT, 'dist/sandbox/index.js'))) as typeof import('../../src/sandbox/index.js');
  const { writeSandboxProfiles } = (await import(join(ROOT, 'dist/sandbox/control.js'))) as typeof import('../../src/sandbox/control.js');
  const { loadConfig } = (await import(join(ROOT, 'dist/config/file.js'))) as typeof import('../../src/config/file.js');
  const sandbox = await startSandbox({ only, pkiDir: join(h.home, 'pki') });
  await writeSandboxProfiles(await loadConfig(join(h.home, '.config/storctl/config.yaml')), sandbox);
  return {
    ...h,
    sandbox,
    async cleanup() {
      await sandbox.close();
      await h.cleanup();
    },
  };
}
