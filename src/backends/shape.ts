// Checking what a server sent before we rely on it. Backend mappers call these on the fields
// they use as identifiers (id, name, uuid...) and on the containers they page through; a server
// that sends something else is a ServerError (exit 7) naming the field and the server:
//   the server sent nonsense: volumes[0].name is a number, expected a string (http://…)
// Everything else passes as the server gave it; the renderer copes with any JSON value.
import { ServerError } from '../framework/errors.js';

/** "a number", "null", "an array"... for messages. */
export function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'missing';
  if (Array.isArray(v)) return 'an array';
  switch (typeof v) {
    case 'string':
      return 'a string';
    case 'number':
    case 'bigint':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'an object';
    default:
      return typeof v;
  }
}

/** The error for a field of the wrong type. `source` is the URL (or server) that sent it. */
export function nonsense(path: string, value: unknown, expected: string, source: string | undefined): ServerError {
  const what = value === undefined ? `${path} is missing` : `${path} is ${jsonType(value)}`;
  return new ServerError(`the server sent nonsense: ${what}, expected ${expected}${source ? ` (${source})` : ''}`, {
    details: { field: path, got: jsonType(value), expected, ...(source ? { source } : {}) },
  });
}

/** How an identifier field must look: required string, or a string that may be null/absent. */
export type FieldRule = 'string' | 'string?';

export function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** `value` must be a JSON object; returns it. */
export function checkObject(value: unknown, path: string, source: string | undefined): Record<string, unknown> {
  if (!isRecord(value)) throw nonsense(path, value, 'an object', source);
  return value;
}

/** `value` must be an array; returns it. */
export function checkArray(value: unknown, path: string, source: string | undefined): unknown[] {
  if (!Array.isArray(value)) throw nonsense(path, value, 'an array', source);
  return value;
}

/** An object whose identifier `fields` have the right type; returns it. */
export function checkRecord<T = Record<string, unknown>>(value: unknown, path: string, fields: Record<string, FieldRule>, source: string | undefined): T {
  const rec = checkObject(value, path, source);
  for (const [key, rule] of Object.entries(fields)) {
    const v = rec[key];
    if (typeof v === 'string') continue;
    if (rule === 'string?' && (v === null || v === undefined)) continue;
    throw nonsense(`${path}.${key}`, v, rule === 'string?' ? 'a string or null' : 'a string', source);
  }
  return rec as T;
}

/** The URL without its query string (for messages: no tokens, no long filters). */
export function sourceOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url;
  }
}
