import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  clearRegisteredSecrets,
  fingerprint,
  isSensitiveHeader,
  redactBodyText,
  redactFreeText,
  redactHeaders,
  redactJson,
  redactUrl,
  registerSecret,
  scrubKnownSecrets,
  scrubPartialSecretTail,
} from '../../src/transport/redact.js';

const FP = /^\{SHA256\}[0-9a-f]{16}$/;

beforeEach(() => clearRegisteredSecrets());

describe('fingerprint', () => {
  it('is {SHA256} + 16 hex digits, stable within the process and distinct', () => {
    expect(fingerprint('abc')).toMatch(FP);
    expect(fingerprint('token-one')).toMatch(FP);
    expect(fingerprint('token-one')).toBe(fingerprint('token-one'));
    expect(fingerprint('token-one')).not.toBe(fingerprint('token-two'));
  });

  it('is keyed per process: not the plain sha256 prefix, and another process gets another one', async () => {
    const password = 'Adm1nPass-known';
    const plain = '{SHA256}' + createHash('sha256').update(password).digest('hex').slice(0, 16);
    expect(fingerprint(password)).not.toBe(plain);
    expect(fingerprint('abc')).not.toBe('{SHA256}ba7816bf8f01cfea');
    vi.resetModules();
    const fresh = (await import('../../src/transport/redact.js')) as typeof import('../../src/transport/redact.js');
    expect(fresh.fingerprint).not.toBe(fingerprint);
    expect(fresh.fingerprint(password)).toMatch(FP);
    expect(fresh.fingerprint(password)).toBe(fresh.fingerprint(password));
    expect(fresh.fingerprint(password)).not.toBe(fingerprint(password));
    expect(fresh.fingerprint(password)).not.toBe(plain);
  });
});

describe('registry / scrubKnownSecrets', () => {
  it('ignores values shorter than 6 characters', () => {
    registerSecret('short');
    expect(scrubKnownSecrets('a short text')).toBe('a short text');
  });

  it('replaces raw, URL-encoded, JSON/shell-escaped and base64 forms', () => {
    const s = "hunter2'x/y z+=";
    registerSecret(s);
    const forms = [
      s,
      encodeURIComponent(s),
      encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()), // lower-case hex
      encodeURIComponent(s).replace(/%20/g, '+'),
      JSON.stringify(s).slice(1, -1),
      s.replace(/'/g, `'\\''`),
      Buffer.from(s).toString('base64'),
      Buffer.from(s).toString('base64url'),
      Buffer.from(`alice:${s}`).toString('base64'),
      Buffer.from(`bo:${s}`).toString('base64'),
      Buffer.from(`b:${s}`).toString('base64'),
    ];
    for (const f of forms) {
      const out = scrubKnownSecrets(`before ${f} after`);
      expect(out, f).toContain(fingerprint(s));
      expect(out, f).not.toContain(f);
      expect(out, f).not.toContain('hunter2');
    }
  });

  it('replaces every occurrence and keeps existing fingerprints intact (idempotent)', () => {
    registerSecret('s3cr3t-token');
    const once = scrubKnownSecrets('a s3cr3t-token b s3cr3t-token');
    expect(once).toBe(`a ${fingerprint('s3cr3t-token')} b ${fingerprint('s3cr3t-token')}`);
    expect(scrubKnownSecrets(once)).toBe(once);
  });

  it('prefers the longest secret when one contains another', () => {
    registerSecret('abcdef');
    registerSecret('abcdefghij');
    expect(scrubKnownSecrets('x abcdefghij y')).toBe(`x ${fingerprint('abcdefghij')} y`);
  });

  it('hides PEM private keys and JWTs even when not registered', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkq\n-----END PRIVATE KEY-----';
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJl';
    const out = scrubKnownSecrets(`key=${pem} jwt=${jwt}`);
    expect(out).not.toContain('MIIEvQIBADANBgkq');
    expect(out).not.toContain(jwt);
  });

  it('replaces a secret cut at the end of a truncated text', () => {
    registerSecret('gAAAAABlongfernettoken');
    expect(scrubPartialSecretTail('{"id": "gAAAAABlong')).toBe(`{"id": "${fingerprint('gAAAAABlongfernettoken')}`);
    expect(scrubPartialSecretTail('nothing here')).toBe('nothing here');
  });

  it('never throws on odd input', () => {
    registerSecret('abc(def)[ghi]*?');
    expect(scrubKnownSecrets('x abc(def)[ghi]*? y')).toBe(`x ${fingerprint('abc(def)[ghi]*?')} y`);
    expect(() => scrubKnownSecrets(undefined as unknown as string)).not.toThrow();
  });
});

describe('redactHeaders', () => {
  it('fingerprints credential headers, keeping the Authorization scheme', () => {
    const basic = Buffer.from('alice:pw-123456').toString('base64');
    const out = redactHeaders({
      Authorization: `Basic ${basic}`,
      'Proxy-Authorization': 'Bearer tok-abc',
      'X-Auth-Token': 'gAAAAAtoken',
      'x-subject-token': 'subj-token',
      'X-Storage-Pass': 'swiftpass',
      'X-Auth-Key': 'swiftkey',
      Cookie: 'session=abc123; theme=dark',
      'Set-Cookie': 'sid=zzz999; Path=/; HttpOnly',
      'X-Container-Meta-Temp-URL-Key-2': 'tempkey2',
      'X-Vendor-Password': 'pw',
      'Content-Type': 'application/json',
      'X-Auth-Token-Expires': '86399',
      Accept: ['a', 'b'],
      'X-Empty': undefined,
    });
    expect(out.Authorization).toBe(`Basic ${fingerprint(basic)}`);
    expect(out['Proxy-Authorization']).toBe(`Bearer ${fingerprint('tok-abc')}`);
    expect(out['X-Auth-Token']).toBe(fingerprint('gAAAAAtoken'));
    expect(out['x-subject-token']).toBe(fingerprint('subj-token'));
    expect(out['X-Storage-Pass']).toBe(fingerprint('swiftpass'));
    expect(out['X-Auth-Key']).toBe(fingerprint('swiftkey'));
    expect(out.Cookie).toBe(`session=${fingerprint('abc123')}; theme=${fingerprint('dark')}`);
    expect(out['Set-Cookie']).toBe(`sid=${fingerprint('zzz999')}; Path=/; HttpOnly`);
    expect(out['X-Container-Meta-Temp-URL-Key-2']).toBe(fingerprint('tempkey2'));
    expect(out['X-Vendor-Password']).toBe(fingerprint('pw'));
    expect(out['Content-Type']).toBe('application/json');
    expect(out['X-Auth-Token-Expires']).toBe('86399');
    expect(out.Accept).toEqual(['a', 'b']);
    expect(Object.keys(out)).toContain('X-Empty');
  });

  it('covers gRPC metadata and name patterns', () => {
    expect(redactHeaders({ authorization: 'bearer jwt-value' }).authorization).toBe(`bearer ${fingerprint('jwt-value')}`);
    for (const n of ['X-Service-Token', 'X-Storage-Token', 'x-account-meta-temp-url-key', 'My-Api-Key', 'x-client-secret', 'X-Passwd']) {
      expect(isSensitiveHeader(n), n).toBe(true);
    }
    for (const n of ['Content-Length', 'Vary', 'X-Auth-Token-Expires', 'X-Openstack-Request-Id']) expect(isSensitiveHeader(n), n).toBe(false);
  });

  it('redacts URLs in other header values', () => {
    const out = redactHeaders({ Location: 'https://swift/v1/AUTH_a/c/o?temp_url_sig=deadbeef&temp_url_expires=1' });
    expect(out.Location).toBe(`https://swift/v1/AUTH_a/c/o?temp_url_sig=${fingerprint('deadbeef')}&temp_url_expires=1`);
  });
});

describe('redactUrl', () => {
  it('hides the userinfo password (decoded for the fingerprint)', () => {
    expect(redactUrl('https://u:p%40ss@h.example:5000/v3')).toBe(`https://u:${fingerprint('p@ss')}@h.example:5000/v3`);
    expect(redactUrl('https://user@h/x')).toBe('https://user@h/x');
  });

  it('hides secret query parameters, case-insensitively, keeping the rest byte for byte', () => {
    const names = ['temp_url_sig', 'signature', 'sig', 'token', 'access_token', 'password', 'secret', 'key', 'X-Amz-Signature', 'client_secret', 'TOKEN'];
    for (const n of names) {
      expect(redactUrl(`https://h/p?a=1&${n}=v%2Bal&b=2#f`), n).toBe(`https://h/p?a=1&${n}=${fingerprint('v+al')}&b=2#f`);
    }
    expect(redactUrl('https://h/p?limit=10&marker=abc&temp_url_expires=99')).toBe('https://h/p?limit=10&marker=abc&temp_url_expires=99');
    expect(redactUrl('https://h/cb#access_token=xyz&state=1')).toBe(`https://h/cb#access_token=${fingerprint('xyz')}&state=1`);
  });

  it('scrubs registered secrets in the path', () => {
    registerSecret('secret-in-path');
    expect(redactUrl('https://h/x/secret-in-path/y')).toBe(`https://h/x/${fingerprint('secret-in-path')}/y`);
  });

  it('never throws', () => {
    expect(redactUrl('::::@@??&&==##')).toBeTypeOf('string');
    expect(redactUrl(undefined as unknown as string)).toBeTypeOf('string');
  });
});

describe('redactJson', () => {
  it('hides Keystone v3 password auth, keeping methods and user names', () => {
    const body = { auth: { identity: { methods: ['password'], password: { user: { name: 'admin', domain: { name: 'Default' }, password: 'Adm1nPass' } } } } };
    const out = redactJson(body) as typeof body;
    expect(out.auth.identity.methods).toEqual(['password']);
    expect(out.auth.identity.password.user.name).toBe('admin');
    expect(out.auth.identity.password.user.password).toBe(fingerprint('Adm1nPass'));
    expect(body.auth.identity.password.user.password).toBe('Adm1nPass'); // input untouched
  });

  it('hides the v2 token id, application credential and OAuth secrets, keeps identifiers', () => {
    const out = redactJson({
      access: { token: { id: 'v2tokenid', expires: '2030-01-01' }, user: { id: 'uid1' } },
      application_credential: { id: 'ac-id', secret: 'ac-secret' },
      access_token: 'at',
      refresh_token: 'rt',
      id_token: 'it',
      token_type: 'Bearer',
      client_id: 'cid',
      client_secret: 'cs',
      aws_credential: { access_key: 'AKIAEXAMPLE', secret_key: 'sk' },
      password_expires_at: '2030-01-01T00:00:00Z',
      metadata: [{ key: 'env', value: 'prod' }],
      tls: { cert: 'CERT', key: 'tlskey' },
      private_key: 'pk',
      'X-Auth-Token': 'hdr',
    }) as Record<string, any>;
    expect(out.access.token.id).toBe(fingerprint('v2tokenid'));
    expect(out.access.token.expires).toBe('2030-01-01');
    expect(out.access.user.id).toBe('uid1');
    expect(out.application_credential).toEqual({ id: 'ac-id', secret: fingerprint('ac-secret') });
    expect([out.access_token, out.refresh_token, out.id_token]).toEqual([fingerprint('at'), fingerprint('rt'), fingerprint('it')]);
    expect(out.token_type).toBe('Bearer');
    expect(out.client_id).toBe('cid');
    expect(out.client_secret).toBe(fingerprint('cs'));
    expect(out.aws_credential).toEqual({ access_key: 'AKIAEXAMPLE', secret_key: fingerprint('sk') });
    expect(out.password_expires_at).toBe('2030-01-01T00:00:00Z');
    expect(out.metadata).toEqual([{ key: 'env', value: 'prod' }]);
    expect(out.tls).toEqual({ cert: 'CERT', key: fingerprint('tlskey') });
    expect(out.private_key).toBe(fingerprint('pk'));
    expect(out['X-Auth-Token']).toBe(fingerprint('hdr'));
  });

  it('redacts Keystone credential blobs (JSON EC2 blob keeps the access key)', () => {
    const out = redactJson({
      credentials: [
        { type: 'ec2', blob: '{"access":"AK1","secret":"ec2secret"}' },
        { type: 'totp', blob: 'TOTPSEEDBASE32' },
      ],
    }) as { credentials: { blob: string }[] };
    expect(JSON.parse(out.credentials[0]!.blob)).toEqual({ access: 'AK1', secret: fingerprint('ec2secret') });
    expect(out.credentials[1]!.blob).toBe(fingerprint('TOTPSEEDBASE32'));
  });

  it('is total: cycles, bigints, bytes, functions, deep nesting', () => {
    const o: Record<string, unknown> = { n: 10n, b: new Uint8Array(4), f: () => 1, password: 123456 };
    o.self = o;
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 500; i++) deep = (deep.x = {}) as Record<string, unknown>;
    o.deep = root;
    const out = redactJson(o) as Record<string, unknown>;
    expect(out.n).toBe('10');
    expect(out.b).toBe('<binary, 4 bytes>');
    expect(out.self).toBe('[Circular]');
    expect(out.password).toBe(fingerprint('123456'));
    expect(() => JSON.stringify(out)).not.toThrow();
  });
});

describe('redactBodyText', () => {
  it('redacts JSON text keeping its formatting', () => {
    const text = '{\n  "auth": {"passwordCredentials": {"username": "admin", "password": "pw!\\"q"}},  "n": 12345678901234567890\n}';
    expect(redactBodyText(text, 'application/json')).toBe(
      `{\n  "auth": {"passwordCredentials": {"username": "admin", "password": "${fingerprint('pw!"q')}"}},  "n": 12345678901234567890\n}`,
    );
  });

  it('redacts JSON cut short (unterminated secret string)', () => {
    const out = redactBodyText('{"access": {"token": {"issued_at": "x", "id": "gAAAAABcut', 'application/json');
    expect(out).toBe(`{"access": {"token": {"issued_at": "x", "id": "${fingerprint('gAAAAABcut')}"`);
  });

  it('redacts form-encoded bodies', () => {
    const out = redactBodyText('grant_type=password&username=bob&password=p%40ss+word&client_secret=cs1', 'application/x-www-form-urlencoded');
    expect(out).toBe(`grant_type=password&username=bob&password=${fingerprint('p@ss word')}&client_secret=${fingerprint('cs1')}`);
    expect(redactBodyText('a=1&token=abc')).toBe(`a=1&token=${fingerprint('abc')}`);
  });

  it('scrubs free text (registered secrets, URLs, echoed pairs)', () => {
    registerSecret('RegisteredPw1');
    const out = redactBodyText('<html>bad login RegisteredPw1 for https://h/o?sig=abc "password": "x"</html>', 'text/html');
    expect(out).toBe(`<html>bad login ${fingerprint('RegisteredPw1')} for https://h/o?sig=${fingerprint('abc')} "password": "${fingerprint('x')}"</html>`);
    expect(redactFreeText('plain text, nothing secret')).toBe('plain text, nothing secret');
  });

  it('never throws on garbage', () => {
    for (const g of ['{{{', '"', '\\', '[[]]]]', '{"a":"\\u12', '{"password":"abc\\', '', ':,"', '\u0000\uffff', '{"password": tru']) {
      expect(() => redactBodyText(g, 'application/json'), g).not.toThrow();
      expect(() => redactBodyText(g), g).not.toThrow();
    }
    expect(redactBodyText('{"password": 12345}', 'application/json')).toBe(`{"password": "${fingerprint('12345')}"}`);
  });
});
