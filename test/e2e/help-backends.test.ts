// Issue 13, item 13 (and the help part of 6): `--help` of a shared noun (volume, snapshot…)
// describes the implementation that will run for the selected profile — its usage, arguments,
// flags, columns and examples — and names the others; with no profile, or --all-backends,
// every backend's, each under its name. Help never fails, never needs the network, and loads
// no backend code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BIN, makeHome, type CliResult, type TestHome } from './harness.js';

let h: TestHome;
const cfgDir = () => join(h.home, '.config/storctl');

const CONFIG = `profiles:
  os:
    backend: openstack
    auth_url: http://127.0.0.1:1/v3
  ks:
    backend: kumoscale
    endpoint: https://127.0.0.1:1
  px:
    backend: openstorage
    endpoint: 127.0.0.1:1
`;

beforeAll(async () => {
  h = await makeHome();
  await mkdir(cfgDir(), { recursive: true });
  await writeFile(join(cfgDir(), 'config.yaml'), CONFIG, { mode: 0o600 });
});
afterAll(() => h.cleanup());

async function help(args: string[], env?: Record<string, string>): Promise<string> {
  const r = await h.run(args, { env });
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toBe('');
  return r.stdout;
}

/** The text between a heading line and the next blank line. */
function section(text: string, heading: string): string {
  const i = text.indexOf(`\n${heading}\n`);
  if (i < 0) return '';
  const rest = text.slice(i + heading.length + 2);
  return rest.slice(0, rest.indexOf('\n\n') < 0 ? undefined : rest.indexOf('\n\n'));
}
const columnsLine = (text: string) => /^ *Columns \(-c\): (.*)$/m.exec(text)?.[1] ?? '';

describe('a selected profile shows its backend\'s variant only', () => {
  it('volume list under an OpenStack profile: OpenStack columns, flags and examples; one line names the others', async () => {
    const out = await help(['-p', 'os', 'volume', 'list', '--help']);
    expect(out).toMatch(/^Usage: storctl volume list \[options\]\n/);
    const cols = columnsLine(out);
    expect(cols).toContain('Status');
    expect(cols).not.toContain('Size (GB)');
    expect(cols).not.toContain('Replicas');
    const opts = section(out, 'Options:');
    expect(opts).toContain('--all-projects');
    expect(opts).not.toContain('--tenant');
    expect(opts).not.toContain('--snapshots');
    expect(out).not.toMatch(/\$ storctl volume list .*--tenant/);
    expect(out).toMatch(/\$ storctl volume list --all-projects/);
    expect(out).toMatch(/^Showing openstack \(profile "os"\); --all-backends for kumoscale, openstorage\.$/m);
    expect(out).not.toMatch(/^kumoscale:$/m);
    expect(section(out, 'Global Options:')).toContain('--debug');
  });

  it('volume list under a KumoScale profile: KumoScale columns', async () => {
    const out = await help(['volume', 'list', '-h', '-p', 'ks']);
    expect(columnsLine(out)).toContain('Size (GB)');
    expect(columnsLine(out)).not.toContain('Status');
    expect(section(out, 'Options:')).toContain('--tenant');
    expect(out).toMatch(/^Showing kumoscale \(profile "ks"\); --all-backends for openstack, openstorage\.$/m);
  });

  it('snapshot create under an OpenStorage profile: its own usage (<volume>, --name), not [name] --volume', async () => {
    const out = await help(['-p', 'px', 'snapshot', 'create', '--help']);
    expect(out).toMatch(/^Usage: storctl snapshot create \[options\] <volume>\n/);
    expect(section(out, 'Arguments:')).toMatch(/^ {2}volume +Volume id or name/);
    const opts = section(out, 'Options:');
    expect(opts).toContain('--name <NAME>');
    expect(opts).not.toContain('--volume');
    expect(out).not.toContain('[name]');
    expect(out).not.toMatch(/\$ storctl snapshot create \S+ --volume/);
  });

  it('snapshot create under OpenStack: [name], --volume, or the volume as argument with --name', async () => {
    const out = await help(['-p', 'os', 'snapshot', 'create', '--help']);
    expect(out).toMatch(/^Usage: storctl snapshot create \[options\] \[name\]\n/);
    expect(section(out, 'Options:')).toMatch(/--volume <VOLUME> +Volume to snapshot \(name or ID\)/);
    expect(section(out, 'Options:')).toMatch(/--name <NAME> +Snapshot name; the argument is then the/);
    expect(out).not.toContain('<volume>');
  });

  it('the profile comes from STORCTL_PROFILE, the config\'s current_profile, OS_CLOUD, --os-cloud or OS_AUTH_URL too', async () => {
    expect(await help(['snapshot', 'create', '--help'], { STORCTL_PROFILE: 'px' })).toMatch(/^Showing openstorage \(profile "px"\)/m);
    expect(await help(['volume', 'list', '--help'], { OS_CLOUD: 'mycloud' })).toMatch(/^Showing openstack \(cloud "mycloud" \(OS_CLOUD\)\)/m);
    expect(await help(['--os-cloud', 'c2', 'volume', 'list', '--help'])).toMatch(/^Showing openstack \(cloud "c2" \(--os-cloud\)\)/m);
    expect(await help(['volume', 'list', '--help'], { OS_AUTH_URL: 'http://127.0.0.1:1/v3' })).toMatch(/^Showing openstack \(OS_AUTH_URL in the environment\)/m);
    // -p wins over STORCTL_PROFILE, as for running the command.
    expect(await help(['-p', 'ks', 'volume', 'list', '--help'], { STORCTL_PROFILE: 'px' })).toMatch(/^Showing kumoscale/m);
    const other = await makeHome();
    try {
      await mkdir(join(other.home, '.config/storctl'), { recursive: true });
      await writeFile(join(other.home, '.config/storctl/config.yaml'), `current_profile: ks\n${CONFIG}`, { mode: 0o600 });
      const r = await other.run(['volume', 'create', '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Showing kumoscale \(profile "ks"\)/m);
      expect(section(r.stdout, 'Options:')).toContain('--region <REGION>');
    } finally {
      await other.cleanup();
    }
  });
});

describe('no profile, or --all-backends: every backend, grouped under its name', () => {
  it('no profile selected', async () => {
    const out = await help(['snapshot', 'create', '--help']);
    expect(out).toMatch(/^Usage: storctl snapshot create \[options\] \[name\] +\(kumoscale, openstack\)\n {7}storctl snapshot create \[options\] <volume> +\(openstorage\)\n/);
    expect(out).toMatch(/^No profile selected: showing every backend/m);
    for (const b of ['kumoscale', 'openstack', 'openstorage']) expect(out).toMatch(new RegExp(`^${b}:$`, 'm'));
    // Each group has its own options and columns.
    const group = (name: string) => out.slice(out.indexOf(`\n${name}:\n`), out.indexOf('\n\n', out.indexOf(`\n${name}:\n`) + 2));
    expect(group('openstorage')).toContain('--name <NAME>');
    expect(group('openstorage')).not.toContain('--volume');
    expect(group('openstack')).toContain('--force');
    expect(group('kumoscale')).toContain('--reserved-space');
    expect(group('kumoscale')).toMatch(/Columns \(-c\): .*Reserved \(GB\)/);
    expect(group('openstack')).not.toMatch(/Reserved \(GB\)/);
  });

  it('--all-backends with a profile shows them all and says which one runs', async () => {
    const out = await help(['-p', 'os', 'volume', 'list', '--help', '--all-backends']);
    expect(out).toMatch(/^Showing every backend \(profile "os" runs openstack\)\.$/m);
    for (const b of ['kumoscale', 'openstack', 'openstorage']) expect(out).toMatch(new RegExp(`^${b}:$`, 'm'));
    const alone = await h.run(['-p', 'os', 'volume', 'list', '--all-backends']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/--all-backends goes with --help/);
  });

  it('a profile that cannot be used never makes help fail', async () => {
    let out = await help(['-p', 'nope', 'volume', 'list', '--help']);
    expect(out).toMatch(/^Showing every backend: profile "nope" \(from flag --profile\) is not in\s/m);
    expect(out).toMatch(/^openstack:$/m);
    out = await help(['-p', 'px', 'snapshot', 'show', '--help']);
    expect(out).toMatch(/profile "px" is openstorage, which "storctl snapshot\s+show" does not serve/);
    const broken = await makeHome();
    try {
      await mkdir(join(broken.home, '.config/storctl'), { recursive: true });
      await writeFile(join(broken.home, '.config/storctl/config.yaml'), 'current_profile: a\nprofiles:\n  a:\n    backend: [unclosed\n', { mode: 0o600 });
      const r = await broken.run(['volume', 'list', '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Showing every backend: /m);
    } finally {
      await broken.cleanup();
    }
  });

  it('commands with one implementation keep commander\'s help', async () => {
    const out = await help(['-p', 'os', 'profile', 'add', '--help']);
    expect(out).toMatch(/Usage: storctl profile add \[options\] <name> \[settings\.\.\.\]/);
    expect(out).not.toContain('--all-backends');
  });
});

describe('help stays cheap', () => {
  it('loads neither commander, nor command, backend or transport code, nor undici', async () => {
    const log = join(h.home, 'modules.log');
    const preload = join(h.home, 'preload.mjs');
    await writeFile(
      preload,
      `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`
import { appendFileSync } from 'node:fs';
export async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(${JSON.stringify(log)}, r.url + '\\\\n'); return r; }\`));
`,
    );
    await help(['-p', 'ks', 'volume', 'list', '--help']); // the config's JSON cache is warm from here on
    await writeFile(log, '');
    const r = await new Promise<CliResult>((resolve) => {
      const child = spawn(process.execPath, ['--import', pathToFileURL(preload).href, BIN, '-p', 'ks', 'volume', 'list', '--help'], { env: h.env });
      let stdout = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr: '', json: () => undefined }));
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Showing kumoscale/m);
    const loaded = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
    expect(loaded.some((u) => u.includes('dist/framework/help-select.js'))).toBe(true); // the log works
    expect(loaded.filter((u) => /dist\/(commands|backends|transport|auth)\/|node_modules\/(commander|undici|yaml|@grpc)\//.test(u))).toEqual([]);
  });
});
