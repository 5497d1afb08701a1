// Temporary URLs: HMAC over "METHOD\nEXPIRES\nPATH" with the account's (or container's)
// Temp-URL key. The signature is a secret of its own: it is only ever printed as the result.
import { createHmac } from 'node:crypto';
import { UsageError } from '../../framework/errors.js';
import { registerSecret } from '../../transport/redact.js';
import type { SwiftClient } from './client.js';
import { encodeName } from './paths.js';

export type Digest = 'sha1' | 'sha256' | 'sha512';

export interface TempUrlInput {
  container: string;
  object: string;
  method: string;
  /** Unix seconds. */
  expires: number;
  key: string;
  digest: Digest;
  /** Sign a prefix of object names instead of one object. */
  prefix?: boolean;
  filename?: string;
  inline?: boolean;
}

export function signTempUrl(base: string, t: TempUrlInput): { url: string; path: string } {
  const u = new URL(base);
  const accountPath = decodeURIComponent(u.pathname).replace(/\/+$/, '');
  const objPath = `${accountPath}/${t.container}/${t.object}`;
  const hmacPath = t.prefix ? `prefix:${objPath}` : objPath;
  const sig = createHmac(t.digest, t.key).update(`${t.method}\n${t.expires}\n${hmacPath}`).digest('hex');
  registerSecret(sig);
  const encodedPath = `${u.pathname.replace(/\/+$/, '')}/${encodeURIComponent(t.container)}/${encodeName(t.object)}`;
  const q = [`temp_url_sig=${sig}`, `temp_url_expires=${t.expires}`];
  if (t.prefix) q.push(`temp_url_prefix=${encodeURIComponent(t.object)}`);
  if (t.filename) q.push(`filename=${encodeURIComponent(t.filename)}`);
  if (t.inline) q.push('inline');
  return { url: `${u.origin}${encodedPath}?${q.join('&')}`, path: objPath };
}

/** The Temp-URL key: given, else the container's, else the account's. */
export async function findTempUrlKey(swift: SwiftClient, container: string): Promise<string> {
  const c = await swift.head(container).catch(() => undefined);
  const fromContainer = c?.['x-container-meta-temp-url-key'] ?? c?.['x-container-meta-temp-url-key-2'];
  if (fromContainer) return fromContainer;
  const a = await swift.head(undefined, undefined).catch(() => undefined);
  const fromAccount = a?.['x-account-meta-temp-url-key'] ?? a?.['x-account-meta-temp-url-key-2'];
  if (fromAccount) return fromAccount;
  throw new UsageError('no Temp-URL key is set on the account or the container', {
    hint: 'set one with `storctl account set --temp-url-key KEY` (or container set --temp-url-key), or pass --key',
  });
}
