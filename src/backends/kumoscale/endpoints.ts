// Provisioner URLs of a profile: HTTPS only, several per profile, tried in order; the one that
// answered last is tried first next time, like KIOXIA's own clients do (reference §1.1). That
// preference lives in a small 0600 JSON file under the cache directory, one per URL list.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../../framework/errors.js';
import { atomicWrite } from '../../util/atomic-write.js';

/** Validates and normalises the `endpoint` setting (a list, or one string with commas/spaces). */
export function parseEndpoints(raw: unknown, profile: string): string[] {
  const items = (Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : [])
    .flatMap((s) => s.split(/[\s,]+/))
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) {
    throw new UsageError(`profile "${profile}" has no endpoint (KumoScale provisioner URL)`, {
      hint: `storctl profile set ${profile} endpoint=https://PROVISIONER:8090 (several URLs are tried in order)`,
    });
  }
  const out: string[] = [];
  for (const item of items) {
    if (/^http:\/\//i.test(item)) {
      throw new UsageError(`provisioner URL ${item} uses http://, but the KumoScale provisioner API is served over HTTPS only`, {
        hint: `use ${item.replace(/^http:/i, 'https:')} (self-signed servers: set cacert in the profile, or --insecure)`,
      });
    }
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(item) ? item : `https://${item}`;
    let url: URL;
    try {
      url = new URL(withScheme);
    } catch {
      throw new UsageError(`provisioner URL "${item}" is not a URL`, { hint: 'e.g. https://10.0.0.5:8090' });
    }
    if (url.protocol !== 'https:') {
      throw new UsageError(`provisioner URL ${item} is not https://`, { hint: 'the KumoScale provisioner API is served over HTTPS only' });
    }
    const base = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
    if (!out.includes(base)) out.push(base);
  }
  return out;
}

/** `<cache>/kumoscale/<hash of the URL list>.json`. */
export function preferenceFile(cacheDir: string, endpoints: readonly string[]): string {
  const hash = createHash('sha256').update(endpoints.join('\n')).digest('hex').slice(0, 16);
  return join(cacheDir, 'kumoscale', `${hash}.json`);
}

export async function readPreferred(file: string, endpoints: readonly string[]): Promise<string | undefined> {
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as { preferred?: unknown };
    return typeof data.preferred === 'string' && endpoints.includes(data.preferred) ? data.preferred : undefined;
  } catch {
    return undefined;
  }
}

export async function writePreferred(file: string, endpoints: readonly string[], preferred: string): Promise<void> {
  const body = JSON.stringify({ endpoints, preferred, updatedAt: new Date().toISOString() }, null, 2) + '\n';
  await atomicWrite(file, body, 0o600);
}

/** The preferred URL first, then the others in profile order. */
export function orderEndpoints(endpoints: readonly string[], preferred?: string): string[] {
  if (!preferred || !endpoints.includes(preferred)) return [...endpoints];
  return [preferred, ...endpoints.filter((e) => e !== preferred)];
}
