import { defineCommand } from '../../framework/command.js';
import { NetworkError, UsageError } from '../../framework/errors.js';
import { withOpenStorage, type OpenStorageClient } from '../../backends/openstorage/client.js';
import { preferFormat } from '../../backends/openstorage/cmd.js';
import { obj, parseLabels } from '../../backends/openstorage/resources.js';
import { VOLUME_COLUMNS } from '../../backends/openstorage/views.js';
import type { Context } from '../../framework/context.js';
import type { Rec } from '../../backends/openstorage/normalize.js';

interface Opts {
  label?: string[];
  count?: number;
}

const MAX_RECONNECTS = 5;

/**
 * Volume events as they come. A dropped stream (an idle proxy, a gateway's idle timeout, a
 * server restart) is opened again; the server then replays every volume, and the replays of
 * volumes that did not change are not printed twice.
 */
async function* volumeEvents(ctx: Context, osd: OpenStorageClient, labels: Record<string, string>): AsyncGenerator<Rec> {
  const last = new Map<string, string>();
  let failures = 0;
  for (;;) {
    const opened = Date.now();
    try {
      for await (const msg of osd.stream('OpenStorageWatch', 'Watch', { volume_event: { labels } }, { timeoutMs: 0 })) {
        const v = obj(obj(msg.volume_event).volume);
        const key = String(v.id);
        const text = JSON.stringify(v);
        if (last.get(key) === text) continue;
        last.set(key, text);
        failures = 0;
        yield v;
      }
      throw new NetworkError('the server ended the watch');
    } catch (err) {
      if (!(err instanceof NetworkError) || ctx.signal.aborted) throw err;
      if (Date.now() - opened > 30_000) failures = 0;
      if (++failures > MAX_RECONNECTS) throw err;
      ctx.debug(`watch stream lost (${err.message}); reconnecting (${failures}/${MAX_RECONNECTS})`);
      await new Promise((r) => setTimeout(r, Math.min(5000, 250 * 2 ** failures)));
    }
  }
}

export default defineCommand<Opts>({
  summary: 'Stream volume changes as they happen (NDJSON), until ^C or --count',
  description:
    'Opens OpenStorageWatch.Watch (a server-streaming RPC): the server first sends every volume, then one event per creation, change or deletion. Each event prints as one line of JSON (the SDK\'s Volume message, as in `volume show`; a deleted volume has state VOLUME_STATE_DELETED) unless -o says otherwise. A dropped stream is reopened without repeating unchanged volumes. Stops after --count events, or on ^C (exit 130).',
  backends: ['openstorage'],
  flags: [
    { name: 'label', short: 'l', type: 'list', valueName: 'KEY=VALUE', description: 'Only volumes with this label (repeatable)' },
    { name: 'count', short: 'n', type: 'number', valueName: 'N', description: 'Stop after N events' },
  ],
  columns: VOLUME_COLUMNS,
  examples: ['storctl watch volumes', 'storctl watch volumes --label app=db | jq -c \'{id, state}\'', 'storctl watch volumes --count 1 -o table'],
  async run(ctx, _args, opts) {
    if (opts.count !== undefined && (!Number.isInteger(opts.count) || opts.count < 1)) throw new UsageError('--count must be a whole number of events, 1 or more');
    await preferFormat(ctx, 'ndjson');
    const labels = parseLabels(opts.label);
    await withOpenStorage(ctx, async (osd) => {
      const events = volumeEvents(ctx, osd, labels);
      async function* limited() {
        let n = 0;
        if (opts.count === undefined) {
          yield* events;
          return;
        }
        for await (const v of events) {
          yield v;
          if (++n >= opts.count) return;
        }
      }
      await ctx.printList(limited());
    });
  },
});
