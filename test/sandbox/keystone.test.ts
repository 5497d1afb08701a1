// Drives the Keystone simulator over real HTTP and checks it answers like
// Keystone 22 (v3) and the old v2.0 token API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SEED_APP_CREDENTIAL,
  SEED_PROJECTS,
  SEED_ROLES,
  SEED_USERS,
  startKeystone,
  type KeystoneSim,
} from '../../src/sandbox/keystone.js';

const CATALOG = [
  { type: 'object-store', name: 'swift', url: 'http://127.0.0.1:8080/v1/AUTH_$(project_id)s' },
  { type: 'volumev3', name: 'cinderv3', url: 'http://127.0.0.1:8776/v3/%(tenant_id)s' },
  { type: 'compute', name: 'nova', url: 'http://127.0.0.1:8774/v2.1' },
];
const UNAUTHORIZED_BODY = {
  error: { code: 401, message: 'The request you have made requires authentication.', title: 'Unauthorized' },
};
const KEYSTONE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

// Loose JSON type so assertions can walk response bodies.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
interface Res { status: number; headers: Headers; body: Json; text: string }

let ks: KeystoneSim;

async function call(method: string, path: string, opts: { body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<Res> {
  const headers: Record<string, string> = { ...opts.headers };
  let body: string | undefined = opts.raw;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['Content-Type'] = 'application/json';
  }
  const r = await fetch(ks.url + path, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await r.text();
  let parsed: Json;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: r.status, headers: r.headers, body: parsed, text };
}

const passwordAuth = (user: Record<string, unknown>, password: string, scope?: unknown) => ({
  auth: { identity: { methods: ['password'], password: { user: { ...user, password } } }, ...(scope === undefined ? {} : { scope }) },
});

/** Issues a v3 token and returns [token id, token body]. */
async function issue(body: unknown, query = ''): Promise<[string, Json]> {
  const r = await call('POST', `/v3/auth/tokens${query}`, { body });
  expect(r.status, r.text).toBe(201);
  return [r.headers.get('x-subject-token')!, r.body.token];
}

const adminScoped = () =>
  issue(passwordAuth({ name: 'admin', domain: { name: 'Default' } }, 'adminpass', { project: { name: 'admin', domain: { name: 'Default' } } }));

beforeAll(async () => {
  ks = await startKeystone({ catalog: CATALOG });
});
afterAll(async () => {
  await ks.close();
});

describe('version discovery', () => {
  it('GET / answers 300 with v3.14 (stable) and v2.0 (deprecated)', async () => {
    const r = await call('GET', '/');
    expect(r.status).toBe(300);
    expect(r.headers.get('location')).toBe(`${ks.url}/v3/`);
    expect(r.body.versions.values.map((v: Json) => [v.id, v.status])).toEqual([['v3.14', 'stable'], ['v2.0', 'deprecated']]);
  });

  it('GET /v3 and /v2.0 describe one version each', async () => {
    const v3 = await call('GET', '/v3');
    expect(v3.status).toBe(200);
    expect(v3.body.version.links[0]).toEqual({ rel: 'self', href: `${ks.url}/v3/` });
    expect((await call('GET', '/v2.0/')).body.version.id).toBe('v2.0');
  });
});

describe('v3 password authentication', () => {
  it('by user name + domain name, project-scoped, with Keystone token shape', async () => {
    const [id, t] = await adminScoped();
    expect(id).toMatch(/^gAAAAAB[A-Za-z0-9_-]{170,}$/);
    expect(t.methods).toEqual(['password']);
    expect(t.user).toEqual({ domain: { id: 'default', name: 'Default' }, id: SEED_USERS.admin.id, name: 'admin', password_expires_at: null });
    expect(t.project).toEqual({ domain: { id: 'default', name: 'Default' }, id: SEED_PROJECTS.admin.id, name: 'admin' });
    expect(t.is_domain).toBe(false);
    expect(t.audit_ids).toHaveLength(1);
    expect(t.issued_at).toMatch(KEYSTONE_TIME);
    expect(t.expires_at).toMatch(KEYSTONE_TIME);
    expect(Date.parse(t.expires_at) - Date.parse(t.issued_at)).toBe(3600_000);
    // admin implies member implies reader
    expect(t.roles.map((r: Json) => r.name).sort()).toEqual(['admin', 'member', 'reader']);
    expect(t.roles.find((r: Json) => r.name === 'admin').id).toBe(SEED_ROLES.admin.id);
  });

  it('substitutes the project id into catalog URLs, three interfaces each', async () => {
    const [, t] = await adminScoped();
    const byType = (type: string) => t.catalog.find((s: Json) => s.type === type);
    const swift = byType('object-store');
    expect(swift.name).toBe('swift');
    expect(swift.endpoints.map((e: Json) => e.interface)).toEqual(['public', 'internal', 'admin']);
    expect(swift.endpoints[0]).toMatchObject({ region: 'RegionOne', region_id: 'RegionOne', url: `http://127.0.0.1:8080/v1/AUTH_${SEED_PROJECTS.admin.id}` });
    expect(swift.endpoints[0].id).toMatch(/^[0-9a-f]{32}$/);
    expect(byType('volumev3').endpoints[0].url).toBe(`http://127.0.0.1:8776/v3/${SEED_PROJECTS.admin.id}`);
    expect(byType('identity').endpoints[0].url).toBe(`${ks.url}/v3/`);
  });

  it('by user id with project id; ?nocatalog drops the catalog', async () => {
    const [, t] = await issue(passwordAuth({ id: SEED_USERS.demo.id }, 'demopass', { project: { id: SEED_PROJECTS.demo.id } }), '?nocatalog');
    expect(t.project.name).toBe('demo');
    expect(t.roles.map((r: Json) => r.name).sort()).toEqual(['member', 'reader']);
    expect(t.catalog).toBeUndefined();
  });

  it('without scope: default project for demo, unscoped for admin; "unscoped" forces it', async () => {
    const [, demo] = await issue(passwordAuth({ name: 'demo', domain: { id: 'default' } }, 'demopass'));
    expect(demo.project.id).toBe(SEED_PROJECTS.demo.id);
    for (const body of [
      passwordAuth({ name: 'admin', domain: { id: 'default' } }, 'adminpass'),
      passwordAuth({ name: 'demo', domain: { id: 'default' } }, 'demopass', 'unscoped'),
    ]) {
      const [, t] = await issue(body);
      expect(Object.keys(t)).toEqual(['methods', 'user', 'audit_ids', 'expires_at', 'issued_at']);
    }
  });

  it('wrong password or unknown user: 401, Keystone error body and WWW-Authenticate', async () => {
    for (const body of [
      passwordAuth({ name: 'admin', domain: { name: 'Default' } }, 'nope'),
      passwordAuth({ name: 'ghost', domain: { name: 'Default' } }, 'x'),
      passwordAuth({ name: 'admin', domain: { name: 'Nowhere' } }, 'adminpass'),
    ]) {
      const r = await call('POST', '/v3/auth/tokens', { body });
      expect(r.status).toBe(401);
      expect(r.body).toEqual(UNAUTHORIZED_BODY);
      expect(r.headers.get('www-authenticate')).toBe(`Keystone uri="${ks.url}/v3"`);
      expect(r.headers.get('x-subject-token')).toBeNull();
    }
  });

  it('scope to a project without a role, or an unknown one: 401', async () => {
    for (const scope of [{ project: { id: SEED_PROJECTS.admin.id } }, { project: { name: 'nosuch', domain: { id: 'default' } } }]) {
      const r = await call('POST', '/v3/auth/tokens', { body: passwordAuth({ name: 'reader', domain: { id: 'default' } }, 'readerpass', scope) });
      expect(r.status).toBe(401);
    }
  });

  it('malformed requests: 400 with Keystone messages, never a crash', async () => {
    const cases: [string | unknown, RegExp][] = [
      ['{not json', /^Expecting to find valid JSON in request body/],
      [{}, /^Expecting to find auth in request body/],
      [{ auth: { identity: { methods: ['password'] } } }, /^Expecting to find password in identity/],
      [{ auth: { identity: { methods: 'password' } } }, /^Invalid input for field 'identity\/methods'/],
      [passwordAuth({ name: 'demo' }, 'demopass'), /^Expecting to find domain in user/],
      [passwordAuth({ id: SEED_USERS.demo.id }, 'demopass', { project: { name: 'demo' } }), /^Expecting to find domain in project/],
      [passwordAuth({ id: SEED_USERS.demo.id }, 'demopass', { project: { id: 'x' }, domain: { id: 'default' } }), /^Expecting to find system, project, domain/],
    ];
    for (const [body, message] of cases) {
      const r = typeof body === 'string' ? await call('POST', '/v3/auth/tokens', { raw: body }) : await call('POST', '/v3/auth/tokens', { body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error).toMatchObject({ code: 400, title: 'Bad Request' });
      expect(r.body.error.message).toMatch(message);
    }
  });
});

describe('v3 other methods and scopes', () => {
  it('application credential by id, and by name + user', async () => {
    const [, byId] = await issue({ auth: { identity: { methods: ['application_credential'], application_credential: { id: SEED_APP_CREDENTIAL.id, secret: SEED_APP_CREDENTIAL.secret } } } });
    expect(byId.methods).toEqual(['application_credential']);
    expect(byId.project.id).toBe(SEED_PROJECTS.demo.id);
    expect(byId.user.name).toBe('demo');
    expect(byId.application_credential).toEqual({ id: SEED_APP_CREDENTIAL.id, name: 'storctl-sandbox', restricted: true });
    const [, byName] = await issue({
      auth: { identity: { methods: ['application_credential'], application_credential: { name: 'storctl-sandbox', secret: SEED_APP_CREDENTIAL.secret, user: { name: 'demo', domain: { name: 'Default' } } } } },
    });
    expect(byName.application_credential.id).toBe(SEED_APP_CREDENTIAL.id);
  });

  it('application credential: bad secret 401, requested scope 401', async () => {
    const ac = (secret: string) => ({ methods: ['application_credential'], application_credential: { id: SEED_APP_CREDENTIAL.id, secret } });
    expect((await call('POST', '/v3/auth/tokens', { body: { auth: { identity: ac('wrong') } } })).status).toBe(401);
    const scoped = await call('POST', '/v3/auth/tokens', { body: { auth: { identity: ac(SEED_APP_CREDENTIAL.secret), scope: { project: { id: SEED_PROJECTS.demo.id } } } } });
    expect(scoped.status).toBe(401);
    expect(scoped.body.error.message).toMatch(/cannot request a scope/);
  });

  it('re-scopes an unscoped token to a project, keeping expiry and audit chain', async () => {
    const [unscoped, u] = await issue(passwordAuth({ name: 'admin', domain: { name: 'Default' } }, 'adminpass'));
    const [, t] = await issue({ auth: { identity: { methods: ['token'], token: { id: unscoped } }, scope: { project: { name: 'demo', domain: { id: 'default' } } } } });
    expect(t.methods).toEqual(['token', 'password']);
    expect(t.project.id).toBe(SEED_PROJECTS.demo.id);
    expect(t.roles.map((r: Json) => r.name).sort()).toEqual(['member', 'reader']);
    expect(t.audit_ids).toEqual([expect.any(String), u.audit_ids[0]]);
    expect(t.expires_at).toBe(u.expires_at);
    const bogus = await call('POST', '/v3/auth/tokens', { body: { auth: { identity: { methods: ['token'], token: { id: 'bogus' } } } } });
    expect(bogus.status).toBe(404);
    expect(bogus.body.error.message).toBe('Could not recognize Fernet token');
  });

  it('domain scope: domain + roles, catalog without project-templated URLs', async () => {
    const [, t] = await issue(passwordAuth({ name: 'admin', domain: { name: 'Default' } }, 'adminpass', { domain: { name: 'Default' } }));
    expect(t.domain).toEqual({ id: 'default', name: 'Default' });
    expect(t.project).toBeUndefined();
    expect(t.roles.map((r: Json) => r.name)).toContain('admin');
    const urls = t.catalog.flatMap((s: Json) => s.endpoints.map((e: Json) => e.url));
    expect(urls).toContain('http://127.0.0.1:8774/v2.1');
    expect(urls.some((u: string) => u.includes('AUTH_'))).toBe(false);
    const demo = await call('POST', '/v3/auth/tokens', { body: passwordAuth({ name: 'demo', domain: { id: 'default' } }, 'demopass', { domain: { id: 'default' } }) });
    expect(demo.status).toBe(401);
  });

  it('system scope for admin only', async () => {
    const [, t] = await issue(passwordAuth({ name: 'admin', domain: { name: 'Default' } }, 'adminpass', { system: { all: true } }));
    expect(t.system).toEqual({ all: true });
    const demo = await call('POST', '/v3/auth/tokens', { body: passwordAuth({ name: 'demo', domain: { id: 'default' } }, 'demopass', { system: { all: true } }) });
    expect(demo.status).toBe(401);
  });
});

describe('v3 token validation and revocation', () => {
  it('GET/HEAD validate, DELETE revokes, then 404 everywhere and 401 as X-Auth-Token', async () => {
    const [admin] = await adminScoped();
    const [demo] = await issue(passwordAuth({ name: 'demo', domain: { id: 'default' } }, 'demopass'));
    const h = (subject: string, auth = admin) => ({ headers: { 'X-Auth-Token': auth, 'X-Subject-Token': subject } });

    const got = await call('GET', '/v3/auth/tokens?nocatalog', h(demo));
    expect(got.status).toBe(200);
    expect(got.headers.get('x-subject-token')).toBe(demo);
    expect(got.body.token.user.name).toBe('demo');
    expect(got.body.token.catalog).toBeUndefined();
    const head = await call('HEAD', '/v3/auth/tokens', h(demo));
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect((await call('GET', '/v3/auth/tokens', h(demo, demo))).status).toBe(200); // own token
    expect((await call('GET', '/v3/auth/tokens', h(admin, demo))).status).toBe(403);
    expect((await call('GET', '/v3/auth/tokens', h(demo, 'bogus'))).status).toBe(401);
    expect((await call('GET', '/v3/auth/tokens', h('bogus'))).body.error.message).toBe('Could not recognize Fernet token');
    expect(ks.validateToken(demo)?.projectId).toBe(SEED_PROJECTS.demo.id);

    const del = await call('DELETE', '/v3/auth/tokens', h(demo));
    expect(del.status).toBe(204);
    const after = await call('GET', '/v3/auth/tokens', h(demo));
    expect(after.status).toBe(404);
    expect(after.body).toEqual({ error: { code: 404, message: 'Failed to validate token', title: 'Not Found' } });
    expect((await call('HEAD', '/v3/auth/tokens', h(demo))).status).toBe(404);
    expect((await call('GET', '/v3/auth/projects', { headers: { 'X-Auth-Token': demo } })).status).toBe(401);
    expect(ks.validateToken(demo)).toBeUndefined();
  });

  it('validateToken gives other simulators the identity behind a token', async () => {
    const [id] = await adminScoped();
    const info = ks.validateToken(id)!;
    expect(info).toMatchObject({ userId: SEED_USERS.admin.id, userName: 'admin', domainId: 'default', projectId: SEED_PROJECTS.admin.id, projectName: 'admin' });
    expect(info.roles.sort()).toEqual(['admin', 'member', 'reader']);
    expect(info.expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(ks.validateToken('nope')).toBeUndefined();
  });

  it('tokens expire after the TTL on every path', async () => {
    ks.setTokenTtl(1);
    try {
      const [short, t] = await adminScoped();
      expect(Date.parse(t.expires_at) - Date.parse(t.issued_at)).toBe(1000);
      expect(ks.validateToken(short)).toBeDefined();
      await new Promise((r) => setTimeout(r, 1100));
      expect(ks.validateToken(short)).toBeUndefined();
      expect((await call('GET', '/v3/auth/catalog', { headers: { 'X-Auth-Token': short } })).status).toBe(401);
      const rescope = await call('POST', '/v3/auth/tokens', { body: { auth: { identity: { methods: ['token'], token: { id: short } } } } });
      expect(rescope.status).toBe(404);
      expect((await call('POST', '/v2.0/tokens', { body: { auth: { token: { id: short } } } })).status).toBe(401);
    } finally {
      ks.setTokenTtl(3600);
    }
  });

  it('revokeAll invalidates every token', async () => {
    const sim = await startKeystone();
    try {
      const r = await fetch(`${sim.url}/v3/auth/tokens`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(passwordAuth({ id: SEED_USERS.admin.id }, 'adminpass')) });
      const id = r.headers.get('x-subject-token')!;
      expect(sim.validateToken(id)).toBeDefined();
      sim.revokeAll();
      expect(sim.validateToken(id)).toBeUndefined();
    } finally {
      await sim.close();
    }
  });
});

describe('v3 read APIs', () => {
  it('auth/catalog, auth/projects and users/{id}/projects', async () => {
    const [demo] = await issue(passwordAuth({ name: 'demo', domain: { id: 'default' } }, 'demopass'));
    const [unscoped] = await issue(passwordAuth({ name: 'admin', domain: { id: 'default' } }, 'adminpass'));
    const auth = (t: string) => ({ headers: { 'X-Auth-Token': t } });
    const cat = await call('GET', '/v3/auth/catalog', auth(demo));
    expect(cat.body.catalog.find((s: Json) => s.type === 'object-store').endpoints[0].url).toContain(SEED_PROJECTS.demo.id);
    expect(cat.body.links.self).toBe(`${ks.url}/v3/auth/catalog`);
    expect((await call('GET', '/v3/auth/catalog', auth(unscoped))).status).toBe(403);

    const mine = await call('GET', '/v3/auth/projects', auth(unscoped));
    expect(mine.body.projects.map((p: Json) => p.name).sort()).toEqual(['admin', 'demo']);
    expect(mine.body.projects[0]).toMatchObject({ domain_id: 'default', enabled: true, is_domain: false, parent_id: 'default' });
    expect(mine.body.links).toEqual({ next: null, self: `${ks.url}/v3/auth/projects`, previous: null });

    const own = await call('GET', `/v3/users/${SEED_USERS.demo.id}/projects`, auth(demo));
    expect(own.body.projects.map((p: Json) => p.id)).toEqual([SEED_PROJECTS.demo.id]);
    const other = await call('GET', `/v3/users/${SEED_USERS.admin.id}/projects`, auth(demo));
    expect(other.status).toBe(403);
    expect(other.body.error.message).toBe('You are not authorized to perform the requested action: identity:list_user_projects.');
  });

  it('projects: admin lists and filters, others get 403; members may read their project', async () => {
    const [admin] = await adminScoped();
    const [demo] = await issue(passwordAuth({ name: 'demo', domain: { id: 'default' } }, 'demopass'));
    const auth = (t: string) => ({ headers: { 'X-Auth-Token': t } });
    const all = await call('GET', '/v3/projects', auth(admin));
    expect(all.body.projects.map((p: Json) => p.name).sort()).toEqual(['admin', 'demo', 'service']);
    const named = await call('GET', '/v3/projects?name=demo', auth(admin));
    expect(named.body.projects.map((p: Json) => p.id)).toEqual([SEED_PROJECTS.demo.id]);
    expect(named.body.links.self).toBe(`${ks.url}/v3/projects?name=demo`);
    expect((await call('GET', '/v3/projects?domain_id=nope', auth(admin))).body.projects).toEqual([]);
    expect((await call('GET', '/v3/projects', auth(demo))).status).toBe(403);
    expect((await call('GET', '/v3/projects', {})).status).toBe(401);

    expect((await call('GET', `/v3/projects/${SEED_PROJECTS.demo.id}`, auth(demo))).body.project.name).toBe('demo');
    expect((await call('GET', `/v3/projects/${SEED_PROJECTS.admin.id}`, auth(demo))).status).toBe(403);
    const missing = await call('GET', `/v3/projects/${'f'.repeat(32)}`, auth(admin));
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe(`Could not find project: ${'f'.repeat(32)}.`);
  });

  it('regions for anyone; services and endpoints for admin only', async () => {
    const [admin] = await adminScoped();
    const [demo] = await issue(passwordAuth({ name: 'demo', domain: { id: 'default' } }, 'demopass'));
    const auth = (t: string) => ({ headers: { 'X-Auth-Token': t } });
    expect((await call('GET', '/v3/regions', auth(demo))).body.regions).toEqual([
      { id: 'RegionOne', description: '', parent_region_id: null, links: { self: `${ks.url}/v3/regions/RegionOne` } },
    ]);
    const services = await call('GET', '/v3/services', auth(admin));
    expect(services.body.services.map((s: Json) => s.type)).toEqual(['identity', 'object-store', 'volumev3', 'compute']);
    const eps = await call('GET', '/v3/endpoints?interface=public', auth(admin));
    expect(eps.body.endpoints).toHaveLength(4);
    expect(eps.body.endpoints.find((e: Json) => e.url.includes('8080')).url).toBe(CATALOG[0]!.url); // raw template
    expect((await call('GET', '/v3/services', auth(demo))).status).toBe(403);
    expect((await call('GET', '/v3/endpoints', auth(demo))).status).toBe(403);
  });
});

describe('v2.0 tokens', () => {
  const v2Password = (tenant?: Record<string, string>) => ({
    auth: { passwordCredentials: { username: 'demo', password: 'demopass' }, ...tenant },
  });

  it('password + tenantName: access with token, tenant, catalog and user', async () => {
    const r = await call('POST', '/v2.0/tokens', { body: v2Password({ tenantName: 'demo' }) });
    expect(r.status).toBe(200);
    const a = r.body.access;
    expect(Object.keys(a.token)).toEqual(['id', 'expires', 'issued_at', 'tenant', 'audit_ids']);
    expect(a.token.expires).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(a.token.tenant).toEqual({ description: 'Non-admin demo project', enabled: true, id: SEED_PROJECTS.demo.id, name: 'demo' });
    const swift = a.serviceCatalog.find((s: Json) => s.type === 'object-store');
    expect(swift).toMatchObject({ name: 'swift', endpoints_links: [] });
    expect(swift.endpoints[0]).toMatchObject({
      region: 'RegionOne',
      publicURL: `http://127.0.0.1:8080/v1/AUTH_${SEED_PROJECTS.demo.id}`,
      internalURL: `http://127.0.0.1:8080/v1/AUTH_${SEED_PROJECTS.demo.id}`,
      adminURL: `http://127.0.0.1:8080/v1/AUTH_${SEED_PROJECTS.demo.id}`,
    });
    expect(a.user).toMatchObject({ id: SEED_USERS.demo.id, name: 'demo', username: 'demo', roles_links: [] });
    expect(a.user.roles.map((x: Json) => x.name).sort()).toEqual(['member', 'reader']);
    expect(a.metadata).toMatchObject({ is_admin: 0 });
    // v2 tokens are good for v3 callers and other simulators too
    expect(ks.validateToken(a.token.id)?.projectName).toBe('demo');
  });

  it('unscoped token → GET /v2.0/tenants → token re-scope with tenantId', async () => {
    const un = await call('POST', '/v2.0/tokens', { body: v2Password() });
    expect(un.body.access.serviceCatalog).toEqual([]);
    expect(un.body.access.token.tenant).toBeUndefined();
    const tenants = await call('GET', '/v2.0/tenants', { headers: { 'X-Auth-Token': un.body.access.token.id } });
    expect(tenants.status).toBe(200);
    expect(tenants.body).toEqual({ tenants: [{ description: 'Non-admin demo project', enabled: true, id: SEED_PROJECTS.demo.id, name: 'demo' }], tenants_links: [] });
    const scoped = await call('POST', '/v2.0/tokens', { body: { auth: { token: { id: un.body.access.token.id }, tenantId: tenants.body.tenants[0].id } } });
    expect(scoped.status).toBe(200);
    expect(scoped.body.access.token.tenant.name).toBe('demo');
    expect(scoped.body.access.token.expires).toBe(un.body.access.token.expires);
    expect(scoped.body.access.serviceCatalog.length).toBeGreaterThan(0);
  });

  it('errors use the v2 shape', async () => {
    const bad = await call('POST', '/v2.0/tokens', { body: { auth: { passwordCredentials: { username: 'demo', password: 'x' } } } });
    expect(bad.status).toBe(401);
    expect(bad.body).toEqual({ error: { message: 'The request you have made requires authentication.', code: 401, title: 'Unauthorized' } });
    expect((await call('POST', '/v2.0/tokens', { body: v2Password({ tenantName: 'admin' }) })).status).toBe(401);
    const garbage = await call('POST', '/v2.0/tokens', { raw: '][' });
    expect(garbage.status).toBe(400);
    expect(garbage.body.error.code).toBe(400);
    expect((await call('GET', '/v2.0/tenants', { headers: { 'X-Auth-Token': 'nope' } })).body.error.title).toBe('Unauthorized');
  });
});

describe('HTTP behaviour', () => {
  it('unknown path 404 JSON, wrong method 405 with Allow, oversize body 413', async () => {
    const nf = await call('GET', '/v3/nothing');
    expect(nf.status).toBe(404);
    expect(nf.body.error.code).toBe(404);
    const wm = await call('PUT', '/v3/auth/tokens');
    expect(wm.status).toBe(405);
    expect(wm.headers.get('allow')).toBe('HEAD, GET, POST, DELETE');
    const big = await call('POST', '/v3/auth/tokens', { raw: 'a'.repeat(200_000) });
    expect(big.status).toBe(413);
  });

  it('counters track auth attempts per API, validations and requests', async () => {
    const sim = await startKeystone({ catalog: CATALOG });
    try {
      const post = (path: string, body: unknown) =>
        fetch(sim.url + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      const ok = await post('/v3/auth/tokens', passwordAuth({ id: SEED_USERS.demo.id }, 'demopass'));
      await post('/v3/auth/tokens', passwordAuth({ id: SEED_USERS.demo.id }, 'wrong'));
      await post('/v2.0/tokens', { auth: { passwordCredentials: { username: 'demo', password: 'demopass' } } });
      const id = ok.headers.get('x-subject-token')!;
      await fetch(`${sim.url}/v3/auth/tokens`, { headers: { 'X-Auth-Token': id, 'X-Subject-Token': id } });
      sim.validateToken(id);
      expect(sim.counters).toMatchObject({ authRequests: 3, v3Auth: 2, v2Auth: 1, authFailures: 1, tokensIssued: 2, validations: 2, requests: 4 });
    } finally {
      await sim.close();
    }
  });

  it('users added at runtime can authenticate on their grants', async () => {
    const project = ks.projects.add('ops', 'Operations');
    ks.users.add({ name: 'ops', password: 'opspass', defaultProject: 'ops' });
    ks.users.grant('ops', 'member', { project: 'ops' });
    const [, t] = await issue(passwordAuth({ name: 'ops', domain: { id: 'default' } }, 'opspass'));
    expect(t.project.id).toBe(project.id);
    expect(project.id).toMatch(/^[0-9a-f]{32}$/);
    ks.users.setEnabled('ops', false);
    expect((await call('POST', '/v3/auth/tokens', { body: passwordAuth({ name: 'ops', domain: { id: 'default' } }, 'opspass') })).status).toBe(401);
  });
});
