// Pure logic of the Swift backend: parsing, names and paths, records, ETag rules, temp URL
// signatures, concurrency helpers, file chunking.
import { createHash, createHmac } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileChunks, md5File, SegmentChecker, segmentLength, sloEtag, verifiable } from '../../src/backends/swift/integrity.js';
import { decodeHeaderValue, encodeHeaderValue, extractMeta, listingIso, metaHeaders, parseDuration, parseMetaPairs, parseSize, parseTime, removeMetaHeaders, timestampIso, unquote } from '../../src/backends/swift/meta.js';
import { contentTypeFor } from '../../src/backends/swift/mime.js';
import { checkContainer, encodeName, infoUrl, objectPath, splitPath } from '../../src/backends/swift/paths.js';
import { eachLimit, Limiter } from '../../src/backends/swift/pool.js';
import { accountRecord, containerRecord, isPublic, objectRecord } from '../../src/backends/swift/records.js';
import { signTempUrl } from '../../src/backends/swift/tempurl.js';
import { localPath } from '../../src/backends/swift/download.js';
import { objectNameFor } from '../../src/backends/swift/upload.js';
import { IntegrityError, bodyText } from '../../src/backends/swift/errors.js';

const md5 = (s: string | Buffer) => createHash('md5').update(s).digest('hex');

describe('parsing user input', () => {
  it('sizes with binary suffixes', () => {
    expect(parseSize('100M', '--s')).toBe(100 * 1024 * 1024);
    expect(parseSize('1GiB', '--s')).toBe(1024 ** 3);
    expect(parseSize('512k', '--s')).toBe(512 * 1024);
    expect(parseSize('1.5G', '--s')).toBe(1.5 * 1024 ** 3);
    expect(parseSize('42', '--s')).toBe(42);
    expect(parseSize(undefined, '--s')).toBeUndefined();
    expect(() => parseSize('ten', '--s')).toThrow(/not a size/);
    expect(() => parseSize('0', '--s')).toThrow(/at least 1/);
  });

  it('durations and times', () => {
    expect(parseDuration('90', '--d')).toBe(90);
    expect(parseDuration('30m', '--d')).toBe(1800);
    expect(parseDuration('12h', '--d')).toBe(43200);
    expect(parseDuration('7d', '--d')).toBe(604800);
    expect(() => parseDuration('soon', '--d')).toThrow(/not a duration/);
    expect(parseTime('1700000000', '--t')).toBe(1700000000);
    expect(parseTime('2030-01-31T12:00:00Z', '--t')).toBe(Date.UTC(2030, 0, 31, 12) / 1000);
    expect(() => parseTime('tomorrow', '--t')).toThrow(/not a time/);
  });

  it('metadata pairs and headers', () => {
    expect(parseMetaPairs(['a=1', 'B:two', 'c=x=y', 'e='])).toEqual([
      ['a', '1'],
      ['B', 'two'],
      ['c', 'x=y'],
      ['e', ''],
    ]);
    expect(() => parseMetaPairs(['novalue'])).toThrow(/KEY=VALUE/);
    expect(() => parseMetaPairs(['bad key=1'])).toThrow(/metadata key/);
    expect(metaHeaders('object', [['Color', 'blue']])).toEqual({ 'x-object-meta-color': 'blue' });
    expect(removeMetaHeaders('container', ['Color'])).toEqual({ 'x-remove-container-meta-color': 'x' });
    expect(extractMeta({ 'x-object-meta-b': '2', 'x-object-meta-a': '1', 'content-type': 't' }, 'object')).toEqual({ a: '1', b: '2' });
  });

  it('UTF-8 header values travel as bytes and come back', () => {
    const v = 'Zürich ✓';
    const wire = encodeHeaderValue(v);
    expect([...wire].every((c) => c.charCodeAt(0) < 256)).toBe(true);
    expect(decodeHeaderValue(wire)).toBe(v);
    expect(encodeHeaderValue('plain')).toBe('plain');
  });

  it('Swift times become ISO 8601 with microseconds, the same from listings and headers', () => {
    expect(timestampIso('1795371997.15852')).toBe('2026-11-22T18:26:37.158520Z');
    expect(listingIso('2026-11-22T18:26:37.158520')).toBe('2026-11-22T18:26:37.158520Z');
    expect(timestampIso('1795371997')).toBe('2026-11-22T18:26:37.000000Z');
    expect(listingIso('2026-11-22T18:26:37')).toBe('2026-11-22T18:26:37.000000Z');
    expect(unquote('"abc"')).toBe('abc');
    expect(unquote('abc')).toBe('abc');
  });
});

describe('names and paths', () => {
  it('encodes names into paths, keeping "/" in object names', () => {
    expect(objectPath('my container', 'a b/c?d#e')).toBe('/my%20container/a%20b/c%3Fd%23e');
    expect(encodeName('ü/x')).toBe('%C3%BC/x');
    expect(objectPath()).toBe('');
    expect(splitPath('c/o/p')).toEqual(['c', 'o/p']);
    expect(splitPath('/c')).toEqual(['c', undefined]);
    expect(() => checkContainer('a/b')).toThrow(/contains "\/"/);
  });

  it('finds /info at the proxy root', () => {
    expect(infoUrl('http://h:8080/v1/AUTH_x')).toBe('http://h:8080/info');
    expect(infoUrl('https://h/swift/v1/AUTH_x')).toBe('https://h/swift/info');
    expect(infoUrl('https://h/v1.0/acct')).toBe('https://h/info');
  });

  it('maps local paths to object names and object names to local paths safely', () => {
    expect(objectNameFor('./a/b.txt')).toBe('a/b.txt');
    expect(objectNameFor('/tmp/x/y')).toBe('tmp/x/y');
    expect(objectNameFor('../up/z')).toBe('up/z');
    const j = (...p: string[]) => p.join('/');
    expect(localPath('out', 'a/b/c.txt', j)).toBe('out/a/b/c.txt');
    expect(localPath('out', '/abs//x', j)).toBe('out/abs/x');
    expect(localPath('out', 'a/../../etc/passwd', j)).toBeUndefined();
    expect(localPath('out', '/', j)).toBeUndefined();
  });

  it('guesses content types from extensions', () => {
    expect(contentTypeFor('a/b/photo.JPG')).toBe('image/jpeg');
    expect(contentTypeFor('x.tar.gz')).toBe('application/gzip');
    expect(contentTypeFor('README')).toBe('application/octet-stream');
    expect(contentTypeFor('.hidden')).toBe('application/octet-stream');
  });
});

describe('records', () => {
  it('object records from HEAD headers, plain and static large', () => {
    const plain = objectRecord('c', 'o', {
      'content-length': '5',
      etag: 'abc',
      'content-type': 'text/plain',
      'x-timestamp': '1700000000.12345',
      'x-object-meta-color': 'blue',
      'x-delete-at': '1800000000',
      'content-encoding': 'gzip',
      'x-trans-id': 'tx1',
    });
    expect(plain).toEqual({
      name: 'o',
      container: 'c',
      bytes: 5,
      hash: 'abc',
      content_type: 'text/plain',
      last_modified: '2023-11-14T22:13:20.123450Z',
      etag: 'abc',
      large_object: null,
      manifest: null,
      metadata: { color: 'blue' },
      delete_at: new Date(1800000000 * 1000).toISOString(),
      headers: { 'content-encoding': 'gzip' },
    });
    const slo = objectRecord('c', 'big', { 'content-length': '10', etag: '"s"', 'x-static-large-object': 'True', 'x-manifest-etag': 'm' }, { type: 'slo', segments: 2 });
    expect(slo).toMatchObject({ hash: 'm', etag: 's', slo_etag: '"s"', large_object: 'slo', manifest: { type: 'slo', segments: 2 } });
    const dlo = objectRecord('c', 'd', { 'x-object-manifest': 'segs/pre%20fix' });
    expect(dlo.manifest).toEqual({ type: 'dlo', segment_prefix: 'segs/pre fix' });
  });

  it('container and account records', () => {
    const c = containerRecord('c', {
      'x-container-object-count': '3',
      'x-container-bytes-used': '30',
      'x-container-read': '.r:*,.rlistings',
      'x-container-meta-quota-bytes': '100',
      'x-container-meta-temp-url-key': 'secret',
      'x-container-meta-team': 'ops',
      'x-versions-location': 'old%20versions',
    });
    expect(c).toMatchObject({ count: 3, bytes: 30, public: true, quota_bytes: 100, temp_url_key_set: true, metadata: { team: 'ops' }, versions_location: 'old versions' });
    expect(JSON.stringify(c)).not.toContain('secret');
    expect(isPublic('test:tester2')).toBe(false);
    const a = accountRecord('http://h/v1/AUTH_x', {
      'x-account-container-count': '2',
      'x-account-object-count': '5',
      'x-account-bytes-used': '50',
      'x-account-meta-temp-url-key': 'secret',
      'x-account-storage-policy-policy-0-object-count': '5',
      'x-account-storage-policy-policy-0-bytes-used': '50',
    });
    expect(a).toMatchObject({ account: 'AUTH_x', containers: 2, objects: 5, bytes: 50, temp_url_key_set: true, metadata: {}, policies: [{ name: 'policy-0', objects: 5, bytes: 50 }] });
    expect(JSON.stringify(a)).not.toContain('secret');
  });
});

describe('static large object ETags', () => {
  it('is the MD5 of the segment MD5s (ranges and data segments as Swift counts them)', () => {
    expect(sloEtag([{ hash: md5('hello\n') }, { hash: md5('world\n') }])).toBe('54d8cdc668602821ead47fa2c308a131');
    expect(sloEtag([{ hash: 'h', range: '0-9' }])).toBe(md5('h:0-9;'));
    expect(sloEtag([{ data: Buffer.from('xyz').toString('base64') }])).toBe(md5(md5('xyz')));
  });

  it('segment lengths follow ranges', () => {
    expect(segmentLength({ bytes: 100 })).toBe(100);
    expect(segmentLength({ bytes: 100, range: '10-19' })).toBe(10);
    expect(segmentLength({ bytes: 100, range: '-30' })).toBe(30);
    expect(segmentLength({ bytes: 100, range: '90-' })).toBe(10);
    expect(segmentLength({ bytes: 0, data: Buffer.from('ab').toString('base64') })).toBe(2);
    expect(verifiable({ bytes: 1, hash: 'x' })).toBe(true);
    expect(verifiable({ bytes: 1, hash: 'x', range: '0-0' })).toBe(false);
  });

  it('checks each segment as bytes stream past, across chunk boundaries', () => {
    const segs = [
      { name: '/s/1', bytes: 4, hash: md5('abcd') },
      { name: '/s/2', bytes: 3, hash: md5('efg') },
    ];
    const ok = new SegmentChecker(segs, 'x');
    for (const c of ['ab', 'cde', 'fg']) ok.update(Buffer.from(c));
    ok.done();
    expect(ok.checked).toBe(2);
    const bad = new SegmentChecker(segs, 'download of "c/o"');
    bad.update(Buffer.from('abcd'));
    expect(() => bad.update(Buffer.from('efX'))).toThrow(IntegrityError);
    const short = new SegmentChecker(segs, 'x');
    short.update(Buffer.from('abcde'));
    expect(() => short.done()).toThrow(/ended inside segment 2/);
  });
});

describe('temporary URLs', () => {
  it('signs METHOD\\nEXPIRES\\nPATH with HMAC and percent-encodes the URL', () => {
    const { url, path } = signTempUrl('http://h:8080/v1/AUTH_test', { container: 'c', object: 'a b/ü.txt', method: 'GET', expires: 2000000000, key: 'k', digest: 'sha256' });
    const sig = createHmac('sha256', 'k').update('GET\n2000000000\n/v1/AUTH_test/c/a b/ü.txt').digest('hex');
    expect(path).toBe('/v1/AUTH_test/c/a b/ü.txt');
    expect(url).toBe(`http://h:8080/v1/AUTH_test/c/a%20b/%C3%BC.txt?temp_url_sig=${sig}&temp_url_expires=2000000000`);
  });

  it('prefix URLs sign "prefix:PATH"', () => {
    const { url } = signTempUrl('http://h/v1/AUTH_t', { container: 'c', object: 'pre/', method: 'GET', expires: 5, key: 'k', digest: 'sha1', prefix: true, filename: 'x y', inline: true });
    const sig = createHmac('sha1', 'k').update('GET\n5\nprefix:/v1/AUTH_t/c/pre/').digest('hex');
    expect(url).toBe(`http://h/v1/AUTH_t/c/pre/?temp_url_sig=${sig}&temp_url_expires=5&temp_url_prefix=pre%2F&filename=x%20y&inline`);
  });
});

describe('concurrency', () => {
  it('Limiter never runs more than its size', async () => {
    const lim = new Limiter(3);
    let active = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        lim.run(async () => {
          active++;
          peak = Math.max(peak, active);
          await new Promise((r) => setTimeout(r, 2));
          active--;
        }),
      ),
    );
    expect(peak).toBe(3);
  });

  it('eachLimit covers every item of an async generator and stops at the first failure', async () => {
    const seen: number[] = [];
    async function* gen() {
      for (let i = 0; i < 50; i++) yield i;
    }
    await eachLimit(gen(), 4, async (i, idx) => {
      expect(idx).toBe(i);
      seen.push(i);
    });
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    let after = 0;
    await expect(
      eachLimit([1, 2, 3, 4, 5, 6, 7, 8], 2, async (i) => {
        if (i === 2) throw new Error('boom');
        await new Promise((r) => setTimeout(r, 5));
        after++;
      }),
    ).rejects.toThrow('boom');
    expect(after).toBeLessThan(7);
  });
});

describe('files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'storctl-swift-unit-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('fileChunks reads ranges through a small ring of buffers', async () => {
    const data = Buffer.from(Array.from({ length: 10_000 }, (_, i) => i % 251));
    const f = join(dir, 'f');
    await writeFile(f, data);
    const copies: Buffer[] = [];
    const seen = new Set<ArrayBufferLike>();
    for await (const c of fileChunks(f, 100, 9_100, 1000, 2)) {
      copies.push(Buffer.from(c));
      seen.add(c.buffer);
    }
    expect(Buffer.concat(copies).equals(data.subarray(100, 9_100))).toBe(true);
    expect(copies).toHaveLength(9);
    expect(seen.size).toBeLessThanOrEqual(2);
    expect(await md5File(f)).toBe(md5(data));
    expect(await md5File(f, 10, 20)).toBe(md5(data.subarray(10, 20)));
    expect(await md5File(f, 5, 5)).toBe(md5(''));
    await expect(async () => {
      for await (const _ of fileChunks(f, 0, 20_000)) void _;
    }).rejects.toThrow(/changed while being read/);
  });
});

describe('errors', () => {
  it('strip HTML from Swift error bodies', () => {
    expect(bodyText('<html><h1>Conflict</h1><p>There was a conflict when trying to complete your request.</p></html>')).toBe('There was a conflict when trying to complete your request.');
    expect(bodyText('Upload exceeds quota.')).toBe('Upload exceeds quota.');
  });
});
