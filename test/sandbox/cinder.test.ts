import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCinder, type CinderSim } from '../../src/sandbox/cinder.js';
import type { TokenInfo } from '../../src/sandbox/types.js';

const ADMIN_PROJECT = 'a0000000000000000000000000000001';
const DEMO_PROJECT = 'd0000000000000000000000000000002';
const OTHER_PROJECT = 'e0000000000000000000000000000003';
const expiresAt = new Date(Date.now() + 3600_000);
const TOKENS: Record<string, TokenInfo> = {
  'tok-admin': { userId: 'u-admin', userName: 'admin', domainId: 'default', projectId: ADMIN_PROJECT, projectName: 'admin', roles: ['admin', 'member', 'reader'], expiresAt },
  'tok-demo': { userId: 'u-demo', userName: 'demo', domainId: 'default', projectId: DEMO_PROJECT, projectName: 'demo', roles: ['member', 'reader'], expiresAt },
  'tok-other': { userId: 'u-other', userName: 'other', domainId: 'default', projectId: OTHER_PROJECT, projectName: 'other', roles: ['member'], expiresAt },
};
const DELAY = 40;

let sim: CinderSim;

interface Resp {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

async function api(method: string, path: string, opts: { token?: string | null; body?: unknown; mv?: string; headers?: Record<string, string> } = {}): Promise<Resp> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  const token = opts.token === undefined ? 'tok-admin' : opts.token;
  if (token) headers['X-Auth-Token'] = token;
  if (opts.mv) headers['OpenStack-API-Version'] = `volume ${opts.mv}`;
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
    redirect: 'manual',
  });
  const text = await res.text();
  let body: any;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body };
}

const A = `/v3/${ADMIN_PROJECT}`;
const Dm = `/v3/${DEMO_PROJECT}`;

async function waitStatus(path: string, want: string, token = 'tok-admin', key = 'volume'): Promise<any> {
  const until = Date.now() + 5000;
  for (;;) {
    const r = await api('GET', path, { token });
    if (r.status === 200 && r.body[key].status === want) return r.body[key];
    if (Date.now() > until) throw new Error(`${path}: still ${r.status} ${JSON.stringify(r.body)}`);
    await new Promise((ok) => setTimeout(ok, 10));
  }
}

async function waitGone(path: string): Promise<void> {
  const until = Date.now() + 5000;
  for (;;) {
    const r = await api('GET', path);
    if (r.status === 404) return;
    if (Date.now() > until) throw new Error(`${path}: still there: ${r.text}`);
    await new Promise((ok) => setTimeout(ok, 10));
  }
}

async function createVolume(base: string, volume: Record<string, unknown>, token = 'tok-admin'): Promise<any> {
  const r = await api('POST', `${base}/volumes`, { token, body: { volume } });
  expect(r.status, r.text).toBe(202);
  return r.body.volume;
}

beforeAll(async () => {
  sim = await startCinder({ validateToken: (t) => TOKENS[t], stateDelayMs: DELAY });
});
afterAll(async () => {
  await sim.close();
});

describe('versions and microversions', () => {
  it('GET / lists v2.0 (deprecated) and v3.0 (current, 3.70) with 300', async () => {
    const r = await api('GET', '/', { token: null });
    expect(r.status).toBe(300);
    const ids = r.body.versions.map((v: any) => [v.id, v.status, v.version, v.min_version]);
    expect(ids).toEqual([
      ['v2.0', 'DEPRECATED', '', ''],
      ['v3.0', 'CURRENT', '3.70', '3.0'],
    ]);
    expect(r.body.versions[1].links[1]).toEqual({ rel: 'self', href: `${sim.url}/v3/` });
    expect(r.text).toContain('"versions": [{"id": "v2.0"'); // Python-style separators
  });

  it('GET /v3/ is the version document; /v3 redirects', async () => {
    const r = await api('GET', '/v3/', { token: null });
    expect(r.status).toBe(200);
    expect(r.body.versions[0].id).toBe('v3.0');
    const red = await api('GET', '/v3', { token: null });
    expect(red.status).toBe(302);
    expect(red.headers.get('location')).toBe(`${sim.url}/v3/`);
  });

  it('401 without or with an unknown token', async () => {
    for (const token of [null, 'bogus']) {
      const r = await api('GET', `${A}/volumes`, { token });
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe(401);
      expect(r.headers.get('www-authenticate')).toMatch(/^Keystone uri=/);
    }
  });

  it('echoes the microversion, defaults to 3.0, resolves latest', async () => {
    let r = await api('GET', `${A}/volumes`);
    expect(r.headers.get('openstack-api-version')).toBe('volume 3.0');
    expect(r.headers.get('vary')).toBe('OpenStack-API-Version');
    r = await api('GET', `${A}/volumes`, { mv: '3.42' });
    expect(r.headers.get('openstack-api-version')).toBe('volume 3.42');
    r = await api('GET', `${A}/volumes`, { mv: 'latest' });
    expect(r.headers.get('openstack-api-version')).toBe('volume 3.70');
  });

  it('406 out of range, 400 on a malformed version', async () => {
    let r = await api('GET', `${A}/volumes`, { mv: '3.71' });
    expect(r.status).toBe(406);
    expect(r.body).toEqual({
      computeFault: { code: 406, message: 'Version 3.71 is not supported by the API. Minimum is 3.0 and maximum is 3.70.' },
    });
    expect(r.headers.get('openstack-api-version')).toBe('volume 3.71');
    r = await api('GET', `${A}/volumes`, { mv: '2.0' });
    expect(r.status).toBe(406);
    r = await api('GET', `${A}/volumes`, { mv: '3.x' });
    expect(r.status).toBe(400);
    expect(r.body.badRequest.message).toBe('API Version String 3.x is of invalid format. Must be of format MajorNum.MinorNum.');
  });

  it('rejects a URL project that is not the token project; allows /v3/<collection> without one', async () => {
    const r = await api('GET', `${Dm}/volumes`);
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ badRequest: { code: 400, message: 'Malformed request url' } });
    const ok = await api('GET', '/v3/volumes');
    expect(ok.status).toBe(200);
    const html = await api('GET', `${A}/nothing-here`);
    expect(html.status).toBe(404);
    expect(html.text).toContain('404 Not Found');
  });
});

describe('volume lifecycle', () => {
  it('creating → available with Cinder field shapes', async () => {
    const v = await createVolume(A, { size: 1, name: 'life-1', description: 'd', metadata: { a: 'b' } });
    expect(v.status).toBe('creating');
    expect(v.updated_at).toBeNull();
    expect(v).not.toHaveProperty('os-vol-tenant-attr:tenant_id');
    const got = await waitStatus(`${A}/volumes/${v.id}`, 'available');
    expect(got.bootable).toBe('false');
    expect(got.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
    expect(got['os-vol-tenant-attr:tenant_id']).toBe(ADMIN_PROJECT);
    expect(got['os-vol-host-attr:host']).toMatch(/@/);
    expect(got.volume_type).toBe('__DEFAULT__');
    expect(got.links[0].href).toBe(`${sim.url}${A}/volumes/${v.id}`);
    expect(got.links[1].href).toBe(`${sim.url}/${ADMIN_PROJECT}/volumes/${v.id}`);
    const at70 = await api('GET', `${A}/volumes/${v.id}`, { mv: '3.70' });
    expect(at70.body.volume).toMatchObject({ group_id: null, shared_targets: false, consumes_quota: true });
    expect(at70.body.volume.volume_type_id).toBeTruthy();
  });

  it('ends in error when the type asks for a backend that does not exist, with a user message', async () => {
    sim.addVolumeType('nowhere', { volume_backend_name: 'doesnotexist' });
    const v = await createVolume(A, { size: 1, name: 'err-1', volume_type: 'nowhere' });
    const got = await waitStatus(`${A}/volumes/${v.id}`, 'error');
    expect(got['os-vol-host-attr:host']).toBeNull();
    const m = await api('GET', `${A}/messages?resource_uuid=${v.id}`, { mv: '3.3' });
    expect(m.status).toBe(200);
    expect(m.body.messages[0].user_message).toBe('schedule allocate volume:Could not find any available weighted backend.');
    const old = await api('GET', `${A}/messages`);
    expect(old.status).toBe(404);
    // never scheduled: delete removes it at once
    expect((await api('DELETE', `${A}/volumes/${v.id}`)).status).toBe(202);
    expect((await api('GET', `${A}/volumes/${v.id}`)).status).toBe(404);
  });

  it('validates create like Cinder', async () => {
    let r = await api('POST', `${A}/volumes`, { body: { volume: { size: 0 } } });
    expect(r.body.badRequest.message).toBe('Invalid input for field/attribute size. Value: 0. 0 is less than the minimum of 1');
    r = await api('POST', `${A}/volumes`, { body: { volume: { size: 1, imageRef: 'abc' } } });
    expect(r.body.badRequest.message).toBe('Invalid image identifier or unable to access requested image.');
    r = await api('POST', `${A}/volumes`, { body: { volume: { size: 1, volume_type: 'nope' } } });
    expect(r.status).toBe(404);
    expect(r.body.itemNotFound.message).toBe('Volume type with name nope could not be found.');
    r = await api('POST', `${A}/volumes`, { body: 'not json' });
    expect(r.body).toEqual({ badRequest: { code: 400, message: 'Malformed request body' } });
    r = await api('POST', `${A}/volumes`, { body: { volume: { size: 1, availability_zone: 'az9' } } });
    expect(r.body.badRequest.message).toBe("Availability zone 'az9' is invalid.");
  });

  it('extends an available volume and refuses bad sizes / states', async () => {
    const v = await createVolume(A, { size: 1, name: 'ext-1' });
    await waitStatus(`${A}/volumes/${v.id}`, 'available');
    let r = await api('POST', `${A}/volumes/${v.id}/action`, { body: { 'os-extend': { new_size: 1 } } });
    expect(r.status).toBe(400);
    expect(r.body.badRequest.message).toBe(
      'Invalid input received: New size for extend must be greater than current size. (current: 1, extended: 1).',
    );
    r = await api('POST', `${A}/volumes/${v.id}/action`, { body: { 'os-extend': { new_size: 3 } } });
    expect(r.status).toBe(202);
    expect(r.text).toBe('');
    expect((await api('GET', `${A}/volumes/${v.id}`)).body.volume.status).toBe('extending');
    const done = await waitStatus(`${A}/volumes/${v.id}`, 'available');
    expect(done.size).toBe(3);

    sim.attach(v.id, 'srv-1');
    r = await api('POST', `${A}/volumes/${v.id}/action`, { body: { 'os-extend': { new_size: 4 } } });
    expect(r.body.badRequest.message).toBe(
      `Invalid volume: Volume ${v.id} status must be '{'status': 'available'}' to extend, currently in-use.`,
    );
    r = await api('POST', `${A}/volumes/${v.id}/action`, { mv: '3.42', body: { 'os-extend': { new_size: 4 } } });
    expect(r.status).toBe(202);
    const inUse = await waitStatus(`${A}/volumes/${v.id}`, 'in-use');
    expect(inUse.size).toBe(4);
  });

  it('failNext makes the next extend end in error_extending', async () => {
    const v = await createVolume(A, { size: 1 });
    await waitStatus(`${A}/volumes/${v.id}`, 'available');
    sim.failNext('extend');
    await api('POST', `${A}/volumes/${v.id}/action`, { body: { 'os-extend': { new_size: 2 } } });
    const got = await waitStatus(`${A}/volumes/${v.id}`, 'error_extending');
    expect(got.size).toBe(1);
  });

  it('refuses to delete an in-use volume, even forced; detach then delete', async () => {
    const v = await createVolume(A, { size: 1, name: 'attached' });
    await waitStatus(`${A}/volumes/${v.id}`, 'available');
    sim.attach(v.id, '11111111-2222-3333-4444-555555555555');
    const shown = (await api('GET', `${A}/volumes/${v.id}`)).body.volume;
    expect(shown.status).toBe('in-use');
    expect(shown.attachments[0]).toMatchObject({ server_id: '11111111-2222-3333-4444-555555555555', volume_id: v.id, device: '/dev/vdb' });
    expect(shown.metadata).toMatchObject({ attached_mode: 'rw', readonly: 'False' });

    let r = await api('DELETE', `${A}/volumes/${v.id}`);
    expect(r.status).toBe(400);
    expect(r.body.badRequest.message).toBe(
      'Invalid volume: Volume status must be available or error or error_restoring or error_extending or error_managing and must not be migrating, attached, belong to a group, have snapshots, awaiting a transfer, or be disassociated from snapshots after volume transfer.',
    );
    r = await api('DELETE', `${A}/volumes/${v.id}?force=true`, { mv: '3.23' });
    expect(r.body.badRequest.message).toBe(
      'Invalid volume: Volume  must not be migrating, attached, belong to a group, have snapshots, awaiting a transfer, or be disassociated from snapshots after volume transfer.',
    );
    r = await api('POST', `${A}/volumes/${v.id}/action`, { body: { 'os-force_delete': {} } });
    expect(r.status).toBe(400);
    r = await api('DELETE', `${Dm}/volumes/${v.id}?force=true`, { token: 'tok-demo', mv: '3.23' });
    expect(r.status).toBe(403);

    r = await api('POST', `${A}/volumes/${v.id}/action`, { body: { 'os-detach': {} } });
    expect(r.status).toBe(202);
    expect((await api('DELETE', `${A}/volumes/${v.id}`)).status).toBe(202);
    expect((await api('GET', `${A}/volumes/${v.id}`)).body.volume.status).toBe('deleting');
    await waitGone(`${A}/volumes/${v.id}`);
  });

  it('refuses a volume with snapshots unless cascade=true, which deletes them too', async () => {
    const v = await createVolume(A, { size: 2, name: 'with-snap' });
    await waitStatus(`${A}/volumes/${v.id}`, 'available');
    let r = await api('POST', `${A}/snapshots`, { body: { snapshot: { volume_id: v.id, name: 's1' } } });
    expect(r.status).toBe(202);
    const snap = r.body.snapshot;
    expect(snap).toMatchObject({ status: 'creating', size: 2, volume_id: v.id });
    await waitStatus(`${A}/snapshots/${snap.id}`, 'available', 'tok-admin', 'snapshot');
    const detail = await api('GET', `${A}/snapshots/${snap.id}`);
    expect(detail.body.snapshot['os-extended-snapshot-attributes:progress']).toBe('100%');

    r = await api('DELETE', `${A}/volumes/${v.id}`);
    expect(r.status).toBe(400);
    r = await api('DELETE', `${A}/volumes/${v.id}?cascade=true`);
    expect(r.status).toBe(202);
    expect((await api('GET', `${A}/snapshots/${snap.id}`)).body.snapshot.status).toBe('deleting');
    await waitGone(`${A}/volumes/${v.id}`);
    await waitGone(`${A}/snapshots/${snap.id}`);
  });

  it('snapshots of in-use volumes need force; volumes can be created from snapshots', async () => {
    const v = await createVolume(A, { size: 1, name: 'snap-src' });
    await waitStatus(`${A}/volumes/${v.id}`, 'available');
    sim.attach(v.id, 'srv-2');
    let r = await api('POST', `${A}/snapshots`, { body: { snapshot: { volume_id: v.id } } });
    expect(r.body.badRequest.message).toBe(`Invalid volume: Volume ${v.id} status must be available, but current status is: in-use.`);
    r = await api('POST', `${A}/snapshots`, { body: { snapshot: { volume_id: v.id, force: true } } });
    expect(r.status).toBe(202);
    const snap = await waitStatus(`${A}/snapshots/${r.body.snapshot.id}`, 'available', 'tok-admin', 'snapshot');
    r = await api('POST', `${A}/volumes`, { body: { volume: { snapshot_id: snap.id, size: 0 } } });
    expect(r.status).toBe(400);
    const clone = await createVolume(A, { snapshot_id: snap.id });
    expect(clone.size).toBe(1);
    expect(clone.snapshot_id).toBe(snap.id);
    await waitStatus(`${A}/volumes/${clone.id}`, 'available');
  });

  it('update, metadata sub-resource, bootable and readonly flags', async () => {
    const v = await createVolume(A, { size: 1, name: 'meta-1', metadata: { a: '1' } });
    await waitStatus(`${A}/volumes/${v.id}`, 'available');
    let r = await api('PUT', `${A}/volumes/${v.id}`, { body: { volume: { name: 'meta-2', description: 'x' } } });
    expect(r.status).toBe(200);
    expect(r.body.volume).toMatchObject({ name: 'meta-2', description: 'x' });
    r = await api('PUT', `${A}/volumes/${v.id}`, { body: { volume: { size: 5 } } });
    expect(r.body.badRequest.message).toBe(
      "Invalid input for field/attribute volume. Value: {'size': 5}. Additional properties are not allowed ('size' was unexpected)",
    );
    r = await api('POST', `${A}/volumes/${v.id}/metadata`, { body: { metadata: { b: '2' } } });
    expect(r.body.metadata).toEqual({ a: '1', b: '2' });
    r = await api('PUT', `${A}/volumes/${v.id}/metadata/b`, { body: { meta: { b: '3' } } });
    expect(r.body).toEqual({ meta: { b: '3' } });
    r = await api('PUT', `${A}/volumes/${v.id}/metadata/b`, { body: { meta: { c: '3' } } });
    expect(r.body.badRequest.message).toBe('Request body and URI mismatch');
    r = await api('DELETE', `${A}/volumes/${v.id}/metadata/a`);
    expect(r.status).toBe(200);
    r = await api('GET', `${A}/volumes/${v.id}/metadata/a`);
    expect(r.body.itemNotFound.message).toBe(`Volume ${v.id} has no metadata with key a.`);
    r = await api('PUT', `${A}/volumes/${v.id}/metadata`, { body: { metadata: { z: '9' } } });
    expect(r.body.metadata).toEqual({ z: '9' });

    r = await api('POST', `${A}/volumes/${v.id}/action`, { body: { 'os-set_bootable': { bootable: true } } });
    expect(r.status).toBe(200);
    r = await api('POST', `${A}/volumes/${v.id}/action`, { body: { 'os-update_readonly_flag': { readonly: true } } });
    expect(r.status).toBe(202);
    const got = (await api('GET', `${A}/volumes/${v.id}`)).body.volume;
    expect(got.bootable).toBe('true');
    expect(got.metadata).toEqual({ z: '9', readonly: 'True' });
    r = await api('POST', `${A}/volumes/${v.id}/action`, { body: { 'os-set_bootable': { bootable: 'maybe' } } });
    expect(r.status).toBe(400);
    r = await api('POST', `${A}/volumes/${v.id}/action`, { body: { 'os-nope': {} } });
    expect(r.body.badRequest.message).toBe(
      'There is no such action: os-nope. Verify the request body and Content-Type header and try again.',
    );
  });

  it('retype goes through retyping; reset_status and force_delete are admin-only', async () => {
    sim.addVolumeType('gold');
    const v = await createVolume(Dm, { size: 1, name: 'retype-1' }, 'tok-demo');
    await waitStatus(`${Dm}/volumes/${v.id}`, 'available', 'tok-demo');
    let r = await api('POST', `${Dm}/volumes/${v.id}/action`, { token: 'tok-demo', body: { 'os-retype': { new_type: 'gold' } } });
    expect(r.status).toBe(202);
    const done = await waitStatus(`${Dm}/volumes/${v.id}`, 'available', 'tok-demo');
    expect(done.volume_type).toBe('gold');
    r = await api('POST', `${Dm}/volumes/${v.id}/action`, { token: 'tok-demo', body: { 'os-reset_status': { status: 'error' } } });
    expect(r.status).toBe(403);
    expect(r.body.forbidden.message).toBe("Policy doesn't allow volume_extension:volume_admin_actions:reset_status to be performed.");
    // admin acts on another project's volume by id
    r = await api('POST', `${A}/volumes/${v.id}/action`, { body: { 'os-reset_status': { status: 'error' } } });
    expect(r.status).toBe(202);
    r = await api('POST', `${A}/volumes/${v.id}/action`, { body: { 'os-force_delete': {} } });
    expect(r.status).toBe(202);
    await waitGone(`${A}/volumes/${v.id}`);
    // members never see other projects' volumes
    const w = await createVolume(A, { size: 1 });
    expect((await api('GET', `${Dm}/volumes/${w.id}`, { token: 'tok-demo' })).status).toBe(404);
  });
});

describe('paging', () => {
  it('walks 2,500 seeded volumes with markers and next links', async () => {
    const ids = sim.seedVolumes(OTHER_PROJECT, 2500, { namePrefix: 'page' });
    expect(ids).toHaveLength(2500);
    const O = `/v3/${OTHER_PROJECT}`;
    // No ?limit: osapi_max_limit (1000) still pages.
    let r = await api('GET', `${O}/volumes`, { token: 'tok-other' });
    expect(r.body.volumes).toHaveLength(1000);
    expect(r.body.volumes_links[0].rel).toBe('next');
    // newest first by default
    expect(r.body.volumes[0].id).toBe(ids[2499]);

    const seen: string[] = [];
    let next: string | undefined = `${O}/volumes/detail?limit=700&sort=name:asc`;
    let pages = 0;
    while (next) {
      r = await api('GET', next, { token: 'tok-other' });
      expect(r.status, r.text).toBe(200);
      pages++;
      for (const v of r.body.volumes) seen.push(v.name);
      const link = r.body.volumes_links?.[0]?.href as string | undefined;
      next = link ? link.slice(sim.url.length) : undefined;
    }
    expect(pages).toBe(4);
    expect(seen).toHaveLength(2500);
    expect(new Set(seen).size).toBe(2500);
    expect(seen[0]).toBe('page-00001');
    expect(seen[2499]).toBe('page-02500');

    // a full last page still carries a next link that leads to an empty page
    r = await api('GET', `${O}/volumes?limit=500&marker=${ids[500]}`, { token: 'tok-other' });
    expect(r.body.volumes).toHaveLength(500);
    expect(r.body.volumes_links[0].href).toBe(`${sim.url}${O}/volumes?limit=500&marker=${ids[0]}`);
    r = await api('GET', `${O}/volumes?limit=500&marker=${ids[0]}`, { token: 'tok-other' });
    expect(r.body).toEqual({ volumes: [] });

    // with_count (3.45+) counts everything that matches
    r = await api('GET', `${O}/volumes?limit=10&with_count=true`, { token: 'tok-other', mv: '3.45' });
    expect(r.body.count).toBe(2500);
    // filters
    r = await api('GET', `${O}/volumes?name=page-00042`, { token: 'tok-other' });
    expect(r.body.volumes.map((v: any) => v.id)).toEqual([ids[41]]);
    // admin all_tenants sees them too; bad params
    r = await api('GET', `${A}/volumes?all_tenants=1&project_id=${OTHER_PROJECT}&limit=1&with_count=1`, { mv: '3.70' });
    expect(r.body.count).toBe(2500);
    r = await api('GET', `${O}/volumes?marker=00000000-0000-0000-0000-000000000000`, { token: 'tok-other' });
    expect(r.status).toBe(404);
    r = await api('GET', `${O}/volumes?sort=bogus`, { token: 'tok-other' });
    expect(r.body.badRequest.message).toBe('Invalid input received: Invalid sort key');
    r = await api('GET', `${O}/volumes?limit=-1`, { token: 'tok-other' });
    expect(r.body.badRequest.message).toBe('limit param must be positive');
  });

  it('honours a smaller maxLimit', async () => {
    const small = await startCinder({ validateToken: (t) => TOKENS[t], maxLimit: 5, v2: false });
    try {
      small.seedVolumes(ADMIN_PROJECT, 12);
      const res = await fetch(`${small.url}${A}/volumes?limit=100`, { headers: { 'X-Auth-Token': 'tok-admin' } });
      const body: any = await res.json();
      expect(body.volumes).toHaveLength(5);
      expect(body.volumes_links[0].href).toContain('limit=100&marker=');
      const v2 = await fetch(`${small.url}/v2/${ADMIN_PROJECT}/volumes`, { headers: { 'X-Auth-Token': 'tok-admin' } });
      expect(v2.status).toBe(404);
    } finally {
      await small.close();
    }
  });
});

describe('quotas and limits', () => {
  it('enforces volumes / gigabytes / snapshots / backups with Cinder 413 messages', async () => {
    const P = 'f0000000000000000000000000000004';
    const tok = 'tok-quota';
    TOKENS[tok] = { ...TOKENS['tok-demo']!, projectId: P };
    const B = `/v3/${P}`;
    sim.setQuota(P, { volumes: 1, snapshots: 0, backups: 0 });
    let r = await api('POST', `${B}/volumes`, { token: tok, body: { volume: { size: 2000 } } });
    expect(r.status).toBe(413);
    expect(r.headers.get('retry-after')).toBe('0');
    expect(r.body).toEqual({
      overLimit: {
        code: 413,
        message: 'VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed gigabytes quota. Requested 2000G, quota is 1000G and 0G has been consumed.',
        retryAfter: '0',
      },
    });
    const v = await createVolume(B, { size: 1 }, tok);
    r = await api('POST', `${B}/volumes`, { token: tok, body: { volume: { size: 1 } } });
    expect(r.body.overLimit.message).toBe("VolumeLimitExceeded: Maximum number of volumes allowed (1) exceeded for quota 'volumes'.");
    await waitStatus(`${B}/volumes/${v.id}`, 'available', tok);
    r = await api('POST', `${B}/snapshots`, { token: tok, body: { snapshot: { volume_id: v.id } } });
    expect(r.body.overLimit.message).toBe('SnapshotLimitExceeded: Maximum number of snapshots allowed (0) exceeded');
    r = await api('POST', `${B}/backups`, { token: tok, body: { backup: { volume_id: v.id } } });
    expect(r.body.overLimit.message).toBe('BackupLimitExceeded: Maximum number of backups allowed (0) exceeded');
    r = await api('POST', `${B}/volumes/${v.id}/action`, { token: tok, body: { 'os-extend': { new_size: 1001 } } });
    expect(r.status).toBe(413);
    expect(r.body.overLimit.message).toContain('Requested 1000G, quota is 1000G and 1G has been consumed.');

    r = await api('GET', `${B}/os-quota-sets/${P}?usage=true`, { token: tok });
    expect(r.body.quota_set.volumes).toEqual({ limit: 1, in_use: 1, reserved: 0 });
    expect(r.body.quota_set.gigabytes).toEqual({ limit: 1000, in_use: 1, reserved: 0 });
    expect(r.body.quota_set.id).toBe(P);
    r = await api('GET', `${B}/limits`, { token: tok });
    expect(r.body.limits.absolute).toMatchObject({ maxTotalVolumes: 1, totalVolumesUsed: 1, totalGigabytesUsed: 1, maxTotalVolumeGigabytes: 1000 });
    expect(r.body.limits.rate).toEqual([]);
  });

  it('quota sets: show/defaults for members, update admin-only with validation', async () => {
    let r = await api('GET', `${Dm}/os-quota-sets/${DEMO_PROJECT}`, { token: 'tok-demo' });
    expect(r.body.quota_set).toMatchObject({ volumes: 10, gigabytes: 1000, snapshots: 10, backups: 10, per_volume_gigabytes: -1, groups: 10 });
    r = await api('GET', `${Dm}/os-quota-sets/${ADMIN_PROJECT}`, { token: 'tok-demo' });
    expect(r.status).toBe(403);
    r = await api('PUT', `${Dm}/os-quota-sets/${DEMO_PROJECT}`, { token: 'tok-demo', body: { quota_set: { volumes: 5 } } });
    expect(r.body.forbidden.message).toBe("Policy doesn't allow volume_extension:quotas:update to be performed.");
    r = await api('PUT', `${A}/os-quota-sets/${DEMO_PROJECT}`, { body: { quota_set: { bogus: 1 } } });
    expect(r.body.badRequest.message).toBe('Invalid input received: Bad key(s) in quota set: bogus');
    r = await api('PUT', `${A}/os-quota-sets/${DEMO_PROJECT}`, { body: { quota_set: { volumes: -5 } } });
    expect(r.body.badRequest.message).toBe('volumes must be >= -1');
    r = await api('PUT', `${A}/os-quota-sets/${DEMO_PROJECT}`, { body: { quota_set: { volumes: 50, per_volume_gigabytes: 10 } } });
    expect(r.status).toBe(200);
    expect(r.body.quota_set).toMatchObject({ volumes: 50, per_volume_gigabytes: 10 });
    expect(r.body.quota_set).not.toHaveProperty('id');
    r = await api('POST', `${Dm}/volumes`, { token: 'tok-demo', body: { volume: { size: 11 } } });
    expect(r.body.overLimit.message).toBe('VolumeSizeExceedsLimit: Requested volume size 11G is larger than maximum allowed limit 10G.');
    r = await api('GET', `${A}/os-quota-sets/${DEMO_PROJECT}/defaults`);
    expect(r.body.quota_set.volumes).toBe(10);
    expect((await api('DELETE', `${A}/os-quota-sets/${DEMO_PROJECT}`)).status).toBe(200);
  });
});

describe('types, backups, services, v2', () => {
  it('volume types: admin create, extra specs, in-use refusals, member view', async () => {
    let r = await api('POST', `${Dm}/types`, { token: 'tok-demo', body: { volume_type: { name: 'x' } } });
    expect(r.status).toBe(403);
    r = await api('POST', `${A}/types`, { body: { volume_type: { name: 'silver', extra_specs: { volume_backend_name: 'fake' } } } });
    expect(r.status).toBe(200);
    const t = r.body.volume_type;
    expect(t).toMatchObject({ name: 'silver', is_public: true, 'os-volume-type-access:is_public': true });
    r = await api('POST', `${A}/types`, { body: { volume_type: { name: 'silver' } } });
    expect(r.status).toBe(409);
    expect(r.body.conflictingRequest.message).toBe('Volume Type silver already exists.');
    r = await api('GET', `${Dm}/types/${t.id}`, { token: 'tok-demo' });
    expect(r.body.volume_type.extra_specs).toEqual({});
    expect(r.body.volume_type).not.toHaveProperty('qos_specs_id');
    r = await api('POST', `${A}/types/${t.id}/extra_specs`, { body: { extra_specs: { k: 'v' } } });
    expect(r.body).toEqual({ extra_specs: { k: 'v' } });
    r = await api('GET', `${A}/types/${t.id}/extra_specs/k`);
    expect(r.body).toEqual({ k: 'v' });

    const v = await createVolume(A, { size: 1, volume_type: 'silver' });
    r = await api('DELETE', `${A}/types/${t.id}`);
    expect(r.body.badRequest.message).toBe('Target volume type is still in use.');
    r = await api('DELETE', `${A}/types/${t.id}/extra_specs/k`);
    expect(r.body.badRequest.message).toBe('Volume Type is currently in use.');
    await waitStatus(`${A}/volumes/${v.id}`, 'available');
    await api('DELETE', `${A}/volumes/${v.id}`);
    await waitGone(`${A}/volumes/${v.id}`);
    expect((await api('DELETE', `${A}/types/${t.id}`)).status).toBe(202);
    const def = (await api('GET', `${A}/types/default`)).body.volume_type;
    r = await api('DELETE', `${A}/types/${def.id}`);
    expect(r.body.badRequest.message).toBe(`The volume type ${def.id} is a default volume type and cannot be deleted.`);
  });

  it('backups: create → available, restore → restoring-backup → available, delete', async () => {
    const v = await createVolume(A, { size: 2, name: 'bk-src' });
    await waitStatus(`${A}/volumes/${v.id}`, 'available');
    let r = await api('POST', `${A}/backups`, { body: { backup: { volume_id: v.id, name: 'b1' } } });
    expect(r.status).toBe(202);
    expect(Object.keys(r.body.backup)).toEqual(['id', 'name', 'links']);
    const id = r.body.backup.id;
    expect((await api('GET', `${A}/volumes/${v.id}`)).body.volume.status).toBe('backing-up');
    const b = await waitStatus(`${A}/backups/${id}`, 'available', 'tok-admin', 'backup');
    expect(b).toMatchObject({ size: 2, volume_id: v.id, is_incremental: false, container: 'volumebackups', fail_reason: null });
    await waitStatus(`${A}/volumes/${v.id}`, 'available');

    const target = await createVolume(A, { size: 1 });
    await waitStatus(`${A}/volumes/${target.id}`, 'available');
    r = await api('POST', `${A}/backups/${id}/restore`, { body: { restore: { volume_id: target.id } } });
    expect(r.body.badRequest.message).toBe('Invalid volume: volume size 1 is too small to restore backup of size 2.');
    r = await api('POST', `${A}/backups/${id}/restore`, { body: { restore: { volume_id: v.id } } });
    expect(r.status).toBe(202);
    expect(r.body.restore).toEqual({ backup_id: id, volume_id: v.id, volume_name: 'bk-src' });
    expect((await api('GET', `${A}/volumes/${v.id}`)).body.volume.status).toBe('restoring-backup');
    expect((await api('GET', `${A}/backups/${id}`)).body.backup.status).toBe('restoring');
    await waitStatus(`${A}/volumes/${v.id}`, 'available');
    await waitStatus(`${A}/backups/${id}`, 'available', 'tok-admin', 'backup');

    r = await api('POST', `${A}/backups/${id}/restore`, { body: { restore: null } });
    expect(r.status).toBe(202);
    expect(r.body.restore.volume_name).toBe(`restore_backup_${id}`);
    await waitStatus(`${A}/volumes/${r.body.restore.volume_id}`, 'available');

    sim.attach(v.id, 'srv-3');
    r = await api('POST', `${A}/backups`, { body: { backup: { volume_id: v.id } } });
    expect(r.body.badRequest.message).toBe('Invalid volume: Backing up an in-use volume must use the force flag.');
    r = await api('GET', `${A}/backups/detail`, { mv: '3.70' });
    expect(r.body.backups[0]).toHaveProperty('os-backup-project-attr:project_id', ADMIN_PROJECT);
    await waitStatus(`${A}/backups/${id}`, 'available', 'tok-admin', 'backup');
    expect((await api('DELETE', `${A}/backups/${id}`)).status).toBe(202);
    await waitGone(`${A}/backups/${id}`);
  });

  it('services (admin), availability zones', async () => {
    let r = await api('GET', `${A}/os-services`);
    expect(r.body.services.map((s: any) => s.binary)).toEqual(['cinder-volume', 'cinder-scheduler', 'cinder-backup']);
    r = await api('GET', `${A}/os-services?binary=cinder-volume`, { mv: '3.70' });
    expect(r.body.services[0]).toMatchObject({ backend_state: 'up', cluster: null, frozen: false });
    r = await api('GET', `${Dm}/os-services`, { token: 'tok-demo' });
    expect(r.body.forbidden.message).toBe("Policy doesn't allow volume_extension:services:index to be performed.");
    r = await api('GET', `${A}/os-availability-zone`);
    expect(r.body).toEqual({ availabilityZoneInfo: [{ zoneName: 'nova', zoneState: { available: true } }] });
  });

  it('serves v2 under /v2/{project_id} without microversion headers', async () => {
    const v2 = `/v2/${DEMO_PROJECT}`;
    let r = await api('GET', '/v2/', { token: null });
    expect(r.body.versions[0]).toMatchObject({ id: 'v2.0', status: 'DEPRECATED' });
    r = await api('POST', `${v2}/volumes`, { token: 'tok-demo', body: { volume: { size: 1, name: 'v2-vol' } } });
    expect(r.status).toBe(202);
    expect(r.headers.get('openstack-api-version')).toBeNull();
    expect(r.body.volume.links[0].href).toBe(`${sim.url}${v2}/volumes/${r.body.volume.id}`);
    const got = await waitStatus(`${v2}/volumes/${r.body.volume.id}`, 'available', 'tok-demo');
    expect(got).not.toHaveProperty('group_id');
    r = await api('GET', `${v2}/volumes/detail?name=v2-vol`, { token: 'tok-demo', headers: { 'OpenStack-API-Version': 'volume 3.70' } });
    expect(r.body.volumes).toHaveLength(1);
    expect(r.body.volumes[0]).not.toHaveProperty('volume_type_id');
    r = await api('GET', `${v2}/types`, { token: 'tok-demo' });
    expect(r.status).toBe(200);
  });

  it('counts requests per route family', () => {
    expect(sim.counters['requests']).toBeGreaterThan(50);
    expect(sim.counters['volumesList']).toBeGreaterThan(3);
    expect(sim.counters['volumesCreate']).toBeGreaterThan(5);
    expect(sim.counters['volumesAction']).toBeGreaterThan(5);
  });
});
