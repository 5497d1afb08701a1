// The resume loop of Swift downloads (src/backends/swift/resume.ts) against scripted answers:
// which errors count as a cut, what is asked for next, and when it gives up.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { NetworkError } from '../../src/framework/errors.js';
import { CutOff, IntegrityError } from '../../src/backends/swift/errors.js';
import { pumpResumable, type BodySink } from '../../src/backends/swift/resume.js';
import type { SwiftClient, SwiftRequest } from '../../src/backends/swift/client.js';
import type { HttpResponse } from '../../src/transport/http.js';

const ETAG = '0123456789abcdef0123456789abcdef';

function answer(status: number, headers: Record<string, string>, chunks: Buffer[], fail?: Error): HttpResponse {
  const stream = Readable.from(
    (async function* () {
      for (const c of chunks) yield c;
      if (fail) throw fail;
    })(),
  );
  return { status, url: 'http://x', headers, body: new Uint8Array(), stream, text: () => '', json: () => ({}) } as HttpResponse;
}

function fakeSwift(answers: ((r: SwiftRequest) => HttpResponse | Promise<HttpResponse>)[], o: { budget?: number; signal?: AbortSignal } = {}) {
  const requests: SwiftRequest[] = [];
  const debug: string[] = [];
  const swift = {
    ctx: {
      signal: o.signal ?? new AbortController().signal,
      globals: { retryBudget: o.budget ?? 30 },
      debug: (m: string) => debug.push(m),
      profile: async () => ({ get: () => undefined }),
    },
    request: async (r: SwiftRequest) => {
      requests.push(r);
      const next = answers.shift();
      if (!next) throw new Error('no more answers scripted');
      return next(r);
    },
  } as unknown as SwiftClient;
  return { swift, requests, debug };
}

function collect(): BodySink & { bytes: Buffer[] } {
  const bytes: Buffer[] = [];
  return {
    bytes,
    write: (b) => void bytes.push(b),
    flush: async () => {},
    restart: async () => void bytes.splice(0),
  };
}

const spec = { container: 'c', object: 'o', label: '"c/o"', begin: 0, pos: 0, end: 8, etag: ETAG, hint: 'run it again' };
const a = Buffer.from('abcd');
const b = Buffer.from('efgh');

describe('resuming a cut body', () => {
  for (const [what, err] of [
    ['a transport stall (NetworkError "stalled:")', new NetworkError('stalled: no data for 30 s')],
    ['ECONNRESET', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['undici "other side closed"', Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' })],
  ] as const) {
    it(`${what} is a cut: the rest is asked for from the cut byte with If-Match`, async () => {
      const { swift, requests, debug } = fakeSwift([() => answer(206, { 'content-range': 'bytes 4-7/8', etag: `"${ETAG}"` }, [b])]);
      const sink = collect();
      const got = await pumpResumable(swift, answer(200, { 'content-length': '8' }, [a], err), spec, sink);
      expect(got).toEqual({ from: 0, to: 8, stopped: false });
      expect(Buffer.concat(sink.bytes).toString()).toBe('abcdefgh');
      expect(requests[0]!.headers).toEqual({ range: 'bytes=4-', 'if-match': `"${ETAG}"` });
      expect(debug.join('\n')).toMatch(/cut at byte 4/);
    });
  }

  it('a body that ends early is a cut too', async () => {
    const { swift, requests } = fakeSwift([() => answer(206, { 'content-range': 'bytes 4-7/8' }, [b])]);
    const sink = collect();
    await pumpResumable(swift, answer(200, { 'content-length': '8' }, [a]), spec, sink);
    expect(Buffer.concat(sink.bytes).toString()).toBe('abcdefgh');
    expect(requests).toHaveLength(1);
  });

  it("the user's abort is not a cut: the error comes back as it was, nothing is asked again", async () => {
    const ac = new AbortController();
    const { swift, requests } = fakeSwift([], { signal: ac.signal });
    const err = new Error('aborted');
    const first = answer(200, { 'content-length': '8' }, [a], err);
    const sink = { ...collect(), write: () => void ac.abort() };
    await expect(pumpResumable(swift, first, spec, sink)).rejects.toBe(err);
    expect(requests).toHaveLength(0);
  });

  it('a 206 starting elsewhere is refused', async () => {
    const { swift } = fakeSwift([() => answer(206, { 'content-range': 'bytes 0-7/8' }, [a, b])]);
    await expect(pumpResumable(swift, answer(200, { 'content-length': '8' }, [a], new Error('cut')), spec, collect())).rejects.toBeInstanceOf(IntegrityError);
  });

  it('gives up after a few resumes without progress, with a CutOff naming the byte', async () => {
    const fail = () => {
      throw new NetworkError('connection to http://x failed: refused (ECONNREFUSED)');
    };
    const { swift, requests } = fakeSwift([fail, fail, fail, fail, fail]);
    const t0 = Date.now();
    const err = await pumpResumable(swift, answer(200, { 'content-length': '8' }, [a], new Error('read ECONNRESET')), spec, collect()).catch((e) => e);
    expect(err).toBeInstanceOf(CutOff);
    expect(err.exitCode).toBe(6);
    expect(err.message).toMatch(/^download of "c\/o" was cut after 4 of 8 bytes and not resumed: connection to http:\/\/x failed/);
    expect(requests).toHaveLength(3);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('a stall is not progress, even when it brought a few bytes: a trickling server is not resumed for ever', async () => {
    const one = Buffer.from('e');
    const trickle = (r: SwiftRequest) => answer(206, { 'content-range': `bytes ${/bytes=(\d+)/.exec(r.headers!.range!)![1]}-7/8` }, [one], new NetworkError('stalled: http://x sent or took fewer than 1024 bytes/s for 30 s'));
    const { swift, requests } = fakeSwift([trickle, trickle, trickle, trickle, trickle]);
    const err = await pumpResumable(swift, answer(200, { 'content-length': '8' }, [a], new NetworkError('stalled: http://x sent or took fewer than 1024 bytes/s for 30 s')), spec, collect()).catch((e) => e);
    expect(err).toBeInstanceOf(CutOff);
    expect(requests.length).toBeLessThanOrEqual(3);
  });

  it('a retry budget of 0 means no resume', async () => {
    const { swift, requests } = fakeSwift([], { budget: 0 });
    await expect(pumpResumable(swift, answer(200, { 'content-length': '8' }, [a], new Error('read ECONNRESET')), spec, collect())).rejects.toBeInstanceOf(CutOff);
    expect(requests).toHaveLength(0);
  });
});
