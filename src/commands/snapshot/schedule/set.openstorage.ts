import { defineCommand } from '../../../framework/command.js';
import { NotFoundError, UsageError } from '../../../framework/errors.js';
import { withOpenStorage } from '../../../backends/openstorage/client.js';
import { obj, resolveVolume } from '../../../backends/openstorage/resources.js';
import { intervalsFrom, setVolumePolicies, volumePolicies } from '../../../backends/openstorage/schedules.js';
import { SCHEDULE_COLUMNS } from '../../../backends/openstorage/views.js';

interface Opts {
  periodic?: string[];
  daily?: string[];
  weekly?: string[];
  monthly?: string[];
  retain?: number;
  volume?: string[];
}

export default defineCommand<Opts>({
  summary: 'Create or change a snapshot schedule, and apply it to volumes',
  description:
    'With interval flags, creates the schedule policy NAME or replaces its intervals (OpenStorageSchedulePolicy.Create/Update). With --volume, adds NAME to the schedules those volumes follow (OpenStorageVolume.SnapshotScheduleUpdate). Prints the policy (the SDK\'s SdkSchedulePolicy message).',
  backends: ['openstorage'],
  args: [{ name: 'name', description: 'Schedule (policy) name', required: true }],
  flags: [
    { name: 'periodic', type: 'list', valueName: 'DURATION', description: 'Every DURATION (3600, 30m, 6h, 1d; repeatable)' },
    { name: 'daily', type: 'list', valueName: 'HH:MM', description: 'Every day at HH:MM (repeatable)' },
    { name: 'weekly', type: 'list', valueName: 'DAY@HH:MM', description: 'Every week, e.g. sunday@02:00 (repeatable)' },
    { name: 'monthly', type: 'list', valueName: 'DAY@HH:MM', description: 'Every month on day 1-28, e.g. 1@03:00 (repeatable)' },
    { name: 'retain', type: 'number', valueName: 'N', description: 'Snapshots to keep per interval' },
    { name: 'volume', type: 'list', valueName: 'VOLUME', description: 'Apply the schedule to this volume (repeatable)' },
  ],
  columns: SCHEDULE_COLUMNS,
  examples: [
    'storctl snapshot schedule set nightly --daily 02:00 --retain 7',
    'storctl snapshot schedule set hourly --periodic 1h --retain 24 --volume db1',
    'storctl snapshot schedule set nightly --volume db2',
  ],
  async run(ctx, args, opts) {
    const name = args[0]!;
    const schedules = intervalsFrom(opts);
    if (schedules.length === 0 && !opts.volume?.length) {
      throw new UsageError('nothing to set', { hint: 'give --periodic, --daily, --weekly or --monthly to define the schedule, and/or --volume to apply it' });
    }
    if (schedules.length === 0 && opts.retain !== undefined) throw new UsageError('--retain needs an interval flag (--periodic, --daily, --weekly, --monthly)');
    await withOpenStorage(ctx, async (osd) => {
      const existing = await osd.call('OpenStorageSchedulePolicy', 'Inspect', { name }).catch((err: unknown) => {
        if (err instanceof NotFoundError) return undefined;
        throw err;
      });
      if (schedules.length > 0) {
        const policy = { name, schedules };
        await osd.call('OpenStorageSchedulePolicy', existing ? 'Update' : 'Create', { schedule_policy: policy });
      } else if (!existing) {
        throw new NotFoundError(`no snapshot schedule "${name}"`, { hint: `define it first: storctl snapshot schedule set ${name} --daily 02:00 --retain 7` });
      }
      for (const ref of opts.volume ?? []) {
        const v = await resolveVolume(osd, ref);
        const names = volumePolicies(v);
        if (!names.includes(name)) await setVolumePolicies(osd, String(v.id), [...names, name]);
      }
      const r = await osd.call('OpenStorageSchedulePolicy', 'Inspect', { name });
      await ctx.printObject(obj(r.policy));
    });
  },
});
