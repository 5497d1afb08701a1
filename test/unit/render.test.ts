import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { UsageError } from '../../src/framework/errors.js';
import { displayWidth } from '../../src/output/format.js';
import { pickColumns, renderer } from '../../src/output/render.js';
import type { Rec } from '../../src/output/types.js';
import { capture, opts, renderList, renderShow, slowly, VOLUME_COLUMNS as COLS } from './helpers/render-io.js';

const VOLS: Rec[] = [
  { id: 'a1', name: 'db', status: 'available', size: 1536, created_at: '2026-11-22T18:06:01.000000', tags: ['x', 'y'] },
  { id: 'b2', name: 'logs, "old"', status: 'error', size: 512, created_at: null, tags: [] },
];

const WITH_TAGS = [...COLS, { key: 'tags', header: 'Tags', format: 'list' as const }];

const list = renderList;
const show = renderShow;

describe('pickColumns', () => {
  it('defaults to the columns not marked long, and adds them with --long', () => {
    expect(pickColumns(COLS, [], false).map((c) => c.key)).toEqual(['id', 'name', 'status', 'size']);
    expect(pickColumns(COLS, [], true).map((c) => c.key)).toEqual(['id', 'name', 'status', 'size', 'created_at']);
  });

  it('matches -c by header or key, case-insensitively, in the order given, without duplicates', () => {
    expect(pickColumns(COLS, ['SIZE', 'id', 'created', 'Id'], false).map((c) => c.key)).toEqual([
      'size',
      'id',
      'created_at',
    ]);
    expect(pickColumns(COLS, ['name,status'], false).map((c) => c.key)).toEqual(['name', 'status']);
  });

  it('rejects an unknown name with a UsageError that lists the valid ones', () => {
    let err: unknown;
    try {
      pickColumns(COLS, ['id', 'bogus'], false);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).name).toBe('UsageError');
    expect((err as Error).message).toBe(
      "unknown column 'bogus'; valid columns: ID, Name, Status, Size, Created (created_at)",
    );
  });

  it('makes the renderer fail before writing anything', async () => {
    const c = capture();
    await expect(renderer.list([], opts({ columns: COLS, selected: ['nope'], format: 'json' }), c.out)).rejects.toThrow(
      /unknown column 'nope'/,
    );
    expect(c.text()).toBe('');
  });
});

describe('json', () => {
  it('prints the records as given, like JSON.stringify(list, null, 2)', async () => {
    const text = await list(VOLS, { format: 'json' });
    expect(text).toBe(JSON.stringify(VOLS, null, 2) + '\n');
    expect(text.startsWith('[\n  {\n    "id": "a1",\n    "name": "db",\n')).toBe(true);
  });

  it('streams an async source to the same text', async () => {
    expect(await list(slowly(VOLS), { format: 'json' })).toBe(JSON.stringify(VOLS, null, 2) + '\n');
  });

  it('reduces records to the -c columns (keys, raw values, -c order)', async () => {
    const text = await list(VOLS, { format: 'json', selected: ['Size', 'id'] });
    expect(text).toBe('[\n  {\n    "size": 1536,\n    "id": "a1"\n  },\n  {\n    "size": 512,\n    "id": "b2"\n  }\n]\n');
  });

  it('supports derived and dotted columns with -c', async () => {
    const columns = [
      { key: 'server', header: 'Server', get: (r: Rec) => (r.attachments as { server_id: string }[])[0]?.server_id },
      { key: 'attachments.0.device', header: 'Device' },
    ];
    const rec = { attachments: [{ server_id: 's1', device: '/dev/vdb' }] };
    const c = capture();
    await renderer.list([rec], opts({ format: 'json', columns, selected: ['server', 'device'] }), c.out);
    expect(JSON.parse(c.text())).toEqual([{ server: 's1', 'attachments.0.device': '/dev/vdb' }]);
  });

  it('prints [] for an empty list and the object for show', async () => {
    expect(await list([], { format: 'json' })).toBe('[]\n');
    expect(await list(slowly([]), { format: 'json' })).toBe('[]\n');
    expect(await show({ id: 'a1', size: 3 }, { format: 'json' })).toBe('{\n  "id": "a1",\n  "size": 3\n}\n');
    expect(await show(VOLS[0]!, { format: 'json', selected: ['status'] })).toBe('{\n  "status": "available"\n}\n');
  });

  it('survives BigInt values', async () => {
    expect(await show({ n: 5n, big: 2n ** 70n }, { format: 'json', columns: [] })).toBe(
      '{\n  "n": 5,\n  "big": "1180591620717411303424"\n}\n',
    );
  });
});

describe('ndjson', () => {
  it('prints one compact record per line', async () => {
    expect(await list(slowly(VOLS), { format: 'ndjson', selected: ['id', 'tags'], columns: WITH_TAGS })).toBe(
      '{"id":"a1","tags":["x","y"]}\n{"id":"b2","tags":[]}\n',
    );
    expect(await list([], { format: 'ndjson' })).toBe('');
  });
});

describe('yaml', () => {
  it('prints a sequence that parses back to the list', async () => {
    const text = await list(VOLS, { format: 'yaml', selected: ['id', 'size', 'tags'], columns: WITH_TAGS });
    expect(text).toBe('- id: a1\n  size: 1536\n  tags:\n    - x\n    - y\n- id: b2\n  size: 512\n  tags: []\n');
    expect(parseYaml(await list(slowly(VOLS), { format: 'yaml' }))).toEqual(VOLS);
    expect(await list([], { format: 'yaml' })).toBe('[]\n');
    expect(await show({ id: 'a1', size: 3 }, { format: 'yaml' })).toBe('id: a1\nsize: 3\n');
  });

  it('is loaded lazily, so table and json never import it', () => {
    for (const file of ['render', 'table', 'format', 'columns', 'sort', 'csv', 'sink', 'source']) {
      const src = readFileSync(new URL(`../../src/output/${file}.ts`, import.meta.url), 'utf8');
      expect(src).not.toMatch(/^import[^;]*from 'yaml'/m);
    }
  });
});

describe('csv', () => {
  it('quotes per RFC 4180 with CRLF line ends and raw values', async () => {
    const records = [
      { id: 'a', name: 'plain', status: 'ok', size: 1536, tags: ['x', 'y'], meta: { k: 'v' } },
      { id: 'b', name: 'has,comma', status: 'say "hi"', size: null, tags: [], meta: null },
      { id: 'c', name: 'two\nlines', status: 'cr\rhere', size: 0, tags: ['only'], meta: [1] },
    ];
    const columns = [...COLS.slice(0, 4), { key: 'tags', header: 'Tags', format: 'list' as const }, { key: 'meta', header: 'Meta' }];
    const c = capture();
    await renderer.list(records, opts({ format: 'csv', columns }), c.out);
    expect(c.text()).toBe(
      'ID,Name,Status,Size,Tags,Meta\r\n' +
        'a,plain,ok,1536,"x,y","{""k"":""v""}"\r\n' +
        'b,"has,comma","say ""hi""",,,\r\n' +
        'c,"two\nlines","cr\rhere",0,only,1\r\n',
    );
  });

  it('drops the header row with noHeaders; show gives one header and one row', async () => {
    expect(await list(slowly(VOLS), { format: 'csv', noHeaders: true, selected: ['id', 'size'] })).toBe(
      'a1,1536\r\nb2,512\r\n',
    );
    expect(await list([], { format: 'csv', selected: ['id'] })).toBe('ID\r\n');
    expect(await show(VOLS[0]!, { format: 'csv', selected: ['id', 'status'] })).toBe('ID,Status\r\na1,available\r\n');
  });

  it('uses record keys when the command declares no columns', async () => {
    expect(await list(slowly([{ a: 1, b: 'x' }, { a: 2, b: 'y' }]), { format: 'csv', columns: [] })).toBe(
      'a,b\r\n1,x\r\n2,y\r\n',
    );
  });
});

describe('value', () => {
  it('prints cells separated by one space, one row per line, no header', async () => {
    expect(await list(VOLS, { format: 'value' })).toBe('a1 db available 1536\nb2 logs, "old" error 512\n');
    expect(await list(VOLS, { format: 'value', selected: ['created_at', 'id'] })).toBe(
      '2026-11-22T18:06:01.000000 a1\n b2\n',
    );
  });

  it('keeps one row per line even when a value holds a newline or escape', async () => {
    expect(await list([{ id: 'x', name: 'a\nb\u001b[2J' }], { format: 'value', selected: ['id', 'name'] })).toBe(
      'x a\\nb\\x1b[2J\n',
    );
  });

  it('prints one field per line for show', async () => {
    expect(await show(VOLS[0]!, { format: 'value', selected: ['status', 'size'] })).toBe('available\n1536\n');
  });
});

describe('table', () => {
  it('renders headers and human-formatted cells', async () => {
    expect(await list(VOLS, { long: true })).toBe(
      [
        '┌────┬─────────────┬───────────┬─────────┬─────────────────────┐',
        '│ ID │ Name        │ Status    │ Size    │ Created             │',
        '├────┼─────────────┼───────────┼─────────┼─────────────────────┤',
        '│ a1 │ db          │ available │ 1.5 KiB │ 2026-11-22 18:06:01 │',
        '│ b2 │ logs, "old" │ error     │ 512 B   │                     │',
        '└────┴─────────────┴───────────┴─────────┴─────────────────────┘',
        '',
      ].join('\n'),
    );
  });

  it('is the same for an async source', async () => {
    expect(await list(slowly(VOLS), { long: true })).toBe(await list(VOLS, { long: true }));
  });

  it('omits headers with noHeaders, and prints nothing for an empty headless list', async () => {
    expect(await list(VOLS, { noHeaders: true, selected: ['id', 'status'] })).toBe(
      ['┌────┬───────────┐', '│ a1 │ available │', '│ b2 │ error     │', '└────┴───────────┘', ''].join('\n'),
    );
    expect(await list([], { selected: ['id', 'name'] })).toBe(
      ['┌────┬──────┐', '│ ID │ Name │', '└────┴──────┘', ''].join('\n'),
    );
    expect(await list([], { noHeaders: true })).toBe('');
  });

  it('formats bool, list, json and missing values', async () => {
    const columns = [
      { key: 'enc', header: 'Encrypted', format: 'bool' as const },
      { key: 'tags', header: 'Tags', format: 'list' as const },
      { key: 'meta', header: 'Meta', format: 'json' as const },
      { key: 'gone', header: 'Gone' },
    ];
    const c = capture();
    await renderer.list([{ enc: true, tags: ['a', 'b'], meta: { k: 1 } }, { enc: false }], opts({ columns }), c.out);
    expect(c.text()).toBe(
      [
        '┌───────────┬──────┬─────────┬──────┐',
        '│ Encrypted │ Tags │ Meta    │ Gone │',
        '├───────────┼──────┼─────────┼──────┤',
        '│ True      │ a, b │ {"k":1} │      │',
        '│ False     │      │         │      │',
        '└───────────┴──────┴─────────┴──────┘',
        '',
      ].join('\n'),
    );
  });

  it('escapes control characters and ANSI escapes from servers', async () => {
    const text = await list([{ id: 'x', name: 'evil\u001b[31mred\nsecond' }], { selected: ['id', 'name'] });
    expect(text).toBe(
      [
        '┌────┬─────────────────────────┐',
        '│ ID │ Name                    │',
        '├────┼─────────────────────────┤',
        '│ x  │ evil\\x1b[31mred\\nsecond │',
        '└────┴─────────────────────────┘',
        '',
      ].join('\n'),
    );
    expect(text).not.toContain('\u001b');
  });

  it('fits 40 columns by shrinking the long columns and wrapping', async () => {
    const records = [
      {
        id: '0e1f2a3b-4c5d-6e7f-8091-a2b3c4d5e6f7',
        name: 'a rather long volume name for the database',
        status: 'available',
        size: 1073741824,
      },
      { id: 'short', name: 'x', status: 'in-use', size: 1 },
    ];
    const text = await list(records, { width: 40 });
    const lines = text.trimEnd().split('\n');
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(40);
    expect(lines[0]).toHaveLength(40);
    expect(text).toBe(
      [
        '┌────────┬─────────┬───────────┬───────┐',
        '│ ID     │ Name    │ Status    │ Size  │',
        '├────────┼─────────┼───────────┼───────┤',
        '│ 0e1f2a │ a       │ available │ 1 GiB │',
        '│ 3b-4c5 │ rather  │           │       │',
        '│ d-6e7f │ long    │           │       │',
        '│ -8091- │ volume  │           │       │',
        '│ a2b3c4 │ name    │           │       │',
        '│ d5e6f7 │ for the │           │       │',
        '│        │ databas │           │       │',
        '│        │ e       │           │       │',
        '├────────┼─────────┼───────────┼───────┤',
        '│ short  │ x       │ in-use    │ 1 B   │',
        '└────────┴─────────┴───────────┴───────┘',
        '',
      ].join('\n'),
    );
  });

  it('still renders on a very narrow terminal', async () => {
    const text = await list(VOLS, { width: 10, long: true });
    expect(text).toContain('│ a1 │');
    expect(text.split('\n').length).toBeGreaterThan(5);
  });

  it('ignores the width when it is unknown (0)', async () => {
    expect(await list(VOLS, { width: 0, long: true })).toBe(await list(VOLS, { width: 200, long: true }));
  });

  it('colours headers and status cells only when color is on', async () => {
    const plain = await list(VOLS, {});
    expect(plain).not.toContain('\u001b');
    const coloured = await list(
      [
        { id: 'a', status: 'available' },
        { id: 'b', status: 'error_deleting' },
        { id: 'c', status: 'creating' },
        { id: 'd', status: 'whatever' },
      ],
      { color: true, selected: ['id', 'status'] },
    );
    expect(coloured).toContain('\u001b[1m\u001b[36mStatus\u001b[39m\u001b[22m');
    expect(coloured).toContain('│ \u001b[32mavailable\u001b[39m      │');
    expect(coloured).toContain('│ \u001b[31merror_deleting\u001b[39m │');
    expect(coloured).toContain('│ \u001b[33mcreating\u001b[39m       │');
    expect(coloured).toContain('│ whatever       │');
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(
      await list(
        [
          { id: 'a', status: 'available' },
          { id: 'b', status: 'error_deleting' },
          { id: 'c', status: 'creating' },
          { id: 'd', status: 'whatever' },
        ],
        { selected: ['id', 'status'] },
      ),
    );
  });
});

describe('table for one record', () => {
  it('shows Field | Value in column order, then the other keys', async () => {
    const rec = { ...VOLS[0]!, bootable: 'false', meta: { a: [1, 2] } };
    expect(await show(rec, {})).toBe(
      [
        '┌──────────┬─────────────────────┐',
        '│ Field    │ Value               │',
        '├──────────┼─────────────────────┤',
        '│ ID       │ a1                  │',
        '│ Name     │ db                  │',
        '│ Status   │ available           │',
        '│ Size     │ 1.5 KiB             │',
        '│ Created  │ 2026-11-22 18:06:01 │',
        '│ tags     │ x, y                │',
        '│ bootable │ false               │',
        '│ meta     │ {"a":[1,2]}         │',
        '└──────────┴─────────────────────┘',
        '',
      ].join('\n'),
    );
  });

  it('shows only the -c fields, and wraps long values to the width', async () => {
    expect(await show(VOLS[0]!, { selected: ['status'], noHeaders: true })).toBe(
      ['┌────────┬───────────┐', '│ Status │ available │', '└────────┴───────────┘', ''].join('\n'),
    );
    const text = await show({ id: 'a', description: 'lorem ipsum dolor sit amet '.repeat(4).trim() }, { width: 40 });
    for (const line of text.trimEnd().split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(40);
    expect(text).toBe(
      [
        '┌─────────────┬────────────────────────┐',
        '│ Field       │ Value                  │',
        '├─────────────┼────────────────────────┤',
        '│ ID          │ a                      │',
        '├─────────────┼────────────────────────┤',
        '│ Name        │                        │',
        '├─────────────┼────────────────────────┤',
        '│ Status      │                        │',
        '├─────────────┼────────────────────────┤',
        '│ Size        │                        │',
        '├─────────────┼────────────────────────┤',
        '│ Created     │                        │',
        '├─────────────┼────────────────────────┤',
        '│ description │ lorem ipsum dolor sit  │',
        '│             │ amet lorem ipsum dolor │',
        '│             │ sit amet lorem ipsum   │',
        '│             │ dolor sit amet lorem   │',
        '│             │ ipsum dolor sit amet   │',
        '└─────────────┴────────────────────────┘',
        '',
      ].join('\n'),
    );
  });
});
