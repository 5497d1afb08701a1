import { defineCommand } from '../../framework/command.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { backupCredentialId } from '../../backends/openstorage/credentials.js';
import { BACKUP_STATUS_CHOICES, enumValue } from '../../backends/openstorage/enums.js';
import { parseLabels, resolveVolume } from '../../backends/openstorage/resources.js';
import { BACKUP_COLUMNS } from '../../backends/openstorage/views.js';
import type { Rec } from '../../backends/openstorage/normalize.js';

interface Opts {
  volume?: string;
  volumeId?: string;
  credential?: string;
  status?: string;
  metadata?: string[];
  allClusters?: boolean;
}

export default defineCommand<Opts>({
  summary: 'List cloud backups',
  description:
    'Calls OpenStorageCloudBackup.EnumerateWithFilters, following continuation tokens, in the store of --credential (default: the only credential; with several, say which; with none, there is nothing to list). JSON records are the SDK\'s SdkCloudBackupInfo messages: id (contains "/"), src_volume_id, src_volume_name, timestamp, metadata, status.',
  backends: ['openstorage'],
  flags: [
    { name: 'volume', type: 'string', valueName: 'VOLUME', description: 'Only backups of this existing volume (id or name)' },
    { name: 'volume-id', type: 'string', valueName: 'ID', description: 'Only backups of this volume id (also for deleted volumes)' },
    { name: 'credential', type: 'string', valueName: 'CREDENTIAL', description: 'The store to list: credential id or name (default: the only one)' },
    { name: 'status', type: 'string', valueName: 'STATUS', choices: BACKUP_STATUS_CHOICES, description: 'Only backups in this state' },
    { name: 'metadata', type: 'list', valueName: 'KEY=VALUE', description: 'Only backups with this metadata (repeatable)' },
    { name: 'all-clusters', type: 'boolean', description: 'Backups of every cluster using the store' },
  ],
  columns: BACKUP_COLUMNS,
  examples: ['storctl cloud-backup list', 'storctl cloud-backup list --volume db1 --status done', 'storctl cloud-backup list -o json | jq -r \'.[].id\''],
  async run(ctx, _args, opts) {
    await withOpenStorage(ctx, async (osd) => {
      const req: Rec = {};
      if (opts.volume) req.src_volume_id = (await resolveVolume(osd, opts.volume)).id;
      if (opts.volumeId) req.src_volume_id = opts.volumeId;
      const credentialId = await backupCredentialId(osd, opts.credential, 'to list', true);
      if (credentialId === null) return ctx.printList([]); // no credential, no store to list
      if (credentialId) req.credential_id = credentialId;
      if (opts.status) req.status_filter = enumValue('backup-status', opts.status);
      const meta = parseLabels(opts.metadata, '--metadata');
      if (Object.keys(meta).length > 0) req.metadata_filter = meta;
      if (opts.allClusters) req.all = true;
      const records: Rec[] = [];
      for (let page = 0; page < 10_000; page++) {
        const r = await osd.call('OpenStorageCloudBackup', 'EnumerateWithFilters', req);
        records.push(...((r.backups as Rec[] | undefined) ?? []));
        const token = String(r.continuation_token ?? '');
        if (token === '') break;
        req.continuation_token = token;
      }
      await ctx.printList(records);
    });
  },
});
