// A credential as users see it in `auth login|status -o json`: identity and expiry, never the token.
import type { ResolvedProfile } from '../config/resolve.js';
import type { TokenRecord } from './types.js';

export function describeRecord(profile: ResolvedProfile, authType: string, record: TokenRecord | undefined): Record<string, unknown> {
  const id = record?.identity ?? {};
  const expires = record?.expiresAt;
  return {
    profile: profile.name,
    backend: profile.backend,
    auth_type: authType,
    auth_url: record?.authUrl ?? profile.get('auth_url') ?? null,
    user: id.user ?? null,
    user_id: id.userId ?? null,
    user_domain: id.userDomain ?? null,
    project: id.project ?? null,
    project_id: id.projectId ?? null,
    project_domain: id.projectDomain ?? null,
    domain_scope: id.domainScope ?? null,
    system_scope: id.system ?? false,
    roles: id.roles ?? [],
    issued_at: record?.issuedAt ?? null,
    expires_at: expires ?? null,
    expired: expires ? Date.parse(expires) <= Date.now() : false,
    storage_url: record?.storageUrl ?? null,
  };
}

export const IDENTITY_COLUMNS = [
  { key: 'profile', header: 'Profile' },
  { key: 'backend', header: 'Backend' },
  { key: 'auth_type', header: 'Auth type' },
  { key: 'auth_url', header: 'Auth URL' },
  { key: 'user', header: 'User' },
  { key: 'user_id', header: 'User ID' },
  { key: 'user_domain', header: 'User domain' },
  { key: 'project', header: 'Project' },
  { key: 'project_id', header: 'Project ID' },
  { key: 'project_domain', header: 'Project domain' },
  { key: 'domain_scope', header: 'Domain scope' },
  { key: 'system_scope', header: 'System scope', format: 'bool' as const },
  { key: 'roles', header: 'Roles', format: 'list' as const },
  { key: 'issued_at', header: 'Issued', format: 'time' as const },
  { key: 'expires_at', header: 'Expires', format: 'time' as const },
  { key: 'expired', header: 'Expired', format: 'bool' as const },
  { key: 'storage_url', header: 'Storage URL' },
];
