// The generic gRPC transport against a small grpc-js server: auth metadata by interceptor,
// bounded retries of UNAVAILABLE for idempotent calls only, deadlines, streams, tracing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import * as grpc from '@grpc/grpc-js';
import { GrpcTransport, type GrpcMethod } from '../../src/transport/grpc.js';
import { GrpcStatusError } from '../../src/transport/grpc-status.js';
import { Tracer } from '../../src/transport/tracer.js';
import { registerSecret } from '../../src/transport/redact.js';

type Msg = { n?: number; auth?: string };
const json = { serialize: (v: Msg) => Buffer.from(JSON.stringify(v)), deserialize: (b: Buffer) => JSON.parse(b.toString() || '{}') as Msg };
const method = (name: string): GrpcMethod<Msg, Msg> => ({ path: `/test.Svc/${name}`, ...json });

let server: grpc.Server;
let address: string;
const calls: Record<string, number> = {};
const count = (k: string) => (calls[k] = (calls[k] ?? 0) + 1);

beforeAll(async () => {
  server = new grpc.Server();
  const def = (name: string, stream = false) => ({
    path: `/test.Svc/${name}`,
    requestStream: false,
    responseStream: stream,
    requestSerialize: json.serialize,
    requestDeserialize: json.deserialize,
    responseSerialize: json.serialize,
    responseDeserialize: json.deserialize,
  });
  server.addService(
    { Get: def('Get'), Flaky: def('Flaky'), Create: def('Create'), Slow: def('Slow'), List: def('List', true) } as unknown as grpc.ServiceDefinition,
    {
      Get(call: grpc.ServerUnaryCall<Msg, Msg>, cb: grpc.sendUnaryData<Msg>) {
        count('Get');
        cb(null, { n: call.request.n, auth: String(call.metadata.get('authorization')[0] ?? '') });
      },
      Flaky(_call: grpc.ServerUnaryCall<Msg, Msg>, cb: grpc.sendUnaryData<Msg>) {
        // UNAVAILABLE twice, then OK
        if (count('Flaky') <= 2) return cb({ code: grpc.status.UNAVAILABLE, details: 'try later' });
        cb(null, { n: calls.Flaky });
      },
      Create(_call: grpc.ServerUnaryCall<Msg, Msg>, cb: grpc.sendUnaryData<Msg>) {
        count('Create');
        cb({ code: grpc.status.UNAVAILABLE, details: 'try later' });
      },
      Slow(_call: grpc.ServerUnaryCall<Msg, Msg>, cb: grpc.sendUnaryData<Msg>) {
        setTimeout(() => cb(null, {}), 2000);
      },
      List(call: grpc.ServerWritableStream<Msg, Msg>) {
        for (let i = 0; i < (call.request.n ?? 3); i++) call.write({ n: i });
        if (call.request.n === 99) return; // never ends
        call.end();
      },
    },
  );
  const port = await new Promise<number>((res, rej) => server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? rej(e) : res(p))));
  address = `127.0.0.1:${port}`;
});

afterAll(() => server.forceShutdown());

function transport(debugLines?: string[], metadata?: Record<string, string>) {
  const debug = debugLines
    ? new Writable({
        write(chunk, _enc, cb) {
          debugLines.push(...String(chunk).split('\n').filter(Boolean));
          cb();
        },
      })
    : null;
  return new GrpcTransport({
    target: { address, tls: false },
    tracer: new Tracer({ debug }),
    metadata: async () => metadata ?? {},
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
  });
}

describe('GrpcTransport', () => {
  it('adds the auth metadata to every call and traces it redacted', async () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXNlY3JldA';
    registerSecret(token);
    const lines: string[] = [];
    const t = transport(lines, { authorization: `bearer ${token}` });
    const r = await t.unary(method('Get'), { n: 1 });
    expect(r).toEqual({ n: 1, auth: `bearer ${token}` });
    t.close();
    expect(lines[0]).toMatch(/^GRPC: \/test\.Svc\/Get metadata=\{"authorization":"bearer \{SHA256\}[0-9a-f]+"\} request=\{"n":1\}$/);
    expect(lines[1]).toMatch(/^GRPC STATUS: OK \(\d+ ms\) response=/);
    expect(lines.join('\n')).not.toContain(token);
  });

  it('retries UNAVAILABLE for idempotent calls, bounded', async () => {
    const t = transport();
    expect(await t.unary(method('Flaky'), {}, { idempotent: true })).toEqual({ n: 3 });
    expect(calls.Flaky).toBe(3);
    t.close();
  });

  it('does not retry calls that are not idempotent', async () => {
    const t = transport();
    const err = await t.unary(method('Create'), {}).catch((e) => e);
    expect(err).toBeInstanceOf(GrpcStatusError);
    expect(err.code).toBe(grpc.status.UNAVAILABLE);
    expect(calls.Create).toBe(1);
    t.close();
  });

  it('gives up after the retries', async () => {
    calls.Create = 0;
    const t = transport();
    await t.unary(method('Create'), {}, { idempotent: true }).catch(() => undefined);
    expect(calls.Create).toBe(4); // 1 + 3 retries
    t.close();
  });

  it('applies the deadline', async () => {
    const t = transport();
    const err = await t.unary(method('Slow'), {}, { timeoutMs: 200 }).catch((e) => e);
    expect(err.code).toBe(grpc.status.DEADLINE_EXCEEDED);
    t.close();
  });

  it('streams, and cancels when the consumer stops early', async () => {
    const t = transport();
    const got: number[] = [];
    for await (const m of t.serverStream(method('List'), { n: 3 })) got.push(m.n!);
    expect(got).toEqual([0, 1, 2]);
    const some: number[] = [];
    for await (const m of t.serverStream(method('List'), { n: 99 })) {
      some.push(m.n!);
      if (some.length === 2) break;
    }
    expect(some).toEqual([0, 1]);
    t.close();
  });

  it('fails fast when nothing listens', async () => {
    const t = new GrpcTransport({ target: { address: '127.0.0.1:1', tls: false }, tracer: new Tracer({ debug: null }) });
    const started = Date.now();
    const err = await t.unary(method('Get'), {}, { idempotent: true }).catch((e) => e);
    expect(err.code).toBe(grpc.status.UNAVAILABLE);
    expect(err.details).toMatch(/ECONNREFUSED/);
    expect(Date.now() - started).toBeLessThan(3000);
    t.close();
  });
});
