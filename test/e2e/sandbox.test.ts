// `storctl sandbox start|status|stop` as a user runs them: a background daemon, profiles in
// the user's config, and a clean stop.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeHome, type TestHome } from './harness.js';

let h: TestHome;
beforeAll(async () => {
  h = await makeHome();
});
afterAll(async () => {
  await h.run(['sandbox', 'stop']);
  await h.cleanup();
});

describe('sandbox lifecycle', () => {
  it('status says not running (exit 4) before start', async () => {
    const r = await h.run(['sandbox', 'status']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/not running.*storctl sandbox start/);
  });

  it('start runs the daemon, writes sandbox-* profiles, and they work', async () => {
    const r = await h.run(['sandbox', 'start', '-o', 'json'], { timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    const names = r.json().map((p: any) => p.name);
    expect(names).toEqual(expect.arrayContaining(['sandbox-openstack', 'sandbox-swift', 'sandbox-openstorage', 'sandbox-kumoscale']));
    const cfg = await readFile(join(h.home, '.config/storctl/config.yaml'), 'utf8');
    expect(cfg).toMatch(/current_profile: sandbox-openstack/);
    const login = await h.run(['-p', 'sandbox-openstack', 'auth', 'login', '-o', 'json']);
    expect(login.code, login.stderr).toBe(0);
    expect(login.json().project).toBe('admin');
    const v1 = await h.run(['-p', 'sandbox-swift', 'auth', 'login', '-o', 'json']);
    expect(v1.code, v1.stderr).toBe(0);
    expect(v1.json().storage_url).toMatch(/\/v1\/AUTH_test$/);
  }, 90_000);

  it('status lists every simulator; start again only refreshes profiles', async () => {
    const s = await h.run(['sandbox', 'status', '-o', 'json']);
    expect(s.code).toBe(0);
    expect(s.json().map((x: any) => x.service)).toEqual(expect.arrayContaining(['keystone', 'cinder', 'nova', 'swift', 'openstorage-grpc', 'openstorage-rest', 'kumoscale']));
    for (const x of s.json()) expect(x.address).toMatch(/127\.0\.0\.1:\d+/);
    const again = await h.run(['sandbox', 'start']);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/already running/);
  });

  it('stop ends the daemon and removes the profiles', async () => {
    const r = await h.run(['sandbox', 'stop']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Sandbox stopped; \d+ profiles removed/);
    expect((await h.run(['sandbox', 'status'])).code).toBe(4);
    expect(await readFile(join(h.home, '.config/storctl/config.yaml'), 'utf8')).not.toContain('sandbox-');
  });
});
