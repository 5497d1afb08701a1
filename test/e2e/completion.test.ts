// Shell completion as a user gets it: `storctl completion bash` from the built CLI, sourced
// into a real bash, asked what follows the words typed so far. Profile names come from a
// temporary config through the real `storctl` on PATH. Also checks that the committed
// completions/, man/ and README section match what the manifest generates now.
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTPUT_FORMATS } from '../../src/output/types.js';
import type { Manifest } from '../../src/framework/command.js';
import { ROOT, makeHome, type TestHome } from './harness.js';

let h: TestHome;
let bashScript: string;
let env: Record<string, string>;
let manifest: Manifest;

const hasShell = (name: string) => spawnSync(name, ['-c', 'exit 0']).status === 0;

beforeAll(async () => {
  h = await makeHome();
  const config = join(h.home, 'cfg', 'config.yaml');
  await mkdir(join(h.home, 'cfg'), { recursive: true });
  await writeFile(
    config,
    'current_profile: alpha\nprofiles:\n  alpha:\n    backend: openstack\n    auth_url: http://127.0.0.1:1/v3\n  beta-lab:\n    backend: swift\n  gamma:\n    backend: kumoscale\n',
    { mode: 0o600 },
  );
  env = { ...h.env, STORCTL_CONFIG: config, PATH: `${join(ROOT, 'bin')}:${process.env.PATH ?? '/usr/bin:/bin'}` };
  const r = await h.run(['completion', 'bash']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  bashScript = join(h.home, 'storctl.bash');
  await writeFile(bashScript, r.stdout);
  manifest = JSON.parse(readFileSync(join(ROOT, 'dist', 'manifest.json'), 'utf8')) as Manifest;
});
afterAll(() => h.cleanup());

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Runs bash with the script sourced and `body` after it. */
function bash(body: string): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync('bash', ['-c', `source ${q(bashScript)}\n${body}`], { encoding: 'utf8', env, timeout: 20_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** The words bash offers at the end of `line` (COMP_WORDS split on blanks, like readline). */
function complete(line: string, words?: string[]): string[] {
  const w = words ?? line.split(/\s+/).filter(Boolean);
  if (!words && /\s$/.test(line)) w.push('');
  const r = bash(
    [
      `COMP_WORDS=(${w.map(q).join(' ')})`,
      `COMP_CWORD=${w.length - 1}`,
      `COMP_LINE=${q(line)}`,
      `COMP_POINT=${line.length}`,
      '_storctl',
      'printf "%s\\n" "${COMPREPLY[@]}"',
    ].join('\n'),
  );
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout.split('\n').filter(Boolean);
}

describe.skipIf(!hasShell('bash'))('bash completion', () => {
  it('registers _storctl for storctl', () => {
    expect(bash('complete -p storctl').stdout.trim()).toBe('complete -F _storctl storctl');
  });

  it('completes topic words at the first level', () => {
    expect(complete('storctl vol')).toEqual(['volume']);
    const top = complete('storctl ');
    for (const word of ['profile', 'volume', 'completion']) expect(top).toContain(word);
  });

  it('completes verbs under a topic', () => {
    expect(complete('storctl volume ')).toContain('list');
    expect(complete('storctl profile ')).toEqual(expect.arrayContaining(['add', 'list', 'use']));
  });

  it('completes the options of the command typed so far, with the global ones', () => {
    const opts = complete('storctl volume list --');
    expect(opts).toContain('--output');
    expect(opts).toContain('--profile');
    const volumeList = manifest.commands.find((c) => c.path.join(' ') === 'volume list');
    if (volumeList?.variants.some((v) => v.flags.some((f) => f.name === 'long'))) expect(opts).toContain('--long');
    expect(complete('storctl volume list -')).toEqual(expect.arrayContaining(['-o', '-p', '-c']));
  });

  it('completes the output formats after -o, -f and --output=', () => {
    expect(complete('storctl -o ')).toEqual([...OUTPUT_FORMATS]);
    expect(complete('storctl volume list -f ')).toEqual([...OUTPUT_FORMATS]);
    expect(complete('storctl -o j')).toEqual(['json']);
    // readline splits "--output=j" at "=" (COMP_WORDBREAKS).
    expect(complete('storctl --output=j', ['storctl', '--output', '=', 'j'])).toEqual(['json']);
    // Global options before the command words do not stop the topic walk.
    expect(complete('storctl -o json prof')).toEqual(['profile']);
  });

  it('offers the profile names of the current config', () => {
    expect(complete('storctl profile use ')).toEqual(['alpha', 'beta-lab', 'gamma']);
    expect(complete('storctl profile use b')).toEqual(['beta-lab']);
    expect(complete('storctl -p g')).toEqual(['gamma']);
    expect(complete('storctl --profile ')).toEqual(['alpha', 'beta-lab', 'gamma']);
  });

  it('completes fixed argument lists and files', async () => {
    expect(complete('storctl completion ')).toEqual(['bash', 'zsh', 'fish']);
    await writeFile(join(h.home, 'trace-me.jsonl'), '');
    expect(complete(`storctl --trace-file ${h.home}/trace-m`)).toEqual([`${h.home}/trace-me.jsonl`]);
  });
});

describe('storctl completion', () => {
  it('prints a zsh script that zsh accepts', async () => {
    const r = await h.run(['completion', 'zsh']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^#compdef storctl\n/);
    if (hasShell('zsh')) {
      await writeFile(join(h.home, '_storctl'), r.stdout);
      expect(spawnSync('zsh', ['-n', join(h.home, '_storctl')], { encoding: 'utf8' }).status).toBe(0);
    }
  });

  it('prints a fish script; fish completes from it', async () => {
    const r = await h.run(['completion', 'fish']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('complete -c storctl');
    if (!hasShell('fish')) return;
    const file = join(h.home, 'storctl.fish');
    await writeFile(file, r.stdout);
    const fish = (line: string) =>
      spawnSync('fish', ['--no-config', '-c', `source ${q(file)}; complete -C ${q(line)}`], { encoding: 'utf8', env })
        .stdout.split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0]);
    expect(fish('storctl vol')).toContain('volume');
    expect(fish('storctl -o ').sort()).toEqual([...OUTPUT_FORMATS].sort());
    expect(fish('storctl profile use ')).toEqual(['alpha', 'beta-lab', 'gamma']);
  });

  it('rejects an unknown shell with a usage error naming the valid ones', async () => {
    const r = await h.run(['completion', 'tcsh']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/tcsh/);
    expect(r.stderr).toMatch(/bash, zsh, fish/);
  });
});

describe('generated files', () => {
  it('completions/, man/ and the README section are up to date (npm run gen)', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'gen-docs.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
