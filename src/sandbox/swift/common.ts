// Request-side helpers shared by the account, container and object handlers:
// metadata validation and application, listing parameters and formats.

import type { Ctx } from './context.js';
import { failText, header } from './context.js';
import type { ListParams } from './store.js';
import { bestMatch, pyTitle, trueValue } from './util.js';

export const MAX_META_NAME = 128;
export const MAX_META_VALUE = 256;
export const MAX_META_COUNT = 90;
export const MAX_META_OVERALL = 4096;
export const MAX_HEADER_SIZE = 8192;
export const LISTING_LIMIT = 10000;
export const MAX_FILE_SIZE = 5368709122;
export const MAX_OBJECT_NAME = 1024;
export const MAX_CONTAINER_NAME = 256;

/** Request headers in arrival order, names lower-cased; '_' reads as '-' (WSGI cannot tell them apart). */
export function rawHeaders(ctx: Ctx): [string, string][] {
  const out: [string, string][] = [];
  const raw = ctx.req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i]!.toLowerCase().replace(/_/g, '-'), raw[i + 1]!]);
  return out;
}

/** Swift's check_metadata; returns false after sending the 400. */
export function checkMetadata(ctx: Ctx, target: 'account' | 'container' | 'object'): boolean {
  const prefix = `x-${target}-meta-`;
  let count = 0;
  let size = 0;
  for (const [name, value] of rawHeaders(ctx)) {
    if (value.length > MAX_HEADER_SIZE) {
      failText(ctx, 400, `Header value too long: ${pyTitle(name).slice(0, MAX_META_NAME)}`);
      return false;
    }
    if (!name.startsWith(prefix)) continue;
    const key = pyTitle(name).slice(prefix.length);
    if (!key) {
      failText(ctx, 400, 'Metadata name cannot be empty');
      return false;
    }
    count += 1;
    size += key.length + value.length;
    if (key.length > MAX_META_NAME) {
      failText(ctx, 400, `Metadata name too long: ${prefix}${key}`);
      return false;
    }
    if (value.length > MAX_META_VALUE) {
      failText(ctx, 400, `Metadata value longer than ${MAX_META_VALUE}: ${prefix}${key}`);
      return false;
    }
    if (count > MAX_META_COUNT) {
      failText(ctx, 400, `Too many metadata items; max ${MAX_META_COUNT}`);
      return false;
    }
    if (size > MAX_META_OVERALL) {
      failText(ctx, 400, `Total metadata too large; max ${MAX_META_OVERALL}`);
      return false;
    }
  }
  return true;
}

/** Apply X-<t>-Meta-* (empty value removes) and X-Remove-<t>-Meta-* to a metadata map. */
export function applyMeta(ctx: Ctx, target: 'account' | 'container', meta: Map<string, string>): void {
  const prefix = `x-${target}-meta-`;
  const remove = `x-remove-${target}-meta-`;
  for (const [name, value] of rawHeaders(ctx)) {
    if (name.startsWith(prefix)) {
      const key = pyTitle(name);
      if (value === '') meta.delete(key);
      else meta.set(key, value);
    } else if (name.startsWith(remove)) {
      meta.delete(pyTitle(prefix + name.slice(remove.length)));
    }
  }
}

/** Listing query parameters; undefined after sending 412 for a limit above the maximum. */
export function listParams(ctx: Ctx): ListParams | undefined {
  const q = ctx.query;
  let limit = LISTING_LIMIT;
  const given = q.get('limit');
  if (given && /^\d+$/.test(given)) {
    limit = Number(given);
    if (limit > LISTING_LIMIT) {
      failText(ctx, 412, `Maximum limit is ${LISTING_LIMIT}`, 'text/html; charset=UTF-8');
      return undefined;
    }
  }
  return {
    prefix: q.get('prefix') ?? '',
    marker: q.get('marker') ?? '',
    endMarker: q.get('end_marker') ?? '',
    delimiter: q.get('delimiter') ?? '',
    limit,
    reverse: trueValue(q.get('reverse')),
  };
}

const LISTING_TYPES = ['text/plain', 'application/json', 'application/xml', 'text/xml'];
const FORMATS: Record<string, string> = { json: 'application/json', xml: 'application/xml', plain: 'text/plain' };

/** The listing Content-Type (without charset), or undefined when nothing acceptable (406). */
export function listingType(ctx: Ctx): string | undefined {
  const fmt = ctx.query.get('format');
  if (fmt !== null) return FORMATS[fmt.toLowerCase()] ?? 'text/plain';
  return bestMatch(header(ctx, 'accept'), LISTING_TYPES);
}

export function wantsVary(ctx: Ctx): boolean {
  return ctx.query.get('format') === null;
}
