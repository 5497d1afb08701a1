// Authentication (bearer JWT) and role-based authorization of the simulated
// OpenStorage SDK server, with the codes and messages a secured `osd` answers.

import { status } from '@grpc/grpc-js';
import { decodeJwt, verifyHmac } from './jwt.js';

/** An error carrying a gRPC status code; the gateway maps it to HTTP. */
export class StatusError extends Error {
  constructor(
    readonly code: status,
    message: string,
  ) {
    super(message);
  }
}

export interface SdkRule {
  services: string[];
  apis: string[];
}

export interface SdkRole {
  name: string;
  rules: SdkRule[];
}

export const SYSTEM_ADMIN = 'system.admin';
export const SYSTEM_VIEW = 'system.view';
export const SYSTEM_USER = 'system.user';
export const SYSTEM_GUEST = 'system.guest';

/** The roles a fresh role manager knows. */
export function builtinRoles(): SdkRole[] {
  return [
    { name: SYSTEM_ADMIN, rules: [{ services: ['*'], apis: ['*'] }] },
    {
      name: SYSTEM_VIEW,
      rules: [
        {
          services: ['*'],
          apis: ['*enumerate*', 'inspect*', 'stats', 'status', 'validate', 'capacityusage', 'watch'],
        },
        { services: ['identity'], apis: ['*'] },
      ],
    },
    {
      name: SYSTEM_USER,
      rules: [
        {
          services: ['volume', 'cloudbackup', 'credentials', 'objectstore', 'schedulepolicy', 'mountattach', 'migrate'],
          apis: ['*'],
        },
        { services: ['cluster', 'node'], apis: ['inspect*', 'enumerate*'] },
        { services: ['identity'], apis: ['*'] },
        { services: ['policy'], apis: ['*enumerate*', '*inspect*'] },
      ],
    },
    {
      name: SYSTEM_GUEST,
      rules: [
        { services: ['mountattach', 'volume', 'cloudbackup', 'migrate'], apis: ['*'] },
        { services: ['identity'], apis: ['version'] },
        { services: ['cluster', 'node'], apis: ['inspect*', 'enumerate*'] },
      ],
    },
  ];
}

function glob(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.toLowerCase().split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(value);
}

function listMatches(patterns: string[], value: string): boolean {
  let allowed = false;
  for (const p of patterns) {
    if (p.startsWith('!')) {
      if (glob(p.slice(1), value)) return false;
    } else if (glob(p, value)) {
      allowed = true;
    }
  }
  return allowed;
}

/** Service name as rules spell it: `OpenStorageMountAttach` → `mountattach`. */
export function ruleServiceName(service: string): string {
  return service.replace(/^OpenStorage/, '').toLowerCase();
}

export function roleAllows(role: SdkRole, service: string, rpc: string): boolean {
  const svc = ruleServiceName(service);
  const api = rpc.toLowerCase();
  return role.rules.some((r) => listMatches(r.services ?? [], svc) && listMatches(r.apis ?? [], api));
}

export interface Caller {
  /** False when the simulator runs without auth: every call is allowed and nothing is owned. */
  authEnabled: boolean;
  /** True when the call carried a valid token (false for guests). */
  authenticated: boolean;
  /** User name from the configured claim; undefined for guests and without auth. */
  username?: string;
  roles: string[];
  groups: string[];
  /** Sees and may change every resource (system.admin, or auth disabled). */
  isAdmin: boolean;
}

export interface AuthConfig {
  sharedSecret: string;
  issuer: string;
  usernameClaim: 'sub' | 'email' | 'name';
}

const OPEN_CALLER: Caller = { authEnabled: false, authenticated: false, roles: [], groups: [], isAdmin: true };

/**
 * Authenticates the `authorization` metadata value. Without auth every call is
 * allowed; without a token the caller is a guest.
 */
export function authenticate(config: AuthConfig | undefined, header: string | undefined, now = Date.now()): Caller {
  if (!config) return OPEN_CALLER;
  if (header === undefined) {
    return { authEnabled: true, authenticated: false, roles: [SYSTEM_GUEST], groups: [], isAdmin: false };
  }
  const parts = header.trim().split(/\s+/);
  if (parts.length !== 2 || parts[0]!.toLowerCase() !== 'bearer' || parts[1] === '') {
    throw new StatusError(status.UNAUTHENTICATED, 'Invalid or missing authentication token');
  }
  const jwt = decodeJwt(parts[1]!);
  const iss = jwt?.claims.iss;
  if (!jwt || typeof iss !== 'string' || iss === '') {
    throw new StatusError(status.UNAUTHENTICATED, 'Unable to obtain token issuer from authorization token');
  }
  if (iss !== config.issuer) {
    throw new StatusError(status.UNAUTHENTICATED, `${iss} is not a trusted issuer`);
  }
  const c = jwt.claims;
  const ok =
    verifyHmac(jwt, config.sharedSecret) &&
    typeof c.exp === 'number' &&
    c.exp * 1000 > now &&
    typeof c.iat === 'number' &&
    typeof c.sub === 'string' &&
    c.sub !== '' &&
    typeof c.name === 'string' &&
    typeof c.email === 'string';
  if (!ok) throw new StatusError(status.PERMISSION_DENIED, 'Unable to authenticate token');
  const roles = Array.isArray(c.roles) ? c.roles.filter((r): r is string => typeof r === 'string') : [];
  const groups = Array.isArray(c.groups) ? c.groups.filter((g): g is string => typeof g === 'string') : [];
  const username = String(c[config.usernameClaim] ?? c.sub);
  return { authEnabled: true, authenticated: true, username, roles, groups, isAdmin: roles.includes(SYSTEM_ADMIN) };
}

/** Checks the caller's roles against `/openstorage.api.<service>/<rpc>`. */
export function authorize(caller: Caller, service: string, rpc: string, roleLookup: (name: string) => SdkRole | undefined): void {
  if (!caller.authEnabled) return;
  const allowed = caller.roles.some((name) => {
    const role = roleLookup(name);
    return role !== undefined && roleAllows(role, service, rpc);
  });
  if (allowed) return;
  if (!caller.authenticated) {
    throw new StatusError(status.PERMISSION_DENIED, 'Access denied without authentication token');
  }
  throw new StatusError(
    status.PERMISSION_DENIED,
    `Access to /openstorage.api.${service}/${rpc} denied: rpc error: code = PermissionDenied desc = Access denied to roles: [${caller.roles.join(' ')}]`,
  );
}
