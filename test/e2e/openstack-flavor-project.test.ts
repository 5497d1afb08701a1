// Nova flavors and Keystone projects, regions and endpoints through the built CLI against the
// sandbox simulators (admin, member and Keystone v2.0 profiles).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSandboxHome, type CliResult, type SandboxHome } from './harness.js';

vi.setConfig({ testTimeout: 90_000 });

let h: SandboxHome;
const admin = (args: string[]) => h.run(['-p', 'sandbox-openstack', ...args]);
const demo = (args: string[]) => h.run(['-p', 'sandbox-demo', ...args]);
const v2 = (args: string[]) => h.run(['-p', 'sandbox-keystone-v2', ...args]);
const nova = (name: string) => h.sandbox.counters().nova![name] ?? 0;

function ok(r: CliResult): CliResult {
  expect(r.code, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(0);
  return r;
}

beforeAll(async () => {
  h = await startSandboxHome(['openstack']);
  ok(await admin(['auth', 'login']));
  ok(await demo(['auth', 'login']));
  ok(await v2(['auth', 'login']));
});

afterAll(async () => {
  await h?.cleanup();
});

describe('flavors', () => {
  it('flavor list is ONE GET of /flavors/detail with the nova client\'s columns', async () => {
    const lists = nova('flavorsList');
    const shows = nova('flavorsShow');
    const r = ok(await admin(['flavor', 'list', '--debug']));
    const reqs = r.stderr.split('\n').filter((l) => l.startsWith('REQ: '));
    expect(reqs).toHaveLength(1);
    expect(reqs[0]).toMatch(/GET '.*\/v2\.1\/flavors\/detail'/);
    expect(nova('flavorsList')).toBe(lists + 1);
    expect(nova('flavorsShow')).toBe(shows);
    expect(r.stdout).toMatch(/│ ID\s+│ Name\s+│ Memory_MB\s+│ Disk\s+│ Ephemeral\s+│ Swap_MB\s+│ VCPUs\s+│ RXTX_Factor\s+│ Is_Public\s+│/);
    expect(r.stdout).toMatch(/│ 1\s+│ m1\.tiny\s+│ 512\s+│ 1\s+│ 0\s+│\s+│ 1\s+│ 1\.0\s+│ True\s+│/);
    expect(r.stdout).toMatch(/│ 42\s+│ m1\.nano\s+│ 64\s+│ 0\s+│/);
  });

  it('JSON keeps Nova\'s field names, the same for list and show', async () => {
    const list = ok(await admin(['flavor', 'list', '-o', 'json'])).json<any[]>();
    const small = list.find((f) => f.name === 'm1.small');
    expect(small).toMatchObject({ id: '2', ram: 2048, disk: 20, vcpus: 1, 'os-flavor-access:is_public': true, 'OS-FLV-EXT-DATA:ephemeral': 0 });
    const byName = ok(await admin(['flavor', 'show', 'm1.small', '-o', 'json'])).json();
    const byId = ok(await admin(['flavor', 'show', '2', '-o', 'json'])).json();
    expect(byName).toEqual(byId);
    expect(Object.keys(byId).sort()).toEqual(Object.keys(small).sort());
    const csv = ok(await admin(['flavor', 'list', '-o', 'csv', '-c', 'Name', '-c', 'VCPUs'])).stdout;
    expect(csv.split('\r\n')[0]).toBe('Name,VCPUs');
    expect(csv).toContain('m1.xlarge,8\r\n');
  });

  it('an unknown flavor exits 4; a member sees public flavors too', async () => {
    const r = await admin(['flavor', 'show', 'm9.huge']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('no flavor with name or ID "m9.huge"');
    const mine = ok(await demo(['flavor', 'list', '-o', 'value', '-c', 'name'])).stdout;
    expect(mine).toContain('m1.tiny');
  });

  it('--all adds private flavors for admins', async () => {
    ok(await admin(['api', '--service', 'compute', 'POST', '/flavors', '-d', JSON.stringify({ flavor: { name: 'secret.one', ram: 256, vcpus: 1, disk: 1, id: 'secret-1', 'os-flavor-access:is_public': false } })]));
    const pub = ok(await admin(['flavor', 'list', '-o', 'value', '-c', 'id'])).stdout.split('\n');
    expect(pub).not.toContain('secret-1');
    const all = ok(await admin(['flavor', 'list', '--all', '-o', 'value', '-c', 'id'])).stdout.split('\n');
    expect(all).toContain('secret-1');
    const priv = ok(await admin(['flavor', 'list', '--private', '-o', 'json'])).json<any[]>();
    expect(priv.map((f) => f.id)).toEqual(['secret-1']);
    const shown = ok(await admin(['flavor', 'show', 'secret.one', '-o', 'json'])).json();
    expect(shown.id).toBe('secret-1');
  });
});

describe('projects', () => {
  it('admins list every project (GET /v3/projects)', async () => {
    const r = ok(await admin(['project', 'list', '--debug', '-o', 'json']));
    expect(r.stderr).toMatch(/GET '.*\/v3\/projects'/);
    const names = r.json<any[]>().map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['admin', 'demo']));
    const table = ok(await admin(['project', 'list', '--long'])).stdout;
    expect(table).toMatch(/│ ID\s+│ Name\s+│ Domain ID\s+│ Description\s+│ Enabled\s+│/);
  });

  it('members list their own projects (GET /v3/auth/projects)', async () => {
    const r = ok(await demo(['project', 'list', '--debug', '-o', 'json']));
    expect(r.stderr).toMatch(/GET '.*\/v3\/auth\/projects'/);
    expect(r.json<any[]>().map((p) => p.name)).toEqual(['demo']);
  });

  it('project show by name or ID; unknown exits 4', async () => {
    const byName = ok(await admin(['project', 'show', 'demo', '-o', 'json'])).json();
    expect(byName.name).toBe('demo');
    const byId = ok(await admin(['project', 'show', byName.id, '-o', 'json'])).json();
    expect(byId).toEqual(byName);
    const own = ok(await demo(['project', 'show', 'demo', '-o', 'json'])).json();
    expect(own.id).toBe(byName.id);
    expect((await admin(['project', 'show', 'nonesuch'])).code).toBe(4);
    expect((await demo(['project', 'show', 'admin'])).code).toBe(4);
  });

  it('Keystone v2.0 sessions list tenants (GET /v2.0/tenants)', async () => {
    const r = ok(await v2(['project', 'list', '--debug', '-o', 'json']));
    expect(r.stderr).toMatch(/GET '.*\/v2\.0\/tenants'/);
    const tenants = r.json<any[]>();
    expect(tenants.map((t) => t.name)).toContain('admin');
    expect(tenants[0]).toHaveProperty('enabled');
    const one = ok(await v2(['project', 'show', 'admin', '-o', 'json'])).json();
    expect(one.name).toBe('admin');
  });
});

describe('regions and endpoints', () => {
  it('region list', async () => {
    const rows = ok(await admin(['region', 'list', '-o', 'json'])).json<any[]>();
    expect(rows.map((r) => r.id)).toContain('RegionOne');
    const table = ok(await demo(['region', 'list'])).stdout;
    expect(table).toMatch(/│ Region\s+│ Parent Region\s+│ Description\s+│/);
    const fromCatalog = ok(await v2(['region', 'list', '-o', 'json'])).json<any[]>();
    expect(fromCatalog.map((r) => r.id)).toContain('RegionOne');
  });

  it('endpoint list shows service names and types for admins', async () => {
    const r = ok(await admin(['endpoint', 'list']));
    expect(r.stdout).toMatch(/│ ID\s+│ Region\s+│ Service Name\s+│ Service Type\s+│ Enabled\s+│ Interface\s+│ URL\s+│/);
    expect(r.stdout).toMatch(/│ cinderv3\s+│ volumev3\s+│ True\s+│ public\s+│ http:\/\/127\.0\.0\.1:\d+\/v3\//);
    const json = ok(await admin(['endpoint', 'list', '--service', 'volumev3', '--interface', 'public', '-o', 'json'])).json<any[]>();
    expect(json).toHaveLength(1);
    expect(json[0]).toMatchObject({ interface: 'public', region_id: 'RegionOne' });
  });

  it('endpoint list as a member is a clear auth error (exit 3)', async () => {
    const r = await demo(['endpoint', 'list']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('Keystone refused to list endpoints');
    expect(r.stderr).toContain('storctl catalog list');
  });
});
