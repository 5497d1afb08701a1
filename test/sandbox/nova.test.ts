import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNova, type NovaSim } from '../../src/sandbox/nova.js';
import type { TokenInfo } from '../../src/sandbox/types.js';

const ADMIN_PROJECT = 'a0000000000000000000000000000001';
const DEMO_PROJECT = 'd0000000000000000000000000000002';
const expiresAt = new Date(Date.now() + 3600_000);
const TOKENS: Record<string, TokenInfo> = {
  'tok-admin': { userId: 'u-admin', userName: 'admin', domainId: 'default', projectId: ADMIN_PROJECT, roles: ['admin', 'member', 'reader'], expiresAt },
  'tok-demo': { userId: 'u-demo', userName: 'demo', domainId: 'default', projectId: DEMO_PROJECT, roles: ['member', 'reader'], expiresAt },
};

let nova: NovaSim;

async function api(method: string, path: string, opts: { token?: string | null; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  const token = opts.token === undefined ? 'tok-admin' : opts.token;
  if (token) headers['X-Auth-Token'] = token;
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${nova.url}${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const text = await res.text();
  let body: any;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body };
}

const mv = (v: string) => ({ headers: { 'OpenStack-API-Version': `compute ${v}` } });

beforeAll(async () => {
  nova = await startNova({ validateToken: (t) => TOKENS[t] });
});
afterAll(async () => {
  await nova.close();
});

describe('nova versions', () => {
  it('GET / lists v2.0 and v2.1 (2.93) without auth', async () => {
    const r = await api('GET', '/', { token: null });
    expect(r.status).toBe(200);
    expect(r.body.versions.map((v: any) => [v.id, v.status, v.version, v.min_version])).toEqual([
      ['v2.0', 'SUPPORTED', '', ''],
      ['v2.1', 'CURRENT', '2.93', '2.1'],
    ]);
  });

  it('GET /v2.1 is the version document with microversion headers', async () => {
    const r = await api('GET', '/v2.1', { token: null });
    expect(r.status).toBe(200);
    expect(r.body.version).toMatchObject({ id: 'v2.1', status: 'CURRENT', version: '2.93', min_version: '2.1' });
    expect(r.headers.get('openstack-api-version')).toBe('compute 2.1');
    expect(r.headers.get('x-openstack-nova-api-version')).toBe('2.1');
  });

  it('negotiates microversions from either header; 406 out of range; 401 without token', async () => {
    let r = await api('GET', '/v2.1/flavors', mv('2.61'));
    expect(r.headers.get('openstack-api-version')).toBe('compute 2.61');
    expect(r.headers.get('vary')).toContain('X-OpenStack-Nova-API-Version');
    r = await api('GET', '/v2.1/flavors', { headers: { 'X-OpenStack-Nova-API-Version': '2.40' } });
    expect(r.headers.get('x-openstack-nova-api-version')).toBe('2.40');
    r = await api('GET', '/v2.1/flavors', mv('latest'));
    expect(r.headers.get('x-openstack-nova-api-version')).toBe('2.93');
    r = await api('GET', '/v2.1/flavors', mv('2.94'));
    expect(r.status).toBe(406);
    expect(r.body).toEqual({
      computeFault: { code: 406, message: 'Version 2.94 is not supported by the API. Minimum is 2.1 and maximum is 2.93.' },
    });
    r = await api('GET', '/v2.1/flavors', mv('foo'));
    expect(r.status).toBe(400);
    r = await api('GET', '/v2.1/flavors', { token: null });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe(401);
  });
});

describe('flavors', () => {
  it('lists the default flavors in flavorid (string) order', async () => {
    const r = await api('GET', '/v2.1/flavors');
    expect(r.status).toBe(200);
    expect(r.body.flavors.map((f: any) => [f.id, f.name])).toEqual([
      ['1', 'm1.tiny'], ['2', 'm1.small'], ['3', 'm1.medium'], ['4', 'm1.large'],
      ['42', 'm1.nano'], ['5', 'm1.xlarge'], ['84', 'm1.micro'],
    ]);
    expect(Object.keys(r.body.flavors[0])).toEqual(['id', 'name', 'links']);
    expect(r.body.flavors[0].links).toEqual([
      { rel: 'self', href: `${nova.url}/v2.1/flavors/1` },
      { rel: 'bookmark', href: `${nova.url}/flavors/1` },
    ]);
  });

  it('detail fields follow the microversion (swap, description, extra_specs)', async () => {
    let r = await api('GET', '/v2.1/flavors/detail');
    const tiny = r.body.flavors[0];
    expect(tiny).toEqual({
      id: '1', name: 'm1.tiny', ram: 512, disk: 1, swap: '', 'OS-FLV-EXT-DATA:ephemeral': 0,
      'OS-FLV-DISABLED:disabled': false, vcpus: 1, 'os-flavor-access:is_public': true, rxtx_factor: 1,
      links: tiny.links,
    });
    expect(r.text).toContain('"rxtx_factor": 1.0');
    r = await api('GET', '/v2.1/flavors/detail', mv('2.55'));
    expect(r.body.flavors[0].description).toBeNull();
    expect(r.body.flavors[0]).not.toHaveProperty('extra_specs');
    r = await api('GET', '/v2.1/flavors/1', mv('2.61'));
    expect(r.body.flavor.extra_specs).toEqual({});
    expect(r.body.flavor.swap).toBe('');
    r = await api('GET', '/v2.1/flavors/1', mv('2.75'));
    expect(r.body.flavor.swap).toBe(0);
  });

  it('show, 404, filters, sorting and paging', async () => {
    let r = await api('GET', '/v2.1/flavors/42');
    expect(r.body.flavor).toMatchObject({ name: 'm1.nano', ram: 64, disk: 0, vcpus: 1 });
    r = await api('GET', '/v2.1/flavors/999');
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ itemNotFound: { code: 404, message: 'Flavor 999 could not be found.' } });
    r = await api('GET', '/v2.1/flavors?minRam=3000&minDisk=50');
    expect(r.body.flavors.map((f: any) => f.id)).toEqual(['4', '5']);
    r = await api('GET', '/v2.1/flavors?minRam=abc');
    expect(r.body.badRequest.message).toBe('Invalid minRam filter [abc]');
    r = await api('GET', '/v2.1/flavors/detail?sort_key=memory_mb&sort_dir=desc');
    expect(r.body.flavors[0].name).toBe('m1.xlarge');
    r = await api('GET', '/v2.1/flavors?sort_key=bogus');
    expect(r.status).toBe(400);

    const seen: string[] = [];
    let next: string | undefined = '/v2.1/flavors/detail?limit=3';
    while (next) {
      r = await api('GET', next);
      seen.push(...r.body.flavors.map((f: any) => f.id));
      const href = r.body.flavors_links?.[0]?.href as string | undefined;
      next = href ? href.slice(nova.url.length) : undefined;
    }
    expect(seen).toEqual(['1', '2', '3', '4', '42', '5', '84']);
    r = await api('GET', '/v2.1/flavors?limit=2');
    expect(r.body.flavors_links).toEqual([{ rel: 'next', href: `${nova.url}/v2.1/flavors?limit=2&marker=2` }]);
    r = await api('GET', '/v2.1/flavors?marker=nope');
    expect(r.body.badRequest.message).toBe('marker [nope] not found');
    r = await api('GET', '/v2.1/flavors?limit=-1');
    expect(r.status).toBe(400);
  });

  it('accepts the project id in the URL and rejects a foreign one', async () => {
    let r = await api('GET', `/v2.1/${ADMIN_PROJECT}/flavors/1`);
    expect(r.body.flavor.links[0].href).toBe(`${nova.url}/v2.1/${ADMIN_PROJECT}/flavors/1`);
    r = await api('GET', `/v2.1/${DEMO_PROJECT}/flavors`);
    expect(r.status).toBe(400);
    expect(r.body.badRequest.message).toContain("Malformed request URL: URL's project_id");
  });

  it('create / extra specs / delete are admin-only; private flavors are hidden from members', async () => {
    let r = await api('POST', '/v2.1/flavors', { token: 'tok-demo', body: { flavor: { name: 'x', ram: 1, vcpus: 1, disk: 1 } } });
    expect(r.status).toBe(403);
    expect(r.body.forbidden.message).toBe("Policy doesn't allow os_compute_api:os-flavor-manage:create to be performed.");
    r = await api('POST', '/v2.1/flavors', { body: { flavor: { name: 'x' } } });
    expect(r.body.badRequest.message).toBe("Invalid input for field/attribute flavor. Value: {'name': 'x'}. 'ram' is a required property");
    r = await api('POST', '/v2.1/flavors', { body: { flavor: { name: 'm1.tiny', ram: 1, vcpus: 1, disk: 1 } } });
    expect(r.status).toBe(409);
    expect(r.body.conflictingRequest.message).toBe('Flavor with name m1.tiny already exists.');
    r = await api('POST', '/v2.1/flavors', {
      ...mv('2.55'),
      body: { flavor: { name: 'storage.big', ram: 4096, vcpus: 2, disk: 100, id: 'sb1', swap: 512, 'os-flavor-access:is_public': false, description: 'big' } },
    });
    expect(r.status).toBe(200);
    expect(r.body.flavor).toMatchObject({ id: 'sb1', swap: 512, 'os-flavor-access:is_public': false, description: 'big' });

    expect((await api('GET', '/v2.1/flavors/sb1', { token: 'tok-demo' })).status).toBe(404);
    r = await api('GET', '/v2.1/flavors?is_public=none');
    expect(r.body.flavors.map((f: any) => f.id)).toContain('sb1');
    r = await api('GET', '/v2.1/flavors');
    expect(r.body.flavors.map((f: any) => f.id)).not.toContain('sb1');
    r = await api('POST', '/v2.1/flavors/sb1/action', { body: { addTenantAccess: { tenant: DEMO_PROJECT } } });
    expect(r.body.flavor_access).toEqual([{ flavor_id: 'sb1', tenant_id: DEMO_PROJECT }]);
    expect((await api('GET', '/v2.1/flavors/sb1', { token: 'tok-demo' })).status).toBe(200);

    r = await api('POST', '/v2.1/flavors/sb1/os-extra_specs', { body: { extra_specs: { 'hw:cpu_policy': 'dedicated' } } });
    expect(r.body).toEqual({ extra_specs: { 'hw:cpu_policy': 'dedicated' } });
    r = await api('GET', '/v2.1/flavors/sb1/os-extra_specs/hw:cpu_policy');
    expect(r.body).toEqual({ 'hw:cpu_policy': 'dedicated' });
    r = await api('PUT', '/v2.1/flavors/sb1/os-extra_specs/hw:cpu_policy', { body: { other: 'x' } });
    expect(r.body.badRequest.message).toBe('Request body and URI mismatch');
    r = await api('POST', '/v2.1/flavors/sb1/os-extra_specs', { token: 'tok-demo', body: { extra_specs: { a: 'b' } } });
    expect(r.status).toBe(403);
    r = await api('GET', '/v2.1/flavors/1/os-extra_specs', { token: 'tok-demo' });
    expect(r.body).toEqual({ extra_specs: {} });
    r = await api('POST', '/v2.1/flavors/1/os-extra_specs', { token: 'tok-demo', body: { extra_specs: { a: 'b' } } });
    expect(r.status).toBe(403);
    expect((await api('DELETE', '/v2.1/flavors/sb1/os-extra_specs/hw:cpu_policy')).status).toBe(200);
    r = await api('GET', '/v2.1/flavors/sb1/os-extra_specs/hw:cpu_policy');
    expect(r.body.itemNotFound.message).toBe('Flavor sb1 has no extra specs with key hw:cpu_policy.');

    expect((await api('DELETE', '/v2.1/flavors/sb1', { token: 'tok-demo' })).status).toBe(403);
    expect((await api('DELETE', '/v2.1/flavors/sb1')).status).toBe(202);
    expect((await api('GET', '/v2.1/flavors/sb1')).status).toBe(404);
  });

  it('limits depend on the microversion', async () => {
    let r = await api('GET', '/v2.1/limits');
    expect(r.body.limits.absolute).toMatchObject({ maxTotalInstances: 10, maxTotalCores: 20, maxTotalRAMSize: 51200, maxSecurityGroups: -1 });
    r = await api('GET', '/v2.1/limits', mv('2.57'));
    expect(r.body.limits.absolute).not.toHaveProperty('maxPersonality');
    expect(r.body.limits.absolute).not.toHaveProperty('maxSecurityGroups');
    expect(r.body.limits.rate).toEqual([]);
  });

  it('counts requests', () => {
    expect(nova.counters['requests']).toBeGreaterThan(20);
    expect(nova.counters['flavorsList']).toBeGreaterThan(5);
    expect(nova.counters['flavorsCreate']).toBeGreaterThan(1);
  });
});
