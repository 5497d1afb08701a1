// Issue 13, item 15: `storctl api` against KumoScale fails on a failure envelope (HTTP 200 with
// a status other than Success) like every KumoScale command: same exit code, one line, and
// nothing on stdout that reads as success.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSandboxHome, type CliResult, type SandboxHome } from './harness.js';

vi.setConfig({ testTimeout: 120_000 });

let h: SandboxHome;

const ksRun = (...args: string[]) => h.run(['-p', 'sandbox-kumoscale', ...args]);
async function ok(...args: string[]): Promise<CliResult> {
  const r = await ksRun(...args);
  expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r;
}

beforeAll(async () => {
  h = await startSandboxHome(['kumoscale']);
});
afterAll(async () => {
  await h?.cleanup();
});

describe('storctl api against KumoScale', () => {
  it('a failure envelope (HTTP 200) exits like the command doing the same call, with nothing on stdout', async () => {
    const viaApi = await ksRun('api', 'GET', '/backends/no-such-node');
    const viaCommand = await ksRun('backend', 'show', 'no-such-node');
    expect(viaCommand.code).toBe(4);
    expect(viaApi.code, viaApi.stderr).toBe(4);
    expect(viaApi.stdout).toBe('');
    expect(viaApi.stderr.trim().split('\n')).toHaveLength(1);
    expect(viaApi.stderr).toMatch(/^storctl: GET \/backends\/no-such-node: .*\(DeviceNotFound\)/);

    const conflict = await ksRun('api', 'POST', '/backends', '-d', JSON.stringify({ mgmtIPs: ['10.0.0.11'] }));
    expect(conflict.code).toBe(5);
    expect(conflict.stdout).toBe('');
    expect(conflict.stderr).toContain('AlreadyExists');

    const asJson = await ksRun('api', 'GET', '/backends/no-such-node', '-o', 'json');
    expect(JSON.parse(asJson.stderr).error).toMatchObject({ kind: 'not_found', exit_code: 4, status: 'DeviceNotFound' });
  });

  it('success envelopes and records still print and exit 0', async () => {
    const list = await ok('api', 'GET', '/backends');
    expect(JSON.parse(list.stdout).length).toBeGreaterThan(0);
    const probe = { hostId: '4c4c4544-0042-3610-8052-b4c04f4e3799', hostNqn: 'nqn.2014-08.org.nvmexpress:uuid:x', name: 'c9', clientType: 'Agent', version: 't', duration: 60 };
    const posted = await ok('api', 'POST', '/host_probe', '-d', JSON.stringify(probe));
    expect(JSON.parse(posted.stdout)).toMatchObject({ status: 'Success' });
  });
});
