import { describe, expect, it } from 'vitest';
import { csvField, csvRow } from '../../src/output/csv.js';
import {
  displayWidth,
  escapeControl,
  humanBytes,
  humanTime,
  humanValue,
  rawText,
  statusTone,
  truncate,
  wrapText,
} from '../../src/output/format.js';
import { fitWidths, tableWidth } from '../../src/output/table.js';

describe('humanBytes', () => {
  it('uses binary units with at most one decimal', () => {
    expect(humanBytes(0)).toBe('0 B');
    expect(humanBytes(512)).toBe('512 B');
    expect(humanBytes(1023)).toBe('1023 B');
    expect(humanBytes(1024)).toBe('1 KiB');
    expect(humanBytes(1536)).toBe('1.5 KiB');
    expect(humanBytes(1.5 * 2 ** 30)).toBe('1.5 GiB');
    expect(humanBytes(10 * 2 ** 40)).toBe('10 TiB');
    expect(humanBytes(2 ** 20 - 1)).toBe('1 MiB'); // 1023.999 KiB rounds up a unit
    expect(humanBytes(-2048)).toBe('-2 KiB');
    expect(humanBytes(Number.NaN)).toBe('NaN');
  });

  it('applies to numeric strings and bigints in bytes columns, leaves other text alone', () => {
    expect(humanValue('2048', 'bytes')).toBe('2 KiB');
    expect(humanValue(3n * 2n ** 30n, 'bytes')).toBe('3 GiB');
    expect(humanValue('unlimited', 'bytes')).toBe('unlimited');
  });
});

describe('humanTime', () => {
  it('prints UTC as YYYY-MM-DD HH:MM:SS', () => {
    expect(humanTime('2026-11-22T18:06:01Z')).toBe('2026-11-22 18:06:01');
    expect(humanTime('2026-11-22T20:06:01+02:00')).toBe('2026-11-22 18:06:01');
    expect(humanTime(new Date(Date.UTC(2026, 10, 22, 18, 6, 1)))).toBe('2026-11-22 18:06:01');
  });

  it('reads zone-less OpenStack times as UTC, not local time', () => {
    expect(humanTime('2026-11-22T18:06:01.000000')).toBe('2026-11-22 18:06:01');
    expect(humanTime('2026-11-22 18:06:01')).toBe('2026-11-22 18:06:01');
  });

  it('reads epoch seconds, milliseconds and protobuf timestamps', () => {
    expect(humanTime(1795370761)).toBe('2026-11-22 18:06:01');
    expect(humanTime(1795370761000)).toBe('2026-11-22 18:06:01');
    expect(humanTime('1795370761')).toBe('2026-11-22 18:06:01');
    expect(humanTime({ seconds: '1795370761', nanos: 5e8 })).toBe('2026-11-22 18:06:01');
  });

  it('leaves what is not a time to be shown as is', () => {
    expect(humanTime('never')).toBeUndefined();
    expect(humanValue('never', 'time')).toBe('never');
    expect(humanValue(null, 'time')).toBe('');
  });
});

describe('escapeControl', () => {
  it('makes escapes, newlines and other controls visible', () => {
    expect(escapeControl('a\u001b[31mb\nc\rd\te\u0000f\u007f')).toBe('a\\x1b[31mb\\nc\\rd\\te\\x00f\\x7f');
    expect(escapeControl('\u009b2J')).toBe('\\x9b2J');
    expect(escapeControl('abc\u202Eevil')).toBe('abc\\u202eevil');
    expect(escapeControl('plain ünïcödé 名前')).toBe('plain ünïcödé 名前');
  });
});

describe('display width, wrapping and truncation', () => {
  it('counts wide characters twice and colour escapes not at all', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('名前')).toBe(4);
    expect(displayWidth('\u001b[32mok\u001b[39m')).toBe(2);
    expect(displayWidth('e\u0301')).toBe(1);
  });

  it('wraps at spaces and breaks words that do not fit', () => {
    expect(wrapText('short', 10)).toEqual(['short']);
    expect(wrapText('the quick brown fox', 10)).toEqual(['the quick', 'brown fox']);
    expect(wrapText('abcdefghij klm', 4)).toEqual(['abcd', 'efgh', 'ij', 'klm']);
    expect(wrapText('名前名前', 5)).toEqual(['名前', '名前']);
  });

  it('truncates with an ellipsis', () => {
    expect(truncate('abcdef', 6)).toBe('abcdef');
    expect(truncate('abcdefg', 6)).toBe('abcde…');
    expect(truncate('名前名前', 5)).toBe('名前…');
  });
});

describe('fitWidths', () => {
  it('keeps natural widths when they fit or the width is unknown', () => {
    expect(fitWidths([2, 10, 5], 80)).toEqual([2, 10, 5]);
    expect(fitWidths([200, 10], 0)).toEqual([200, 10]);
  });

  it('shrinks long columns first, then the widest, never below the minimum', () => {
    const w = fitWidths([36, 40, 9, 5], 40);
    expect(tableWidth(w)).toBe(40);
    expect(w.slice(2)).toEqual([9, 5]);
    expect(fitWidths([36, 40, 9, 5], 5)).toEqual([3, 3, 3, 3]);
  });
});

describe('raw text and csv', () => {
  it('keeps values as the API gave them', () => {
    expect(rawText(null)).toBe('');
    expect(rawText(true)).toBe('true');
    expect(rawText(1536)).toBe('1536');
    expect(rawText(['a', 'b'])).toBe('a,b');
    expect(rawText({ k: 1 })).toBe('{"k":1}');
  });

  it('quotes only when needed', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvRow(['x', '', 'y z'])).toBe('x,,y z\r\n');
  });
});

describe('statusTone', () => {
  it('sorts states into good, bad and in-between', () => {
    expect(['available', 'in-use', 'ONLINE', 'ok'].map(statusTone)).toEqual(['good', 'good', 'good', 'good']);
    expect(['error', 'error_deleting', 'offline', 'failed'].map(statusTone)).toEqual(['bad', 'bad', 'bad', 'bad']);
    expect(['creating', 'detaching', 'pending'].map(statusTone)).toEqual(['busy', 'busy', 'busy']);
    expect(statusTone('mystery')).toBeUndefined();
  });
});
