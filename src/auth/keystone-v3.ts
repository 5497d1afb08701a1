// Keystone v3: password, application credential and token methods; project, domain,
// system or no scope; the catalog comes back with the token.
import { AuthError, UsageError } from '../framework/errors.js';
import type { ResolvedProfile } from '../config/resolve.js';
import { registerSecret } from '../transport/redact.js';
import type { AuthProvider, ProviderEnv } from './provider.js';
import type { CatalogService, TokenRecord } from './types.js';
import { discoverKeystone, keystoneError } from './keystone-common.js';

type Method = 'password' | 'application_credential' | 'token';

export class KeystoneV3Provider implements AuthProvider {
  readonly type = 'keystone-v3';
  constructor(
    private readonly profile: ResolvedProfile,
    private readonly method: Method,
  ) {}

  private get authUrl(): string {
    const url = this.profile.get('auth_url');
    if (!url) throw new UsageError(`profile "${this.profile.name}" has no auth_url`, { hint: `storctl profile set ${this.profile.name} auth_url=https://keystone:5000/v3 (or OS_AUTH_URL)` });
    return url;
  }

  private identityParts(): unknown[] {
    const p = this.profile;
    if (this.method === 'application_credential') return [p.get('application_credential_id') ?? [p.get('application_credential_name'), p.get('user_id') ?? p.get('username'), p.get('user_domain_id') ?? p.get('user_domain_name')]];
    if (this.method === 'token') return ['token'];
    return [p.get('user_id') ?? p.get('username'), p.get('user_domain_id') ?? p.get('user_domain_name') ?? 'default'];
  }

  private scopeParts(): unknown[] {
    const p = this.profile;
    if (this.method === 'application_credential') return ['appcred'];
    return [p.get('project_id') ?? p.get('project_name'), p.get('project_domain_id') ?? p.get('project_domain_name'), p.get('domain_id') ?? p.get('domain_name'), p.get('system_scope')];
  }

  cacheParts() {
    return [this.type, this.authUrl, this.method, ...this.identityParts(), ...this.scopeParts()];
  }

  secretNames() {
    return [this.method === 'token' ? 'token' : this.method === 'application_credential' ? 'application_credential_secret' : 'password'] as const;
  }

  unscopedParts() {
    if (this.method !== 'password' || this.scopeParts().every((x) => x === undefined)) return undefined;
    return [this.type, this.authUrl, this.method, ...this.identityParts(), undefined, undefined, undefined, undefined];
  }

  headers(record: TokenRecord | undefined): Record<string, string> {
    return record ? { 'x-auth-token': record.token } : {};
  }

  async login(env: ProviderEnv, rescopeFrom?: TokenRecord): Promise<TokenRecord> {
    const { base } = await discoverKeystone(await env.http(), this.authUrl, '3');
    const identity = rescopeFrom ? { methods: ['token'], token: { id: rescopeFrom.token } } : await this.identity(env);
    const scope = this.method === 'application_credential' ? undefined : this.scope();
    const res = await (await env.http()).request({
      method: 'POST',
      url: `${base}/auth/tokens`,
      headers: { accept: 'application/json' },
      json: { auth: { identity, ...(scope ? { scope } : {}) } },
      idempotent: true, // a token request is safe to repeat after 503/429 or a dropped connection
    });
    if (res.status !== 201 && res.status !== 200) throw keystoneError(res, 'Keystone v3 authentication', this.profile.name, this.authUrl);
    const token = res.headers['x-subject-token'];
    if (!token) throw new AuthError(`Keystone at ${base} returned no X-Subject-Token`, { hint: 'is auth_url really a Keystone v3 endpoint?' });
    registerSecret(token);
    return parseV3Token(token, res.json().token, base);
  }

  async revoke(env: ProviderEnv, record: TokenRecord): Promise<boolean> {
    const base = record.authUrl ?? (await discoverKeystone(await env.http(), this.authUrl, '3')).base;
    const res = await (await env.http()).request({ method: 'DELETE', url: `${base}/auth/tokens`, headers: { 'x-auth-token': record.token, 'x-subject-token': record.token } });
    return res.status === 204 || res.status === 200;
  }

  private async identity(env: ProviderEnv): Promise<Record<string, unknown>> {
    const p = this.profile;
    if (this.method === 'token') return { methods: ['token'], token: { id: await env.secret('token') } };
    if (this.method === 'application_credential') {
      const secret = await env.secret('application_credential_secret');
      const id = p.get('application_credential_id');
      if (id) return { methods: ['application_credential'], application_credential: { id, secret } };
      const name = p.get('application_credential_name');
      if (!name) throw new UsageError(`profile "${p.name}" needs application_credential_id or application_credential_name`);
      return { methods: ['application_credential'], application_credential: { name, secret, user: this.user() } };
    }
    return { methods: ['password'], password: { user: { ...this.user(), password: await env.secret('password') } } };
  }

  private user(): Record<string, unknown> {
    const p = this.profile;
    const id = p.get('user_id');
    if (id) return { id };
    const name = p.get('username');
    if (!name) throw new UsageError(`profile "${p.name}" has no username or user_id`, { hint: `storctl profile set ${p.name} username=NAME (or OS_USERNAME)` });
    return { name, domain: domainRef(p.get('user_domain_id'), p.get('user_domain_name')) };
  }

  private scope(): Record<string, unknown> | undefined {
    const p = this.profile;
    const projectId = p.get('project_id');
    if (projectId) return { project: { id: projectId } };
    const projectName = p.get('project_name');
    if (projectName) return { project: { name: projectName, domain: domainRef(p.get('project_domain_id'), p.get('project_domain_name') ?? undefined, p.get('user_domain_id'), p.get('user_domain_name')) } };
    const domainId = p.get('domain_id');
    const domainName = p.get('domain_name');
    if (domainId || domainName) return { domain: domainId ? { id: domainId } : { name: domainName } };
    const system = p.get('system_scope');
    if (system) return { system: { [system]: true } };
    return undefined;
  }
}

function domainRef(id?: string, name?: string, fallbackId?: string, fallbackName?: string): Record<string, string> {
  if (id) return { id };
  if (name) return { name };
  if (fallbackId) return { id: fallbackId };
  if (fallbackName) return { name: fallbackName };
  return { id: 'default' }; // what keystoneauth users get from OS_*_DOMAIN_NAME=Default
}

export function parseV3Token(token: string, body: any, base: string): TokenRecord {
  const catalog: CatalogService[] | undefined = Array.isArray(body?.catalog)
    ? body.catalog.map((s: any) => ({
        type: String(s.type),
        name: String(s.name ?? ''),
        endpoints: (s.endpoints ?? []).map((e: any) => ({ interface: e.interface, region: e.region_id ?? e.region, url: String(e.url) })),
      }))
    : undefined;
  const scoped = !!(body?.project || body?.domain || body?.system);
  return {
    v: 1,
    authType: 'keystone-v3',
    authUrl: base,
    token,
    expiresAt: body?.expires_at ? new Date(body.expires_at).toISOString() : undefined,
    issuedAt: body?.issued_at ? new Date(body.issued_at).toISOString() : undefined,
    identity: {
      user: body?.user?.name,
      userId: body?.user?.id,
      userDomain: body?.user?.domain?.name,
      project: body?.project?.name,
      projectId: body?.project?.id,
      projectDomain: body?.project?.domain?.name,
      domainScope: body?.domain?.name,
      system: body?.system ? true : undefined,
      roles: Array.isArray(body?.roles) ? body.roles.map((r: any) => r.name) : undefined,
    },
    catalog,
    unscoped: !scoped || undefined,
  };
}
