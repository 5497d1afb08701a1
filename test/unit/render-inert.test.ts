// Server text through the renderer: inert on a terminal, data intact where machines read it,
// OWASP's formula guard under --csv-safe, and no crash on any JSON value a server may send.
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { inert, inertJson } from '../../src/output/inert.js';
import { cellValue } from '../../src/output/columns.js';
import type { Rec } from '../../src/output/types.js';
import { renderList, renderShow } from './helpers/render-io.js';

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const NASTY = 'a\x1b]0;t\x07\x1b[2Jb\u009b31m\u202e\u2066\u200f\u061c\x7f\x00c';

const list = renderList;
const show = renderShow;

describe('inert()', () => {
  it('escapes C0, DEL, C1 and the bidi controls visibly; leaves other text alone', () => {
    expect(inert(NASTY)).toBe('a\\x1b]0;t\\x07\\x1b[2Jb\\x9b31m\\u202e\\u2066\\u200f\\u061c\\x7f\\x00c');
    expect(inert('line\nnext\r\tx')).toBe('line\\nnext\\r\\tx');
    expect(inert('naïve 日本 👍\u200d')).toBe('naïve 日本 👍\u200d');
    expect(inert(42)).toBe('42');
  });

  it('inertJson escapes what JSON.stringify leaves raw, and parses back to the same data', () => {
    const json = JSON.stringify({ [NASTY]: NASTY });
    const safe = inertJson(json);
    expect(safe).not.toMatch(UNSAFE);
    expect(JSON.parse(safe)).toEqual({ [NASTY]: NASTY });
  });
});

describe('formats', () => {
  const rec = { id: 'v1', name: NASTY, status: `ok${'\u202e'}`, size: 1 };

  it('table and value: inert; show includes fields outside the columns, keys too', async () => {
    expect(await list([rec], { format: 'table', width: 200 })).not.toMatch(UNSAFE);
    expect(await list([rec], { format: 'value' })).toBe(`v1 ${inert(NASTY)} ok\\u202e 1\n`);
    const shown = await show({ ...rec, [`k\x1b[31m`]: 'v\u202e' }, { format: 'table', width: 200 });
    expect(shown).not.toMatch(UNSAFE);
    expect(shown).toContain('k\\x1b[31m');
  });

  it('csv to a pipe keeps the data; to a terminal it is inert', async () => {
    const piped = await list([rec], { format: 'csv', selected: ['name'] });
    expect(piped).toBe(`Name\r\n${NASTY}\r\n`);
    const tty = await list([rec], { format: 'csv', selected: ['name'], tty: true });
    expect(tty).toBe(`Name\r\n${inert(NASTY)}\r\n`);
    expect(tty.replace(/\r\n/g, "")).not.toMatch(UNSAFE); // CRLF is the RFC 4180 row end
    const obj = await show({ id: 'v', name: 'x\ny' }, { format: 'csv', tty: true, selected: ['name'] });
    expect(obj).toBe('Name\r\nx\\ny\r\n');
  });

  it('--csv-safe puts a quote before = + - @ TAB CR, and only with the flag', async () => {
    const cells = ['=1+2', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx', 'plain', '3-4', ''];
    const recs = cells.map((name, i) => ({ id: String(i), name }));
    const off = await list(recs, { format: 'csv', selected: ['name'], noHeaders: true });
    expect(off).toBe('=1+2\r\n+SUM(A1)\r\n-2+3\r\n@cmd\r\n\tx\r\n"\rx"\r\nplain\r\n3-4\r\n\r\n');
    const on = await list(recs, { format: 'csv', selected: ['name'], noHeaders: true, csvSafe: true });
    expect(on).toBe("'=1+2\r\n'+SUM(A1)\r\n'-2+3\r\n'@cmd\r\n'\tx\r\n\"'\rx\"\r\nplain\r\n3-4\r\n\r\n");
    const shown = await show({ id: '=cmd', name: 'n' }, { format: 'csv', csvSafe: true, noHeaders: true, selected: ['id'] });
    expect(shown).toBe("'=cmd\r\n");
  });

  it('json, ndjson and yaml keep the data with the controls escaped', async () => {
    const json = await list([rec], { format: 'json' });
    expect(json).not.toMatch(UNSAFE);
    expect(JSON.parse(json)).toEqual([rec]);
    const nd = await list([rec], { format: 'ndjson' });
    expect(nd).not.toMatch(UNSAFE);
    expect(JSON.parse(nd)).toEqual(rec);
    const withKey = { ...rec, metadata: { [`k\u202e`]: `v\u0085`, multi: 'a\nb' } };
    const yaml = await show(withKey, { format: 'yaml' });
    expect(yaml).not.toMatch(UNSAFE);
    expect(parseYaml(yaml)).toEqual(withKey);
    const yamlList = await list([withKey, rec], { format: 'yaml' });
    expect(yamlList).not.toMatch(UNSAFE);
    expect(parseYaml(yamlList)).toEqual([withKey, rec]);
  });
});

describe('any JSON value a server sends', () => {
  const odd: unknown[] = [null, 42, 'text', true, [], [1, [2]], { a: { b: null } }];

  it('cells of every type render in every format without throwing', async () => {
    const recs: Rec[] = odd.map((v, i) => ({ id: v, name: v, status: v, size: v, created_at: v, n: i }));
    for (const format of ['table', 'value', 'csv', 'json', 'ndjson', 'yaml'] as const) {
      await expect(list(recs, { format, long: true }), format).resolves.toBeTypeOf('string');
      await expect(list(recs, { format, long: true, sort: 'name' }), `${format} sorted`).resolves.toBeTypeOf('string');
    }
  });

  it('a list item that is not an object is an empty row, and a throwing `get` an empty cell', async () => {
    const cols = [{ key: 'id', header: 'ID' }, { key: 'x', header: 'X', get: (r: Rec) => (r.attachments as Rec[]).map((a) => a.server_id) }];
    expect(cellValue(null as unknown as Rec, cols[0]!)).toBeUndefined();
    expect(cellValue({ attachments: [null] }, cols[1]!)).toBeUndefined();
    const text = await list([null, 42, { id: 'ok', attachments: 'nope' }] as unknown as Rec[], { format: 'table', columns: cols });
    expect(text).toContain('ok');
    await expect(show(null as unknown as Rec, { format: 'table' })).resolves.toBeTypeOf('string');
  });
});
