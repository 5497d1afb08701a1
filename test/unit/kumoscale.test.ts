// KumoScale backend logic without a server: result envelopes and HTML pages to errors, the
// provisioner URL list and its "try first" preference, reply shapes, units, storage classes.
import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthError, ConflictError, NotFoundError, ServerError, StorctlError, UsageError } from '../../src/framework/errors.js';
import { bodySummary, envelopeError, httpError, isEnvelope, isMissing, resultCode } from '../../src/backends/kumoscale/errors.js';
import { orderEndpoints, parseEndpoints, preferenceFile, readPreferred, writePreferred } from '../../src/backends/kumoscale/endpoints.js';
import { asList, asOne } from '../../src/backends/kumoscale/client.js';
import { bandwidthBytes, sizeToGB, wholeNumber } from '../../src/backends/kumoscale/units.js';
import { checkLabels, storageClass } from '../../src/backends/kumoscale/flags.js';
import { replicaSummary } from '../../src/backends/kumoscale/views.js';
import { pollDelay, taskEnded, volumeSettled } from '../../src/backends/kumoscale/wait.js';
import { findReplica } from '../../src/backends/kumoscale/resources.js';

describe('result envelopes', () => {
  it('recognises envelopes but not records', () => {
    expect(isEnvelope({ status: 'Success', description: 'Success' })).toBe(true);
    expect(isEnvelope({ status: 'NotExists' })).toBe(true);
    expect(isEnvelope({ uuid: 'x', status: 'Active', name: 'n' })).toBe(false);
    expect(isEnvelope([{ status: 'Success', description: '' }])).toBe(false);
    expect(isEnvelope({ name: 'default', state: 'Enabled' })).toBe(false);
  });

  it.each([
    ['AlreadyExists', ConflictError, 5],
    ['AlreadyPublished', ConflictError, 5],
    ['VolumeNotPublished', ConflictError, 5],
    ['NotExists', NotFoundError, 4],
    ['DeviceNotFound', NotFoundError, 4],
    ['NotAvailable', ConflictError, 5],
    ['NoGroups', ConflictError, 5],
    ['VolumeInUse', ConflictError, 5],
    ['InvalidState', ConflictError, 5],
    ['InvalidParameter', StorctlError, 1],
    ['InvalidLocationValue', StorctlError, 1],
    ['NotSupported', StorctlError, 1],
    ['SomethingNew', StorctlError, 1],
  ] as const)('%s → %s (exit %i)', (code, cls, exit) => {
    const err = envelopeError({ status: code, description: `text for ${code}` }, 'cannot do it');
    expect(err).toBeInstanceOf(cls);
    expect(err.exitCode).toBe(exit);
    expect(err.message).toBe(`cannot do it: text for ${code} (${code})`);
    expect(resultCode(err)).toBe(code);
    expect(err.details).toMatchObject({ status: code, description: `text for ${code}` });
  });

  it('does not repeat a description equal to the code', () => {
    expect(envelopeError({ status: 'NotExists', description: 'NotExists' }, 'x').message).toBe('x: NotExists');
    expect(envelopeError({ status: 'NotExists' }, 'x').message).toBe('x: NotExists');
  });

  it('tells envelope "missing" from an HTTP 404', () => {
    expect(isMissing(envelopeError({ status: 'NotExists' }, 'x'))).toBe(true);
    const http404 = httpError({ status: 404, method: 'GET', path: '/x', origin: 'https://p', body: '', action: 'a', profile: 'p' });
    expect(isMissing(http404)).toBe(false);
  });
});

describe('HTTP failures', () => {
  const page = (code: number, msg: string) =>
    `<!doctype html><html><head><title>HTTP Status ${code} – Err</title></head><body><h1>HTTP Status ${code}</h1><p><b>Message</b> ${msg}</p></body></html>`;
  const f = (status: number, extra: Partial<Parameters<typeof httpError>[0]> = {}) =>
    httpError({ status, method: 'POST', path: '/syslog', origin: 'https://ks:8090', body: page(status, 'Access is denied'), action: 'cannot set syslog', profile: 'prod', ...extra });

  it('summarises servlet pages without HTML', () => {
    expect(bodySummary(page(500, 'NullPointerException &#60;here&#62;'))).toBe('NullPointerException <here>');
    expect(bodySummary('<html><head><title>Oops</title></head><body>x</body></html>')).toBe('Oops');
    expect(bodySummary('plain  text\nerror')).toBe('plain text error');
    expect(bodySummary('x'.repeat(300)).length).toBeLessThanOrEqual(160);
  });

  it('401 and 403 are auth errors with one line', () => {
    for (const s of [401, 403]) {
      const e = f(s);
      expect(e).toBeInstanceOf(AuthError);
      expect(e.exitCode).toBe(3);
      expect(e.message).not.toMatch(/[<>\n]/);
    }
    expect(f(403).message).toContain('denied POST /syslog');
  });

  it('404 and 405 on unconfirmed paths say so', () => {
    expect(f(404, { unconfirmed: true }).message).toBe('this provisioner does not serve /syslog (the path is unconfirmed in the reference)');
    expect(f(404, { unconfirmed: true })).toBeInstanceOf(NotFoundError);
    expect(f(404).message).toMatch(/does not serve \/syslog \(HTTP 404\)/);
    expect(f(405, { unconfirmed: true }).message).toMatch(/does not accept POST \/syslog .*unconfirmed/);
  });

  it('5xx is a server error carrying the page message', () => {
    const e = f(500);
    expect(e).toBeInstanceOf(ServerError);
    expect(e.message).toBe('cannot set syslog: the provisioner at https://ks:8090 answered HTTP 500 (Access is denied)');
  });
});

describe('provisioner URLs', () => {
  it('accepts https, a list, or one comma-separated string; bare hosts get https://', () => {
    expect(parseEndpoints(['https://a:8090/', 'https://b:8090'], 'p')).toEqual(['https://a:8090', 'https://b:8090']);
    expect(parseEndpoints('https://a:8090, b:30100', 'p')).toEqual(['https://a:8090', 'https://b:30100']);
    expect(parseEndpoints(['https://a:8090', 'https://a:8090/'], 'p')).toEqual(['https://a:8090']);
    expect(parseEndpoints(['https://gw/ks/'], 'p')).toEqual(['https://gw/ks']);
  });

  it('refuses http:// and empty lists with usage errors', () => {
    expect(() => parseEndpoints(['http://a:8090'], 'p')).toThrow(/HTTPS only/);
    expect(() => parseEndpoints(['http://a:8090'], 'p')).toThrow(UsageError);
    expect(() => parseEndpoints(['ftp://a'], 'p')).toThrow(UsageError);
    expect(() => parseEndpoints(undefined, 'p')).toThrow(/no endpoint/);
    expect(() => parseEndpoints([], 'p')).toThrow(UsageError);
  });

  it('puts the preferred URL first and keeps the others in order', () => {
    const list = ['https://a', 'https://b', 'https://c'];
    expect(orderEndpoints(list, 'https://c')).toEqual(['https://c', 'https://a', 'https://b']);
    expect(orderEndpoints(list, 'https://z')).toEqual(list);
    expect(orderEndpoints(list)).toEqual(list);
  });

  it('remembers the preferred URL per URL list, in a 0600 file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ks-pref-'));
    try {
      const list = ['https://a', 'https://b'];
      const file = preferenceFile(dir, list);
      expect(file).toMatch(/kumoscale\/[0-9a-f]{16}\.json$/);
      expect(preferenceFile(dir, ['https://b', 'https://a'])).not.toBe(file);
      expect(await readPreferred(file, list)).toBeUndefined();
      await writePreferred(file, list, 'https://b');
      expect(await readPreferred(file, list)).toBe('https://b');
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ preferred: 'https://b', endpoints: list });
      expect(await readPreferred(file, ['https://a'])).toBeUndefined(); // no longer in the profile
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('reply shapes', () => {
  it('single-item GETs: an object or a one-element array', () => {
    expect(asOne({ persistentID: 'x' })).toEqual({ persistentID: 'x' });
    expect(asOne([{ uuid: 'v' }])).toEqual({ uuid: 'v' });
    expect(asOne([])).toBeUndefined();
    expect(asOne(undefined)).toBeUndefined();
    expect(asOne({ status: 'Success', description: 'Success' })).toBeUndefined();
  });

  it('lists: bare arrays; empty bodies are empty lists', () => {
    expect(asList([{ a: 1 }, { b: 2 }])).toEqual([{ a: 1 }, { b: 2 }]);
    expect(asList(undefined)).toEqual([]);
    expect(asList({ status: 'Success', description: '' })).toEqual([]);
    expect(asList({ only: 'one' })).toEqual([{ only: 'one' }]);
  });
});

describe('units', () => {
  it('sizes become whole GB, rounding up', () => {
    expect(sizeToGB('100GB')).toMatchObject({ gb: 100, rounded: false });
    expect(sizeToGB('1TB')).toMatchObject({ gb: 1000, rounded: false });
    expect(sizeToGB('10GiB')).toMatchObject({ gb: 11, rounded: true });
    expect(sizeToGB('10')).toMatchObject({ gb: 11, rounded: true }); // a plain number is GiB
    expect(sizeToGB('1.5GB')).toMatchObject({ gb: 2, rounded: true });
    expect(() => sizeToGB('0GB')).toThrow(UsageError);
    expect(() => sizeToGB('big')).toThrow(UsageError);
  });

  it('bandwidth and whole numbers', () => {
    expect(bandwidthBytes('2GB', '--bw')).toBe(2_000_000_000);
    expect(bandwidthBytes('500MiB/s', '--bw')).toBe(500 * 1024 ** 2);
    expect(bandwidthBytes('1234', '--bw')).toBe(1234);
    expect(wholeNumber(5, '--x')).toBe(5);
    expect(() => wholeNumber(-1, '--x')).toThrow(UsageError);
    expect(() => wholeNumber(101, '--x', 100)).toThrow(UsageError);
    expect(() => wholeNumber(1.5, '--x')).toThrow(UsageError);
  });
});

describe('storage class and labels', () => {
  it('sends only what was given, under the API names', () => {
    expect(storageClass({})).toEqual({ numReplicas: 1 });
    expect(
      storageClass({ replicas: 2, zone: ['z1'], rack: ['r1', 'r2'], sameRackAllowed: true, allowSpan: true, blockSize: 512, maxIopsPerGb: 50, desiredBwPerGb: 3, hostId: 'h', storageClassName: 'gold' }),
    ).toEqual({ numReplicas: 2, zones: ['z1'], racks: ['r1', 'r2'], sameRackAllowed: true, allowSpan: true, blockSize: 512, maxIOPSPerGB: 50, desiredBWPerGB: 3, hostId: 'h', name: 'gold' });
  });

  it('checks replicas and block size', () => {
    expect(() => storageClass({ replicas: 0 })).toThrow(UsageError);
    expect(() => storageClass({ replicas: 5 })).toThrow(UsageError);
    expect(() => storageClass({ blockSize: 1024 })).toThrow(/512 or 4096/);
  });

  it('labels are at most 255 characters', () => {
    expect(checkLabels({ rack: 'r1', zone: '' })).toEqual({ rack: 'r1', zone: '' });
    expect(() => checkLabels({ region: 'x'.repeat(256) })).toThrow(UsageError);
  });
});

describe('volume state', () => {
  const vol = (...states: string[]) => ({
    uuid: 'v',
    alias: 'db',
    location: states.map((s, i) => ({ uuid: `r${i}`, backend: { persistentID: `b${i}` }, replicaState: s })),
  });

  it('summarises replica states', () => {
    expect(replicaSummary(vol('Available', 'Available'))).toBe('Available');
    expect(replicaSummary(vol('Available', 'Synchronizing', 'Available'))).toBe('2 Available, 1 Synchronizing');
    expect(replicaSummary({})).toBe('');
  });

  it('settled means every replica Available and none migrating', () => {
    expect(volumeSettled(vol('Available', 'Available'))).toBe(true);
    expect(volumeSettled(vol('Available', 'Synchronizing'))).toBe(false);
    const v = vol('Available');
    (v.location[0] as any).migratingTo = 'b9';
    expect(volumeSettled(v)).toBe(false);
  });

  it('finds a replica by UUID or by backend', () => {
    const v = vol('Available', 'Missing');
    expect(findReplica(v, 'r1').uuid).toBe('r1');
    expect(findReplica(v, 'b0').uuid).toBe('r0');
    expect(() => findReplica(v, 'zz')).toThrow(NotFoundError);
  });

  it('tasks end on state Ended or a final status; polling backs off to 5 s', () => {
    expect(taskEnded({ state: 'Running', taskStatus: 'InProgress' })).toBe(false);
    expect(taskEnded({ state: 'Ended' })).toBe(true);
    expect(taskEnded({ taskStatus: 'Failed' })).toBe(true);
    expect(pollDelay(0)).toBe(500);
    expect(pollDelay(20)).toBe(5000);
  });
});
