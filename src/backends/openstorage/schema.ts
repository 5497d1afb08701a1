// A small reader for openstorage.proto that keeps what the JSON gateway needs
// (field names, numbers, kinds, oneofs, enum values) with fully qualified type
// names. It understands the subset of proto3 that file uses: messages, nested
// messages and enums, oneof, map<K,V>, repeated/optional, options (skipped)
// and services (skipped).

import { readFileSync } from 'node:fs';

export const TIMESTAMP_TYPE = 'google.protobuf.Timestamp';

const SCALARS = new Set([
  'double', 'float', 'int32', 'int64', 'uint32', 'uint64', 'sint32', 'sint64',
  'fixed32', 'fixed64', 'sfixed32', 'sfixed64', 'bool', 'string', 'bytes',
]);

export const LONG_SCALARS = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);
export const INT32_SCALARS = new Set(['int32', 'uint32', 'sint32', 'fixed32', 'sfixed32']);

export type ValueKind = 'scalar' | 'enum' | 'message';

export interface ValueType {
  kind: ValueKind;
  /** Scalar name (`int64`) or fully qualified type name (`openstorage.api.Volume`). */
  type: string;
}

export interface FieldInfo extends ValueType {
  name: string;
  jsonName: string;
  number: number;
  repeated: boolean;
  /** Set for map fields: key scalar type and value type. */
  map?: { key: string; value: ValueType };
  oneof?: string;
  /** proto3 `optional` (explicit presence). */
  optional: boolean;
}

export interface MessageInfo {
  fullName: string;
  fields: FieldInfo[];
  /** Lookup by proto name and by lowerCamelCase JSON name. */
  byName: Map<string, FieldInfo>;
}

export interface EnumInfo {
  fullName: string;
  byName: Map<string, number>;
  /** First declared name of each number (aliases share numbers). */
  byNumber: Map<number, string>;
}

export interface ProtoSchema {
  pkg: string;
  messages: Map<string, MessageInfo>;
  enums: Map<string, EnumInfo>;
  message(fullOrShort: string): MessageInfo;
  enumInfo(fullName: string): EnumInfo;
}

/** lowerCamelCase JSON name the way protoc derives it. */
export function jsonNameOf(name: string): string {
  let out = '';
  let upper = false;
  for (const ch of name) {
    if (ch === '_') {
      upper = true;
    } else if (upper) {
      out += ch.toUpperCase();
      upper = false;
    } else {
      out += ch;
    }
  }
  return out;
}

function tokenize(text: string): string[] {
  const noComments = text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');
  const re = /\s*("(?:[^"\\]|\\.)*"|[A-Za-z_.][\w.]*|-?\d+|[{}()[\];=<>,])/gy;
  const tokens: string[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(noComments)) !== null) tokens.push(m[1]!);
  return tokens;
}

interface RawField {
  name: string;
  number: number;
  typeRef: string;
  mapKey?: string;
  repeated: boolean;
  optional: boolean;
  oneof?: string;
}

export function parseProto(text: string): ProtoSchema {
  const t = tokenize(text);
  let i = 0;
  let pkg = '';
  const rawMessages = new Map<string, RawField[]>();
  const enums = new Map<string, EnumInfo>();

  const expect = (tok: string): void => {
    if (t[i] !== tok) throw new Error(`proto parse: expected ${tok} at token ${i}, got ${t[i]}`);
    i++;
  };
  const skipStatement = (): void => {
    while (i < t.length && t[i] !== ';') i++;
    i++;
  };
  const skipBlock = (): void => {
    // at '{'
    let depth = 0;
    do {
      if (t[i] === '{') depth++;
      else if (t[i] === '}') depth--;
      i++;
    } while (depth > 0 && i < t.length);
  };
  const skipFieldOptions = (): void => {
    if (t[i] === '[') {
      while (t[i] !== ']') i++;
      i++;
    }
  };

  const parseEnum = (scope: string): void => {
    const name = t[i++]!;
    const full = `${scope}.${name}`;
    const info: EnumInfo = { fullName: full, byName: new Map(), byNumber: new Map() };
    expect('{');
    while (t[i] !== '}') {
      if (t[i] === 'option' || t[i] === 'reserved') {
        skipStatement();
        continue;
      }
      const vname = t[i++]!;
      expect('=');
      const num = Number(t[i++]);
      skipFieldOptions();
      expect(';');
      info.byName.set(vname, num);
      if (!info.byNumber.has(num)) info.byNumber.set(num, vname);
    }
    expect('}');
    enums.set(full, info);
  };

  const parseField = (fields: RawField[], oneof?: string): void => {
    let repeated = false;
    let optional = false;
    if (t[i] === 'repeated') {
      repeated = true;
      i++;
    } else if (t[i] === 'optional') {
      optional = true;
      i++;
    }
    let typeRef: string;
    let mapKey: string | undefined;
    if (t[i] === 'map') {
      i++;
      expect('<');
      mapKey = t[i++]!;
      expect(',');
      typeRef = t[i++]!;
      expect('>');
    } else {
      typeRef = t[i++]!;
    }
    const name = t[i++]!;
    expect('=');
    const number = Number(t[i++]);
    skipFieldOptions();
    expect(';');
    const f: RawField = { name, number, typeRef, repeated, optional };
    if (mapKey !== undefined) f.mapKey = mapKey;
    if (oneof !== undefined) f.oneof = oneof;
    fields.push(f);
  };

  const parseMessage = (scope: string): void => {
    const name = t[i++]!;
    const full = `${scope}.${name}`;
    const fields: RawField[] = [];
    rawMessages.set(full, fields);
    expect('{');
    while (t[i] !== '}') {
      const tok = t[i]!;
      if (tok === 'message') {
        i++;
        parseMessage(full);
      } else if (tok === 'enum') {
        i++;
        parseEnum(full);
      } else if (tok === 'option' || tok === 'reserved' || tok === 'extensions') {
        skipStatement();
      } else if (tok === 'oneof') {
        i++;
        const oneofName = t[i++]!;
        expect('{');
        while (t[i] !== '}') {
          if (t[i] === 'option') skipStatement();
          else parseField(fields, oneofName);
        }
        expect('}');
      } else {
        parseField(fields);
      }
    }
    expect('}');
  };

  while (i < t.length) {
    const tok = t[i]!;
    if (tok === 'syntax' || tok === 'import' || tok === 'option') {
      skipStatement();
    } else if (tok === 'package') {
      i++;
      pkg = t[i++]!;
      expect(';');
    } else if (tok === 'message') {
      i++;
      parseMessage(pkg);
    } else if (tok === 'enum') {
      i++;
      parseEnum(pkg);
    } else if (tok === 'service') {
      i += 2;
      skipBlock();
    } else {
      throw new Error(`proto parse: unexpected token ${tok}`);
    }
  }

  const resolve = (ref: string, scope: string): ValueType => {
    if (SCALARS.has(ref)) return { kind: 'scalar', type: ref };
    if (ref === TIMESTAMP_TYPE || ref === `.${TIMESTAMP_TYPE}`) return { kind: 'message', type: TIMESTAMP_TYPE };
    if (ref.startsWith('.')) {
      const abs = ref.slice(1);
      if (rawMessages.has(abs)) return { kind: 'message', type: abs };
      if (enums.has(abs)) return { kind: 'enum', type: abs };
    }
    let s = scope;
    for (;;) {
      const cand = s ? `${s}.${ref}` : ref;
      if (rawMessages.has(cand)) return { kind: 'message', type: cand };
      if (enums.has(cand)) return { kind: 'enum', type: cand };
      if (!s) break;
      const dot = s.lastIndexOf('.');
      s = dot < 0 ? '' : s.slice(0, dot);
    }
    throw new Error(`proto parse: cannot resolve type ${ref} in ${scope}`);
  };

  const messages = new Map<string, MessageInfo>();
  for (const [full, raws] of rawMessages) {
    const info: MessageInfo = { fullName: full, fields: [], byName: new Map() };
    for (const r of raws) {
      const value = resolve(r.typeRef, full);
      const field: FieldInfo = {
        name: r.name,
        jsonName: jsonNameOf(r.name),
        number: r.number,
        kind: r.mapKey !== undefined ? 'message' : value.kind,
        type: r.mapKey !== undefined ? `map<${r.mapKey},${value.type}>` : value.type,
        repeated: r.repeated,
        optional: r.optional,
      };
      if (r.mapKey !== undefined) field.map = { key: r.mapKey, value };
      if (r.oneof !== undefined) field.oneof = r.oneof;
      info.fields.push(field);
      info.byName.set(field.name, field);
      if (!info.byName.has(field.jsonName)) info.byName.set(field.jsonName, field);
    }
    messages.set(full, info);
  }

  return {
    pkg,
    messages,
    enums,
    message(name: string): MessageInfo {
      const m = messages.get(name) ?? messages.get(`${pkg}.${name}`);
      if (!m) throw new Error(`unknown message type ${name}`);
      return m;
    },
    enumInfo(name: string): EnumInfo {
      const e = enums.get(name) ?? enums.get(`${pkg}.${name}`);
      if (!e) throw new Error(`unknown enum type ${name}`);
      return e;
    },
  };
}

const cache = new Map<string, ProtoSchema>();

export function loadProtoSchema(path: string): ProtoSchema {
  let s = cache.get(path);
  if (!s) {
    s = parseProto(readFileSync(path, 'utf8'));
    cache.set(path, s);
  }
  return s;
}
