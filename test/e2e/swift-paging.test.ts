// Listings beyond one page (Swift returns at most 10,000 entries per request): storctl pages
// with markers and streams the rows to the table, JSON and NDJSON.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxHome, type RunOptions, type SandboxHome } from './harness.js';
import { ok, seedObjects, v1Auth } from './swift-helpers.js';

const N = 10_250;
let h: SandboxHome;
const run = (args: string[], o?: RunOptions) => h.run(['-p', 'sandbox-swift', ...args], o);
const containerGets = () => h.sandbox.counters().swift!.GET ?? 0;

beforeAll(async () => {
  h = await startSandboxHome(['swift']);
  const a = await v1Auth(h);
  await seedObjects(a, 'many', N);
  await seedObjects(a, 'many', 30, 'dir/');
  ok(await run(['auth', 'login']));
}, 120_000);

afterAll(async () => {
  await h?.cleanup();
});

describe('paging', () => {
  it('lists every object of a container beyond 10,000 (NDJSON), in order, in two pages plus the end', async () => {
    const before = containerGets();
    const r = ok(await run(['object', 'list', 'many', '--prefix', 'obj-', '-o', 'ndjson'], { timeoutMs: 60_000 }));
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows).toHaveLength(N);
    expect(rows[0]).toMatchObject({ name: 'obj-000000', bytes: 2 });
    expect(rows[N - 1].name).toBe(`obj-${String(N - 1).padStart(6, '0')}`);
    expect(new Set(rows.map((x: any) => x.name)).size).toBe(N);
    expect(containerGets() - before).toBe(3); // 10,000 + 250 + the empty page
  });

  it('streams the table and JSON array too, and --limit stops early', async () => {
    const t = ok(await run(['object', 'list', 'many', '--prefix', 'obj-'], { timeoutMs: 60_000 }));
    expect(t.stdout.split('\n').filter((l) => l.includes('obj-'))).toHaveLength(N);
    const j = ok(await run(['object', 'list', 'many', '-o', 'json'], { timeoutMs: 60_000 })).json();
    expect(j).toHaveLength(N + 30);
    const before = containerGets();
    const l = ok(await run(['object', 'list', 'many', '--limit', '10001', '-o', 'json'])).json();
    expect(l).toHaveLength(10001);
    expect(containerGets() - before).toBe(2);
  });

  it('delimiter listings roll names up into subdirs', async () => {
    const r = ok(await run(['object', 'list', 'many', '--delimiter', '/', '--prefix', 'd', '-o', 'json'])).json();
    expect(r).toEqual([{ subdir: 'dir/' }]);
    const t = ok(await run(['object', 'list', 'many', '--delimiter', '/', '--marker', 'obj-010240'])).stdout;
    expect(t).toContain('obj-010249');
    expect(t).not.toContain('dir/');
  });

  it('counts and bytes with --long; container list pages too', async () => {
    const c = ok(await run(['container', 'list', '--long', '-o', 'json'])).json();
    expect(c.find((x: any) => x.name === 'many')).toMatchObject({ count: N + 30 });
  });

  it('deletes more than one bulk request can hold', async () => {
    const r = ok(await run(['container', 'delete', 'many', '--recursive', '--yes', '-o', 'json'], { timeoutMs: 60_000 })).json();
    expect(r).toEqual([{ name: 'many', status: 'deleted', objects_deleted: N + 30 }]);
    expect(h.sandbox.counters().swift!.bulkDeletes).toBe(2);
  });
});
