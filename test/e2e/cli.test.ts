// The CLI's own behaviour: help, version, usage errors, config errors, profiles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { makeHome, type TestHome } from './harness.js';

let h: TestHome;
beforeAll(async () => {
  h = await makeHome();
});
afterAll(() => h.cleanup());

const cfgPath = () => join(h.home, '.config/storctl/config.yaml');

describe('help and usage', () => {
  it('--version prints the version', async () => {
    const r = await h.run(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^storctl \d+\.\d+\.\d+\n$/);
  });

  it('--help lists topics and exit codes; TOPIC --help and VERB --help show usage and examples', async () => {
    const top = await h.run(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/profile\s+Named connection profiles/);
    expect(top.stdout).toMatch(/Exit codes: 0 ok, 1 error, 2 usage, 3 auth/);
    const topic = await h.run(['profile', '--help']);
    expect(topic.stdout).toMatch(/Usage: storctl profile/);
    expect(topic.stdout).toMatch(/explain \[name\]/);
    const verb = await h.run(['profile', 'add', '--help']);
    expect(verb.stdout).toMatch(/Usage: storctl profile add \[options\] <name> \[settings\.\.\.\]/);
    expect(verb.stdout).toMatch(/Examples:\n\s+\$ storctl profile add prod/);
    expect(verb.stdout).toMatch(/Global Options:[\s\S]*--debug/);
  });

  it('the top-level help (printed without commander) lists every topic and top-level command', async () => {
    const { readFileSync } = await import('node:fs');
    const m = JSON.parse(readFileSync(join(process.cwd(), 'dist/manifest.json'), 'utf8'));
    const out = (await h.run(['--help'])).stdout;
    const names = [...m.topics.filter((t: any) => t.path.length === 1).map((t: any) => t.path[0]), ...m.commands.filter((c: any) => c.path.length === 1).map((c: any) => c.path[0])];
    for (const n of names) expect(out).toMatch(new RegExp(`^  ${n}\\b`, 'm'));
    for (const flag of ['--profile', '--output', '--debug', '--trace-file', '--no-cache', '--yes']) expect(out).toContain(flag);
    expect((await h.run([])).stdout).toBe(out);
  });

  it('unknown command: exit 2 with a suggestion', async () => {
    const r = await h.run(['profil', 'list']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'profil' \(Did you mean profile\?\)/);
    const sub = await h.run(['profile', 'lst']);
    expect(sub.code).toBe(2);
    expect(sub.stderr).toMatch(/Did you mean list\?/);
  });

  it('unknown flag: exit 2 with a suggestion; bad choice: exit 2', async () => {
    const r = await h.run(['profile', 'list', '--outptu', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--outptu' \(Did you mean --output\?\)/);
    const c = await h.run(['profile', 'list', '-o', 'xml']);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/Allowed choices are table, json/);
  });

  it('-o json: errors are a JSON object on stderr', async () => {
    const r = await h.run(['profile', 'show', 'nope', '-o', 'json']);
    expect(r.code).toBe(4);
    const e = JSON.parse(r.stderr).error;
    expect(e).toMatchObject({ kind: 'not_found', exit_code: 4 });
    expect(e.message).toMatch(/profile "nope" not found/);
  });

  it('no profile at all: a one-line hint, exit 2', async () => {
    const r = await h.run(['auth', 'status']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/no profile selected.*storctl profile add/);
  });
});

describe('profiles', () => {
  it('add, list, show (no secrets), use, set, explain, remove', async () => {
    let r = await h.run(['profile', 'add', 'lab', '--backend', 'openstack', 'auth_url=http://127.0.0.1:1/v3', 'username=admin', 'password=Sup3r-Secret!', 'project_name=admin']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/password stored in .* \(mode 0600\)/);
    expect((await stat(cfgPath())).mode & 0o777).toBe(0o600);
    r = await h.run(['profile', 'add', 'px', '--backend', 'openstorage', 'endpoint=127.0.0.1:9100']);
    expect(r.code).toBe(0);
    r = await h.run(['profile', 'add', 'px', '--backend', 'openstorage']);
    expect(r.code).toBe(5);

    const list = (await h.run(['profile', 'list', '-o', 'json'])).json();
    expect(list).toEqual([
      { name: 'lab', current: true, backend: 'openstack', auth_type: null, endpoint: 'http://127.0.0.1:1/v3' },
      { name: 'px', current: false, backend: 'openstorage', auth_type: null, endpoint: '127.0.0.1:9100' },
    ]);
    expect((await h.run(['profile', 'list', '-o', 'value', '-c', 'name'])).stdout).toBe('lab\npx\n');
    expect((await h.run(['profile', 'list', '-o', 'csv', '-c', 'Name', '-c', 'Backend'])).stdout).toBe('Name,Backend\r\nlab,openstack\r\npx,openstorage\r\n');

    for (const fmt of ['table', 'json', 'yaml']) {
      const show = await h.run(['profile', 'show', 'lab', '-o', fmt]);
      expect(show.code).toBe(0);
      expect(show.stdout).not.toContain('Sup3r-Secret!');
      expect(show.stdout).toContain('(secret, set)');
    }

    r = await h.run(['profile', 'use', 'px']);
    expect(r.code).toBe(0);
    expect((await h.run(['profile', 'list', '-o', 'json'])).json().find((p: any) => p.current).name).toBe('px');

    r = await h.run(['profile', 'set', 'lab', 'region_name=R2', '--unset', 'project_name']);
    expect(r.code, r.stderr).toBe(0);
    r = await h.run(['profile', 'set', 'lab', 'regoin=R2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/did you mean "region_name"/);

    // Named (like --profile): the profile beats OS_* and explain names the variable it shadowed.
    const ex = await h.run(['profile', 'explain', 'lab', '-o', 'json'], { env: { OS_REGION_NAME: 'FromEnv' } });
    expect(ex.code, ex.stderr).toBe(0);
    const rows = ex.json();
    expect(rows.find((x: any) => x.setting === 'region_name')).toEqual({ setting: 'region_name', value: 'R2', source: expect.stringMatching(/config\.yaml:\d+$/), ignored: ['OS_REGION_NAME'] });
    expect(rows.find((x: any) => x.setting === 'password')).toMatchObject({ value: '(secret, set)', ignored: [] });
    expect(rows.find((x: any) => x.setting === 'username').source).toMatch(/config\.yaml:\d+$/);
    expect(ex.stderr).toMatch(/warning: OS_REGION_NAME in the environment is ignored: --profile lab sets it/);
    expect(ex.stdout + ex.stderr).not.toContain('Sup3r-Secret!');
    // The current profile (not chosen explicitly): OS_* override it, with a warning, as openrc users expect.
    await h.run(['profile', 'use', 'lab']);
    const cur = await h.run(['profile', 'explain', '-o', 'json'], { env: { OS_REGION_NAME: 'FromEnv' } });
    expect(cur.json().find((x: any) => x.setting === 'region_name')).toEqual({ setting: 'region_name', value: 'FromEnv', source: 'env OS_REGION_NAME', ignored: [] });
    expect(cur.stderr).toMatch(/warning: OS_REGION_NAME in the environment overrides "region_name"/);
    await h.run(['profile', 'use', 'px']);

    r = await h.run(['profile', 'remove', 'lab']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refusing without confirmation.*--yes/);
    r = await h.run(['profile', 'remove', 'lab', '--yes']);
    expect(r.code).toBe(0);
    expect(await readFile(cfgPath(), 'utf8')).not.toContain('lab:');
  });

  it('a command for another backend says which backends it serves', async () => {
    const r = await h.run(['-p', 'px', 'catalog', 'list']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"storctl catalog list" does not apply to openstorage profiles.*serves openstack, swift/);
  });

  it('malformed config: file:line and the fix, exit 2; nothing overwritten', async () => {
    const bad = 'current_profile: px\nprofiles:\n  px:\n    backend: openstorage\n    endpoint: [unclosed\n';
    await writeFile(cfgPath(), bad);
    const r = await h.run(['profile', 'list']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${cfgPath().replace(/[.]/g, '\\.')}:\\d+: malformed YAML`));
    const w = await h.run(['profile', 'set', 'px', 'timeout=5']);
    expect(w.code).toBe(2);
    expect(await readFile(cfgPath(), 'utf8')).toBe(bad);
  });

  it('warns when a config file with secrets is readable by others', async () => {
    await mkdir(join(h.home, '.config/storctl'), { recursive: true });
    await writeFile(cfgPath(), 'profiles:\n  a:\n    backend: kumoscale\n    password: pw123456\n', { mode: 0o644 });
    const { chmod } = await import('node:fs/promises');
    await chmod(cfgPath(), 0o644);
    const r = await h.run(['profile', 'list']);
    expect(r.stderr).toMatch(/holds secrets and is readable by others \(mode 644\); run: chmod 600/);
  });
});
