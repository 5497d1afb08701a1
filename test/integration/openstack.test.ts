// storctl against the REAL Keystone, Cinder and Nova of the testbed (test/integration/run.sh
// starts them and exports OS_*). Runs only with STORCTL_IT_OPENSTACK=1. Resources are named
// with a per-run prefix and removed at the end; the testbed has no cinder-backup, so backups
// end in error (and cannot be deleted there), and it has no Cinder v2.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeHome, type CliResult, type TestHome } from '../e2e/harness.js';

const enabled = process.env.STORCTL_IT_OPENSTACK === '1';
const P = `it${Date.now().toString(36)}`;

let h: TestHome;
const run = (args: string[]) => h.run(['-p', 'it', ...args], { timeoutMs: 240_000 });

function ok(r: CliResult): CliResult {
  expect(r.code, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(0);
  return r;
}

/** Debian's openstack client, with the same credentials, outside any pyenv shim. */
function openstack(args: string[]): any {
  const env: Record<string, string> = { PATH: '/usr/bin:/bin', HOME: h.home, LANG: 'C.UTF-8' };
  for (const [k, v] of Object.entries(process.env)) if (k.startsWith('OS_') && v !== undefined) env[k] = v;
  const r = spawnSync('/usr/bin/openstack', args, { env, encoding: 'utf8', timeout: 240_000 });
  if (r.status !== 0) throw new Error(`openstack ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

describe.skipIf(!enabled)('OpenStack (real Keystone, Cinder, Nova)', () => {
  beforeAll(async () => {
    h = await makeHome();
    const e = process.env;
    const dir = join(h.home, '.config/storctl');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const quote = (s: string | undefined) => JSON.stringify(s ?? '');
    await writeFile(
      join(dir, 'config.yaml'),
      `profiles:
  it:
    backend: openstack
    auth_url: ${quote(e.OS_AUTH_URL)}
    username: ${quote(e.OS_USERNAME)}
    password: ${quote(e.OS_PASSWORD)}
    project_name: ${quote(e.OS_PROJECT_NAME)}
    user_domain_name: ${quote(e.OS_USER_DOMAIN_NAME ?? 'Default')}
    project_domain_name: ${quote(e.OS_PROJECT_DOMAIN_NAME ?? 'Default')}
${e.OS_REGION_NAME ? `    region_name: ${quote(e.OS_REGION_NAME)}\n` : ''}`,
      { mode: 0o600 },
    );
    ok(await run(['auth', 'login']));
    // A testbed reused across runs drifts its quota usage (Cinder counts reservations of runs
    // that were cut short): these tests are about commands, not quota headroom.
    ok(await run(['quota', 'set', '--volumes', '-1', '--snapshots', '-1', '--gigabytes', '-1', '--backups', '-1']));
  });

  afterAll(async () => {
    if (!h) return;
    // Best effort: everything this run created (backups in error cannot be deleted here).
    const snaps = (await run(['snapshot', 'list', '-o', 'json'])).stdout;
    for (const s of safeJson(snaps).filter((x: any) => String(x.name ?? '').startsWith(P))) await run(['snapshot', 'delete', s.id, '--yes', '--wait']);
    const vols = (await run(['volume', 'list', '-o', 'json'])).stdout;
    const mine = safeJson(vols).filter((x: any) => String(x.name ?? '').startsWith(P)).map((x: any) => x.id);
    if (mine.length) await run(['volume', 'delete', ...mine, '--yes', '--wait']);
    const types = (await run(['volume', 'type', 'list', '--all', '-o', 'json'])).stdout;
    for (const t of safeJson(types).filter((x: any) => String(x.name ?? '').startsWith(P))) await run(['volume', 'type', 'delete', t.id, '--yes']);
    await h.cleanup();
  });

  it('volume list -o json has the same volume ids as `openstack volume list -f json`', async () => {
    ok(await run(['volume', 'create', `${P}-listed`, '--size', '1', '--wait']));
    // Other jobs may use the testbed at the same time: compare a few times before failing.
    let ours: string[] = [];
    let theirs: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      ours = ok(await run(['volume', 'list', '-o', 'json'])).json<any[]>().map((v) => v.id).sort();
      theirs = (openstack(['volume', 'list', '-f', 'json']) as any[]).map((v) => v.ID).sort();
      if (JSON.stringify(ours) === JSON.stringify(theirs)) break;
    }
    expect(ours.length).toBeGreaterThan(0);
    expect(ours).toEqual(theirs);
  });

  it('a plain volume list with a warm token is one request', async () => {
    const r = ok(await run(['volume', 'list', '--debug']));
    const reqs = r.stderr.split('\n').filter((l) => l.startsWith('REQ: '));
    expect(reqs).toHaveLength(1);
    expect(reqs[0]).toMatch(/GET '.*\/v3\/[0-9a-f]+\/volumes\/detail'/);
    expect(reqs[0]).toContain("openstack-api-version: volume 3.0");
  });

  it('create --wait → available, show by name, list/show JSON fields match, extend --wait, delete --wait', async () => {
    const v = ok(await run(['volume', 'create', `${P}-main`, '--size', '1', '--description', 'integration', '--property', 'suite=it', '--wait', '-o', 'json'])).json();
    expect(v).toMatchObject({ status: 'available', size: 1, name: `${P}-main`, metadata: { suite: 'it' } });
    const shown = ok(await run(['volume', 'show', `${P}-main`, '-o', 'json'])).json();
    const listed = ok(await run(['volume', 'list', '--name', `${P}-main`, '-o', 'json'])).json<any[]>();
    expect(listed).toHaveLength(1);
    expect(Object.keys(listed[0]).sort()).toEqual(Object.keys(shown).sort());
    const grown = ok(await run(['volume', 'extend', `${P}-main`, '2', '--wait', '-o', 'json'])).json();
    expect(grown).toMatchObject({ size: 2, status: 'available' });
    const set = ok(await run(['volume', 'set', `${P}-main`, '--name', `${P}-renamed`, '--property', 'x=y', '-o', 'json'])).json();
    expect(set).toMatchObject({ name: `${P}-renamed`, metadata: { suite: 'it', x: 'y' } });
    ok(await run(['volume', 'delete', `${P}-renamed`, '--yes', '--wait']));
    expect((await run(['volume', 'show', v.id])).code).toBe(4);
  });

  it('sizes: 2048MiB creates a 2 GiB volume (as `openstack volume show` says), 3072MiB extends it to 3; 10GB and 5GB are refused with the nearest whole GiB', async () => {
    const n = `${P}-${randomBytes(3).toString('hex')}-units`;
    const v = ok(await run(['volume', 'create', n, '--size', '2048MiB', '--wait', '-o', 'json'])).json();
    expect(v.size).toBe(2);
    expect(openstack(['volume', 'show', v.id, '-f', 'json']).size).toBe(2);
    const gb = await run(['volume', 'create', `${n}-gb`, '--size', '10GB']);
    expect(gb.code, gb.stderr).toBe(2);
    expect(gb.stderr).toContain('--size 10GB is 9.31 GiB, not a whole number of GiB: use 9GiB or 10GiB');
    const five = await run(['volume', 'extend', v.id, '5GB']);
    expect(five.code, five.stderr).toBe(2);
    expect(five.stderr).toContain('use 4GiB or 5GiB');
    expect(ok(await run(['volume', 'extend', v.id, '3072MiB', '--wait', '-o', 'json'])).json().size).toBe(3);
    expect(openstack(['volume', 'show', v.id, '-f', 'json']).size).toBe(3);
    ok(await run(['volume', 'delete', v.id, '--yes', '--wait']));
  });

  it('ambiguous names exit 5, unknown ones 4', async () => {
    ok(await run(['volume', 'create', `${P}-twin`, '--size', '1']));
    ok(await run(['volume', 'create', `${P}-twin`, '--size', '1']));
    const r = await run(['volume', 'show', `${P}-twin`]);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain(`2 volumes are named "${P}-twin"`);
    expect((await run(['volume', 'show', `${P}-nothing`])).code).toBe(4);
  });

  it('volume types: create with extra specs, list, show, delete; a volume of an unschedulable type ends in error with the scheduler\'s reason', async () => {
    const t = ok(await run(['volume', 'type', 'create', `${P}-nowhere`, '--property', 'volume_backend_name=doesnotexist', '-o', 'json'])).json();
    expect(t.extra_specs).toEqual({ volume_backend_name: 'doesnotexist' });
    const list = ok(await run(['volume', 'type', 'list', '-o', 'json'])).json<any[]>();
    expect(list.map((x) => x.name)).toContain(`${P}-nowhere`);
    const shown = ok(await run(['volume', 'type', 'show', `${P}-nowhere`, '-o', 'json'])).json();
    expect(shown.id).toBe(t.id);
    const bad = await run(['volume', 'create', `${P}-doomed`, '--size', '1', '--type', `${P}-nowhere`, '--wait']);
    expect(bad.code).toBe(7);
    expect(bad.stderr).toMatch(/ended in status error: .*(No valid backend|Could not find any available weighted backend)/);
    const busy = await run(['volume', 'type', 'delete', `${P}-nowhere`, '--yes']);
    expect(busy.code).toBe(5);
    ok(await run(['volume', 'delete', `${P}-doomed`, '--yes', '--wait']));
    ok(await run(['volume', 'type', 'delete', `${P}-nowhere`, '--yes']));
  });

  it('snapshots: create --wait, list, show, set, volume from snapshot, delete --wait', async () => {
    const v = ok(await run(['volume', 'create', `${P}-snapsrc`, '--size', '1', '--wait', '-o', 'json'])).json();
    const s = ok(await run(['snapshot', 'create', `${P}-snap`, '--volume', `${P}-snapsrc`, '--wait', '-o', 'json'])).json();
    expect(s).toMatchObject({ status: 'available', volume_id: v.id });
    const list = ok(await run(['snapshot', 'list', '--volume', v.id, '-o', 'json'])).json<any[]>();
    expect(list.map((x) => x.id)).toEqual([s.id]);
    ok(await run(['snapshot', 'set', `${P}-snap`, '--description', 'kept', '--property', 'a=b']));
    const shown = ok(await run(['snapshot', 'show', s.id, '-o', 'json'])).json();
    expect(shown).toMatchObject({ description: 'kept', metadata: { a: 'b' } });
    const clone = ok(await run(['volume', 'create', `${P}-fromsnap`, '--snapshot', `${P}-snap`, '--wait', '-o', 'json'])).json();
    expect(clone).toMatchObject({ status: 'available', snapshot_id: s.id });
    ok(await run(['volume', 'delete', `${P}-fromsnap`, '--yes', '--wait']));
    ok(await run(['snapshot', 'delete', `${P}-snap`, '--yes', '--wait']));
    ok(await run(['volume', 'delete', `${P}-snapsrc`, '--yes', '--wait']));
  });

  it('snapshot create without --volume: "--volume is required" exit 2; snapshot create VOLUME --name NAME works', async () => {
    const r = await run(['snapshot', 'create', `${P}-nosuch`, '--wait']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/--volume is required/);
    const n = `${P}-${randomBytes(3).toString('hex')}`;
    const v = ok(await run(['volume', 'create', `${n}-src`, '--size', '1', '--wait', '-o', 'json'])).json();
    const s = ok(await run(['snapshot', 'create', `${n}-src`, '--name', `${n}-snap`, '--wait', '-o', 'json'])).json();
    expect(s).toMatchObject({ name: `${n}-snap`, volume_id: v.id, status: 'available' });
    ok(await run(['snapshot', 'delete', s.id, '--yes', '--wait']));
    ok(await run(['volume', 'delete', v.id, '--yes', '--wait']));
  });

  it('backups end in error without cinder-backup: exit 7 with the fail reason', async () => {
    const quota = ok(await run(['quota', 'show', '-o', 'json'])).json<any[]>().find((q) => q.resource === 'backups');
    if (quota.limit !== -1 && quota.in_use >= quota.limit - 1) ok(await run(['quota', 'set', '--backups', '-1']));
    ok(await run(['volume', 'create', `${P}-bksrc`, '--size', '1', '--wait']));
    const r = await run(['backup', 'create', `${P}-bksrc`, '--name', `${P}-bk`, '--wait']);
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(/backup .* ended in status error: \S+/);
    const shown = ok(await run(['backup', 'show', `${P}-bk`, '-o', 'json'])).json();
    expect(shown.status).toBe('error');
  });

  it('backup delete without cinder-backup: exit 7 with Cinder\'s "Service cinder-backup could not be found." (not 4)', async (t) => {
    const services = ok(await run(['volume', 'service', 'list', '-o', 'json'])).json<any[]>();
    if (services.some((s) => s.binary === 'cinder-backup' && s.state === 'up' && s.status === 'enabled')) t.skip();
    // Backups in error cannot be deleted without the service: reuse one an earlier run of these
    // tests left (Cinder refuses the DELETE before changing anything), else make one.
    const leftovers = ok(await run(['backup', 'list', '--status', 'error', '-o', 'json'])).json<any[]>();
    let id = leftovers.find((b) => /^it[0-9a-z]+-.*bk$/.test(String(b.name ?? '')))?.id as string | undefined;
    if (!id) {
      const n = `${P}-${randomBytes(3).toString('hex')}`;
      ok(await run(['volume', 'create', `${n}-bksrc`, '--size', '1', '--wait']));
      const made = await run(['backup', 'create', `${n}-bksrc`, '--name', `${n}-bk`, '--wait']);
      expect(made.code).toBe(7);
      expect(made.stderr).toMatch(/ended in status error: Service not found for creating backup\./);
      id = ok(await run(['backup', 'show', `${n}-bk`, '-o', 'json'])).json().id as string;
    }
    const del = await run(['backup', 'delete', id, '--yes']);
    expect(del.code, del.stderr).toBe(7);
    expect(del.stderr).toMatch(/Service cinder-backup could not be found\./);
    // The backup is still there (an error backup Cinder cannot delete without the service).
    expect(ok(await run(['backup', 'show', id, '-o', 'json'])).json().status).toBe('error');
  });

  it('quota show / set and limits show', async () => {
    const rows = ok(await run(['quota', 'show', '-o', 'json'])).json<any[]>();
    const gb = rows.find((q) => q.resource === 'gigabytes');
    expect(gb).toMatchObject({ limit: expect.any(Number), in_use: expect.any(Number) });
    const set = ok(await run(['quota', 'set', '--gigabytes', String(gb.limit), '-o', 'json'])).json<any[]>();
    expect(set.find((q) => q.resource === 'gigabytes').limit).toBe(gb.limit);
    const limits = ok(await run(['limits', 'show', '-o', 'json'])).json<any[]>();
    expect(limits.map((l) => l.name)).toContain('maxTotalVolumes');
    const services = ok(await run(['volume', 'service', 'list', '-o', 'json'])).json<any[]>();
    expect(services.map((s) => s.binary)).toContain('cinder-volume');
  });

  it('microversions: a pinned one is sent; 3.99 is refused with the server\'s range; v2 is reported missing', async () => {
    const r = ok(await run(['volume', 'list', '--os-volume-api-version', '3.63', '--debug', '-o', 'json']));
    expect(r.stderr).toContain("openstack-api-version: volume 3.63");
    const tooNew = await run(['volume', 'list', '--os-volume-api-version', '3.99']);
    expect(tooNew.code).toBe(2);
    expect(tooNew.stderr).toMatch(/Version 3\.99 is not supported by the API\. Minimum is 3\.0 and maximum is 3\.\d+\./);
    const v2 = await run(['volume', 'list', '--os-volume-api-version', '2']);
    expect(v2.code).toBe(4);
    expect(v2.stderr).toContain('does not serve API v2');
  });

  it('flavors in one request, same as `openstack flavor list`; flavor show by name', async () => {
    const r = ok(await run(['flavor', 'list', '--debug', '-o', 'json']));
    expect(r.stderr.split('\n').filter((l) => l.startsWith('REQ: '))).toHaveLength(1);
    const ours = r.json<any[]>().map((f) => f.id).sort();
    const theirs = (openstack(['flavor', 'list', '-f', 'json']) as any[]).map((f) => f.ID).sort();
    expect(ours).toEqual(theirs);
    const tiny = ok(await run(['flavor', 'show', 'm1.tiny', '-o', 'json'])).json();
    expect(tiny).toMatchObject({ id: '1', ram: 512, vcpus: 1 });
  });

  it('projects, regions, endpoints', async () => {
    const projects = ok(await run(['project', 'list', '-o', 'json'])).json<any[]>();
    expect(projects.map((p) => p.name)).toContain(process.env.OS_PROJECT_NAME);
    const one = ok(await run(['project', 'show', process.env.OS_PROJECT_NAME!, '-o', 'json'])).json();
    expect(one.name).toBe(process.env.OS_PROJECT_NAME);
    const regions = ok(await run(['region', 'list', '-o', 'json'])).json<any[]>();
    expect(regions.length).toBeGreaterThan(0);
    const endpoints = ok(await run(['endpoint', 'list', '--service', 'volumev3', '-o', 'json'])).json<any[]>();
    expect(endpoints.length).toBeGreaterThan(0);
  });
});

function safeJson(text: string): any[] {
  try {
    const v = JSON.parse(text);
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}
