// Picks the auth provider a profile asks for, or the one its settings imply.
import { UsageError } from '../framework/errors.js';
import type { ResolvedProfile } from '../config/resolve.js';
import type { AuthType } from '../config/schema.js';
import type { AuthProvider } from './provider.js';
import { KeystoneV3Provider } from './keystone-v3.js';
import { KeystoneV2Provider } from './keystone-v2.js';
import { SwiftV1Provider } from './swift-v1.js';
import { BasicProvider, BearerProvider, NoneProvider } from './static.js';
import { OidcClientCredentialsProvider } from './oidc.js';
import { discoverKeystone, versionFromUrl } from './keystone-common.js';
import type { ProviderEnv } from './provider.js';
import type { TokenRecord } from './types.js';

export function impliedAuthType(p: ResolvedProfile): AuthType {
  const explicit = p.get<AuthType>('auth_type');
  if (explicit) return explicit;
  const hasToken = !!(p.get('token') || p.get('token_command'));
  switch (p.backend) {
    case 'openstack':
    case 'swift': {
      const url = p.get('auth_url') ?? '';
      if (p.backend === 'swift' && /\/auth\/v1(\.0)?\/?$|\/v1\.0\/?$/.test(url)) return 'swift-v1';
      if (p.get('application_credential_id') || p.get('application_credential_name')) return 'v3applicationcredential';
      if (p.get('token') && !p.get('username') && !p.get('user_id')) return 'v3token';
      return 'keystone';
    }
    case 'openstorage':
      return p.get('token_url') ? 'oidc' : hasToken ? 'bearer' : 'none';
    case 'kumoscale':
      return p.get('token_url') ? 'oidc' : hasToken ? 'bearer' : p.get('username') ? 'basic' : 'none';
  }
}

/**
 * The provider for a profile. "keystone" decides v2.0 or v3 from identity_api_version or the
 * URL's version suffix without a request; an unversioned URL is discovered at login (v3 first).
 */
export function providerFor(p: ResolvedProfile): AuthProvider {
  const type = impliedAuthType(p);
  switch (type) {
    case 'password':
    case 'keystone': {
      const wanted = p.get('identity_api_version');
      const fromUrl = versionFromUrl(p.get('auth_url') ?? '').version;
      const v2 = wanted ? wanted.startsWith('2') : fromUrl === '2.0';
      if (v2) return new KeystoneV2Provider(p, p.get('token') && !p.get('username') ? 'token' : 'password');
      if (wanted || fromUrl) return new KeystoneV3Provider(p, 'password');
      return new KeystoneAutoProvider(p);
    }
    case 'v3password':
      return new KeystoneV3Provider(p, 'password');
    case 'v3applicationcredential':
      return new KeystoneV3Provider(p, 'application_credential');
    case 'v3token':
      return new KeystoneV3Provider(p, 'token');
    case 'token':
      return versionFromUrl(p.get('auth_url') ?? '').version === '2.0' || p.get('identity_api_version')?.startsWith('2') ? new KeystoneV2Provider(p, 'token') : new KeystoneV3Provider(p, 'token');
    case 'v2password':
      return new KeystoneV2Provider(p, 'password');
    case 'v2token':
      return new KeystoneV2Provider(p, 'token');
    case 'swift-v1':
      return new SwiftV1Provider(p);
    case 'basic':
      return new BasicProvider(p);
    case 'bearer':
      return new BearerProvider(p);
    case 'oidc':
      return new OidcClientCredentialsProvider(p);
    case 'none':
      return new NoneProvider();
    default:
      throw new UsageError(`unknown auth_type "${type as string}"`);
  }
}

/** An unversioned auth URL: ask Keystone which versions it serves (v3 preferred) at login. */
class KeystoneAutoProvider implements AuthProvider {
  readonly type = 'keystone';
  private readonly v3: KeystoneV3Provider;
  private readonly v2: KeystoneV2Provider;
  constructor(private readonly profile: ResolvedProfile) {
    this.v3 = new KeystoneV3Provider(profile, 'password');
    this.v2 = new KeystoneV2Provider(profile, 'password');
  }
  cacheParts() {
    return ['keystone-auto', ...this.v3.cacheParts()];
  }
  secretNames() {
    return this.v3.secretNames();
  }
  unscopedParts() {
    const parts = this.v3.unscopedParts();
    return parts ? ['keystone-auto', ...parts] : undefined;
  }
  headers(record: TokenRecord | undefined): Record<string, string> {
    return this.v3.headers(record);
  }
  async login(env: ProviderEnv, rescopeFrom?: TokenRecord): Promise<TokenRecord> {
    const found = await discoverKeystone(await env.http(), this.profile.get('auth_url') ?? '');
    env.note(`keystone discovery: using v${found.version} at ${found.base}`);
    return found.version === '2.0' ? this.v2.login(env, rescopeFrom) : this.v3.login(env, rescopeFrom);
  }
  revoke(env: ProviderEnv, record: TokenRecord) {
    return record.authType === 'keystone-v3' ? this.v3.revoke(env, record) : Promise.resolve(false);
  }
}
