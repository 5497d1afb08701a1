// One record shape for both transports. gRPC hands us proto-loader objects (64-bit integers as
// strings, Timestamps as {seconds, nanos}, enum names, a virtual property per oneof, unset
// fields absent); the REST gateway hands us grpc-gateway JSON (64-bit strings, RFC 3339
// timestamps, enum names, zero values left out). Both become:
//
//  - proto field names (as declared: `volume_id`, `ha_level`, `fpConfig`);
//  - 64-bit integers as JSON numbers when they fit in a double exactly (sizes, counts, bytes),
//    as decimal strings otherwise; identifiers (`id`, `*_id`, `*_ids`) always stay strings;
//  - enums as their value names;
//  - Timestamps as ISO 8601 / RFC 3339 UTC strings with Go's 0/3/6/9 fraction digits;
//  - bytes as base64;
//  - every scalar, enum, list and map field of a message that is present, with its proto3
//    default when the server left it out (0, false, "", the enum's zero name, [], {}), like
//    protojson's EmitUnpopulated: a script can read `.spec.shared` and get false, not null.
//    Unset sub-messages and unset oneof/optional members stay absent (they have no default);
//  - no oneof marker properties; map keys sorted (servers send maps in any order).
import { formatTimestamp, parseTimestamp } from './codec.js';
import { INT32_SCALARS, LONG_SCALARS, TIMESTAMP_TYPE, type FieldInfo, type MessageInfo, type ProtoSchema, type ValueType } from './schema.js';

export type Rec = Record<string, unknown>;
export type Source = 'grpc' | 'gateway';

const ID_LIKE = /(^|_)ids?$/i;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

/** Normalises one message of type `typeName` (short or full name) from either transport. */
export function normalize(schema: ProtoSchema, typeName: string, value: unknown, source: Source): Rec {
  return message(schema, schema.message(typeName), isObject(value) ? value : {}, source);
}

function message(schema: ProtoSchema, msg: MessageInfo, src: Record<string, unknown>, source: Source): Rec {
  const out: Rec = {};
  for (const f of msg.fields) {
    let v = src[f.name];
    if ((v === undefined || v === null) && source === 'gateway') v = src[f.jsonName];
    const present = v !== undefined && v !== null;
    if (f.oneof || f.optional) {
      if (!present) continue;
    }
    if (f.map) {
      const entries = isObject(v) ? Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : [];
      out[f.name] = Object.fromEntries(entries.map(([k, x]) => [k, item(schema, f.map!.value, x, f.name, source)]));
    } else if (f.repeated) {
      out[f.name] = Array.isArray(v) ? v.map((x) => item(schema, f, x, f.name, source)) : [];
    } else if (!present) {
      if (f.kind !== 'message') out[f.name] = zero(schema, f);
    } else {
      out[f.name] = item(schema, f, v, f.name, source);
    }
  }
  return out;
}

function item(schema: ProtoSchema, t: ValueType, v: unknown, name: string, source: Source): unknown {
  if (t.kind === 'message') {
    if (t.type === TIMESTAMP_TYPE) return timestamp(v, source);
    return message(schema, schema.message(t.type), isObject(v) ? v : {}, source);
  }
  if (t.kind === 'enum') {
    if (typeof v === 'number') return schema.enumInfo(t.type).byNumber.get(v) ?? v;
    return String(v);
  }
  return scalar(t.type, v, name);
}

function scalar(type: string, v: unknown, name: string): unknown {
  if (LONG_SCALARS.has(type)) {
    const text = String(v);
    if (ID_LIKE.test(name)) return text;
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : text;
  }
  if (INT32_SCALARS.has(type)) return Number(v);
  switch (type) {
    case 'double':
    case 'float':
      return typeof v === 'number' ? v : Number(v);
    case 'bool':
      return v === true || v === 'true';
    case 'string':
      return String(v);
    case 'bytes':
      if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
      return String(v);
    default:
      return v;
  }
}

function zero(schema: ProtoSchema, f: FieldInfo): unknown {
  if (f.kind === 'enum') return schema.enumInfo(f.type).byNumber.get(0) ?? 0;
  if (LONG_SCALARS.has(f.type)) return ID_LIKE.test(f.name) ? '0' : 0;
  if (INT32_SCALARS.has(f.type) || f.type === 'double' || f.type === 'float') return 0;
  if (f.type === 'bool') return false;
  return '';
}

function timestamp(v: unknown, source: Source): string | undefined {
  if (source === 'grpc' || isObject(v)) return formatTimestamp(v);
  const s = String(v);
  try {
    return formatTimestamp(parseTimestamp(s));
  } catch {
    return s;
  }
}

/**
 * Flattens gateway JSON of a request into query parameters the way grpc-gateway reads them:
 * dotted paths for nested messages, a repeated key per list item. Maps (which grpc-gateway v1
 * cannot take from a query string) and `skip`ped top-level fields (path parameters) are left out.
 */
export function queryParams(schema: ProtoSchema, typeName: string, json: Rec, skip: ReadonlySet<string> = new Set()): [string, string][] {
  const out: [string, string][] = [];
  const walk = (msg: MessageInfo, obj: Rec, prefix: string) => {
    for (const f of msg.fields) {
      const v = obj[f.name];
      if (v === undefined || v === null || f.map) continue;
      if (prefix === '' && skip.has(f.name)) continue;
      const key = prefix + f.name;
      if (f.kind === 'message' && f.type !== TIMESTAMP_TYPE) {
        if (f.repeated) continue;
        walk(schema.message(f.type), v as Rec, `${key}.`);
      } else if (Array.isArray(v)) {
        for (const x of v) out.push([key, String(x)]);
      } else {
        out.push([key, String(v)]);
      }
    }
  };
  walk(schema.message(typeName), json, '');
  return out;
}
