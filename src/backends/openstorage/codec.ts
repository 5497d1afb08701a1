// Conversions between three shapes of the same OpenStorage message, shared by the storctl
// client (rest-client.ts, normalize.ts, the rpc command) and the simulator's gateway:
//  - "loader objects": what @grpc/proto-loader (keepCase, longs String, enums
//    String, defaults false, oneofs true) hands to and takes from grpc-js;
//    Timestamps are {seconds: "…", nanos: n}, bytes are Buffers;
//  - gateway JSON as grpc-gateway v1 (OrigName, no defaults) writes it:
//    proto field names, 64-bit ints as strings, enums by name, RFC 3339
//    timestamps, zero values left out;
//  - gateway input: JSON body (proto or lowerCamelCase names, numbers or
//    strings for 64-bit ints, enum names or numbers) plus path and query
//    parameters.

import {
  INT32_SCALARS,
  LONG_SCALARS,
  TIMESTAMP_TYPE,
  type FieldInfo,
  type MessageInfo,
  type ProtoSchema,
  type ValueType,
} from './schema.js';

/** A request the gateway cannot turn into a message (becomes INVALID_ARGUMENT / 400). */
export class CodecError extends Error {}

export type LoaderObject = Record<string, unknown>;

export interface TimestampObject {
  seconds: string;
  nanos: number;
}

// ---------------------------------------------------------------- timestamps

export function timestampFromDate(d: Date, extraNanos = 0): TimestampObject {
  const ms = d.getTime();
  const seconds = Math.floor(ms / 1000);
  return { seconds: String(seconds), nanos: (ms - seconds * 1000) * 1_000_000 + extraNanos };
}

export function timestampToDate(ts: unknown): Date | undefined {
  if (!ts || typeof ts !== 'object') return undefined;
  const o = ts as { seconds?: unknown; nanos?: unknown };
  const s = Number(o.seconds ?? 0);
  const n = Number(o.nanos ?? 0);
  return new Date(s * 1000 + Math.floor(n / 1_000_000));
}

/** RFC 3339 in UTC with 0, 3, 6 or 9 fraction digits, as Go's jsonpb prints it. */
export function formatTimestamp(ts: unknown): string {
  const o = (ts ?? {}) as { seconds?: unknown; nanos?: unknown };
  const seconds = Number(o.seconds ?? 0);
  const nanos = Number(o.nanos ?? 0);
  const base = new Date(seconds * 1000).toISOString().slice(0, 19);
  let frac = '';
  if (nanos !== 0) {
    frac = String(nanos).padStart(9, '0');
    while (frac.endsWith('000')) frac = frac.slice(0, -3);
    frac = `.${frac}`;
  }
  return `${base}${frac}Z`;
}

export function parseTimestamp(text: string): TimestampObject {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/.exec(text);
  if (!m) throw new CodecError(`bad Timestamp: parsing time ${JSON.stringify(text)} as RFC 3339 failed`);
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(ms)) throw new CodecError(`bad Timestamp: ${JSON.stringify(text)}`);
  if (zone && zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const [zh, zm] = zone.slice(1).split(':').map(Number);
    ms -= sign * ((zh ?? 0) * 60 + (zm ?? 0)) * 60_000;
  }
  const nanos = frac ? Number(frac.padEnd(9, '0')) : 0;
  return { seconds: String(Math.floor(ms / 1000)), nanos };
}

// ------------------------------------------------------------- zero values

function isZeroScalar(field: ValueType, v: unknown, schema: ProtoSchema): boolean {
  if (field.kind === 'enum') {
    if (typeof v === 'number') return v === 0;
    return schema.enumInfo(field.type).byName.get(String(v)) === 0;
  }
  if (field.kind === 'message') return false;
  switch (field.type) {
    case 'bool':
      return v === false;
    case 'string':
      return v === '';
    case 'bytes':
      return (v instanceof Uint8Array && v.length === 0) || v === '';
    default:
      return Number(v) === 0;
  }
}

/**
 * Returns a copy of a loader object without the fields a Go server would not
 * put on the wire: zero scalars and enum value 0 outside oneofs, empty lists
 * and maps. Used on every simulator response so gRPC clients see what a real
 * server sends.
 */
export function pruneMessage(schema: ProtoSchema, typeName: string, obj: unknown): LoaderObject {
  return walkPresent(schema, typeName, obj, (t, v) => pruneValue(schema, t, v));
}

/**
 * The fields proto3 puts on the wire (non-empty maps and lists, non-zero scalars, set oneof
 * members), each converted by `value`: the one walk behind pruning and gateway JSON.
 */
function walkPresent(schema: ProtoSchema, typeName: string, obj: unknown, value: (t: ValueType, v: unknown) => unknown): LoaderObject {
  const msg = schema.message(typeName);
  const src = (obj ?? {}) as LoaderObject;
  const out: LoaderObject = {};
  for (const f of msg.fields) {
    const v = src[f.name];
    if (v === undefined || v === null) continue;
    if (f.map) {
      const entries = Object.entries(v as Record<string, unknown>);
      if (entries.length === 0) continue;
      const m: Record<string, unknown> = {};
      for (const [k, val] of entries) m[k] = value(f.map.value, val);
      out[f.name] = m;
    } else if (f.repeated) {
      if (!Array.isArray(v) || v.length === 0) continue;
      out[f.name] = v.map((x) => value(f, x));
    } else {
      if (!f.oneof && !f.optional && isZeroScalar(f, v, schema)) continue;
      out[f.name] = value(f, v);
    }
  }
  return out;
}

function pruneValue(schema: ProtoSchema, t: ValueType, v: unknown): unknown {
  if (t.kind !== 'message') return v;
  if (t.type === TIMESTAMP_TYPE) {
    const o = v as { seconds?: unknown; nanos?: unknown };
    const r: Record<string, unknown> = {};
    if (o.seconds !== undefined && Number(o.seconds) !== 0) r['seconds'] = String(o.seconds);
    if (o.nanos !== undefined && Number(o.nanos) !== 0) r['nanos'] = Number(o.nanos);
    return r;
  }
  return pruneMessage(schema, t.type, v);
}

// ------------------------------------------------------------ JSON output

/** Loader object → gateway JSON (grpc-gateway v1 with OrigName, no defaults). */
export function toGatewayJson(schema: ProtoSchema, typeName: string, obj: unknown): Record<string, unknown> {
  return walkPresent(schema, typeName, obj, (t, v) => jsonValue(schema, t, v));
}

function jsonValue(schema: ProtoSchema, t: ValueType, v: unknown): unknown {
  if (t.kind === 'message') {
    if (t.type === TIMESTAMP_TYPE) return formatTimestamp(v);
    return toGatewayJson(schema, t.type, v);
  }
  if (t.kind === 'enum') {
    if (typeof v === 'number') return schema.enumInfo(t.type).byNumber.get(v) ?? v;
    return v;
  }
  if (LONG_SCALARS.has(t.type)) return String(v);
  if (t.type === 'double' || t.type === 'float') {
    const n = Number(v);
    if (Number.isNaN(n)) return 'NaN';
    if (n === Infinity) return 'Infinity';
    if (n === -Infinity) return '-Infinity';
    return n;
  }
  if (INT32_SCALARS.has(t.type)) return Number(v);
  if (t.type === 'bytes') {
    if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
    return String(v);
  }
  return v;
}

// ------------------------------------------------------------- JSON input

function goTypeOf(t: ValueType): string {
  if (t.kind === 'enum') return t.type;
  if (t.kind === 'message') return t.type;
  return t.type;
}

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'object';
  return typeof v;
}

function decodeScalar(schema: ProtoSchema, t: ValueType, v: unknown): unknown {
  if (t.kind === 'enum') {
    const info = schema.enumInfo(t.type);
    if (typeof v === 'number' && Number.isInteger(v)) return info.byNumber.get(v) ?? v;
    if (typeof v === 'string' && info.byName.has(v)) return v;
    throw new CodecError(`unknown value ${JSON.stringify(JSON.stringify(v))} for enum ${t.type}`);
  }
  if (LONG_SCALARS.has(t.type) || INT32_SCALARS.has(t.type)) {
    const unsigned = t.type.startsWith('u') || t.type.startsWith('fixed');
    const text = typeof v === 'number' ? String(v) : typeof v === 'string' ? v : undefined;
    if (text === undefined || !(unsigned ? /^\d+$/ : /^-?\d+$/).test(text)) {
      if (typeof v === 'number' && Number.isFinite(v) && !Number.isInteger(v)) {
        throw new CodecError(`json: cannot unmarshal number ${v} into Go value of type ${t.type}`);
      }
      throw new CodecError(`json: cannot unmarshal ${jsonKind(v)} into Go value of type ${t.type}`);
    }
    return LONG_SCALARS.has(t.type) ? BigInt(text).toString() : Number(text);
  }
  switch (t.type) {
    case 'double':
    case 'float':
      if (typeof v === 'number') return v;
      if (typeof v === 'string' && (v === 'NaN' || v === 'Infinity' || v === '-Infinity' || v.trim() !== '' && !Number.isNaN(Number(v)))) {
        return Number(v);
      }
      throw new CodecError(`json: cannot unmarshal ${jsonKind(v)} into Go value of type float64`);
    case 'bool':
      if (typeof v === 'boolean') return v;
      throw new CodecError(`json: cannot unmarshal ${jsonKind(v)} into Go value of type bool`);
    case 'string':
      if (typeof v === 'string') return v;
      throw new CodecError(`json: cannot unmarshal ${jsonKind(v)} into Go value of type string`);
    case 'bytes':
      if (typeof v === 'string') return Buffer.from(v.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
      throw new CodecError(`json: cannot unmarshal ${jsonKind(v)} into Go value of type []uint8`);
    default:
      throw new CodecError(`unsupported scalar type ${t.type}`);
  }
}

function decodeValue(schema: ProtoSchema, t: ValueType, v: unknown): unknown {
  if (t.kind === 'message') {
    if (t.type === TIMESTAMP_TYPE) {
      if (typeof v !== 'string') throw new CodecError(`bad Timestamp: expected a string, got ${jsonKind(v)}`);
      return parseTimestamp(v);
    }
    return fromGatewayJson(schema, t.type, v);
  }
  return decodeScalar(schema, t, v);
}

/** Gateway JSON (or any proto3 JSON) → loader object. Throws CodecError. */
export function fromGatewayJson(schema: ProtoSchema, typeName: string, json: unknown): LoaderObject {
  const msg = schema.message(typeName);
  if (json === null || json === undefined) return {};
  if (typeof json !== 'object' || Array.isArray(json)) {
    throw new CodecError(`json: cannot unmarshal ${jsonKind(json)} into Go value of type map[string]json.RawMessage`);
  }
  const out: LoaderObject = {};
  for (const [key, v] of Object.entries(json as Record<string, unknown>)) {
    const f = msg.byName.get(key);
    if (!f || v === null) continue;
    if (f.map) {
      if (typeof v !== 'object' || Array.isArray(v)) {
        throw new CodecError(`json: cannot unmarshal ${jsonKind(v)} into Go value of type map[${f.map.key}]${goTypeOf(f.map.value)}`);
      }
      const m: Record<string, unknown> = {};
      for (const [k, val] of Object.entries(v as Record<string, unknown>)) m[k] = decodeValue(schema, f.map.value, val);
      out[f.name] = m;
    } else if (f.repeated) {
      if (!Array.isArray(v)) throw new CodecError(`json: cannot unmarshal ${jsonKind(v)} into Go value of type []${goTypeOf(f)}`);
      out[f.name] = v.map((x) => decodeValue(schema, f, x));
    } else {
      out[f.name] = decodeValue(schema, f, v);
    }
    if (f.oneof && !msg.byName.has(f.oneof)) out[f.oneof] = f.name;
  }
  return out;
}

/** Converts one path/query string value to the field's loader representation. */
function decodeParam(schema: ProtoSchema, f: FieldInfo, text: string): unknown {
  if (f.kind === 'message' && f.type === TIMESTAMP_TYPE) return parseTimestamp(text);
  if (f.kind === 'message') throw new CodecError(`cannot set message field ${f.name} from a query parameter`);
  if (f.kind === 'enum') {
    const info = schema.enumInfo(f.type);
    if (info.byName.has(text)) return text;
    if (/^-?\d+$/.test(text) && info.byNumber.has(Number(text))) return info.byNumber.get(Number(text));
    throw new CodecError(`${JSON.stringify(text)} is not a valid ${f.type}`);
  }
  switch (f.type) {
    case 'string':
      return text;
    case 'bool':
      if (text === 'true' || text === '1' || text === 'True' || text === 'TRUE' || text === 't') return true;
      if (text === 'false' || text === '0' || text === 'False' || text === 'FALSE' || text === 'f') return false;
      throw new CodecError(`strconv.ParseBool: parsing ${JSON.stringify(text)}: invalid syntax`);
    case 'bytes':
      return Buffer.from(text, 'base64');
    case 'double':
    case 'float': {
      const n = Number(text);
      if (text.trim() === '' || Number.isNaN(n)) throw new CodecError(`strconv.ParseFloat: parsing ${JSON.stringify(text)}: invalid syntax`);
      return n;
    }
    default:
      if (!/^-?\d+$/.test(text)) throw new CodecError(`strconv.ParseInt: parsing ${JSON.stringify(text)}: invalid syntax`);
      return LONG_SCALARS.has(f.type) ? BigInt(text).toString() : Number(text);
  }
}

/**
 * Sets `a.b.c` (proto or JSON names per segment) in a loader object from a
 * string, creating sub-messages on the way. Repeated fields append. Unknown
 * names are ignored, like grpc-gateway v1 does with query parameters.
 */
export function setFieldPath(schema: ProtoSchema, typeName: string, target: LoaderObject, dotted: string, text: string): void {
  const parts = dotted.split('.');
  let msg: MessageInfo = schema.message(typeName);
  let obj = target;
  for (let i = 0; i < parts.length; i++) {
    const f = msg.byName.get(parts[i]!);
    if (!f) return;
    const last = i === parts.length - 1;
    if (!last) {
      if (f.kind !== 'message' || f.repeated || f.map || f.type === TIMESTAMP_TYPE) return;
      let child = obj[f.name] as LoaderObject | undefined;
      if (!child || typeof child !== 'object') {
        child = {};
        obj[f.name] = child;
        if (f.oneof) obj[f.oneof] = f.name;
      }
      obj = child;
      msg = schema.message(f.type);
      continue;
    }
    if (f.map) return;
    const value = decodeParam(schema, f, text);
    if (f.repeated) {
      const arr = Array.isArray(obj[f.name]) ? (obj[f.name] as unknown[]) : [];
      arr.push(value);
      obj[f.name] = arr;
    } else {
      obj[f.name] = value;
      if (f.oneof) obj[f.oneof] = f.name;
    }
  }
}
