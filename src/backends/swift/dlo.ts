// Dynamic large objects: a (zero-byte) manifest whose X-Object-Manifest "container/prefix" names
// its segments, every object listed under the prefix, in listing order. Swift's dlo middleware
// URL-unquotes the value and splits it at the first "/". What `swift upload -S` writes, what
// `swift delete` removes (python-swiftclient 4.1: the objects under prefix.rstrip("/") + "/"),
// and how a value is checked (dlo.py _validate_x_object_manifest_header) live here.
import { NotFoundError, UsageError } from '../../framework/errors.js';
import type { SwiftClient } from './client.js';
import { listObjects, type ObjectRow } from './listing.js';

export interface DloRef {
  container: string;
  /** The prefix as the manifest has it (unquoted). */
  prefix: string;
}

function unquote(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

/** X-Object-Manifest → container and prefix; undefined for a value Swift would refuse on PUT. */
export function parseManifestHeader(value: string | undefined): DloRef | undefined {
  if (value === undefined) return undefined;
  const v = unquote(value.trim());
  const i = v.indexOf('/');
  if (i <= 0) return undefined;
  return { container: v.slice(0, i), prefix: v.slice(i + 1) };
}

/** The checks Swift's dlo middleware makes on a PUT (storctl makes them on a POST too). */
export function checkManifestValue(value: string, flag = '--header X-Object-Manifest'): string {
  const v = value.trim();
  const i = v.indexOf('/');
  const container = i > 0 ? v.slice(0, i) : '';
  const prefix = i > 0 ? v.slice(i + 1) : '';
  if (!container || !prefix || v.includes('?') || v.includes('&') || prefix.startsWith('/')) {
    throw new UsageError(`${flag}: "${value}" is not CONTAINER/PREFIX`, {
      hint: 'the segments are the objects of CONTAINER whose names start with PREFIX, e.g. X-Object-Manifest: c_segments/big.iso/ (URL-encoded; no "?" or "&")',
    });
  }
  return v;
}

/**
 * The prefix whose objects are deleted with the manifest: the manifest's prefix up to a "/" (as
 * `swift delete` lists them). A prefix like "big" (no trailing "/") could name other objects'
 * data too ("big.bak/…"): only "big/…" is taken.
 */
export function segmentPrefix(ref: DloRef): string {
  return ref.prefix.replace(/\/+$/, '') + '/';
}

/** Python's urllib.parse.quote (safe "/"), as swiftclient quotes the X-Object-Manifest it writes. */
export function pyQuote(s: string): string {
  return encodeURIComponent(s)
    .replace(/%2F/gi, '/')
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The X-Object-Manifest value for segments `<container>/<prefix>`. */
export function manifestValue(segContainer: string, prefix: string): string {
  return `${pyQuote(segContainer)}/${pyQuote(prefix)}`;
}

/** The segments as the dlo middleware serves them (every object under the manifest's exact prefix). */
export async function* dloSegments(swift: SwiftClient, ref: DloRef, prefix = ref.prefix): AsyncGenerator<ObjectRow> {
  try {
    for await (const row of listObjects(swift, ref.container, { prefix })) yield row;
  } catch (err) {
    // No segment container: no segments (the manifest reads as 0 bytes).
    if (err instanceof NotFoundError) return;
    throw err;
  }
}
