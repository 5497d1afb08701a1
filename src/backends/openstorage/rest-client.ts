// The OpenStorage SDK over its REST gateway (grpc-gateway): each RPC's HTTP rule (http-rules.ts)
// gives method, path template and body; requests are written as gateway JSON, answers come
// back as gateway JSON, errors as {"code", "message"} with the gRPC code, server streams as
// newline-delimited {"result": …} objects ending, on failure, with {"error": {…}}.
// Uses the framework's HTTP client (TLS, retries of idempotent calls, --debug tracing);
// never loads grpc-js.
import { StorctlError, UsageError, errorForStatus } from '../../framework/errors.js';
import type { HttpClient, HttpResponse } from '../../transport/http.js';
import { GRPC, GrpcStatusError } from '../../transport/grpc-status.js';
import { toGatewayJson } from './codec.js';
import { expandPath, findHttpRule, pathParams, type HttpRule } from './http-rules.js';
import { queryParams } from './normalize.js';
import { isIdempotent, openStorageSchema, type RpcInfo } from './rpcs.js';
import { restEndpoint } from './rest-endpoint.js';
import { type CallOptions, type Message, type RawTransport, type TransportSetup } from './transport.js';

/** The gateway's base URL (rest-endpoint.ts: rest_endpoint, or derived for the default ports only). */
export function restBaseUrl(setup: Pick<TransportSetup, 'profile' | 'ctx'>): string {
  const r = restEndpoint(setup.profile, setup.ctx.globals.endpoint);
  setup.ctx.debug(`REST gateway ${r.url} (${r.source})`);
  return r.url;
}

function ruleFor(info: RpcInfo): HttpRule {
  const rule = findHttpRule(info.service, info.rpc);
  if (!rule) {
    throw new UsageError(`${info.service}/${info.rpc} has no REST gateway route`, { hint: 'call it over gRPC: --transport grpc' });
  }
  return rule;
}

/** The SDK status in a gateway error answer, or an error for an answer that is not the gateway's. */
function gatewayError(res: HttpResponse, info: RpcInfo, text: string): Error {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const b = body as { code?: unknown; message?: unknown; error?: unknown } | undefined;
  if (b && typeof b.code === 'number') {
    const message = typeof b.message === 'string' ? b.message : typeof b.error === 'string' ? b.error : '';
    return new GrpcStatusError(b.code, message.replace(/\s*\r?\n\s*/g, ' '), info.path);
  }
  const e = b?.error as { grpc_code?: unknown; message?: unknown } | undefined;
  if (e && typeof e === 'object' && typeof e.grpc_code === 'number') {
    return new GrpcStatusError(e.grpc_code, String(e.message ?? '').replace(/\s*\r?\n\s*/g, ' '), info.path);
  }
  const snippet = text.trim().slice(0, 120).replace(/\s+/g, ' ');
  return errorForStatus(res.status, `the REST gateway at ${new URL(res.url).origin} answered HTTP ${res.status} to ${info.service}/${info.rpc}${snippet ? `: ${snippet}` : ''}`, {
    hint: 'check that rest_endpoint points at the OpenStorage SDK REST gateway (default port 9110); try --debug',
  });
}

export async function createRestTransport(setup: TransportSetup): Promise<RawTransport> {
  const base = restBaseUrl(setup);
  const http: HttpClient = await setup.ctx.http();
  const schema = openStorageSchema();

  const build = (info: RpcInfo, request: Message) => {
    const rule = ruleFor(info);
    const json = toGatewayJson(schema, info.requestType, request);
    let path: string;
    try {
      path = expandPath(rule, json);
    } catch {
      const missing = pathParams(rule).filter((p) => json[p] === undefined || json[p] === '');
      throw new UsageError(`${info.service}/${info.rpc} needs ${missing.join(', ')} (a path parameter of ${rule.method} ${rule.path})`);
    }
    let url = `${base}${path}`;
    if (rule.body === '') {
      const q = new URLSearchParams(queryParams(schema, info.requestType, json, new Set(pathParams(rule))));
      const qs = q.toString();
      if (qs) url += `?${qs}`;
    }
    return { rule, url, body: rule.body === '*' ? json : undefined };
  };

  const send = async (info: RpcInfo, request: Message, stream: boolean) => {
    const { rule, url, body } = build(info, request);
    const headers: Record<string, string> = { accept: 'application/json', ...(await setup.auth()) };
    return http.request({ method: rule.method, url, headers, json: body, stream, idempotent: isIdempotent(info.rpc), signal: setup.ctx.signal });
  };

  return {
    kind: 'rest',
    where: base,
    async unary(info: RpcInfo, request: Message, _opts: CallOptions = {}) {
      const res = await send(info, request, false);
      const text = res.text();
      if (res.status >= 400) throw gatewayError(res, info, text);
      try {
        const parsed = text.trim() === '' ? {} : JSON.parse(text);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
        return parsed as Message;
      } catch {
        throw new StorctlError(`the REST gateway answered ${info.service}/${info.rpc} with something that is not a JSON object: ${text.slice(0, 120).replace(/\s+/g, ' ')}`, {
          hint: 'check that rest_endpoint points at the OpenStorage SDK REST gateway; try --debug',
        });
      }
    },
    async *stream(info: RpcInfo, request: Message, _opts: CallOptions = {}) {
      const res = await send(info, request, true);
      const body = res.stream;
      let finished = false;
      try {
        if (res.status >= 400 && !(res.headers['content-type'] ?? '').includes('json')) {
          const chunks: Buffer[] = [];
          for await (const c of body) chunks.push(Buffer.from(c as Uint8Array));
          throw gatewayError(res, info, Buffer.concat(chunks).toString('utf8'));
        }
        let buf = '';
        const handle = (line: string): Message | undefined => {
          if (line.trim() === '') return undefined;
          let obj: Record<string, unknown>;
          try {
            obj = JSON.parse(line) as Record<string, unknown>;
          } catch {
            throw new StorctlError(`the REST gateway sent a line that is not JSON in the ${info.service}/${info.rpc} stream: ${line.slice(0, 120)}`);
          }
          if (obj.error !== undefined) throw gatewayError(res, info, line);
          if (res.status >= 400) throw gatewayError(res, info, line);
          return (obj.result ?? {}) as Message;
        };
        try {
          for await (const chunk of body) {
            buf += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
            let nl: number;
            while ((nl = buf.indexOf('\n')) >= 0) {
              const line = buf.slice(0, nl);
              buf = buf.slice(nl + 1);
              const msg = handle(line);
              if (msg) yield msg;
            }
          }
        } catch (err) {
          if (err instanceof StorctlError || err instanceof GrpcStatusError) throw err;
          if (setup.ctx.signal.aborted) throw setup.ctx.signal.reason;
          throw new GrpcStatusError(GRPC.UNAVAILABLE, `the ${info.service}/${info.rpc} stream from ${base} broke off: ${(err as Error).message}`, info.path);
        }
        const last = handle(buf);
        if (last) yield last;
        finished = true;
      } finally {
        if (!finished) body.destroy();
      }
    },
    async close() {
      /* the HTTP client belongs to the context, which closes it */
    },
  };
}
