// Keystone simulator: identity v3 (as Keystone 22 "Zed" answers it) plus the
// retired v2.0 token API, in memory, on loopback. Status codes, headers and
// error bodies were matched against a real Keystone; where Keystone returns
// HTML (unknown path, 413) we answer with its JSON error shape instead.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type {
  CatalogService,
  ListenOptions,
  SimulatorHandle,
  TokenInfo,
  TokenValidator,
} from './types.js';

// ---------------------------------------------------------------------------
// Seed data. Ids are derived from names so profiles written once stay valid.

/** 32-char lowercase hex id derived from a label (stable across restarts). */
export function stableId(...parts: string[]): string {
  return createHash('sha256')
    .update(['storctl-keystone', ...parts].join('/'))
    .digest('hex')
    .slice(0, 32);
}

export const DEFAULT_DOMAIN = { id: 'default', name: 'Default' } as const;
export const DEFAULT_REGION = 'RegionOne';

export const SEED_ROLES = {
  admin: { id: stableId('role', 'admin'), name: 'admin' },
  member: { id: stableId('role', 'member'), name: 'member' },
  reader: { id: stableId('role', 'reader'), name: 'reader' },
} as const;

export const SEED_PROJECTS = {
  admin: { id: stableId('project', 'default', 'admin'), name: 'admin', description: 'Bootstrap project for initializing the cloud.' },
  demo: { id: stableId('project', 'default', 'demo'), name: 'demo', description: 'Non-admin demo project' },
  service: { id: stableId('project', 'default', 'service'), name: 'service', description: 'Service project' },
} as const;

export const SEED_USERS = {
  admin: { id: stableId('user', 'default', 'admin'), name: 'admin', password: 'adminpass' },
  demo: { id: stableId('user', 'default', 'demo'), name: 'demo', password: 'demopass' },
  reader: { id: stableId('user', 'default', 'reader'), name: 'reader', password: 'readerpass' },
} as const;

export const SEED_APP_CREDENTIAL = {
  id: stableId('application_credential', 'demo', 'storctl-sandbox'),
  name: 'storctl-sandbox',
  // 86 url-safe chars, like the secrets Keystone generates.
  secret: createHash('sha512').update('storctl-sandbox application credential secret').digest('base64url'),
  userId: SEED_USERS.demo.id,
  userName: SEED_USERS.demo.name,
  projectId: SEED_PROJECTS.demo.id,
  roles: ['member', 'reader'],
} as const;

/** Keystone's default implied roles: admin ⇒ member ⇒ reader. */
const IMPLIES: Record<string, string[]> = { admin: ['member'], member: ['reader'] };

const MAX_BODY = 114_688; // Keystone's max_request_body_size
const INTERFACES = ['public', 'internal', 'admin'] as const;

// ---------------------------------------------------------------------------
// Public API

export interface KeystoneSimOptions extends ListenOptions {
  tokenTtlSeconds?: number;
  catalog?: CatalogService[];
}

export interface SimUser {
  id: string;
  name: string;
  domainId: string;
  password: string;
  enabled: boolean;
  /** Password auth without a scope lands here, as in Keystone. */
  defaultProjectId?: string;
}

export interface SimProject {
  id: string;
  name: string;
  domainId: string;
  description: string;
  enabled: boolean;
}

export type GrantTarget = { project: string } | { domain: string } | { system: true };

export interface KeystoneUsers {
  /** Adds a user in the default domain (id derived from the name). */
  add(spec: { name: string; password: string; defaultProject?: string; enabled?: boolean }): SimUser;
  /** By id, or by name in the default domain. */
  get(idOrName: string): SimUser | undefined;
  list(): SimUser[];
  /** Role by name (created if new); project/domain by id or name. */
  grant(user: string, role: string, target: GrantTarget): void;
  setPassword(user: string, password: string): void;
  setEnabled(user: string, enabled: boolean): void;
}

export interface KeystoneProjects {
  add(name: string, description?: string): SimProject;
  get(idOrName: string): SimProject | undefined;
  list(): SimProject[];
}

export interface KeystoneSim extends SimulatorHandle {
  validateToken: TokenValidator;
  setCatalog(services: CatalogService[]): void;
  setTokenTtl(seconds: number): void;
  revokeAll(): void;
  readonly users: KeystoneUsers;
  readonly projects: KeystoneProjects;
}

// ---------------------------------------------------------------------------
// Errors

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found',
  413: 'Request Entity Too Large', 500: 'Internal Server Error',
};
const MSG_UNAUTHORIZED = 'The request you have made requires authentication.';
const MSG_CLIENT_ERROR =
  'The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.';

class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly extra?: Record<string, unknown>) {
    super(message);
  }
}

const unauthorized = () => new HttpError(401, MSG_UNAUTHORIZED);
const expecting = (attr: string, target: string) =>
  new HttpError(400, `Expecting to find ${attr} in ${target}. ${MSG_CLIENT_ERROR}`);
const invalidInput = (field: string, why: string) =>
  new HttpError(400, `Invalid input for field '${field}': ${why}`);
const forbidden = (action?: string) =>
  new HttpError(403, `You are not authorized to perform the requested action${action ? `: ${action}` : ''}.`);

// ---------------------------------------------------------------------------
// Identity store

type Scope =
  | { kind: 'unscoped' }
  | { kind: 'project'; projectId: string }
  | { kind: 'domain'; domainId: string }
  | { kind: 'system' };

interface AppCred { id: string; name: string; secret: string; userId: string; projectId: string; roleIds: string[] }

interface TokenRecord {
  id: string;
  userId: string;
  methods: string[];
  auditIds: string[];
  issuedAt: Date;
  expiresAt: Date;
  scope: Scope;
  appCredId?: string;
  revoked: boolean;
}

const targetKey = (scope: Scope): string =>
  scope.kind === 'project' ? `project:${scope.projectId}` : scope.kind === 'domain' ? `domain:${scope.domainId}` : 'system';

class Directory {
  readonly domains = new Map<string, { id: string; name: string; enabled: boolean }>();
  readonly projects = new Map<string, SimProject>();
  readonly users = new Map<string, SimUser>();
  readonly roles = new Map<string, { id: string; name: string }>();
  readonly appCreds = new Map<string, AppCred>();
  /** targetKey → userId → role ids assigned directly. */
  private readonly grants = new Map<string, Map<string, Set<string>>>();

  constructor() {
    this.domains.set(DEFAULT_DOMAIN.id, { ...DEFAULT_DOMAIN, enabled: true });
    for (const r of Object.values(SEED_ROLES)) this.roles.set(r.id, { ...r });
    for (const p of Object.values(SEED_PROJECTS)) this.addProject(p.name, p.description);
    const admin = this.addUser({ name: 'admin', password: SEED_USERS.admin.password });
    const demo = this.addUser({ name: 'demo', password: SEED_USERS.demo.password, defaultProject: 'demo' });
    const reader = this.addUser({ name: 'reader', password: SEED_USERS.reader.password, defaultProject: 'demo' });
    this.grant(admin.id, 'admin', { project: 'admin' });
    this.grant(admin.id, 'member', { project: 'demo' });
    this.grant(admin.id, 'admin', { system: true }); // keystone-manage bootstrap does this
    this.grant(admin.id, 'admin', { domain: 'default' }); // so domain-scoped tokens can be tried
    this.grant(demo.id, 'member', { project: 'demo' });
    this.grant(demo.id, 'reader', { project: 'demo' });
    this.grant(reader.id, 'reader', { project: 'demo' });
    const c = SEED_APP_CREDENTIAL;
    this.appCreds.set(c.id, {
      id: c.id, name: c.name, secret: c.secret, userId: c.userId, projectId: c.projectId,
      roleIds: c.roles.map((r) => this.roleByName(r).id),
    });
  }

  addProject(name: string, description = ''): SimProject {
    const p: SimProject = { id: stableId('project', 'default', name), name, domainId: DEFAULT_DOMAIN.id, description, enabled: true };
    this.projects.set(p.id, p);
    return p;
  }

  addUser(spec: { name: string; password: string; defaultProject?: string; enabled?: boolean }): SimUser {
    const project = spec.defaultProject === undefined ? undefined : this.project(spec.defaultProject);
    if (spec.defaultProject !== undefined && !project) throw new Error(`no such project: ${spec.defaultProject}`);
    const u: SimUser = {
      id: stableId('user', 'default', spec.name), name: spec.name, domainId: DEFAULT_DOMAIN.id,
      password: spec.password, enabled: spec.enabled ?? true,
      ...(project ? { defaultProjectId: project.id } : {}),
    };
    this.users.set(u.id, u);
    return u;
  }

  project(idOrName: string): SimProject | undefined {
    return this.projects.get(idOrName) ??
      [...this.projects.values()].find((p) => p.name === idOrName && p.domainId === DEFAULT_DOMAIN.id);
  }

  user(idOrName: string): SimUser | undefined {
    return this.users.get(idOrName) ?? this.userByName(DEFAULT_DOMAIN.id, idOrName);
  }

  userByName(domainId: string, name: string): SimUser | undefined {
    return [...this.users.values()].find((u) => u.name === name && u.domainId === domainId);
  }

  roleByName(name: string): { id: string; name: string } {
    const found = [...this.roles.values()].find((r) => r.name === name);
    if (found) return found;
    const role = { id: stableId('role', name), name };
    this.roles.set(role.id, role);
    return role;
  }

  /** Resolves a {id} or {name} reference to a domain; undefined when unknown. */
  domainRef(ref: Record<string, unknown>): { id: string; name: string; enabled: boolean } | undefined {
    if (typeof ref.id === 'string') return this.domains.get(ref.id);
    return [...this.domains.values()].find((d) => d.name === ref.name);
  }

  grant(userId: string, roleName: string, target: GrantTarget): void {
    let key: string;
    if ('project' in target) {
      const p = this.project(target.project);
      if (!p) throw new Error(`no such project: ${target.project}`);
      key = `project:${p.id}`;
    } else if ('domain' in target) {
      const d = this.domainRef({ id: target.domain }) ?? this.domainRef({ name: target.domain });
      if (!d) throw new Error(`no such domain: ${target.domain}`);
      key = `domain:${d.id}`;
    } else key = 'system';
    const byUser = this.grants.get(key) ?? new Map<string, Set<string>>();
    this.grants.set(key, byUser);
    const set = byUser.get(userId) ?? new Set<string>();
    byUser.set(userId, set);
    set.add(this.roleByName(roleName).id);
  }

  /** Effective role ids (direct + implied) of a user on a scope. */
  effectiveRoles(userId: string, scope: Scope): string[] {
    if (scope.kind === 'unscoped') return [];
    const direct = this.grants.get(targetKey(scope))?.get(userId);
    return direct ? this.expand([...direct]) : [];
  }

  expand(roleIds: string[]): string[] {
    const out: string[] = [];
    const queue = [...roleIds];
    while (queue.length) {
      const id = queue.shift()!;
      if (out.includes(id)) continue;
      out.push(id);
      const name = this.roles.get(id)?.name ?? '';
      for (const implied of IMPLIES[name] ?? []) queue.push(this.roleByName(implied).id);
    }
    return out;
  }

  /** Enabled projects on which the user has at least one role. */
  projectsOf(userId: string): SimProject[] {
    return [...this.projects.values()].filter(
      (p) => p.enabled && this.effectiveRoles(userId, { kind: 'project', projectId: p.id }).length > 0,
    );
  }

  domainsOf(userId: string): { id: string; name: string; enabled: boolean }[] {
    return [...this.domains.values()].filter(
      (d) => this.effectiveRoles(userId, { kind: 'domain', domainId: d.id }).length > 0,
    );
  }
}

// ---------------------------------------------------------------------------
// Formatting helpers

/** Keystone prints microseconds; we carry milliseconds, padded. */
const isoMicro = (d: Date) => d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const auditId = () => randomBytes(16).toString('base64url');
/** Fernet tokens are "gAAAAAB" + url-safe base64; 183 chars like a scoped one. */
const newTokenId = () => 'gAAAAAB' + randomBytes(132).toString('base64url');

function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Substitutes $(var)s / %(var)s; undefined when a variable has no value (Keystone drops the endpoint). */
function formatUrl(template: string, vars: Record<string, string | undefined>): string | undefined {
  let missing = false;
  const url = template.replace(/[$%]\((\w+)\)s/g, (match, name: string) => {
    const value = vars[name];
    if (value === undefined) missing = true;
    return value ?? match;
  });
  return missing ? undefined : url;
}

interface CatEndpoint { id: string; iface: (typeof INTERFACES)[number]; region: string; url: string }
interface CatService { id: string; type: string; name: string; endpoints: CatEndpoint[] }

/** Catalog entries → services with public/internal/admin endpoints; adds identity if absent. */
function buildCatalog(input: CatalogService[], base: string): CatService[] {
  const all = input.some((s) => s.type === 'identity')
    ? input
    : [{ type: 'identity', name: 'keystone', url: `${base}/v3/` }, ...input];
  const services = new Map<string, CatService>();
  for (const s of all) {
    const key = `${s.type}/${s.name}`;
    const svc = services.get(key) ?? { id: stableId('service', s.type, s.name), type: s.type, name: s.name, endpoints: [] };
    services.set(key, svc);
    const region = s.region ?? DEFAULT_REGION;
    svc.endpoints = svc.endpoints.filter((e) => e.region !== region); // a later entry for the region wins
    for (const iface of INTERFACES) {
      svc.endpoints.push({ id: stableId('endpoint', s.type, s.name, region, iface), iface, region, url: s.url });
    }
  }
  return [...services.values()];
}

// ---------------------------------------------------------------------------
// HTTP plumbing

/** `layout`: Keystone prints success bodies Python-style, errors compact with a newline. */
interface Reply { status: number; body?: unknown; headers?: Record<string, string>; layout?: 'py' | 'error' | 'py-nl' }
type Api = 'v3' | 'v2';
interface Ctx {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body(): Promise<unknown>;
}
type Handler = (ctx: Ctx, params: string[]) => Reply | Promise<Reply>;
interface Route { pattern: RegExp; api: Api; methods: Record<string, Handler> }

/** Reads the body with Keystone's size cap; drains (then drops) oversize uploads so the 413 reaches the client. */
function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const done = (err?: Error) => {
      if (settled) return;
      settled = true;
      if (err) reject(err);
      else resolve(Buffer.concat(chunks));
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
      else if (size > 64 * MAX_BODY) req.destroy();
    });
    req.on('end', () =>
      done(size > MAX_BODY ? new HttpError(413, 'Request is too large.') : undefined));
    req.on('error', (e) => done(e));
    req.on('close', () => done(new Error('request aborted')));
  });
}

function parseJson(buf: Buffer): unknown {
  if (buf.length === 0) return {}; // Keystone treats an empty body as {}
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch {
    throw expecting('valid JSON', 'request body');
  }
}

function decodeParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new HttpError(404, 'The resource could not be found.');
  }
}

/** Python's json.dumps layout (", " and ": "), as in Keystone's success bodies. */
function pyJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(pyJson).join(', ')}]`;
  if (isObj(v)) {
    const fields = Object.entries(v).filter(([, x]) => x !== undefined);
    return `{${fields.map(([k, x]) => `${JSON.stringify(k)}: ${pyJson(x)}`).join(', ')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

function serialize(body: unknown, layout: Reply['layout']): string {
  if (layout === 'error') return JSON.stringify(body) + '\n';
  return pyJson(body) + (layout === 'py-nl' ? '\n' : '');
}

function errorBody(api: Api, err: HttpError): unknown {
  const title = TITLES[err.status] ?? 'Error';
  if (api === 'v2') return { error: { message: err.message, code: err.status, title } };
  return { error: { code: err.status, ...err.extra, message: err.message, title } };
}

// ---------------------------------------------------------------------------
// The simulator

export async function startKeystone(opts: KeystoneSimOptions = {}): Promise<KeystoneSim> {
  const dir = new Directory();
  const tokens = new Map<string, TokenRecord>();
  const counters: Record<string, number> = {
    requests: 0, authRequests: 0, v3Auth: 0, v2Auth: 0, authFailures: 0,
    tokensIssued: 0, validations: 0, revocations: 0,
  };
  let ttlSeconds = opts.tokenTtlSeconds ?? 3600;
  let catalogInput: CatalogService[] = [...(opts.catalog ?? [])];
  let base = '';

  // ---- tokens --------------------------------------------------------------

  function issue(userId: string, methods: string[], scope: Scope, parent?: TokenRecord, appCredId?: string): TokenRecord {
    const now = new Date();
    const rec: TokenRecord = {
      id: newTokenId(),
      userId,
      methods,
      // A re-scoped token keeps its parent's expiry and audit chain, as in Keystone.
      auditIds: parent ? [auditId(), parent.auditIds[parent.auditIds.length - 1]!] : [auditId()],
      issuedAt: now,
      expiresAt: parent ? parent.expiresAt : new Date(now.getTime() + ttlSeconds * 1000),
      scope,
      revoked: false,
      ...(appCredId ? { appCredId } : {}),
    };
    tokens.set(rec.id, rec);
    counters.tokensIssued++;
    if (counters.tokensIssued % 256 === 0) sweep();
    return rec;
  }

  /** Forgets expired tokens so long-running sandboxes do not grow without bound. */
  function sweep(): void {
    const now = Date.now();
    for (const [id, rec] of tokens) if (rec.expiresAt.getTime() <= now) tokens.delete(id);
  }

  function tokenRoles(rec: TokenRecord): string[] {
    const roles = dir.effectiveRoles(rec.userId, rec.scope);
    if (!rec.appCredId) return roles;
    const cred = dir.appCreds.get(rec.appCredId);
    return cred ? dir.expand(cred.roleIds).filter((r) => roles.includes(r)) : [];
  }

  /** 'unknown' = never issued here; 'invalid' = expired, revoked, or its user/roles are gone. */
  function lookup(id: string): TokenRecord | 'unknown' | 'invalid' {
    const rec = tokens.get(id);
    if (!rec) return 'unknown';
    if (rec.revoked || rec.expiresAt.getTime() <= Date.now()) return 'invalid';
    if (!dir.users.get(rec.userId)?.enabled) return 'invalid';
    if (rec.scope.kind !== 'unscoped' && tokenRoles(rec).length === 0) return 'invalid';
    if (rec.scope.kind === 'project' && !dir.projects.get(rec.scope.projectId)?.enabled) return 'invalid';
    return rec;
  }

  /** Subject-token lookup with Keystone's 404 messages. */
  function subjectToken(id: string | undefined): TokenRecord {
    if (!id) throw new HttpError(404, 'No token in the request');
    const rec = lookup(id);
    if (rec === 'unknown') throw new HttpError(404, 'Could not recognize Fernet token');
    if (rec === 'invalid') throw new HttpError(404, 'Failed to validate token');
    return rec;
  }

  /** The caller's X-Auth-Token; 401 when missing or not valid. */
  function caller(ctx: Ctx): TokenRecord {
    const rec = lookup(header(ctx, 'x-auth-token') ?? '');
    if (typeof rec === 'string') throw unauthorized();
    return rec;
  }

  const isAdmin = (rec: TokenRecord) => tokenRoles(rec).includes(SEED_ROLES.admin.id);
  const header = (ctx: Ctx, name: string) => {
    const v = ctx.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };

  function validateToken(id: string): TokenInfo | undefined {
    counters.validations++;
    const rec = lookup(id);
    if (typeof rec === 'string') return undefined;
    const user = dir.users.get(rec.userId)!;
    const project = rec.scope.kind === 'project' ? dir.projects.get(rec.scope.projectId) : undefined;
    return {
      userId: user.id,
      userName: user.name,
      domainId: user.domainId,
      ...(project ? { projectId: project.id, projectName: project.name } : {}),
      roles: tokenRoles(rec).map((r) => dir.roles.get(r)!.name),
      expiresAt: new Date(rec.expiresAt),
    };
  }

  // ---- v3 authentication ---------------------------------------------------

  interface Authn { user: SimUser; methods: string[]; parent?: TokenRecord; appCred?: AppCred }

  function userRef(u: Record<string, unknown>, field: string): SimUser | undefined {
    if (typeof u.id === 'string') return dir.users.get(u.id);
    if (typeof u.name !== 'string') throw new HttpError(400, `Invalid input for field ${field}: id or name must be present.`);
    if (!isObj(u.domain)) throw expecting('domain', 'user');
    if (typeof u.domain.id !== 'string' && typeof u.domain.name !== 'string') {
      throw new HttpError(400, `Invalid input for field ${field}/domain: id or name must be present.`);
    }
    const domain = dir.domainRef(u.domain);
    return domain?.enabled ? dir.userByName(domain.id, u.name) : undefined;
  }

  function passwordMethod(p: unknown): SimUser {
    if (!isObj(p) || !isObj(p.user)) throw expecting('user', 'password');
    const user = userRef(p.user, 'identity/password/user');
    const password = p.user.password;
    if (!user?.enabled || typeof password !== 'string' || !safeEqual(password, user.password)) throw unauthorized();
    return user;
  }

  function tokenMethod(t: unknown): TokenRecord {
    if (!isObj(t) || typeof t.id !== 'string') throw invalidInput('identity/token', "'id' is a required property");
    const parent = subjectToken(t.id);
    if (parent.appCredId) throw forbidden('Using a delegated token to create another token is not allowed.');
    return parent;
  }

  function appCredMethod(a: unknown): { user: SimUser; cred: AppCred } {
    if (!isObj(a)) throw expecting('application_credential', 'identity');
    if (typeof a.secret !== 'string') throw invalidInput('identity/application_credential', "'secret' is a required property");
    let cred: AppCred | undefined;
    if (typeof a.id === 'string') cred = dir.appCreds.get(a.id);
    else if (typeof a.name === 'string') {
      if (!isObj(a.user)) throw expecting('user', 'application credential');
      const owner = userRef(a.user, 'identity/application_credential/user');
      cred = [...dir.appCreds.values()].find((c) => c.name === a.name && c.userId === owner?.id);
    } else throw expecting('name or ID', 'application credential');
    const user = cred && dir.users.get(cred.userId);
    if (!cred || !user?.enabled || !safeEqual(a.secret, cred.secret)) throw unauthorized();
    return { user, cred };
  }

  function authenticate(identity: unknown): Authn {
    if (identity === undefined) throw new HttpError(400, "'identity' is a required property");
    if (!isObj(identity)) throw invalidInput('identity', `${JSON.stringify(identity)} is not of type 'object'`);
    const { methods } = identity;
    if (methods === undefined) throw invalidInput('identity', "'methods' is a required property");
    if (!Array.isArray(methods) || !methods.every((m) => typeof m === 'string')) {
      throw invalidInput('identity/methods', `${JSON.stringify(methods)} is not of type 'array'`);
    }
    if (methods.length === 0) throw unauthorized();
    const out: Partial<Authn> & { methods: string[] } = { methods: [] };
    const users = new Set<string>();
    for (const m of new Set(methods as string[])) {
      if (!(m in identity)) throw expecting(m, 'identity');
      if (m === 'password') {
        out.user = passwordMethod(identity.password);
        out.methods.push('password');
      } else if (m === 'token') {
        out.parent = tokenMethod(identity.token);
        out.user = dir.users.get(out.parent.userId)!;
        out.methods.push('token', ...out.parent.methods.filter((x) => x !== 'token'));
      } else if (m === 'application_credential') {
        const r = appCredMethod(identity.application_credential);
        out.user = r.user;
        out.appCred = r.cred;
        out.methods.push('application_credential');
      } else throw new HttpError(401, 'Attempted to authenticate with an unsupported method.');
      users.add(out.user.id);
    }
    if (users.size !== 1 || !out.user) throw unauthorized(); // every factor must name the same user
    return { ...out, user: out.user, methods: [...new Set(out.methods)] };
  }

  /** No scope given: Keystone scopes to the user's default project when it can. */
  function defaultScope(user: SimUser): Scope {
    const pid = user.defaultProjectId;
    if (pid && dir.projects.get(pid)?.enabled) {
      const scope: Scope = { kind: 'project', projectId: pid };
      if (dir.effectiveRoles(user.id, scope).length) return scope;
    }
    return { kind: 'unscoped' };
  }

  function nameOrIdRef(v: unknown, field: string): Record<string, unknown> {
    if (!isObj(v) || (typeof v.id !== 'string' && typeof v.name !== 'string')) {
      throw new HttpError(400, `Invalid input for field ${field}: id or name must be present.`);
    }
    return v;
  }

  function resolveScope(raw: unknown, a: Authn): Scope {
    if (a.appCred) {
      if (raw !== undefined) {
        throw new HttpError(401, 'Error authenticating with application credential: Application credentials cannot request a scope.', { identity: {} });
      }
      const scope: Scope = { kind: 'project', projectId: a.appCred.projectId };
      if (!dir.projects.get(a.appCred.projectId)?.enabled) throw unauthorized();
      return scope;
    }
    if (raw === undefined || raw === null) return defaultScope(a.user);
    if (raw === 'unscoped') return { kind: 'unscoped' };
    if (!isObj(raw)) throw invalidInput('scope', `${JSON.stringify(raw)} is not of type 'object'`);
    const kinds = ['system', 'project', 'domain', 'OS-TRUST:trust', 'unscoped'].filter((k) => k in raw);
    if (kinds.length !== 1) throw expecting('system, project, domain, OS-TRUST:trust or unscoped', 'scope');
    let scope: Scope;
    switch (kinds[0]) {
      case 'unscoped':
        return { kind: 'unscoped' };
      case 'project': {
        const p = nameOrIdRef(raw.project, 'scope/project');
        let project: SimProject | undefined;
        if (typeof p.id === 'string') project = dir.projects.get(p.id);
        else {
          if (!isObj(p.domain)) throw expecting('domain', 'project');
          const domain = dir.domainRef(p.domain);
          project = [...dir.projects.values()].find((x) => x.name === p.name && x.domainId === domain?.id);
        }
        if (!project?.enabled) throw unauthorized();
        scope = { kind: 'project', projectId: project.id };
        break;
      }
      case 'domain': {
        const domain = dir.domainRef(nameOrIdRef(raw.domain, 'scope/domain'));
        if (!domain?.enabled) throw unauthorized();
        scope = { kind: 'domain', domainId: domain.id };
        break;
      }
      case 'system':
        if (!isObj(raw.system) || raw.system.all !== true) throw unauthorized();
        scope = { kind: 'system' };
        break;
      default:
        throw unauthorized(); // trusts are not simulated
    }
    if (dir.effectiveRoles(a.user.id, scope).length === 0) throw unauthorized();
    return scope;
  }

  // ---- rendering -----------------------------------------------------------

  const domainOf = (id: string) => {
    const d = dir.domains.get(id)!;
    return { id: d.id, name: d.name };
  };
  const roleRefs = (rec: TokenRecord) => tokenRoles(rec).map((id) => ({ id, name: dir.roles.get(id)!.name }));
  const projectIdOf = (rec: TokenRecord) => (rec.scope.kind === 'project' ? rec.scope.projectId : undefined);

  function v3Catalog(projectId: string | undefined, userId: string): unknown[] {
    const vars = { project_id: projectId, tenant_id: projectId, user_id: userId };
    return buildCatalog(catalogInput, base).map((svc) => ({
      endpoints: svc.endpoints.flatMap((e) => {
        const url = formatUrl(e.url, vars);
        return url === undefined ? [] : [{ id: e.id, interface: e.iface, region_id: e.region, url, region: e.region }];
      }),
      id: svc.id,
      type: svc.type,
      name: svc.name,
    }));
  }

  function renderV3(rec: TokenRecord, withCatalog: boolean): unknown {
    const user = dir.users.get(rec.userId)!;
    const t: Record<string, unknown> = {
      methods: rec.methods,
      user: { domain: domainOf(user.domainId), id: user.id, name: user.name, password_expires_at: null },
      audit_ids: rec.auditIds,
      expires_at: isoMicro(rec.expiresAt),
      issued_at: isoMicro(rec.issuedAt),
    };
    const s = rec.scope;
    if (s.kind === 'system') {
      t.roles = roleRefs(rec);
      t.system = { all: true };
    } else if (s.kind === 'domain') {
      t.domain = domainOf(s.domainId);
      t.roles = roleRefs(rec);
    } else if (s.kind === 'project') {
      const p = dir.projects.get(s.projectId)!;
      t.project = { domain: domainOf(p.domainId), id: p.id, name: p.name };
      t.is_domain = false;
      t.roles = roleRefs(rec);
    }
    if (withCatalog && s.kind !== 'unscoped') t.catalog = v3Catalog(projectIdOf(rec), user.id);
    if (rec.appCredId) {
      const c = dir.appCreds.get(rec.appCredId)!;
      t.application_credential = { id: c.id, name: c.name, restricted: true };
    }
    return { token: t };
  }

  const link = (path: string) => ({ self: `${base}${path}` });
  const listLinks = (ctx: Ctx) => ({ next: null, self: `${base}${ctx.url.pathname}${ctx.url.search}`, previous: null });

  const projectBody = (p: SimProject) => ({
    id: p.id, name: p.name, domain_id: p.domainId, description: p.description, enabled: p.enabled,
    parent_id: p.domainId, is_domain: false, tags: [], options: {}, links: link(`/v3/projects/${p.id}`),
  });

  function renderV2(rec: TokenRecord): unknown {
    const user = dir.users.get(rec.userId)!;
    const pid = projectIdOf(rec);
    const project = pid ? dir.projects.get(pid) : undefined;
    const roles = tokenRoles(rec);
    const token: Record<string, unknown> = { id: rec.id, expires: isoSeconds(rec.expiresAt), issued_at: isoMicro(rec.issuedAt) };
    if (project) token.tenant = { description: project.description || null, enabled: project.enabled, id: project.id, name: project.name };
    token.audit_ids = rec.auditIds;
    return {
      access: {
        token,
        serviceCatalog: project ? v2Catalog(project.id, user.id) : [],
        user: {
          id: user.id, name: user.name, username: user.name,
          roles: roles.map((r) => ({ name: dir.roles.get(r)!.name })), roles_links: [],
        },
        metadata: { is_admin: 0, roles },
      },
    };
  }

  /** v2.0 folds the three interfaces of one region into one endpoint entry. */
  function v2Catalog(projectId: string, userId: string): unknown[] {
    const vars = { project_id: projectId, tenant_id: projectId, user_id: userId };
    return buildCatalog(catalogInput, base).map((svc) => {
      const regions = [...new Set(svc.endpoints.map((e) => e.region))];
      const endpoints = regions.flatMap((region) => {
        const urls = INTERFACES.map((i) => {
          const e = svc.endpoints.find((x) => x.region === region && x.iface === i)!;
          return { id: e.id, url: formatUrl(e.url, vars) };
        });
        if (urls.some((u) => u.url === undefined)) return [];
        return [{ id: urls[0]!.id, region, publicURL: urls[0]!.url, internalURL: urls[1]!.url, adminURL: urls[2]!.url }];
      });
      return { type: svc.type, name: svc.name, endpoints, endpoints_links: [] };
    });
  }

  // ---- version documents ---------------------------------------------------

  const v3Version = () => ({
    id: 'v3.14', status: 'stable', updated: '2020-04-07T00:00:00Z',
    links: [{ rel: 'self', href: `${base}/v3/` }],
    'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.identity-v3+json' }],
  });
  const v2Version = () => ({
    id: 'v2.0', status: 'deprecated', updated: '2016-08-04T00:00:00Z',
    links: [
      { rel: 'self', href: `${base}/v2.0/` },
      { rel: 'describedby', type: 'text/html', href: 'https://docs.openstack.org/' },
    ],
    'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.identity-v2.0+json' }],
  });

  // ---- v3 handlers ---------------------------------------------------------

  async function postV3Tokens(ctx: Ctx): Promise<Reply> {
    counters.authRequests++;
    counters.v3Auth++;
    try {
      const body = await ctx.body();
      if (!isObj(body) || !isObj(body.auth)) throw expecting('auth', 'request body');
      const authn = authenticate(body.auth.identity);
      const scope = resolveScope(body.auth.scope, authn);
      const rec = issue(authn.user.id, authn.methods, scope, authn.parent, authn.appCred?.id);
      const withCatalog = !ctx.url.searchParams.has('nocatalog');
      return { status: 201, headers: { 'X-Subject-Token': rec.id }, body: renderV3(rec, withCatalog) };
    } catch (e) {
      counters.authFailures++;
      throw e;
    }
  }

  /** Validate (GET/HEAD) and revoke (DELETE) share the policy: admin, service, or the token's own user. */
  function subjectFor(ctx: Ctx): { who: TokenRecord; subject: TokenRecord } {
    const who = caller(ctx);
    const subject = subjectToken(header(ctx, 'x-subject-token'));
    const roles = tokenRoles(who).map((r) => dir.roles.get(r)!.name);
    if (who.userId !== subject.userId && !roles.includes('admin') && !roles.includes('service')) {
      throw forbidden('identity:validate_token');
    }
    return { who, subject };
  }

  function getV3Token(ctx: Ctx): Reply {
    counters.validations++;
    const { subject } = subjectFor(ctx);
    const withCatalog = !ctx.url.searchParams.has('nocatalog');
    return { status: 200, headers: { 'X-Subject-Token': subject.id }, body: renderV3(subject, withCatalog) };
  }

  function deleteV3Token(ctx: Ctx): Reply {
    const { subject } = subjectFor(ctx);
    subject.revoked = true;
    counters.revocations++;
    return { status: 204 };
  }

  function authCatalog(ctx: Ctx): Reply {
    const who = caller(ctx);
    if (who.scope.kind === 'unscoped') throw forbidden();
    return { status: 200, body: { catalog: v3Catalog(projectIdOf(who), who.userId), links: link('/v3/auth/catalog') } };
  }

  function authProjects(ctx: Ctx): Reply {
    const who = caller(ctx);
    return { status: 200, body: { projects: dir.projectsOf(who.userId).map(projectBody), links: listLinks(ctx) } };
  }

  function authDomains(ctx: Ctx): Reply {
    const who = caller(ctx);
    const domains = dir.domainsOf(who.userId).map((d) => ({
      id: d.id, name: d.name, description: d.id === 'default' ? 'The default domain' : '',
      enabled: d.enabled, tags: [], options: {}, links: link(`/v3/domains/${d.id}`),
    }));
    return { status: 200, body: { domains, links: listLinks(ctx) } };
  }

  function authSystem(ctx: Ctx): Reply {
    const who = caller(ctx);
    const system = dir.effectiveRoles(who.userId, { kind: 'system' }).length ? [{ all: true }] : [];
    return { status: 200, body: { system, links: link('/v3/auth/system') } };
  }

  function userProjects(ctx: Ctx, [userId]: string[]): Reply {
    const who = caller(ctx);
    if (who.userId !== userId && !isAdmin(who)) throw forbidden('identity:list_user_projects');
    if (!dir.users.has(userId!)) throw new HttpError(404, `Could not find user: ${userId}.`);
    return { status: 200, body: { projects: dir.projectsOf(userId!).map(projectBody), links: listLinks(ctx) } };
  }

  function listProjects(ctx: Ctx): Reply {
    if (!isAdmin(caller(ctx))) throw forbidden('identity:list_projects');
    const q = ctx.url.searchParams;
    const projects = [...dir.projects.values()].filter((p) =>
      (!q.has('name') || p.name === q.get('name')) &&
      (!q.has('domain_id') || p.domainId === q.get('domain_id')) &&
      (!q.has('enabled') || String(p.enabled) === q.get('enabled')?.toLowerCase()));
    return { status: 200, body: { projects: projects.map(projectBody), links: listLinks(ctx) } };
  }

  function getProject(ctx: Ctx, [id]: string[]): Reply {
    const who = caller(ctx);
    if (!isAdmin(who) && projectIdOf(who) !== id) throw forbidden('identity:get_project');
    const p = dir.projects.get(id!);
    if (!p) throw new HttpError(404, `Could not find project: ${id}.`);
    return { status: 200, body: { project: projectBody(p) } };
  }

  function listRegions(ctx: Ctx): Reply {
    caller(ctx);
    const names = new Set([DEFAULT_REGION, ...catalogInput.map((s) => s.region ?? DEFAULT_REGION)]);
    const regions = [...names].map((id) => ({ id, description: '', parent_region_id: null, links: link(`/v3/regions/${id}`) }));
    return { status: 200, body: { regions, links: listLinks(ctx) } };
  }

  function listServices(ctx: Ctx): Reply {
    if (!isAdmin(caller(ctx))) throw forbidden('identity:list_services');
    const type = ctx.url.searchParams.get('type');
    const services = buildCatalog(catalogInput, base)
      .filter((s) => type === null || s.type === type)
      .map((s) => ({ name: s.name, id: s.id, type: s.type, enabled: true, links: link(`/v3/services/${s.id}`) }));
    return { status: 200, body: { services, links: listLinks(ctx) } };
  }

  function listEndpoints(ctx: Ctx): Reply {
    if (!isAdmin(caller(ctx))) throw forbidden('identity:list_endpoints');
    const q = ctx.url.searchParams;
    const endpoints = buildCatalog(catalogInput, base).flatMap((s) =>
      s.endpoints
        .filter((e) =>
          (!q.has('interface') || e.iface === q.get('interface')) &&
          (!q.has('service_id') || s.id === q.get('service_id')) &&
          (!q.has('region_id') || e.region === q.get('region_id')))
        .map((e) => ({
          id: e.id, interface: e.iface, region_id: e.region, service_id: s.id, url: e.url,
          enabled: true, region: e.region, links: link(`/v3/endpoints/${e.id}`),
        })));
    return { status: 200, body: { endpoints, links: listLinks(ctx) } };
  }

  // ---- v2.0 handlers -------------------------------------------------------

  function v2User(pc: Record<string, unknown>): SimUser {
    if (typeof pc.password !== 'string') throw expecting('password', 'passwordCredentials');
    let user: SimUser | undefined;
    if (typeof pc.userId === 'string') user = dir.users.get(pc.userId);
    else if (typeof pc.username === 'string') user = dir.userByName(DEFAULT_DOMAIN.id, pc.username);
    else throw expecting('username or userId', 'passwordCredentials');
    // v2.0 only ever saw the default domain.
    if (!user?.enabled || user.domainId !== DEFAULT_DOMAIN.id || !safeEqual(pc.password, user.password)) {
      throw unauthorized();
    }
    return user;
  }

  function v2Scope(auth: Record<string, unknown>, user: SimUser): Scope {
    const { tenantId, tenantName } = auth;
    if (tenantId === undefined && tenantName === undefined) return { kind: 'unscoped' };
    const project = typeof tenantId === 'string'
      ? dir.projects.get(tenantId)
      : [...dir.projects.values()].find((p) => p.name === tenantName && p.domainId === DEFAULT_DOMAIN.id);
    if (!project?.enabled || project.domainId !== DEFAULT_DOMAIN.id) throw unauthorized();
    const scope: Scope = { kind: 'project', projectId: project.id };
    if (dir.effectiveRoles(user.id, scope).length === 0) throw unauthorized();
    return scope;
  }

  async function postV2Tokens(ctx: Ctx): Promise<Reply> {
    counters.authRequests++;
    counters.v2Auth++;
    try {
      const body = await ctx.body();
      if (!isObj(body) || !isObj(body.auth)) throw expecting('auth', 'request body');
      const auth = body.auth;
      let user: SimUser;
      let parent: TokenRecord | undefined;
      if (isObj(auth.passwordCredentials)) user = v2User(auth.passwordCredentials);
      else if (isObj(auth.token)) {
        if (typeof auth.token.id !== 'string') throw expecting('id', 'token');
        const rec = lookup(auth.token.id);
        // v2.0 answered 401 for any unusable token, and knew nothing of app credentials.
        if (typeof rec === 'string' || rec.appCredId) throw unauthorized();
        parent = rec;
        user = dir.users.get(rec.userId)!;
      } else throw expecting('passwordCredentials or token', 'auth');
      const scope = v2Scope(auth, user);
      const methods = parent ? ['token', ...parent.methods.filter((m) => m !== 'token')] : ['password'];
      return { status: 200, body: renderV2(issue(user.id, methods, scope, parent)) };
    } catch (e) {
      counters.authFailures++;
      throw e;
    }
  }

  function v2Tenants(ctx: Ctx): Reply {
    const who = caller(ctx);
    const tenants = dir.projectsOf(who.userId)
      .filter((p) => p.domainId === DEFAULT_DOMAIN.id)
      .map((p) => ({ description: p.description || null, enabled: p.enabled, id: p.id, name: p.name }));
    return { status: 200, body: { tenants, tenants_links: [] } };
  }

  // ---- routing -------------------------------------------------------------

  const ID = '([^/]+)';
  const routes: Route[] = [
    { pattern: /^\/$/, api: 'v3', methods: { GET: () => ({ status: 300, headers: { Location: `${base}/v3/` }, body: { versions: { values: [v3Version(), v2Version()] } } }) } },
    { pattern: /^\/v3$/, api: 'v3', methods: { GET: () => ({ status: 200, body: { version: v3Version() } }) } },
    { pattern: /^\/v3\/auth\/tokens$/, api: 'v3', methods: { GET: getV3Token, POST: postV3Tokens, DELETE: deleteV3Token } },
    { pattern: /^\/v3\/auth\/catalog$/, api: 'v3', methods: { GET: authCatalog } },
    { pattern: /^\/v3\/auth\/projects$/, api: 'v3', methods: { GET: authProjects } },
    { pattern: /^\/v3\/auth\/domains$/, api: 'v3', methods: { GET: authDomains } },
    { pattern: /^\/v3\/auth\/system$/, api: 'v3', methods: { GET: authSystem } },
    { pattern: new RegExp(`^/v3/users/${ID}/projects$`), api: 'v3', methods: { GET: userProjects } },
    { pattern: /^\/v3\/projects$/, api: 'v3', methods: { GET: listProjects } },
    { pattern: new RegExp(`^/v3/projects/${ID}$`), api: 'v3', methods: { GET: getProject } },
    { pattern: /^\/v3\/regions$/, api: 'v3', methods: { GET: listRegions } },
    { pattern: /^\/v3\/services$/, api: 'v3', methods: { GET: listServices } },
    { pattern: /^\/v3\/endpoints$/, api: 'v3', methods: { GET: listEndpoints } },
    { pattern: /^\/v2\.0$/, api: 'v2', methods: { GET: () => ({ status: 200, body: { version: v2Version() } }) } },
    { pattern: /^\/v2\.0\/tokens$/, api: 'v2', methods: { POST: postV2Tokens } },
    { pattern: /^\/v2\.0\/tenants$/, api: 'v2', methods: { GET: v2Tenants } },
  ];

  function send(res: http.ServerResponse, reply: Reply, head: boolean): void {
    const payload = reply.body === undefined ? undefined : serialize(reply.body, reply.layout);
    const headers: Record<string, string> = {};
    if (payload !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(payload));
    }
    Object.assign(headers, reply.headers, {
      Vary: 'X-Auth-Token',
      'x-openstack-request-id': `req-${randomUUID()}`,
    });
    // Keystone (werkzeug) sends upper-case reason phrases: "201 CREATED".
    res.writeHead(reply.status, (http.STATUS_CODES[reply.status] ?? '').toUpperCase(), headers);
    res.end(head ? undefined : payload); // HEAD keeps GET's Content-Length, like Keystone
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    counters.requests++;
    const method = (req.method ?? 'GET').toUpperCase();
    // Parse only the path part, so "//x" is not taken for a host name.
    const url = new URL((req.url ?? '/').replace(/^\/+/, '/'), 'http://sim.invalid');
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    const api: Api = path === '/v2.0' || path.startsWith('/v2.0/') ? 'v2' : 'v3';
    let bodyPromise: Promise<unknown> | undefined;
    const ctx: Ctx = {
      method, url, headers: req.headers,
      body: () => (bodyPromise ??= readBody(req).then(parseJson)),
    };
    const head = method === 'HEAD';
    try {
      const route = routes.find((r) => r.pattern.test(path));
      if (!route) throw new HttpError(404, 'The resource could not be found.');
      const handler = route.methods[head ? 'GET' : method];
      if (!handler) {
        const allow = Object.keys(route.methods).flatMap((m) => (m === 'GET' ? ['HEAD', 'GET'] : [m]));
        send(res, { status: 405, headers: { Allow: allow.join(', ') }, body: { message: 'The method is not allowed for the requested URL.' }, layout: 'py-nl' }, head);
        return;
      }
      const params = route.pattern.exec(path)!.slice(1).map(decodeParam);
      send(res, await handler(ctx, params), head);
    } catch (e) {
      const err = e instanceof HttpError
        ? e
        : new HttpError(500, 'An unexpected error prevented the server from fulfilling your request.');
      if (res.headersSent || res.destroyed) return;
      const headers: Record<string, string> = {};
      if (err.status === 401) headers['WWW-Authenticate'] = `Keystone uri="${base}${api === 'v3' ? '/v3' : ''}"`;
      if (err.status === 413) headers.Connection = 'close';
      send(res, { status: err.status, headers, body: errorBody(api, err), layout: 'error' }, head);
    }
  }

  // ---- server --------------------------------------------------------------

  const server = http.createServer((req, res) => {
    void handle(req, res);
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  base = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const users: KeystoneUsers = {
    add: (spec) => dir.addUser(spec),
    get: (idOrName) => dir.user(idOrName),
    list: () => [...dir.users.values()],
    grant: (user, role, target) => {
      const u = dir.user(user);
      if (!u) throw new Error(`no such user: ${user}`);
      dir.grant(u.id, role, target);
    },
    setPassword: (user, password) => {
      const u = dir.user(user);
      if (!u) throw new Error(`no such user: ${user}`);
      u.password = password;
    },
    setEnabled: (user, enabled) => {
      const u = dir.user(user);
      if (!u) throw new Error(`no such user: ${user}`);
      u.enabled = enabled;
    },
  };

  const projects: KeystoneProjects = {
    add: (name, description) => dir.addProject(name, description),
    get: (idOrName) => dir.project(idOrName),
    list: () => [...dir.projects.values()],
  };

  return {
    url: base,
    port,
    counters,
    users,
    projects,
    validateToken,
    setCatalog(services) {
      catalogInput = [...services];
    },
    setTokenTtl(seconds) {
      if (!(seconds > 0) || !Number.isFinite(seconds)) throw new RangeError('token TTL must be a positive number of seconds');
      ttlSeconds = seconds;
    },
    revokeAll() {
      for (const rec of tokens.values()) rec.revoked = true;
      counters.revocations += tokens.size;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections(); // keep-alive sockets would hold close() open
      }),
  };
}
