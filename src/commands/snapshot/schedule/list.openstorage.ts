import { defineCommand } from '../../../framework/command.js';
import { withOpenStorage } from '../../../backends/openstorage/client.js';
import { resolveVolume } from '../../../backends/openstorage/resources.js';
import { volumePolicies } from '../../../backends/openstorage/schedules.js';
import { SCHEDULE_COLUMNS } from '../../../backends/openstorage/views.js';
import type { Rec } from '../../../backends/openstorage/normalize.js';

interface Opts {
  volume?: string;
}

export default defineCommand<Opts>({
  summary: 'List snapshot schedules (OpenStorage schedule policies)',
  description:
    'Calls OpenStorageSchedulePolicy.Enumerate. JSON records are the SDK\'s SdkSchedulePolicy messages: name and schedules (periodic seconds, daily/weekly/monthly times, retain). With --volume, only the policies that volume follows.',
  backends: ['openstorage'],
  flags: [{ name: 'volume', type: 'string', valueName: 'VOLUME', description: 'Only the schedules this volume follows' }],
  columns: SCHEDULE_COLUMNS,
  examples: ['storctl snapshot schedule list', 'storctl snapshot schedule list --volume db1 -o json'],
  async run(ctx, _args, opts) {
    await withOpenStorage(ctx, async (osd) => {
      const r = await osd.call('OpenStorageSchedulePolicy', 'Enumerate');
      let policies = (r.policies as Rec[] | undefined) ?? [];
      if (opts.volume) {
        const names = new Set(volumePolicies(await resolveVolume(osd, opts.volume)));
        policies = policies.filter((p) => names.has(String(p.name)));
      }
      await ctx.printList(policies);
    });
  },
});
