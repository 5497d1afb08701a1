// Issue 13, item 14: KumoScale's own --region reaches the provisioner (the OpenStack region
// global no longer swallows it; it is --os-region, and --region where no command flag claims
// the word), and the license key stays out of --debug and trace files.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startSandboxHome, type CliResult, type SandboxHome } from './harness.js';

vi.setConfig({ testTimeout: 120_000 });

let h: SandboxHome;
let ks: any;

const ksRun = (...args: string[]) => h.run(['-p', 'sandbox-kumoscale', ...args]);
async function ok(...args: string[]): Promise<CliResult> {
  const r = await ksRun(...args);
  expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r;
}

beforeAll(async () => {
  h = await startSandboxHome(['kumoscale', 'openstack']);
  ks = h.sandbox.sims.kumoscale;
});
afterAll(async () => {
  await h?.cleanup();
});

/** The request line(s) (`REQ: curl … -d '<body>'`) a --debug trace shows for `method path`. */
function sentBodies(stderr: string, method: string, path: RegExp): string {
  const lines = stderr.split('\n').filter((l) => l.startsWith('REQ: ') && l.includes(`-X ${method} `) && path.test(l));
  expect(lines.length, `no ${method} ${path} request in the trace:\n${stderr}`).toBeGreaterThan(0);
  return lines.join('\n');
}

describe('KumoScale --region is the command\'s own flag', () => {
  it('backend add --region and backend update --region set the region label', async () => {
    const add = await ok('backend', 'add', '10.0.0.14', '--rack', 'r4', '--region', 'west', '--debug', '-o', 'json');
    expect(sentBodies(add.stderr, 'POST', /\/backends/)).toMatch(/"region":\s*"west"/);
    expect(add.json()).toMatchObject({ persistentID: '0c:c4:7a:5e:00:04', region: 'west' });
    expect(ks.state.backends.get('0c:c4:7a:5e:00:04').region).toBe('west');
    await ok('backend', 'update', '0c:c4:7a:5e:00:04', '--region', 'east');
    expect(ks.state.backends.get('0c:c4:7a:5e:00:04').region).toBe('east');
    await ok('backend', 'remove', '0c:c4:7a:5e:00:04', '--yes');
  });

  it('volume create --region constrains placement; a region no backend is in is refused (5)', async () => {
    const v = (await ok('volume', 'create', 'reg-vol', '--size', '10GB', '--region', 'reg1', '-o', 'json')).json();
    expect(ks.state.volumes.get(v.uuid).storageClass.regions).toEqual(['reg1']);
    const nowhere = await ksRun('volume', 'create', 'reg-nowhere', '--size', '10GB', '--region', 'nowhere');
    expect(nowhere.code, nowhere.stderr).toBe(5);
    expect(nowhere.stderr).toContain('NotAvailable');
  });

  it('replica add --region sends the placement (and cannot place a replica nowhere)', async () => {
    const r = await ksRun('replica', 'add', 'reg-vol', '--region', 'nowhere', '--debug');
    expect(sentBodies(r.stderr, 'POST', /\/replica\//)).toMatch(/"regions":\s*\[\s*"nowhere"\s*\]/);
    expect(r.code, r.stderr).toBe(5);
    await ok('volume', 'delete', 'reg-vol', '--yes');
  });
});

describe('the OpenStack region: --os-region, and --region where no command flag claims it', () => {
  const os = (...args: string[]) => h.run(['-p', 'sandbox-openstack', ...args]);
  const refusedFor = (r: CliResult) => {
    expect(r.code, r.stderr).toBe(4);
    expect(r.stderr).toMatch(/no volumev3 .*region Nowhere/);
  };
  it('--os-region picks the catalog region', async () => {
    expect((await os('volume', 'list')).code).toBe(0);
    refusedFor(await os('volume', 'list', '--os-region', 'Nowhere'));
    refusedFor(await os('--os-region-name', 'Nowhere', 'volume', 'list'));
  });
  it('--region is still the global for commands without a --region of their own', async () => {
    refusedFor(await os('volume', 'list', '--region', 'Nowhere'));
    refusedFor(await os('--region', 'Nowhere', 'volume', 'list'));
  });
  it('volume create (KumoScale has a --region there): before the words, or on an OpenStack profile, it is the region', async () => {
    refusedFor(await os('--region', 'Nowhere', 'volume', 'create', 'x', '--size', '1'));
    refusedFor(await os('volume', 'create', 'x', '--size', '1', '--region', 'Nowhere'));
    refusedFor(await os('volume', 'create', 'x', '--size', '1', '--os-region', 'Nowhere'));
  });
});

describe('the KumoScale license key is a secret', () => {
  const KEY = 'KSLIC-Secret0123456789ABCDEF';
  it('license set: not in --debug output nor in the trace file', async () => {
    const trace = join(h.home, 'trace.jsonl');
    const r = await ok('license', 'set', KEY, '--debug', '--trace-file', trace);
    expect(sentBodies(r.stderr, 'POST', /\/license/)).toMatch(/"license":\s*"\{SHA256\}[0-9a-f]{16}"/);
    expect(r.stderr).not.toContain(KEY);
    expect(r.stderr).not.toContain('0123456789ABCDEF');
    const text = await readFile(trace, 'utf8');
    expect(text).toContain('/license');
    expect(text).not.toContain('0123456789ABCDEF');
  });
  it('also when sent raw with storctl api', async () => {
    const r = await ok('api', 'POST', '/license', '-d', JSON.stringify({ license: KEY }), '--debug');
    expect(r.stderr).toContain('/license');
    expect(r.stderr).not.toContain('0123456789ABCDEF');
  });
});
