// Pure logic of the OpenStack backend: version settings, endpoint parsing, error mapping,
// marker paging, name-or-ID resolution, --wait polling and argument parsing.
import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { mvCompare, parseMicroversion, parseVolumeApiVersion, splitEndpoint } from '../../src/backends/openstack/cinder.js';
import { apiError, oneLine, parseFault } from '../../src/backends/openstack/errors.js';
import { markerPages, queryString } from '../../src/backends/openstack/pager.js';
import { isUuidLike, resolveRef } from '../../src/backends/openstack/resolve.js';
import { backoffDelay, waitFor } from '../../src/backends/openstack/wait.js';
import { parseGiB, parseLimit, parseProperties } from '../../src/backends/openstack/args.js';
import { FLAVOR_COLUMNS, attachedTo, formatProperties } from '../../src/backends/openstack/views.js';
import { AuthError, ConflictError, NotFoundError, ServerError, StorctlError, UsageError } from '../../src/framework/errors.js';
import type { HttpResponse } from '../../src/transport/http.js';
import type { Context } from '../../src/framework/context.js';

function response(status: number, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }): HttpResponse {
  const bytes = new TextEncoder().encode(body);
  return {
    status,
    url: 'http://cinder:8776/v3/p/volumes/x',
    headers,
    body: bytes,
    stream: undefined as never,
    text: () => body,
    json: () => JSON.parse(body),
  };
}

describe('volume API version setting', () => {
  it('parses 2, 3, 3.x and latest', () => {
    expect(parseVolumeApiVersion(undefined)).toEqual({});
    expect(parseVolumeApiVersion('2')).toEqual({ api: 'v2' });
    expect(parseVolumeApiVersion('2.0')).toEqual({ api: 'v2' });
    expect(parseVolumeApiVersion('3')).toEqual({ api: 'v3' });
    expect(parseVolumeApiVersion('3.59')).toEqual({ api: 'v3', pinned: { major: 3, minor: 59 } });
    expect(parseVolumeApiVersion('latest')).toEqual({ api: 'v3', latest: true });
    expect(() => parseVolumeApiVersion('1')).toThrow(UsageError);
    expect(() => parseVolumeApiVersion('3.x')).toThrow(UsageError);
  });

  it('compares microversions numerically', () => {
    expect(mvCompare(parseMicroversion('3.10')!, parseMicroversion('3.9')!)).toBeGreaterThan(0);
    expect(mvCompare(parseMicroversion('3.42')!, parseMicroversion('3.42')!)).toBe(0);
    expect(parseMicroversion('x')).toBeUndefined();
  });
});

describe('block-storage endpoint URLs', () => {
  it('splits around the version segment', () => {
    expect(splitEndpoint('http://h:8776/v3/abc')).toEqual({ root: 'http://h:8776', api: 'v3', rest: '/abc' });
    expect(splitEndpoint('https://cloud/volume/v2/abc/')).toEqual({ root: 'https://cloud/volume', api: 'v2', rest: '/abc' });
    expect(splitEndpoint('http://h:8776/v3')).toEqual({ root: 'http://h:8776', api: 'v3', rest: '' });
    expect(splitEndpoint('http://h:8776/v1/abc').api).toBe('v1');
    expect(splitEndpoint('http://h:8776/')).toEqual({ root: 'http://h:8776', rest: '' });
    expect(splitEndpoint('https://cloud/block-storage')).toEqual({ root: 'https://cloud/block-storage', rest: '' });
  });
});

describe('OpenStack error bodies', () => {
  it('reads Cinder/Nova faults and Keystone errors', () => {
    expect(parseFault('{"itemNotFound": {"code": 404, "message": "Volume x could not be found."}}')).toEqual({ kind: 'itemNotFound', code: 404, message: 'Volume x could not be found.' });
    expect(parseFault('{"error": {"code": 403, "message": "nope", "title": "Forbidden"}}')).toMatchObject({ kind: 'error', message: 'nope' });
    expect(parseFault('<html>404</html>')).toEqual({});
    expect(oneLine('a\n  b\tc ')).toBe('a b c');
  });

  it('maps statuses and state conflicts to typed errors with the server message', () => {
    const ec = { service: 'Cinder' as const, method: 'GET', url: 'http://cinder:8776/v3/p/volumes/x' };
    const nf = apiError(response(404, '{"itemNotFound": {"code": 404, "message": "Volume x could not be found."}}', { 'content-type': 'application/json', 'x-openstack-request-id': 'req-1' }), ec);
    expect(nf).toBeInstanceOf(NotFoundError);
    expect(nf.message).toBe('Volume x could not be found.');
    expect(nf.details).toMatchObject({ status: 404, fault: 'itemNotFound', request_id: 'req-1' });
    const busy = apiError(response(400, '{"badRequest": {"code": 400, "message": "Invalid volume: Volume status must be available or error or error_restoring and must not be migrating, attached."}}'), ec);
    expect(busy).toBeInstanceOf(ConflictError);
    const bad = apiError(response(400, '{"badRequest": {"code": 400, "message": "Invalid input received: bad"}}'), ec);
    expect(bad.exitCode).toBe(1);
    expect(apiError(response(403, '{"forbidden": {"code": 403, "message": "Policy doesn\'t allow x"}}'), ec)).toBeInstanceOf(AuthError);
    expect(apiError(response(406, '{"computeFault": {"code": 406, "message": "Version 3.99 is not supported by the API."}}'), ec)).toBeInstanceOf(UsageError);
    expect(apiError(response(409, '{"conflictingRequest": {"code": 409, "message": "exists"}}'), ec)).toBeInstanceOf(ConflictError);
    const over = apiError(response(413, '{"overLimit": {"code": 413, "message": "VolumeLimitExceeded: too many", "retryAfter": "0"}}'), ec);
    expect(over.message).toBe('VolumeLimitExceeded: too many');
    expect(over.hint).toContain('quota show');
    expect(apiError(response(500, '{"computeFault": {"code": 500, "message": "boom"}}'), ec)).toBeInstanceOf(ServerError);
    const html = apiError(response(404, '<html><body>404 Not Found</body></html>', { 'content-type': 'text/html' }), ec);
    expect(html).toBeInstanceOf(NotFoundError);
    expect(html.message).toContain('Cinder has nothing at GET /v3/p/volumes/x');
  });
});

describe('marker paging', () => {
  const all = Array.from({ length: 25 }, (_, i) => ({ id: `id-${String(i).padStart(2, '0')}` }));
  const pageSize = 10;
  const calls: Record<string, unknown>[] = [];
  const fetch = async (q: Record<string, unknown>) => {
    calls.push(q);
    const start = q.marker ? all.findIndex((x) => x.id === q.marker) + 1 : 0;
    const size = Math.min(Number(q.limit ?? pageSize), pageSize);
    const page = all.slice(start, start + size);
    return { volumes: page, ...(page.length === size ? { volumes_links: [{ rel: 'next', href: 'x' }] } : {}) };
  };

  it('follows next links with the last id as marker, keeping the query', async () => {
    calls.length = 0;
    const got = [];
    for await (const v of markerPages<{ id: string }>(fetch, { key: 'volumes', query: { status: 'available' } })) got.push(v.id);
    expect(got).toEqual(all.map((x) => x.id));
    expect(calls).toEqual([{ status: 'available' }, { status: 'available', marker: 'id-09' }, { status: 'available', marker: 'id-19' }]);
  });

  it('stops at --limit without fetching more', async () => {
    calls.length = 0;
    const got = [];
    for await (const v of markerPages<{ id: string }>(fetch, { key: 'volumes', limit: 12 })) got.push(v.id);
    expect(got).toHaveLength(12);
    expect(calls).toHaveLength(2);
    expect(calls[1]).toEqual({ limit: 2, marker: 'id-09' });
  });

  it('stops on an empty page, and a server that repeats its pages is a server error, not an endless loop', async () => {
    const empty = async () => ({ volumes: [], volumes_links: [{ rel: 'next' }] });
    for await (const _ of markerPages<{ id: string }>(empty, { key: 'volumes' })) throw new Error(`unexpected ${String(_)}`);
    let n = 0;
    const stuck = async () => (n++ > 5 ? { volumes: [] } : { volumes: [{ id: 'same' }], volumes_links: [{ rel: 'next' }] });
    const got: unknown[] = [];
    const err = await (async () => {
      for await (const v of markerPages<{ id: string }>(stuck, { key: 'volumes' })) got.push(v);
    })().catch((e) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect(err.message).toMatch(/volumes listing does not advance/);
    expect(got).toHaveLength(2);
  });

  it('builds query strings without undefined values', () => {
    expect(queryString({ a: 1, b: undefined, c: 'x y' })).toBe('?a=1&c=x%20y');
    expect(queryString({})).toBe('');
  });
});

describe('name or ID', () => {
  const vols = [
    { id: '11111111-1111-1111-1111-111111111111', name: 'db' },
    { id: '22222222-2222-2222-2222-222222222222', name: 'twin' },
    { id: '33333333-3333-3333-3333-333333333333', name: 'twin' },
  ];
  const opts = {
    kind: 'volume',
    byId: async (id: string) => vols.find((v) => v.id === id),
    byName: async (name: string) => vols.filter((v) => v.name === name),
    listCommand: 'storctl volume list',
  };

  it('finds by ID, then by unique name', async () => {
    expect((await resolveRef(vols[0]!.id, opts)).name).toBe('db');
    expect((await resolveRef('db', opts)).id).toBe(vols[0]!.id);
  });

  it('ambiguous names are conflicts listing the IDs; unknown ones are not found', async () => {
    const err = await resolveRef('twin', opts).catch((e) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toContain(vols[1]!.id);
    expect(err.details.matches).toEqual([vols[1]!.id, vols[2]!.id]);
    const nf = await resolveRef('nope', opts).catch((e) => e);
    expect(nf).toBeInstanceOf(NotFoundError);
    expect(nf.hint).toContain('storctl volume list');
  });

  it('a NotFoundError from the ID lookup falls back to names', async () => {
    const r = await resolveRef('44444444-4444-4444-4444-444444444444', {
      ...opts,
      byId: async () => {
        throw new NotFoundError('gone');
      },
      byName: async () => [{ id: 'x', name: '44444444-4444-4444-4444-444444444444' }],
    });
    expect(r.id).toBe('x');
    expect(isUuidLike('5c1e0f536d3b4c4e9d8e2f0b8f5d1a77')).toBe(true);
    expect(isUuidLike('db')).toBe(false);
  });
});

function fakeCtx(): Context & { errText: () => string } {
  const err = new PassThrough();
  let text = '';
  err.on('data', (d) => (text += String(d)));
  return {
    interactive: false,
    signal: new AbortController().signal,
    io: { stderr: err, stdout: new PassThrough(), stdin: new PassThrough() },
    debug: () => {},
    errText: () => text,
  } as unknown as Context & { errText: () => string };
}

describe('--wait', () => {
  it('backs off from 250 ms to at most 5 s', () => {
    expect(backoffDelay(0)).toBe(250);
    expect(backoffDelay(1)).toBe(375);
    expect(backoffDelay(20)).toBe(5000);
  });

  it('returns the record once it reaches a final state', async () => {
    const states = ['creating', 'creating', 'available'];
    const r = await waitFor(fakeCtx(), { label: 'volume v', poll: async () => ({ status: states.shift() ?? 'available' }), status: (x) => x.status, until: ['available'] });
    expect(r).toEqual({ status: 'available' });
  });

  it('an error state is a ServerError with the server\'s reason', async () => {
    const err = await waitFor(fakeCtx(), {
      label: 'volume v',
      poll: async () => ({ status: 'error' }),
      status: (x) => x.status,
      until: ['available'],
      fault: async () => 'No valid backend was found.',
    }).catch((e) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect(err.message).toBe('volume v ended in status error: No valid backend was found.');
  });

  it('"gone" waits until the resource disappears; error_deleting fails', async () => {
    const seq: ({ status: string } | undefined)[] = [{ status: 'deleting' }, undefined];
    expect(await waitFor(fakeCtx(), { label: 'v', poll: async () => seq.shift(), status: (x) => x.status, until: 'gone' })).toBeUndefined();
    const err = await waitFor(fakeCtx(), { label: 'v', poll: async () => ({ status: 'error_deleting' }), status: (x) => x.status, until: 'gone' }).catch((e) => e);
    expect(err).toBeInstanceOf(ServerError);
  });

  it('gives up after the timeout', async () => {
    const err = await waitFor(fakeCtx(), { label: 'v', poll: async () => ({ status: 'creating' }), status: (x) => x.status, until: ['available'], timeoutMs: 1 }).catch((e) => e);
    expect(err).toBeInstanceOf(StorctlError);
    expect(err.message).toMatch(/^timed out after 1ms waiting for v to become available \(last status: creating\)$/);
  });

  it('draws a spinner on stderr only when interactive, and clears it', async () => {
    const ctx = fakeCtx();
    (ctx as any).interactive = true;
    await waitFor(ctx, { label: 'volume v', poll: async () => ({ status: 'available' }), status: (x) => x.status, until: ['available'] });
    expect(ctx.errText()).toContain('waiting for volume v');
    expect(ctx.errText().endsWith('\r\x1b[2K')).toBe(true);
    const quiet = fakeCtx();
    await waitFor(quiet, { label: 'volume v', poll: async () => ({ status: 'available' }), status: (x) => x.status, until: ['available'] });
    expect(quiet.errText()).toBe('');
  });
});

describe('arguments and cells', () => {
  it('parses properties, sizes and limits', () => {
    expect(parseProperties(['a=1', 'b=x=y'])).toEqual({ a: '1', b: 'x=y' });
    expect(() => parseProperties(['novalue'])).toThrow(UsageError);
    expect(parseGiB('10')).toBe(10);
    expect(parseGiB('10GiB')).toBe(10);
    expect(parseGiB(3)).toBe(3);
    expect(() => parseGiB('0')).toThrow(UsageError);
    expect(() => parseGiB('1.5')).toThrow(UsageError);
    expect(parseLimit(undefined)).toBeUndefined();
    expect(() => parseLimit(0)).toThrow(UsageError);
  });

  it('derives table cells without touching the records', () => {
    expect(formatProperties({ a: '1', b: '2' })).toBe("a='1', b='2'");
    expect(attachedTo({ attachments: [{ server_id: 's1', device: '/dev/vdb' }, { host_name: 'h2' }] })).toEqual(['s1 on /dev/vdb', 'h2']);
    const rxtx = FLAVOR_COLUMNS.find((c) => c.header === 'RXTX_Factor')!;
    expect(rxtx.get!({ rxtx_factor: 1 })).toBe('1.0');
    expect(rxtx.get!({ rxtx_factor: 1.5 })).toBe(1.5);
  });
});
