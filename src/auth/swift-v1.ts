// Swift v1 auth (tempauth, ViPR/ECS): GET the auth URL with X-Auth-User/X-Auth-Key and
// get back X-Storage-Url and X-Auth-Token.
import { AuthError, UsageError, errorForStatus } from '../framework/errors.js';
import type { ResolvedProfile } from '../config/resolve.js';
import { registerSecret } from '../transport/redact.js';
import type { AuthProvider, ProviderEnv } from './provider.js';
import type { TokenRecord } from './types.js';

/** ViPR documents a 24 h token life when the server does not say. */
const DEFAULT_LIFETIME_S = 24 * 3600;

export class SwiftV1Provider implements AuthProvider {
  readonly type = 'swift-v1';
  constructor(private readonly profile: ResolvedProfile) {}

  private get authUrl(): string {
    const url = this.profile.get('auth_url');
    if (!url) throw new UsageError(`profile "${this.profile.name}" has no auth_url`, { hint: `storctl profile set ${this.profile.name} auth_url=https://swift:8080/auth/v1.0 (or ST_AUTH)` });
    return url;
  }

  cacheParts() {
    return [this.type, this.authUrl, this.profile.get('username')];
  }

  secretNames() {
    return ['password'] as const;
  }

  headers(record: TokenRecord | undefined): Record<string, string> {
    return record ? { 'x-auth-token': record.token } : {};
  }

  async login(env: ProviderEnv): Promise<TokenRecord> {
    const user = this.profile.get('username');
    if (!user) throw new UsageError(`profile "${this.profile.name}" has no username`, { hint: 'Swift v1 users look like account:user (ST_USER)' });
    const key = await env.secret('password');
    const res = await (await env.http()).request({ method: 'GET', url: this.authUrl, headers: { 'x-auth-user': user, 'x-auth-key': key } });
    if (res.status === 401 || res.status === 403) {
      throw new AuthError(`authentication failed for profile "${this.profile.name}" at ${this.authUrl}: HTTP ${res.status}`, { hint: 'check the user (account:user) and key (storctl profile explain)', details: { status: res.status } });
    }
    if (res.status >= 300) throw errorForStatus(res.status, `Swift v1 auth at ${this.authUrl} failed: HTTP ${res.status}`, { hint: 'is auth_url the v1 auth path (…/auth/v1.0)?' });
    const token = res.headers['x-auth-token'] ?? res.headers['x-storage-token'];
    const storageUrl = res.headers['x-storage-url'];
    if (!token || !storageUrl) throw new AuthError(`Swift v1 auth at ${this.authUrl} returned no X-Auth-Token or X-Storage-Url`, { hint: 'is auth_url the v1 auth path (…/auth/v1.0)?' });
    registerSecret(token);
    const life = Number(res.headers['x-auth-token-expires']);
    const seconds = Number.isFinite(life) && life > 0 ? life : DEFAULT_LIFETIME_S;
    return {
      v: 1,
      authType: 'swift-v1',
      authUrl: this.authUrl,
      token,
      issuedAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + seconds * 1000).toISOString(),
      identity: { user, project: storageUrl.split('/').pop() },
      storageUrl,
    };
  }
}
