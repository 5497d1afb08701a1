// Generated docs: completion scripts, man pages and the README section. Runs on a small
// hand-made manifest (always) and on dist/manifest.json when the build has produced it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Manifest, ManifestVariant } from '../../src/framework/command.js';
import { EXIT } from '../../src/framework/errors.js';
import { GLOBAL_FLAGS } from '../../src/framework/globals.js';
import { SETTINGS } from '../../src/config/schema.js';
import { OUTPUT_FORMATS } from '../../src/output/types.js';
import { bashCompletion, fishCompletion, zshCompletion } from '../../src/docs/completion.js';
import { manPages, roffEscape } from '../../src/docs/man.js';
import { README_END, README_START, readmeCommandsSection, replaceReadmeSection } from '../../src/docs/readme.js';

function variant(v: Partial<ManifestVariant> & Pick<ManifestVariant, 'module' | 'summary'>): ManifestVariant {
  return { backends: ['openstack'], flags: [], args: [], columns: [], examples: [`storctl ${v.module}`], destructive: false, ...v };
}

const handMade: Manifest = {
  version: '9.9.9',
  topics: [
    { path: ['volume'], summary: 'Block volumes (Cinder, OpenStorage, KumoScale)' },
    { path: ['volume', 'type'], summary: 'Cinder volume types' },
    { path: ['profile'], summary: 'Named connection profiles' },
    { path: ['cloud-backup'], summary: 'OpenStorage cloud backups' },
  ],
  commands: [
    {
      path: ['volume', 'list'],
      variants: [
        variant({
          module: 'commands/volume/list.openstack.js',
          summary: 'List volumes',
          description: 'Lists volumes of the project.\n\nWith --all-projects, of every project.',
          flags: [
            { name: 'all-projects', short: 'a', type: 'boolean', description: 'Every project (admin)' },
            { name: 'status', type: 'string', valueName: 'STATUS', choices: ['available', 'in-use', 'error'], description: 'Only volumes in this status' },
            { name: 'long', type: 'boolean', description: 'Show more columns' },
          ],
          columns: [
            { key: 'id', header: 'ID' },
            { key: 'name', header: 'Name' },
            { key: 'size', header: 'Size', format: 'bytes' },
            { key: 'volume_type', header: 'Type', long: true },
          ],
          examples: ['storctl volume list', 'storctl volume list -o json --sort size:desc'],
        }),
        variant({
          module: 'commands/volume/list.kumoscale.js',
          backends: ['kumoscale'],
          summary: 'List volumes',
          flags: [
            { name: 'tenant', type: 'string', valueName: 'ID', description: 'Only this tenant' },
            { name: 'long', type: 'boolean', description: 'Show more columns' },
          ],
          columns: [{ key: 'uuid', header: 'UUID' }],
        }),
      ],
    },
    {
      path: ['volume', 'delete'],
      variants: [
        variant({
          module: 'commands/volume/delete.js',
          summary: 'Delete volumes',
          destructive: true,
          args: [{ name: 'volume', description: 'Volume name or ID', required: true, variadic: true }],
          flags: [{ name: 'force', type: 'boolean', description: 'Delete even when in use; see `--yes`' }],
        }),
      ],
    },
    {
      path: ['volume', 'type', 'list'],
      variants: [variant({ module: 'commands/volume/type/list.js', summary: 'List volume types' })],
    },
    {
      path: ['cloud-backup', 'create'],
      variants: [
        variant({
          module: 'commands/cloud-backup/create.js',
          backends: ['openstorage'],
          summary: "Back up a volume to the cloud (it's slow)",
          args: [{ name: 'file', description: 'Manifest file', required: true, complete: 'file' }],
          flags: [{ name: 'label', type: 'list', valueName: 'K=V', description: '.Label (repeatable) with a \\ backslash' }],
        }),
      ],
    },
    {
      path: ['profile', 'use'],
      variants: [variant({ module: 'commands/profile/use.js', backends: 'none', summary: 'Make a profile the current one', args: [{ name: 'name', description: 'Profile name', required: true }] })],
    },
    {
      path: ['profile', 'add'],
      variants: [variant({ module: 'commands/profile/add.js', backends: 'none', summary: 'Create a profile', args: [{ name: 'name', description: 'Profile name', required: true }] })],
    },
    {
      path: ['completion'],
      variants: [
        variant({ module: 'commands/completion.js', backends: 'none', summary: 'Print the shell completion script', args: [{ name: 'shell', description: 'Shell', required: true, complete: ['bash', 'zsh', 'fish'] }] }),
      ],
    },
  ],
};

const manifests: [string, Manifest][] = [['hand-made manifest', handMade]];
const distManifest = join(process.cwd(), 'dist', 'manifest.json');
if (existsSync(distManifest)) manifests.push(['dist/manifest.json', JSON.parse(readFileSync(distManifest, 'utf8')) as Manifest]);

const hasShell = (name: string) => spawnSync(name, ['-c', 'exit 0']).status === 0;
const tmp = mkdtempSync(join(tmpdir(), 'storctl-docs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Page holding a command: storctl-TOPIC.1 or, for top-level commands, storctl-COMMAND.1. */
const pageOf = (path: string[]) => `storctl-${path[0]}.1`;

describe.each(manifests)('%s', (_name, m) => {
  it('generates the same text every time, without dates', () => {
    expect(bashCompletion(m)).toBe(bashCompletion(structuredClone(m)));
    expect(zshCompletion(m)).toBe(zshCompletion(structuredClone(m)));
    expect(fishCompletion(m)).toBe(fishCompletion(structuredClone(m)));
    expect(readmeCommandsSection(m)).toBe(readmeCommandsSection(structuredClone(m)));
    const a = manPages(m);
    const b = manPages(structuredClone(m));
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [k, v] of a) {
      expect(v).toBe(b.get(k));
      expect(v).toMatch(/^\.TH "[^"]+" 1 "" "storctl /m);
      expect(v).not.toMatch(/\b20\d\d-\d\d-\d\d\b/);
    }
  });

  it('writes one man page per top-level topic and top-level command, plus storctl.1', () => {
    const pages = manPages(m);
    const expected = new Set(['storctl.1', ...m.commands.map((c) => pageOf(c.path))]);
    expect(new Set(pages.keys())).toEqual(expected);
  });

  it('documents every command, with its options, in a man page', () => {
    const pages = manPages(m);
    for (const c of m.commands) {
      const page = pages.get(pageOf(c.path))!;
      expect(page, c.path.join(' ')).toContain(roffEscape(['storctl', ...c.path].join(' ')));
      for (const v of c.variants) for (const f of v.flags) expect(page, `${c.path.join(' ')} --${f.name}`).toContain(roffEscape(`--${f.name}`));
      if (c.variants.some((v) => v.destructive)) expect(page).toContain(roffEscape('--yes'));
    }
    const main = pages.get('storctl.1')!;
    for (const c of m.commands) expect(main).toContain(`\\fB${roffEscape(c.path[0]!)}\\fR`);
    for (const name of pages.keys()) if (name !== 'storctl.1') expect(main).toContain(`${roffEscape(name.replace(/\.1$/, ''))}\\fR(1)`);
  });

  it('lists every exit code, global option, setting and variable in storctl(1)', () => {
    const main = manPages(m).get('storctl.1')!;
    const exitSection = main.slice(main.indexOf('.SH EXIT STATUS'), main.indexOf('.SH', main.indexOf('.SH EXIT STATUS') + 1));
    for (const code of Object.values(EXIT)) expect(exitSection).toContain(`.TP\n\\fB${code}\\fR\n`);
    for (const f of GLOBAL_FLAGS) expect(main).toContain(roffEscape(`--${f.name}`));
    for (const s of SETTINGS) {
      expect(main).toContain(`\\fB${roffEscape(s.key)}\\fR`);
      for (const v of s.osEnv ?? []) expect(main).toContain(roffEscape(v));
    }
    for (const section of ['NAME', 'SYNOPSIS', 'DESCRIPTION', 'COMMANDS', 'GLOBAL OPTIONS', 'PROFILES', 'OUTPUT', 'ENVIRONMENT', 'FILES', 'EXIT STATUS', 'EXAMPLES', 'SEE ALSO']) {
      expect(main).toContain(`.SH ${section}\n`);
    }
    for (const v of ['STORCTL_CONFIG', 'STORCTL_PROFILE', 'STORCTL_CACHE_DIR', 'NO_COLOR', 'FORCE_COLOR', 'HTTPS_PROXY', 'ST_AUTH']) expect(main).toContain(roffEscape(v));
  });

  it('escapes roff: only known requests start a line, no bare hyphens or backslashes', () => {
    for (const [name, page] of manPages(m)) {
      for (const line of page.split('\n')) {
        if (line.startsWith('.\\"')) continue;
        if (/^[.']/.test(line)) expect(line, `${name}: ${line}`).toMatch(/^\.(TH|SH|SS|PP|TP|IP|RS|RE|nf|fi|br)( |$)/);
        expect(line.replace(/\\[-e&~]|\\f[BIR]|\\\([a-z-]{2}/g, ''), `${name}: ${line}`).not.toMatch(/[-\\]/);
      }
    }
  });

  it('produces scripts the shells accept', () => {
    const scripts: [string, string, string[]][] = [
      ['bash', bashCompletion(m), ['-n']],
      ['zsh', zshCompletion(m), ['-n']],
      ['fish', fishCompletion(m), ['--no-execute']],
    ];
    for (const [shell, text, args] of scripts) {
      if (!hasShell(shell)) continue;
      const file = join(tmp, `script.${shell}`);
      writeFileSync(file, text);
      const r = spawnSync(shell, [...args, file], { encoding: 'utf8' });
      expect(r.stderr, shell).toBe('');
      expect(r.status, shell).toBe(0);
    }
  });

  it('README section lists every command', () => {
    const section = readmeCommandsSection(m);
    for (const c of m.commands) expect(section).toContain(`\`storctl ${c.path.join(' ')}`);
  });
});

describe('completion scripts (hand-made manifest)', () => {
  const bash = bashCompletion(handMade);
  const file = join(tmp, 'storctl.bash');
  writeFileSync(file, bash);

  /** Completes at the end of `line` in a real bash; returns COMPREPLY. */
  function complete(line: string): string[] {
    const words = line.split(/\s+/).filter(Boolean);
    if (/\s$/.test(line)) words.push('');
    const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    const script = [
      `source ${q(file)}`,
      `COMP_WORDS=(${words.map(q).join(' ')})`,
      `COMP_CWORD=${words.length - 1}`,
      `COMP_LINE=${q(line)}`,
      `COMP_POINT=${line.length}`,
      '_storctl',
      `printf '%s\\n' "\${COMPREPLY[@]}"`,
    ].join('\n');
    const r = spawnSync('bash', ['-c', script], { encoding: 'utf8', env: { ...process.env, PATH: `${tmp}:${process.env.PATH}` } });
    expect(r.stderr).toBe('');
    return r.stdout.split('\n').filter(Boolean);
  }

  it.skipIf(!hasShell('bash'))('completes topics, nested topics, options, values and arguments', () => {
    expect(complete('storctl vol')).toEqual(['volume']);
    expect(complete('storctl ')).toEqual(['cloud-backup', 'completion', 'profile', 'volume']);
    expect(complete('storctl volume ')).toEqual(['delete', 'list', 'type']);
    expect(complete('storctl volume type ')).toEqual(['list']);
    // Union of the flags of both variants, then the global ones.
    const opts = complete('storctl volume list --');
    expect(opts).toEqual(expect.arrayContaining(['--all-projects', '--status', '--tenant', '--long', '--output', '--profile', '--help']));
    expect(opts).not.toContain('--format'); // hidden habit, not offered
    expect(opts).not.toContain('--version'); // top level only
    expect(complete('storctl -')).toEqual(expect.arrayContaining(['-o', '--output', '--version', '-V']));
    expect(complete('storctl -o ')).toEqual([...OUTPUT_FORMATS]);
    expect(complete('storctl -f j')).toEqual(['json']);
    expect(complete('storctl volume list --status ')).toEqual(['available', 'in-use', 'error']);
    expect(complete('storctl volume list -c ')).toEqual(['id', 'name', 'size', 'volume_type', 'uuid']);
    expect(complete('storctl --profile x -o json volume li')).toEqual(['list']);
    expect(complete('storctl completion ')).toEqual(['bash', 'zsh', 'fish']);
    expect(complete('storctl completion bash ')).toEqual([]);
    expect(complete('storctl --transport ')).toEqual(['grpc', 'rest']);
  });

  it.skipIf(!hasShell('bash'))('completes files and profile names', () => {
    writeFileSync(join(tmp, 'manifest-a.yaml'), '');
    expect(complete(`storctl cloud-backup create ${tmp}/manifest-`)).toEqual([`${tmp}/manifest-a.yaml`]);
    expect(complete(`storctl --trace-file ${tmp}/manifest-`)).toEqual([`${tmp}/manifest-a.yaml`]);
    // A fake storctl on PATH stands for `storctl profile list -o value -c name`.
    const fake = join(tmp, 'storctl');
    writeFileSync(fake, '#!/bin/sh\n[ "$*" = "profile list -o value -c name" ] && printf "lab\\nprod\\n"\n', { mode: 0o755 });
    expect(complete('storctl profile use ')).toEqual(['lab', 'prod']);
    expect(complete('storctl -p p')).toEqual(['prod']);
    expect(complete('storctl profile add ')).toEqual([]);
  });

  it('zsh and fish scripts register themselves', () => {
    expect(zshCompletion(handMade)).toMatch(/^#compdef storctl\n/);
    expect(zshCompletion(handMade)).toContain('compdef _storctl storctl');
    expect(fishCompletion(handMade)).toContain("complete -c storctl -n '__storctl_at \"volume\"' -a 'list'");
    expect(fishCompletion(handMade)).toContain("storctl profile list -o value -c name 2>/dev/null");
  });
});

describe('replaceReadmeSection', () => {
  const readme = `# storctl\n\nIntro.\n\n${README_START}\nold stuff\n${README_END}\n\n## License\n`;

  it('replaces what is between the markers and keeps the rest', () => {
    const out = replaceReadmeSection(readme, '## Commands\n\nnew\n');
    expect(out).toBe(`# storctl\n\nIntro.\n\n${README_START}\n## Commands\n\nnew\n${README_END}\n\n## License\n`);
    expect(replaceReadmeSection(out, '## Commands\n\nnew\n')).toBe(out);
  });

  it('leaves a README without markers alone', () => {
    expect(replaceReadmeSection('# storctl\n', 'x')).toBe('# storctl\n');
    expect(replaceReadmeSection(`a ${README_END} b ${README_START}`, 'x')).toBe(`a ${README_END} b ${README_START}`);
  });
});
