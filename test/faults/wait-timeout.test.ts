// --wait is bounded: --wait-timeout DURATION (profile wait_timeout, default 30m) ends a wait on a
// resource that never settles with exit 6 and one line; while waiting, a terminal gets ONE
// status line redrawn in place and a pipe gets one line per state change.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeHome, type RunOptions, type TestHome } from '../e2e/harness.js';
import { startHostile, volume, writeHostileProfile, type HostileServer } from './hostile-server.js';
import { formatDuration, parseDuration, startWait } from '../../src/output/waiting.js';
import { waitFor } from '../../src/backends/openstack/wait.js';
import { NetworkError } from '../../src/framework/errors.js';
import type { Context } from '../../src/framework/context.js';

vi.setConfig({ testTimeout: 60_000 });

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const RUN: RunOptions = { timeoutMs: 20_000 };
const TIMEOUT_LINE = (d: string) =>
  new RegExp(`^storctl: timed out after ${d} waiting for volume [0-9a-f-]+ \\(db-1\\) to become available \\(last status: creating\\); raise --wait-timeout or check the server$`);

describe('--wait against a volume stuck in "creating"', () => {
  let h: TestHome;
  let s: HostileServer;

  beforeAll(async () => {
    h = await makeHome();
    s = await startHostile();
    await writeHostileProfile(h.home, s);
    s.show = (id) => ({ status: 200, body: { volume: volume({ id, status: 'creating' }) } });
  });
  afterAll(async () => {
    await s?.close();
    await h?.cleanup();
  });

  it('--wait-timeout 3s: exit 6 in 3-6 s, one state line then the one timeout line', async () => {
    const started = Date.now();
    const r = await h.run(['volume', 'create', 'db-1', '--size', '1', '--wait', '--wait-timeout', '3s'], RUN);
    const took = Date.now() - started;
    expect(r.code, r.stderr).toBe(6);
    expect(took).toBeGreaterThanOrEqual(3000);
    expect(took).toBeLessThan(6500);
    expect(r.stdout).toBe('');
    expect(UNSAFE.test(r.stderr)).toBe(false);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines, r.stderr).toHaveLength(2);
    expect(lines[0]).toMatch(/^storctl: waiting for volume [0-9a-f-]+ \(db-1\) to become available: creating \(\d+(\.\d)?s\)$/);
    expect(lines[1]).toMatch(TIMEOUT_LINE('3s'));
  });

  it('a plain number is seconds; the profile\'s wait_timeout applies without the flag', async () => {
    const plain = await h.run(['volume', 'create', 'db-1', '--size', '1', '--wait', '--wait-timeout', '2'], RUN);
    expect(plain.code, plain.stderr).toBe(6);
    expect(plain.stderr.trimEnd().split('\n').pop()).toMatch(TIMEOUT_LINE('2s'));
    const started = Date.now();
    const env = await h.run(['volume', 'create', 'db-1', '--size', '1', '--wait'], { ...RUN, env: { STORCTL_WAIT_TIMEOUT: '2s' } });
    expect(env.code, env.stderr).toBe(6);
    expect(Date.now() - started).toBeLessThan(6000);
    expect(env.stderr.trimEnd().split('\n').pop()).toMatch(TIMEOUT_LINE('2s'));
  });

  it('-o json: the timeout is a JSON error with exit_code 6', async () => {
    const r = await h.run(['volume', 'create', 'db-1', '--size', '1', '--wait', '--wait-timeout', '2s', '-o', 'json'], RUN);
    expect(r.code).toBe(6);
    const err = JSON.parse(r.stderr.trimEnd().split('\n').pop()!).error;
    expect(err).toMatchObject({ kind: 'unreachable', exit_code: 6, last_status: 'creating', wait_timeout_seconds: 2 });
  });

  it('a nonsense --wait-timeout is a usage error', async () => {
    const r = await h.run(['volume', 'create', 'db-1', '--size', '1', '--wait', '--wait-timeout', 'soon'], RUN);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/wait-timeout.*"soon"/);
  });

  it('a wait that settles at once prints nothing on a pipe', async () => {
    s.show = (id) => ({ status: 200, body: { volume: volume({ id, status: 'available' }) } });
    try {
      const r = await h.run(['volume', 'create', 'db-1', '--size', '1', '--wait', '--wait-timeout', '5s', '-o', 'json'], RUN);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
    } finally {
      s.show = (id) => ({ status: 200, body: { volume: volume({ id, status: 'creating' }) } });
    }
  });
});

/** A Context with just what the wait loops use; stderr may pretend to be a terminal. */
function fakeCtx(opts: { tty: boolean; waitTimeout?: string }): Context & { err: () => string } {
  const stderr = new PassThrough() as PassThrough & { isTTY?: boolean; columns?: number };
  if (opts.tty) {
    stderr.isTTY = true;
    stderr.columns = 200;
  }
  let text = '';
  stderr.on('data', (d) => (text += String(d)));
  return {
    interactive: false,
    signal: new AbortController().signal,
    globals: { waitTimeout: opts.waitTimeout },
    io: { stderr, stdout: new PassThrough(), stdin: new PassThrough() },
    debug: () => {},
    err: () => text,
  } as unknown as Context & { err: () => string };
}

describe('the shared wait module', () => {
  it('parses durations: 90s, 10m, 1h, 1h30m, plain seconds; rejects the rest', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('10m')).toBe(600_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('45')).toBe(45_000);
    expect(parseDuration(120)).toBe(120_000);
    for (const bad of ['', 'soon', '10x', '-5', '0', 'm', '5m garbage']) expect(parseDuration(bad), bad).toBeUndefined();
    expect(formatDuration(120_000)).toBe('2m');
    expect(formatDuration(90_000)).toBe('1m30s');
    expect(formatDuration(3_600_000)).toBe('1h');
    expect(formatDuration(3000)).toBe('3s');
  });

  it('on a terminal: one line redrawn in place (\\r + clear), states inert, cleared at the end', async () => {
    const ctx = fakeCtx({ tty: true, waitTimeout: '2s' });
    const states = ['creating', 'creat\x1b[2Jing', 'downloading', 'downloading'];
    const err = await waitFor(ctx, { label: 'volume v', poll: async () => ({ status: states.shift() ?? 'downloading' }), status: (x) => x.status, until: ['available'] }).catch((e) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.exitCode).toBe(6);
    expect(err.message).toBe('timed out after 2s waiting for volume v to become available (last status: downloading)');
    const out = ctx.err();
    expect(out).not.toContain('\n');
    expect(out).toContain('\r\x1b[2K');
    expect(out).toContain('creat\\x1b[2Jing');
    expect(out.replace(/\r\x1b\[2K/g, '')).not.toMatch(UNSAFE);
    expect(out).toMatch(/waiting for volume v to become available: downloading \(\ds\)/);
    expect(out.endsWith('\r\x1b[2K')).toBe(true);
  });

  it('not on a terminal: a plain line per state change (after the first second), nothing else', async () => {
    const ctx = fakeCtx({ tty: false, waitTimeout: '4s' });
    let n = 0;
    const err = await waitFor(ctx, {
      label: 'volume v',
      poll: async () => ({ status: n++ < 5 ? 'creating' : 'downloading' }),
      status: (x) => x.status,
      until: ['available'],
    }).catch((e) => e);
    expect(err).toBeInstanceOf(NetworkError);
    const lines = ctx.err().trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^storctl: waiting for volume v to become available: creating \(1(\.\d)?s\)$/);
    expect(lines[1]).toMatch(/^storctl: waiting for volume v to become available: downloading \(\d(\.\d)?s\)$/);
    expect(ctx.err()).not.toContain('\r');
  });

  it('the deadline also bounds a poll that hangs', async () => {
    const ctx = fakeCtx({ tty: false, waitTimeout: '1s' });
    const started = Date.now();
    const err = await waitFor(ctx, { label: 'volume v', poll: () => new Promise(() => {}), status: (x: { status: string }) => x.status, until: ['available'] }).catch((e) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(Date.now() - started).toBeLessThan(4000);
    const w = await startWait(ctx, { label: 'x', goal: 'to finish', timeoutMs: 10 });
    w.stop();
    expect(w.budgetMs).toBe(10);
  });
});
