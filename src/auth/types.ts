// What authentication produces and the token cache keeps.
import type { AuthType } from '../config/schema.js';

export interface Identity {
  user?: string;
  userId?: string;
  userDomain?: string;
  project?: string;
  projectId?: string;
  projectDomain?: string;
  domainScope?: string;
  system?: boolean;
  roles?: string[];
}

export interface CatalogEndpoint {
  interface: 'public' | 'internal' | 'admin';
  region?: string;
  url: string;
}

export interface CatalogService {
  type: string;
  name: string;
  endpoints: CatalogEndpoint[];
}

/** One obtained credential: what a cache entry holds. Times are ISO 8601. */
export interface TokenRecord {
  v: 1;
  authType: AuthType | 'keystone-v3' | 'keystone-v2';
  authUrl?: string;
  token: string;
  expiresAt?: string;
  issuedAt?: string;
  identity: Identity;
  catalog?: CatalogService[];
  /** Swift v1: where the account lives. */
  storageUrl?: string;
  /** True when the token has no project/domain/system scope. */
  unscoped?: boolean;
}

export interface AuthSession {
  authType: string;
  /** Headers that authenticate a request (empty for auth_type none). */
  headers: Record<string, string>;
  record?: TokenRecord;
  /** Where the credential came from this time. */
  origin: 'cache' | 'fresh' | 'static' | 'none';
  /** The token is in the token cache (came from it, or was stored there now). */
  stored?: boolean;
}

/** Seconds before expiry at which a cached token counts as stale. */
export const REFRESH_MARGIN_MS = 2 * 60 * 1000;

export function isFresh(record: TokenRecord, now = Date.now()): boolean {
  if (!record.expiresAt) return true;
  return Date.parse(record.expiresAt) - now > REFRESH_MARGIN_MS;
}
