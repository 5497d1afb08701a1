// Identities and authorization: tempauth users and tokens (v1 auth), Keystone
// tokens through a TokenValidator, and Swift's container ACLs
// (X-Container-Read / X-Container-Write with referrer and group entries).

import { randomBytes } from 'node:crypto';
import type { TokenInfo, TokenValidator } from '../types.js';

export interface SwiftTempauthUser {
  account: string;
  user: string;
  key: string;
  /** .admin: full rights on AUTH_<account>. */
  admin: boolean;
  /** .reseller_admin: full rights on every account (may set X-Account-Meta-Quota-Bytes). */
  resellerAdmin?: boolean;
}

export interface Identity {
  kind: 'tempauth' | 'keystone' | 'anonymous';
  /** Home account, e.g. AUTH_test. */
  account?: string;
  /** account:user (tempauth) or project:user names (keystone). */
  user?: string;
  /** Owner of the home account (tempauth .admin, keystone admin/member). */
  operator: boolean;
  /** Keystone reader: GET/HEAD only on the home account. */
  reader: boolean;
  reseller: boolean;
  /** Names an ACL entry may use to grant access to this identity. */
  groups: Set<string>;
}

export const ANONYMOUS: Identity = { kind: 'anonymous', operator: false, reader: false, reseller: false, groups: new Set() };

interface TokenRecord {
  token: string;
  user: SwiftTempauthUser;
  expiresAt: number; // seconds (sim clock)
}

export class TempAuth {
  private readonly byToken = new Map<string, TokenRecord>();
  private readonly byUser = new Map<string, TokenRecord>();
  ttlSeconds: number;

  constructor(
    readonly users: SwiftTempauthUser[],
    ttlSeconds: number,
  ) {
    this.ttlSeconds = ttlSeconds;
  }

  findUser(spec: string, key: string): SwiftTempauthUser | undefined {
    const i = spec.indexOf(':');
    if (i <= 0) return undefined;
    const account = spec.slice(0, i);
    const user = spec.slice(i + 1);
    return this.users.find((u) => u.account === account && u.user === user && u.key === key);
  }

  /** The live token of a user (same token while it lives), or a new one. */
  issue(user: SwiftTempauthUser, now: number, forceNew = false): TokenRecord {
    const id = `${user.account}:${user.user}`;
    const cur = this.byUser.get(id);
    if (cur && cur.expiresAt > now && !forceNew) return cur;
    if (cur) this.byToken.delete(cur.token);
    const rec: TokenRecord = { token: 'AUTH_tk' + randomBytes(16).toString('hex'), user, expiresAt: now + this.ttlSeconds };
    this.byToken.set(rec.token, rec);
    this.byUser.set(id, rec);
    return rec;
  }

  lookup(token: string, now: number): TokenRecord | undefined {
    const rec = this.byToken.get(token);
    if (!rec) return undefined;
    if (rec.expiresAt <= now) {
      this.byToken.delete(token);
      if (this.byUser.get(`${rec.user.account}:${rec.user.user}`) === rec) this.byUser.delete(`${rec.user.account}:${rec.user.user}`);
      return undefined;
    }
    return rec;
  }

  expireAll(): void {
    this.byToken.clear();
    this.byUser.clear();
  }
}

export function tempauthIdentity(u: SwiftTempauthUser): Identity {
  const account = `AUTH_${u.account}`;
  const groups = new Set([u.account, `${u.account}:${u.user}`]);
  if (u.admin) groups.add(account);
  return { kind: 'tempauth', account, user: `${u.account}:${u.user}`, operator: u.admin, reader: false, reseller: !!u.resellerAdmin, groups };
}

const OPERATOR_ROLES = new Set(['admin', 'member', 'swiftoperator']);
const READER_ROLES = new Set(['reader']);
const RESELLER_ROLES = new Set(['reselleradmin']);

export function keystoneIdentity(t: TokenInfo): Identity {
  const roles = t.roles.map((r) => r.toLowerCase());
  const groups = new Set<string>();
  const projects = [t.projectId, t.projectName].filter((x): x is string => !!x);
  const users = [t.userId, t.userName].filter((x): x is string => !!x);
  for (const p of projects) {
    groups.add(`${p}:*`);
    for (const u of users) groups.add(`${p}:${u}`);
  }
  for (const u of users) groups.add(`*:${u}`);
  groups.add('*:*');
  for (const r of roles) groups.add(`role:${r}`);
  return {
    kind: 'keystone',
    account: t.projectId ? `AUTH_${t.projectId}` : undefined,
    user: `${t.projectName ?? t.projectId ?? ''}:${t.userName}`,
    operator: !!t.projectId && roles.some((r) => OPERATOR_ROLES.has(r)),
    reader: !!t.projectId && roles.some((r) => READER_ROLES.has(r)),
    reseller: roles.some((r) => RESELLER_ROLES.has(r)),
    groups,
  };
}

export function resolveToken(
  token: string,
  tempauth: TempAuth,
  validate: TokenValidator | undefined,
  now: number,
  onValidate: () => void,
): Identity | undefined {
  const rec = tempauth.lookup(token, now);
  if (rec) return tempauthIdentity(rec.user);
  if (!validate) return undefined;
  onValidate();
  let info: TokenInfo | undefined;
  try {
    info = validate(token);
  } catch {
    info = undefined;
  }
  if (!info) return undefined;
  if (info.expiresAt instanceof Date && info.expiresAt.getTime() <= Date.now()) return undefined;
  return keystoneIdentity(info);
}

// ---------------------------------------------------------------- ACLs

export interface ParsedAcl {
  referrers: string[];
  groups: string[];
}

/** Parse an ACL header. Throws a message string for the 400 Swift returns. */
export function parseAcl(value: string): ParsedAcl {
  const referrers: string[] = [];
  const groups: string[] = [];
  for (const raw of value.split(',')) {
    const v = raw.trim();
    if (!v) continue;
    if (v.startsWith('.')) {
      const colon = v.indexOf(':');
      const kind = (colon >= 0 ? v.slice(0, colon) : v).trim();
      if (kind === '.r' || kind === '.ref' || kind === '.referer' || kind === '.referrer') {
        const host = colon >= 0 ? v.slice(colon + 1).trim() : '';
        if (!host || host === '-') throw `No host/domain value after referrer designation in ACL: '${v}'`;
        referrers.push(host);
      } else if (kind === '.rlistings') {
        groups.push('.rlistings');
      }
      // unknown dot-designations are ignored, as Swift does
    } else {
      groups.push(v);
    }
  }
  return { referrers, groups };
}

/** Swift's referrer_allowed: the last matching rule wins; "-" prefixes deny. */
export function referrerAllowed(referer: string | undefined, referrers: string[]): boolean {
  let allow = false;
  let host = '';
  if (referer) {
    try {
      host = new URL(referer).hostname;
    } catch {
      host = '';
    }
  }
  for (const r of referrers) {
    const deny = r.startsWith('-');
    const m = deny ? r.slice(1) : r;
    const matches = m === '*' || (host !== '' && (m === host || (m.startsWith('.') && host.endsWith(m))));
    if (matches) allow = !deny;
  }
  return allow;
}

export type Level = 'account' | 'container' | 'object';

export interface AuthTarget {
  method: string;
  account: string;
  level: Level;
  read?: string;
  write?: string;
  referer?: string;
}

function aclGroupMatch(id: Identity, acl: ParsedAcl): boolean {
  for (const g of acl.groups) {
    if (g === '.rlistings') continue;
    if (id.groups.has(g)) return true;
    if (id.kind === 'keystone' && id.groups.has(`role:${g.toLowerCase()}`)) return true;
  }
  return false;
}

function safeAcl(v: string | undefined): ParsedAcl {
  if (!v) return { referrers: [], groups: [] };
  try {
    return parseAcl(v);
  } catch {
    return { referrers: [], groups: [] };
  }
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Decide a request: 'ok', 401 (anonymous/invalid) or 403 (authenticated but not allowed). */
export function authorize(id: Identity, t: AuthTarget): 'ok' | 401 | 403 {
  if (id.reseller) return 'ok';
  const isRead = READ_METHODS.has(t.method);
  if (id.account === t.account) {
    if (id.operator) return 'ok';
    if (id.reader && isRead) return 'ok';
    if (id.reader && !isRead) return 403;
  }
  const denied = id.kind === 'anonymous' ? 401 : 403;
  if (t.level === 'account') return denied;
  if (t.level === 'container') {
    if (!isRead) return denied;
    const acl = safeAcl(t.read);
    if (aclGroupMatch(id, acl)) return 'ok';
    if (acl.groups.includes('.rlistings') && referrerAllowed(t.referer, acl.referrers)) return 'ok';
    return denied;
  }
  if (isRead) {
    const acl = safeAcl(t.read);
    if (aclGroupMatch(id, acl) || referrerAllowed(t.referer, acl.referrers)) return 'ok';
    return denied;
  }
  const acl = safeAcl(t.write);
  if (aclGroupMatch(id, acl)) return 'ok';
  return denied;
}

/** Owners see X-Container-Read/Write; others do not. */
export function isOwner(id: Identity, account: string): boolean {
  return id.reseller || (id.account === account && id.operator);
}
