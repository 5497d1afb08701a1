import { defineCommand } from '../../../framework/command.js';
import { withOpenStorage } from '../../../backends/openstorage/client.js';
import { resolveVolume, volumeName } from '../../../backends/openstorage/resources.js';
import { setVolumePolicies, volumePolicies } from '../../../backends/openstorage/schedules.js';
import { confirmOrStop, RESULT_COLUMNS } from '../../../backends/openstorage/cmd.js';

interface Opts {
  volume?: string[];
}

export default defineCommand<Opts>({
  summary: 'Stop a snapshot schedule: for some volumes, or delete it',
  description:
    'With --volume, the volumes stop following schedule NAME (OpenStorageVolume.SnapshotScheduleUpdate); the schedule stays. Without, the schedule policy is deleted (OpenStorageSchedulePolicy.Delete; asks first). Existing snapshots are kept either way. Prints {id, name, result} per change.',
  backends: ['openstorage'],
  args: [{ name: 'name', description: 'Schedule (policy) name', required: true }],
  flags: [{ name: 'volume', type: 'list', valueName: 'VOLUME', description: 'Only take the schedule off this volume (repeatable)' }],
  columns: RESULT_COLUMNS,
  destructive: true,
  examples: ['storctl snapshot schedule remove hourly --volume db1', 'storctl snapshot schedule remove nightly --yes'],
  async run(ctx, args, opts) {
    const name = args[0]!;
    await withOpenStorage(ctx, async (osd) => {
      const out = [];
      if (opts.volume?.length) {
        for (const ref of opts.volume) {
          const v = await resolveVolume(osd, ref);
          const names = volumePolicies(v);
          const changed = names.includes(name);
          if (changed) await setVolumePolicies(osd, String(v.id), names.filter((n) => n !== name));
          out.push({ id: v.id, name: volumeName(v), result: changed ? `schedule ${name} removed` : `did not follow ${name}` });
        }
      } else {
        if (!(await confirmOrStop(ctx, `Delete snapshot schedule ${name}?`))) return;
        await osd.call('OpenStorageSchedulePolicy', 'Delete', { name });
        out.push({ id: name, name, result: 'deleted' });
      }
      await ctx.printList(out);
    });
  },
});
