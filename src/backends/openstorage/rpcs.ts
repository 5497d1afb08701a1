// Every RPC of openstorage.proto (read from the .proto's service blocks, so no grpc-js is
// needed to know them), plus the message schema used to convert between shapes. Only the
// gRPC client module loads grpc-js; the REST gateway client works from this table alone.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../../framework/errors.js';
import { OPENSTORAGE_PACKAGE } from './http-rules.js';
import { loadProtoSchema, type ProtoSchema } from './schema.js';

/** The .proto beside this module (copied to dist/ by the build). */
export const PROTO_FILE = fileURLToPath(new URL('./proto/openstorage.proto', import.meta.url));

export interface RpcInfo {
  /** `OpenStorageVolume` */
  service: string;
  /** `Inspect` */
  rpc: string;
  /** Short message names, e.g. `SdkVolumeInspectRequest`. */
  requestType: string;
  responseType: string;
  serverStreaming: boolean;
  /** `/openstorage.api.OpenStorageVolume/Inspect` */
  path: string;
}

let table: Map<string, RpcInfo> | undefined;

function parseServices(text: string): Map<string, RpcInfo> {
  const clean = text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');
  const out = new Map<string, RpcInfo>();
  const svcRe = /\bservice\s+(\w+)\s*\{/g;
  let m: RegExpExecArray | null;
  while ((m = svcRe.exec(clean)) !== null) {
    const service = m[1]!;
    // the block ends at the brace that balances the opening one
    let depth = 1;
    let i = svcRe.lastIndex;
    for (; i < clean.length && depth > 0; i++) {
      if (clean[i] === '{') depth++;
      else if (clean[i] === '}') depth--;
    }
    const body = clean.slice(svcRe.lastIndex, i - 1);
    const rpcRe = /\brpc\s+(\w+)\s*\(\s*(stream\s+)?([\w.]+)\s*\)\s*returns\s*\(\s*(stream\s+)?([\w.]+)\s*\)/g;
    let r: RegExpExecArray | null;
    while ((r = rpcRe.exec(body)) !== null) {
      const rpc = r[1]!;
      const short = (t: string) => t.replace(/^\./, '').replace(new RegExp(`^${OPENSTORAGE_PACKAGE.replace(/\./g, '\\.')}\\.`), '');
      out.set(`${service}/${rpc}`, {
        service,
        rpc,
        requestType: short(r[3]!),
        responseType: short(r[5]!),
        serverStreaming: !!r[4],
        path: `/${OPENSTORAGE_PACKAGE}.${service}/${rpc}`,
      });
    }
    svcRe.lastIndex = i;
  }
  return out;
}

export function rpcTable(): Map<string, RpcInfo> {
  table ??= parseServices(readFileSync(PROTO_FILE, 'utf8'));
  return table;
}

export function rpcInfo(service: string, rpc: string): RpcInfo {
  const info = rpcTable().get(`${service}/${rpc}`);
  if (!info) throw new Error(`unknown OpenStorage RPC ${service}/${rpc}`);
  return info;
}

export function openStorageSchema(): ProtoSchema {
  return loadProtoSchema(PROTO_FILE);
}

/**
 * What a user typed for `storctl rpc`: `OpenStorageVolume/Inspect`,
 * `openstorage.api.OpenStorageVolume/Inspect`, `/openstorage.api.OpenStorageVolume/Inspect`,
 * `Volume/Inspect`, `volume.inspect` (case-insensitive).
 */
export function findRpc(spec: string): RpcInfo {
  const text = spec.trim().replace(/^\//, '');
  const sep = text.lastIndexOf('/') >= 0 ? text.lastIndexOf('/') : text.lastIndexOf('.');
  if (sep <= 0) throw new UsageError(`"${spec}" is not SERVICE/METHOD`, { hint: 'e.g. storctl rpc OpenStorageVolume/Inspect --data \'{"volume_id": "…"}\'' });
  let service = text.slice(0, sep).toLowerCase();
  const method = text.slice(sep + 1).toLowerCase();
  service = service.replace(/^openstorage\.api\./, '').replace(/^openstorage/, '');
  const all = [...rpcTable().values()];
  const found = all.find((r) => r.service.toLowerCase().replace(/^openstorage/, '') === service && r.rpc.toLowerCase() === method);
  if (found) return found;
  const services = [...new Set(all.map((r) => r.service))];
  const svc = services.find((s) => s.toLowerCase().replace(/^openstorage/, '') === service);
  if (!svc) throw new UsageError(`unknown OpenStorage service "${text.slice(0, sep)}"`, { hint: `services: ${services.join(', ')}` });
  const methods = all.filter((r) => r.service === svc).map((r) => r.rpc);
  throw new UsageError(`${svc} has no method "${text.slice(sep + 1)}"`, { hint: `methods: ${methods.join(', ')}` });
}

/**
 * RPCs that may be sent again after UNAVAILABLE without changing the outcome: reads, and
 * deletes (the SDK answers OK for something already gone).
 */
export function isIdempotent(rpc: string): boolean {
  return /^(Inspect|Enumerate|Version|Capabilities|Stats|Status|CapacityUsage|Validate|Catalog|History|Size|Get|Delete|VolumeCatalog|AutoFSTrimStatus|AutoFSTrimUsage)/.test(rpc);
}
