// Names and URLs: which storage URL a profile talks to, how container and object names are
// checked and percent-encoded into request paths, and where the cluster's /info lives.
import type { Context } from '../../framework/context.js';
import { UsageError } from '../../framework/errors.js';
import { serviceEndpoint } from '../../auth/catalog.js';
import { getSession } from '../../auth/session.js';

/**
 * The account's storage URL: the profile's `endpoint` when set, else the one v1 auth returned
 * (X-Storage-Url), else the catalog's `object-store` endpoint (Keystone profiles).
 */
export async function storageUrl(ctx: Context): Promise<string> {
  const profile = await ctx.profile();
  const endpoints = profile.get<string[]>('endpoint') ?? [];
  const first = Array.isArray(endpoints) ? endpoints[0] : (endpoints as unknown as string | undefined);
  if (first) return trimSlash(first);
  const session = await getSession(ctx);
  if (session.record?.storageUrl) return trimSlash(session.record.storageUrl);
  return trimSlash((await serviceEndpoint(ctx, ['object-store'])).url);
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** `/info` sits at the proxy root: the storage URL up to its `/v1` (or `/v1.0`) path part. */
export function infoUrl(storage: string): string {
  const u = new URL(storage);
  const i = u.pathname.search(/\/v1(\.0)?(\/|$)/);
  const root = i >= 0 ? u.pathname.slice(0, i) : '';
  return `${u.origin}${root}/info`;
}

export function checkContainer(name: string): string {
  if (!name) throw new UsageError('the container name is empty');
  if (name.includes('/')) throw new UsageError(`container name "${name}" contains "/"`, { hint: 'container names cannot contain slashes; put the rest into the object name' });
  if (Buffer.byteLength(name) > 256) throw new UsageError(`container name "${name.slice(0, 40)}…" is longer than 256 bytes`);
  return name;
}

export function checkObject(name: string): string {
  if (!name) throw new UsageError('the object name is empty');
  if (Buffer.byteLength(name) > 1024) throw new UsageError(`object name "${name.slice(0, 40)}…" is longer than 1024 bytes`);
  return name;
}

/** Percent-encodes a name for a path; "/" inside object names stays a separator. */
export function encodeName(name: string): string {
  return name.split('/').map(encodeURIComponent).join('/');
}

/** `/container[/object]`, encoded. */
export function objectPath(container?: string, object?: string): string {
  if (container === undefined) return '';
  return `/${encodeURIComponent(container)}${object === undefined ? '' : `/${encodeName(object)}`}`;
}

/** "container/object" as users type it (for messages). */
export function display(container: string, object?: string): string {
  return object === undefined ? `container "${container}"` : `object "${container}/${object}"`;
}

/** Splits "container/object…" (the first "/" separates). */
export function splitPath(spec: string): [string, string | undefined] {
  const s = spec.replace(/^\/+/, '');
  const i = s.indexOf('/');
  if (i < 0) return [s, undefined];
  const obj = s.slice(i + 1);
  return [s.slice(0, i), obj === '' ? undefined : obj];
}
