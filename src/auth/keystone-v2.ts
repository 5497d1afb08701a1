// Keystone v2.0 (still behind ViPR/ECS and old clouds): passwordCredentials or token +
// tenantName/tenantId; with no tenant given, an unscoped token lists the tenants and is
// re-scoped to the only one.
import { AuthError, UsageError } from '../framework/errors.js';
import type { ResolvedProfile } from '../config/resolve.js';
import { registerSecret } from '../transport/redact.js';
import type { AuthProvider, ProviderEnv } from './provider.js';
import type { CatalogEndpoint, CatalogService, TokenRecord } from './types.js';
import { discoverKeystone, keystoneError } from './keystone-common.js';

export class KeystoneV2Provider implements AuthProvider {
  readonly type = 'keystone-v2';
  constructor(
    private readonly profile: ResolvedProfile,
    private readonly method: 'password' | 'token',
  ) {}

  private get authUrl(): string {
    const url = this.profile.get('auth_url');
    if (!url) throw new UsageError(`profile "${this.profile.name}" has no auth_url`, { hint: `storctl profile set ${this.profile.name} auth_url=https://keystone:5000/v2.0` });
    return url;
  }

  private tenant(): Record<string, string> | undefined {
    const id = this.profile.get('project_id');
    if (id) return { tenantId: id };
    const name = this.profile.get('project_name');
    return name ? { tenantName: name } : undefined;
  }

  cacheParts() {
    const t = this.tenant();
    return [this.type, this.authUrl, this.method, this.profile.get('username') ?? this.profile.get('user_id'), t?.tenantId ?? t?.tenantName];
  }

  secretNames() {
    return [this.method === 'token' ? 'token' : 'password'] as const;
  }

  unscopedParts() {
    if (this.method !== 'password' || !this.tenant()) return undefined;
    return [this.type, this.authUrl, this.method, this.profile.get('username') ?? this.profile.get('user_id'), undefined];
  }

  headers(record: TokenRecord | undefined): Record<string, string> {
    return record ? { 'x-auth-token': record.token } : {};
  }

  async login(env: ProviderEnv, rescopeFrom?: TokenRecord): Promise<TokenRecord> {
    const { base } = await discoverKeystone(await env.http(), this.authUrl, '2.0');
    const tenant = this.tenant();
    let credentials: Record<string, unknown>;
    if (rescopeFrom) credentials = { token: { id: rescopeFrom.token } };
    else if (this.method === 'token') credentials = { token: { id: await env.secret('token') } };
    else {
      const username = this.profile.get('username');
      if (!username) throw new UsageError(`profile "${this.profile.name}" has no username`, { hint: `storctl profile set ${this.profile.name} username=NAME (or OS_USERNAME)` });
      credentials = { passwordCredentials: { username, password: await env.secret('password') } };
    }
    const first = await this.tokens(env, base, { ...credentials, ...(tenant ?? {}) });
    if (tenant || !first.unscoped) return first;
    // No tenant named: take the only one the user has, as the ViPR walkthrough does by hand.
    const res = await (await env.http()).request({ method: 'GET', url: `${base}/tenants`, headers: { accept: 'application/json', 'x-auth-token': first.token } });
    if (res.status !== 200) return first;
    const tenants: any[] = res.json()?.tenants ?? [];
    if (tenants.length !== 1) {
      if (tenants.length > 1) env.warn(`user has ${tenants.length} tenants (${tenants.map((t) => t.name).join(', ')}); set project_name to pick one`);
      return first;
    }
    return this.tokens(env, base, { token: { id: first.token }, tenantName: tenants[0].name });
  }

  private async tokens(env: ProviderEnv, base: string, auth: Record<string, unknown>): Promise<TokenRecord> {
    const res = await (await env.http()).request({ method: 'POST', url: `${base}/tokens`, headers: { accept: 'application/json' }, json: { auth }, idempotent: true });
    if (res.status !== 200 && res.status !== 203) throw keystoneError(res, 'Keystone v2.0 authentication', this.profile.name, this.authUrl);
    const access = res.json()?.access;
    const token = access?.token?.id;
    if (typeof token !== 'string') throw new AuthError(`Keystone v2.0 at ${base} returned no token id`);
    registerSecret(token);
    return parseV2Access(access, base);
  }
}

export function parseV2Access(access: any, base: string): TokenRecord {
  const catalog: CatalogService[] = (access.serviceCatalog ?? []).map((s: any) => ({
    type: String(s.type),
    name: String(s.name ?? ''),
    endpoints: (s.endpoints ?? []).flatMap((e: any) => {
      const out: CatalogEndpoint[] = [];
      if (e.publicURL) out.push({ interface: 'public', region: e.region, url: e.publicURL });
      if (e.internalURL) out.push({ interface: 'internal', region: e.region, url: e.internalURL });
      if (e.adminURL) out.push({ interface: 'admin', region: e.region, url: e.adminURL });
      return out;
    }),
  }));
  const tenant = access.token?.tenant;
  const expires = access.token?.expires;
  return {
    v: 1,
    authType: 'keystone-v2',
    authUrl: base,
    token: access.token.id,
    expiresAt: expires ? parseV2Time(expires) : undefined,
    issuedAt: access.token?.issued_at ? parseV2Time(access.token.issued_at) : undefined,
    identity: {
      user: access.user?.name ?? access.user?.username,
      userId: access.user?.id,
      project: tenant?.name,
      projectId: tenant?.id,
      roles: (access.user?.roles ?? []).map((r: any) => r.name),
    },
    catalog,
    unscoped: !tenant || undefined,
  };
}

/** v2 times come as ISO (sometimes without a zone: UTC) or, from ViPR, epoch milliseconds. */
function parseV2Time(v: string | number): string | undefined {
  if (typeof v === 'number' || /^\d+$/.test(String(v))) return new Date(Number(v)).toISOString();
  const s = String(v);
  const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
