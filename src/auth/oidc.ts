// OIDC client-credentials grant: a token URL, client id and secret give a bearer token
// that is cached like any other.
import { AuthError, UsageError } from '../framework/errors.js';
import type { ResolvedProfile } from '../config/resolve.js';
import { registerSecret } from '../transport/redact.js';
import type { AuthProvider, ProviderEnv } from './provider.js';
import type { TokenRecord } from './types.js';

export class OidcClientCredentialsProvider implements AuthProvider {
  readonly type = 'oidc';
  constructor(private readonly profile: ResolvedProfile) {}

  private need(key: string): string {
    const v = this.profile.get(key);
    if (!v) throw new UsageError(`profile "${this.profile.name}" has no ${key} for the OIDC client-credentials grant`, { hint: `storctl profile set ${this.profile.name} ${key}=${key === 'token_url' ? 'https://…' : '…'}` });
    return v;
  }

  cacheParts() {
    return [this.type, this.need('token_url'), this.need('client_id')];
  }

  secretNames() {
    return ['client_secret'] as const;
  }

  headers(record: TokenRecord | undefined): Record<string, string> {
    return record ? { authorization: `Bearer ${record.token}` } : {};
  }

  async login(env: ProviderEnv): Promise<TokenRecord> {
    const url = this.need('token_url');
    const clientId = this.need('client_id');
    const secret = await env.secret('client_secret');
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret });
    const res = await (await env.http()).request({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: form.toString(), idempotent: true });
    if (res.status === 400 || res.status === 401) throw new AuthError(`OIDC token request for profile "${this.profile.name}" at ${url} was refused (HTTP ${res.status})`, { hint: 'check client_id and client_secret' });
    if (res.status !== 200) throw new AuthError(`OIDC token request at ${url} failed: HTTP ${res.status}`);
    const body = res.json();
    if (typeof body?.access_token !== 'string') throw new AuthError(`OIDC token endpoint ${url} returned no access_token`);
    registerSecret(body.access_token);
    const life = Number(body.expires_in);
    return {
      v: 1,
      authType: 'oidc',
      authUrl: url,
      token: body.access_token,
      issuedAt: new Date().toISOString(),
      expiresAt: Number.isFinite(life) && life > 0 ? new Date(Date.now() + life * 1000).toISOString() : undefined,
      identity: { user: clientId },
    };
  }
}
