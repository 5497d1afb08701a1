// The contract every auth provider meets, and what it may ask of its surroundings.
import type { HttpClient } from '../transport/http.js';
import type { ResolvedProfile } from '../config/resolve.js';
import type { TokenRecord } from './types.js';

export type SecretName = 'password' | 'application_credential_secret' | 'client_secret' | 'token';

export interface ProviderEnv {
  /** The transport, created on first use (a cache hit never loads it). */
  http(): Promise<HttpClient>;
  profile: ResolvedProfile;
  /** A secret setting's value (from profile, env, keyring or a prompt); throws AuthError when none can be had. */
  secret(name: SecretName): Promise<string>;
  note(message: string): void;
  warn(message: string): void;
}

export interface AuthProvider {
  readonly type: string;
  /** Hashed into the token cache key; undefined when there is no token to cache. */
  cacheParts(): readonly unknown[] | undefined;
  /** The secrets a login sends: their keyed fingerprints join the cache key (cache-key.ts). */
  secretNames?(): readonly SecretName[];
  /** Obtains a credential over the network (or from a command, for bearer). */
  login(env: ProviderEnv, rescopeFrom?: TokenRecord): Promise<TokenRecord>;
  /** Request headers for a credential. */
  headers(record: TokenRecord | undefined): Record<string, string>;
  /** Parts of an unscoped token of the same identity, which can be re-scoped without a password. */
  unscopedParts?(): readonly unknown[] | undefined;
  /** Server-side revocation, where the API has it. */
  revoke?(env: ProviderEnv, record: TokenRecord): Promise<boolean>;
  /** Credentials that need no network: basic auth, a static bearer token, none. */
  staticRecord?(env: ProviderEnv): Promise<TokenRecord | undefined>;
}
