// Pieces both Keystone versions share: version discovery and error mapping.
import { AuthError, errorForStatus, NetworkError, type StorctlError } from '../framework/errors.js';
import type { HttpClient, HttpResponse } from '../transport/http.js';

export type KeystoneVersion = '3' | '2.0';

/** Splits "https://ks:5000/v3" into its version and the versioned base URL. */
export function versionFromUrl(url: string): { version?: KeystoneVersion; base: string } {
  const u = url.replace(/\/+$/, '');
  if (/\/v3(\.\d+)?$/.test(u)) return { version: '3', base: u.replace(/\/v3\.\d+$/, '/v3') };
  if (/\/v2\.0$/.test(u)) return { version: '2.0', base: u };
  return { base: u };
}

/** Finds the versioned endpoint: from the URL, the profile, or Keystone's version document. */
export async function discoverKeystone(http: HttpClient, authUrl: string, wanted?: string): Promise<{ version: KeystoneVersion; base: string }> {
  const fromUrl = versionFromUrl(authUrl);
  const want: KeystoneVersion | undefined = wanted ? (wanted.startsWith('2') ? '2.0' : '3') : undefined;
  if (fromUrl.version && (!want || want === fromUrl.version)) return { version: fromUrl.version, base: fromUrl.base };
  const root = fromUrl.version ? fromUrl.base.replace(/\/v(3|2\.0)$/, '') : fromUrl.base;
  if (want) return { version: want, base: `${root}/v${want}` };
  let res: HttpResponse;
  try {
    res = await http.request({ method: 'GET', url: root, headers: { accept: 'application/json' } });
  } catch (err) {
    if (err instanceof NetworkError) throw err;
    return { version: '3', base: `${root}/v3` };
  }
  if (res.status !== 200 && res.status !== 300) return { version: '3', base: `${root}/v3` };
  let values: any[] = [];
  try {
    const doc = res.json();
    values = doc?.versions?.values ?? doc?.versions ?? (doc?.version ? [doc.version] : []);
  } catch {
    /* not a version document: assume v3 below */
  }
  const pick = (prefix: string) => values.find((v) => typeof v?.id === 'string' && v.id.startsWith(prefix) && v.status !== 'deprecated_removed');
  const v3 = pick('v3');
  const v2 = pick('v2.0');
  const chosen = v3 ?? v2;
  if (!chosen) return { version: '3', base: `${root}/v3` };
  const self = (chosen.links ?? []).find((l: any) => l.rel === 'self')?.href as string | undefined;
  const version: KeystoneVersion = chosen === v3 ? '3' : '2.0';
  return { version, base: (self ?? `${root}/v${version}`).replace(/\/+$/, '') };
}

/** Keystone's error JSON ({"error": {"message", "code", "title"}}) to a typed error. */
export function keystoneError(res: HttpResponse, what: string, profileName: string, authUrl: string): StorctlError {
  let detail = '';
  try {
    const body = res.json();
    detail = body?.error?.message ?? body?.message ?? '';
  } catch {
    detail = res.text().slice(0, 200);
  }
  if (res.status === 401) {
    return new AuthError(`authentication failed for profile "${profileName}" at ${authUrl}: ${detail || 'HTTP 401'}`, {
      hint: 'check the user name, password, domain and project (storctl profile explain)',
      details: { status: 401 },
    });
  }
  if (res.status === 404) {
    return new AuthError(`${what}: ${authUrl} answered HTTP 404`, {
      hint: 'the auth URL or Keystone version is wrong: try the URL ending in /v3, or set identity_api_version',
      details: { status: 404 },
    });
  }
  return errorForStatus(res.status, `${what} at ${authUrl} failed: HTTP ${res.status}${detail ? `: ${detail}` : ''}`);
}
