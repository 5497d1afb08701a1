// REST gateway of the simulator, behaving like osd's grpc-gateway v1.16: it
// turns each HTTP request into a gRPC call to the simulator's own gRPC server
// (forwarding the Authorization header as metadata) and writes the answer as
// gateway JSON. Errors become `{"error","code","message"}` with the gateway's
// HTTP status; server-streaming RPCs answer with `{"result": …}` lines.

import * as http from 'node:http';
import * as https from 'node:https';
import * as grpc from '@grpc/grpc-js';
import { matchHttpRule, type HttpRule } from '../../backends/openstorage/http-rules.js';
import { serviceClient, type OpenStorageServiceName } from '../../backends/openstorage/proto.js';
import { CodecError, fromGatewayJson, setFieldPath, toGatewayJson, type LoaderObject } from '../../backends/openstorage/codec.js';
import type { ProtoSchema } from '../../backends/openstorage/schema.js';

/** gRPC code → HTTP status, as grpc-gateway v1 maps them. */
export const HTTP_STATUS_FOR_CODE: Record<number, number> = {
  0: 200,
  1: 408,
  2: 500,
  3: 400,
  4: 504,
  5: 404,
  6: 409,
  7: 403,
  8: 429,
  9: 400,
  10: 409,
  11: 400,
  12: 501,
  13: 500,
  14: 503,
  15: 500,
  16: 401,
};

export interface GatewayDeps {
  schema: ProtoSchema;
  /** Address of the simulator's gRPC server reachable without TLS. */
  grpcTarget: string;
  counters: Record<string, number>;
  tls?: { key: Buffer; cert: Buffer } | undefined;
}

export interface Gateway {
  server: http.Server;
  close(): Promise<void>;
}

type AnyClient = grpc.Client & Record<string, (...args: unknown[]) => unknown>;

function count(counters: Record<string, number>, key: string): void {
  counters[key] = (counters[key] ?? 0) + 1;
}

/** Go's wording for the JSON syntax errors Node reports differently. */
function goJsonError(e: unknown, text: string): string {
  const msg = e instanceof Error ? e.message : String(e);
  if (/Unexpected end of JSON input/i.test(msg) || text.trim() === '') return 'unexpected EOF';
  const tok = /Unexpected token '?(.)'?/.exec(msg) ?? /Unexpected (?:non-whitespace )?character/.exec(msg);
  const ch = tok && tok[1] ? tok[1] : undefined;
  if (ch) return `invalid character '${ch}' looking for beginning of value`;
  return msg;
}

export function startGateway(deps: GatewayDeps, host: string, port: number): Promise<Gateway> {
  const { schema, counters } = deps;
  const clients = new Map<string, AnyClient>();
  const clientFor = (service: string): AnyClient => {
    let c = clients.get(service);
    if (!c) {
      const Ctor = serviceClient(service as OpenStorageServiceName);
      c = new Ctor(deps.grpcTarget, grpc.credentials.createInsecure()) as unknown as AnyClient;
      clients.set(service, c);
    }
    return c;
  };
  const openResponses = new Set<http.ServerResponse>();

  const sendJson = (res: http.ServerResponse, code: number, body: unknown): void => {
    const text = JSON.stringify(body);
    res.writeHead(code, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(text),
      'Grpc-Metadata-Content-Type': 'application/grpc',
    });
    res.end(text);
  };
  const sendText = (res: http.ServerResponse, code: number, text: string): void => {
    res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
    res.end(`${text}\n`);
  };
  const sendError = (res: http.ServerResponse, code: number, message: string): void => {
    sendJson(res, HTTP_STATUS_FOR_CODE[code] ?? 500, { error: message, code, message });
  };

  const buildRequest = (rule: HttpRule, params: Record<string, string>, query: URLSearchParams, body: string): LoaderObject => {
    let req: LoaderObject = {};
    if (rule.body === '*') {
      if (body.trim() !== '') {
        let parsed: unknown;
        try {
          parsed = JSON.parse(body);
        } catch (e) {
          throw new CodecError(goJsonError(e, body));
        }
        req = fromGatewayJson(schema, rule.requestType, parsed);
      }
    } else {
      for (const [k, v] of query) {
        if (k in params) continue;
        setFieldPath(schema, rule.requestType, req, k, v);
      }
    }
    for (const [k, v] of Object.entries(params)) setFieldPath(schema, rule.requestType, req, k, v);
    return req;
  };

  const handle = (req: http.IncomingMessage, res: http.ServerResponse, body: string): void => {
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const rawPath = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
    const query = new URLSearchParams(q >= 0 ? rawUrl.slice(q + 1) : '');
    const method = (req.method ?? 'GET').toUpperCase();

    if (method === 'GET' && rawPath === '/metrics') {
      const lines = Object.entries(counters).map(([k, v]) => `storctl_sim_calls{name="${k}"} ${v}`);
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
      res.end(`${lines.join('\n')}\n`);
      return;
    }
    if (method === 'OPTIONS') {
      res.writeHead(200, {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type',
      });
      res.end();
      return;
    }
    const match = matchHttpRule(method, rawPath);
    if (match === undefined) return sendText(res, 404, 'Not Found');
    if (match === 'method-not-allowed') return sendText(res, 405, 'Method Not Allowed');
    const { rule, params } = match;
    count(counters, 'restRequests');

    let request: LoaderObject;
    try {
      request = buildRequest(rule, params, query, body);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      return sendError(res, grpc.status.INVALID_ARGUMENT, message);
    }

    const md = new grpc.Metadata();
    const auth = req.headers['authorization'];
    if (typeof auth === 'string') md.set('authorization', auth);
    const client = clientFor(rule.service);
    const fn = client[rule.rpc]!.bind(client);

    if (!rule.serverStreaming) {
      fn(request, md, (err: grpc.ServiceError | null, reply: LoaderObject) => {
        if (err) return sendError(res, err.code, err.details);
        sendJson(res, 200, toGatewayJson(schema, rule.responseType, reply));
      });
      return;
    }

    const call = fn(request, md) as grpc.ClientReadableStream<LoaderObject>;
    let wroteHeader = false;
    let done = false;
    openResponses.add(res);
    const writeHeader = (code: number): void => {
      if (wroteHeader) return;
      wroteHeader = true;
      res.writeHead(code, {
        'Content-Type': 'application/json',
        'Transfer-Encoding': 'chunked',
        'Grpc-Metadata-Content-Type': 'application/grpc',
      });
    };
    call.on('data', (msg: LoaderObject) => {
      writeHeader(200);
      res.write(`${JSON.stringify({ result: toGatewayJson(schema, rule.responseType, msg) })}\n`);
    });
    call.on('error', (err: grpc.ServiceError) => {
      if (done) return;
      done = true;
      openResponses.delete(res);
      if (err.code === grpc.status.CANCELLED && res.destroyed) return;
      const httpCode = HTTP_STATUS_FOR_CODE[err.code] ?? 500;
      writeHeader(httpCode);
      res.end(
        `${JSON.stringify({ error: { grpc_code: err.code, http_code: httpCode, message: err.details, http_status: http.STATUS_CODES[httpCode] ?? '' } })}\n`,
      );
    });
    call.on('end', () => {
      if (done) return;
      done = true;
      openResponses.delete(res);
      writeHeader(200);
      res.end();
    });
    res.on('close', () => {
      openResponses.delete(res);
      if (!done) call.cancel();
    });
  };

  const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        handle(req, res, Buffer.concat(chunks).toString('utf8'));
      } catch (e) {
        if (!res.headersSent) sendError(res, grpc.status.INTERNAL, e instanceof Error ? e.message : String(e));
        else res.end();
      }
    });
  };

  const server = deps.tls ? https.createServer({ key: deps.tls.key, cert: deps.tls.cert }, listener) : http.createServer(listener);

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({
        server,
        async close() {
          for (const r of openResponses) r.destroy();
          openResponses.clear();
          await new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          });
          for (const c of clients.values()) c.close();
          clients.clear();
        },
      });
    });
  });
}
