// Every list command, for every backend it serves, in every output format and with -c:
// what the issue promises for scripts ("-o json|yaml|csv|value and -c work on every list command").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ROOT, startSandboxHome, type SandboxHome } from './harness.js';
import type { Manifest } from '../../src/framework/command.js';

const PROFILE: Record<string, string> = {
  openstack: 'sandbox-openstack',
  swift: 'sandbox-swift',
  openstorage: 'sandbox-openstorage',
  kumoscale: 'sandbox-kumoscale',
};

/** Lists that need a filter to mean anything (the API has no "all"). */
const NEEDS_FILTER = new Set(['target list']);

const manifest = JSON.parse(readFileSync(join(ROOT, 'dist/manifest.json'), 'utf8')) as Manifest;
const cases = manifest.commands
  .filter((c) => c.path[c.path.length - 1] === 'list' && c.path[0] !== 'profile' && !NEEDS_FILTER.has(c.path.join(' ')))
  .flatMap((c) =>
    c.variants
      .filter((v) => v.backends !== 'none' && !v.args.some((a) => a.required))
      .map((v) => ({ words: c.path, backend: (v.backends as string[])[0]!, columns: v.columns })),
  );

let h: SandboxHome;
beforeAll(async () => {
  h = await startSandboxHome();
}, 60_000);
afterAll(() => h?.cleanup());

describe.each(cases)('storctl $words.0 $words.1 $words.2 ($backend)', ({ words, backend, columns }) => {
  const base = ['-p', PROFILE[backend]!, ...words];

  it('json is an array, yaml parses to the same, csv and value render', async () => {
    const json = await h.run([...base, '-o', 'json']);
    expect(json.code, json.stderr).toBe(0);
    const rows = json.json();
    expect(Array.isArray(rows)).toBe(true);
    const yaml = await h.run([...base, '-o', 'yaml']);
    expect(yaml.code, yaml.stderr).toBe(0);
    expect(parseYaml(yaml.stdout) ?? []).toHaveLength(rows.length);
    const csv = await h.run([...base, '-o', 'csv']);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout.split('\r\n')[0]).toContain(columns[0]?.header ?? '');
    const value = await h.run([...base, '-o', 'value']);
    expect(value.code, value.stderr).toBe(0);
  });

  it('-c keeps only the chosen column', async () => {
    const col = columns[0];
    if (!col) return;
    const r = await h.run([...base, '-o', 'json', '-c', col.header]);
    expect(r.code, r.stderr).toBe(0);
    for (const row of r.json()) expect(Object.keys(row)).toEqual([col.key]);
    const bad = await h.run([...base, '-c', 'no-such-column']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown column 'no-such-column'/);
  });
});
