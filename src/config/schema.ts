// Every setting a profile may hold: its type, what it is for, and which environment
// variables feed it. Names follow clouds.yaml where OpenStack has one, so admins can
// carry their habits (and files) over.
import type { BackendName } from '../framework/command.js';

export type SettingType = 'string' | 'boolean' | 'number' | 'list' | 'map';

export interface SettingSpec {
  key: string;
  type: SettingType;
  description: string;
  /** Never printed; shown as "(set, from …)". */
  secret?: boolean;
  choices?: readonly string[];
  /** OpenStack openrc / swift CLI variables, in priority order. */
  osEnv?: readonly string[];
  /** Backends for which the setting means something (absent = all). */
  backends?: readonly BackendName[];
  /**
   * What a value must look like beyond its type (validate.ts): `url` an http(s) URL (each value
   * of a map), `endpoint` URLs or host:port (which of them depends on the backend), `duration`
   * seconds or 90s/10m/1h.
   */
  format?: 'url' | 'endpoint' | 'duration';
}

export const AUTH_TYPES = [
  'keystone', // discover v3 or v2.0 from auth_url
  'v3password',
  'v3applicationcredential',
  'v3token',
  'v2password',
  'v2token',
  'swift-v1',
  'basic',
  'bearer',
  'oidc',
  'none',
  'password', // keystoneauth's name (OS_AUTH_TYPE=password): same as keystone
  'token', // keystoneauth's name: an existing Keystone token
] as const;
export type AuthType = (typeof AUTH_TYPES)[number];

const OS: readonly BackendName[] = ['openstack', 'swift'];

export const SETTINGS: readonly SettingSpec[] = [
  { key: 'backend', type: 'string', description: 'Which API this profile drives', choices: ['openstack', 'swift', 'openstorage', 'kumoscale'] },
  { key: 'auth_type', type: 'string', description: 'How to authenticate', choices: AUTH_TYPES, osEnv: ['OS_AUTH_TYPE'] },
  { key: 'auth_url', type: 'string', format: 'url', description: 'Keystone URL, or the Swift v1 auth URL (…/auth/v1.0)', osEnv: ['OS_AUTH_URL', 'ST_AUTH'], backends: OS },
  { key: 'endpoint', type: 'list', format: 'endpoint', description: 'Service URL(s): Swift storage URL, OpenStorage gRPC address, KumoScale provisioner URLs (tried in order)' },
  { key: 'endpoints', type: 'map', format: 'url', description: 'OpenStack endpoint overrides by service type (e.g. volumev3: https://…)', backends: OS },
  { key: 'rest_endpoint', type: 'string', format: 'url', description: 'OpenStorage REST gateway URL (derived only for the default gRPC ports: 9100 gives 9110, Portworx 9020 gives 9021)', backends: ['openstorage'] },
  { key: 'transport', type: 'string', description: 'OpenStorage transport', choices: ['grpc', 'rest'], backends: ['openstorage'] },
  { key: 'username', type: 'string', description: 'User name', osEnv: ['OS_USERNAME', 'ST_USER'] },
  { key: 'user_id', type: 'string', description: 'User id (instead of a name)', osEnv: ['OS_USER_ID'], backends: OS },
  { key: 'password', type: 'string', secret: true, description: 'Password or Swift key ("keyring" or "file" = stored by `profile set --password` in the OS keyring or the file store)', osEnv: ['OS_PASSWORD', 'ST_KEY'] },
  { key: 'user_domain_name', type: 'string', description: 'Domain of the user', osEnv: ['OS_USER_DOMAIN_NAME'], backends: OS },
  { key: 'user_domain_id', type: 'string', description: 'Domain id of the user', osEnv: ['OS_USER_DOMAIN_ID'], backends: OS },
  { key: 'project_name', type: 'string', description: 'Project (tenant) to scope to', osEnv: ['OS_PROJECT_NAME', 'OS_TENANT_NAME'], backends: OS },
  { key: 'project_id', type: 'string', description: 'Project (tenant) id to scope to', osEnv: ['OS_PROJECT_ID', 'OS_TENANT_ID'], backends: OS },
  { key: 'project_domain_name', type: 'string', description: 'Domain of the project', osEnv: ['OS_PROJECT_DOMAIN_NAME'], backends: OS },
  { key: 'project_domain_id', type: 'string', description: 'Domain id of the project', osEnv: ['OS_PROJECT_DOMAIN_ID'], backends: OS },
  { key: 'domain_name', type: 'string', description: 'Domain scope (instead of a project)', osEnv: ['OS_DOMAIN_NAME'], backends: OS },
  { key: 'domain_id', type: 'string', description: 'Domain id scope', osEnv: ['OS_DOMAIN_ID'], backends: OS },
  { key: 'system_scope', type: 'string', description: 'System scope ("all")', osEnv: ['OS_SYSTEM_SCOPE'], backends: OS },
  { key: 'application_credential_id', type: 'string', description: 'Keystone application credential id', osEnv: ['OS_APPLICATION_CREDENTIAL_ID'], backends: OS },
  { key: 'application_credential_name', type: 'string', description: 'Keystone application credential name', osEnv: ['OS_APPLICATION_CREDENTIAL_NAME'], backends: OS },
  { key: 'application_credential_secret', type: 'string', secret: true, description: 'Keystone application credential secret', osEnv: ['OS_APPLICATION_CREDENTIAL_SECRET'], backends: OS },
  { key: 'token', type: 'string', secret: true, description: 'A ready token (Keystone token, OpenStorage JWT, KumoScale token)', osEnv: ['OS_TOKEN'] },
  { key: 'token_command', type: 'string', description: 'Shell command whose stdout is the bearer token' },
  { key: 'token_url', type: 'string', format: 'url', description: 'OIDC token endpoint for the client-credentials grant', backends: ['kumoscale', 'openstorage'] },
  { key: 'client_id', type: 'string', description: 'OIDC client id', backends: ['kumoscale', 'openstorage'] },
  { key: 'client_secret', type: 'string', secret: true, description: 'OIDC client secret', backends: ['kumoscale', 'openstorage'] },
  { key: 'identity_api_version', type: 'string', description: 'Keystone API version (3 or 2.0); discovered when unset', osEnv: ['OS_IDENTITY_API_VERSION'], backends: OS },
  { key: 'region_name', type: 'string', description: 'Region for catalog endpoints', osEnv: ['OS_REGION_NAME'], backends: OS },
  { key: 'interface', type: 'string', description: 'Catalog interface', choices: ['public', 'internal', 'admin'], osEnv: ['OS_INTERFACE', 'OS_ENDPOINT_TYPE'], backends: OS },
  { key: 'volume_api_version', type: 'string', description: 'Cinder API version or microversion (2, 3, 3.59…)', osEnv: ['OS_VOLUME_API_VERSION'], backends: ['openstack'] },
  { key: 'cacert', type: 'string', description: 'CA bundle file for TLS verification', osEnv: ['OS_CACERT'] },
  { key: 'cert', type: 'string', description: 'Client certificate file (PEM; may also hold the key)', osEnv: ['OS_CERT'] },
  { key: 'key', type: 'string', description: 'Client private key file (PEM)', osEnv: ['OS_KEY'] },
  { key: 'insecure', type: 'boolean', description: 'Skip TLS verification (self-signed test servers only)', osEnv: ['OS_INSECURE'] },
  { key: 'timeout', type: 'number', description: 'Deadline of one API request in seconds (default 60; 0 = none)' },
  { key: 'connect_timeout', type: 'number', description: 'Connect timeout in seconds (default 10)' },
  { key: 'retry_budget', type: 'number', description: 'Seconds within which failed idempotent requests are retried (default 30; 0 = no retries)' },
  { key: 'low_speed_limit', type: 'number', description: 'A transfer slower than this many bytes/s for low_speed_time seconds has stalled (default 1024)' },
  { key: 'low_speed_time', type: 'number', description: 'Seconds below low_speed_limit before a transfer counts as stalled (default 30)' },
  { key: 'wait_timeout', type: 'string', format: 'duration', description: 'How long --wait waits (e.g. 10m; default 30m)' },
  { key: 'output', type: 'string', description: 'Default output format', choices: ['table', 'json', 'yaml', 'csv', 'value', 'ndjson'] },
  { key: 'secret_store', type: 'string', description: 'Where tokens and stored passwords live', choices: ['keyring', 'file', 'none'] },
  { key: 'cloud', type: 'string', description: 'Take unset settings from this clouds.yaml cloud', backends: OS },
];

/**
 * A secret setting whose value says where `profile set` stored it: "keyring" (the OS keyring) or
 * "file" (the file store under the data dir, used without a keyring). Either is looked up in
 * the credential store, keyring and files both, so a marker from an older storctl still works.
 */
export function isStoreMarker(value: unknown): value is 'keyring' | 'file' {
  return value === 'keyring' || value === 'file';
}

export const SETTINGS_BY_KEY: ReadonlyMap<string, SettingSpec> = new Map(SETTINGS.map((s) => [s.key, s]));

/** clouds.yaml spellings that differ from ours. */
export const SETTING_ALIASES: Readonly<Record<string, string>> = {
  tenant_name: 'project_name',
  tenant_id: 'project_id',
  region: 'region_name',
  endpoint_type: 'interface',
  auth_version: 'identity_api_version',
};
