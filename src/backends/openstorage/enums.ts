// Friendly flag values for SDK enums: `--io-profile db_remote` → IO_PROFILE_DB_REMOTE.
export const IO_PROFILE_CHOICES = ['sequential', 'random', 'db', 'db_remote', 'cms', 'sync_shared', 'auto', 'none', 'journal', 'auto_journal'] as const;
export const FS_CHOICES = ['none', 'btrfs', 'ext4', 'fuse', 'nfs', 'vfs', 'xfs', 'zfs', 'xfsv2'] as const;
export const COS_CHOICES = ['low', 'medium', 'high'] as const;
export const RESOURCE_CHOICES = ['volume', 'node', 'cluster', 'drive', 'pool', 'none'] as const;
export const SEVERITY_CHOICES = ['alarm', 'warning', 'notify'] as const;
export const BACKUP_STATUS_CHOICES = ['notstarted', 'done', 'aborted', 'paused', 'stopped', 'active', 'failed', 'queued', 'invalid'] as const;
export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

export function enumValue(kind: 'io-profile' | 'fs' | 'cos' | 'resource' | 'severity' | 'backup-status', value: string): string {
  const v = value.toLowerCase();
  switch (kind) {
    case 'io-profile':
      return `IO_PROFILE_${v.toUpperCase()}`;
    case 'fs':
      return v === 'xfsv2' ? 'FS_TYPE_XFSv2' : `FS_TYPE_${v.toUpperCase()}`;
    case 'cos':
      return v.toUpperCase();
    case 'resource':
      return `RESOURCE_TYPE_${v.toUpperCase()}`;
    case 'severity':
      return `SEVERITY_TYPE_${v.toUpperCase()}`;
    case 'backup-status': {
      const name = BACKUP_STATUS_CHOICES.find((c) => c === v) ?? v;
      const cap = { notstarted: 'NotStarted' }[name as 'notstarted'] ?? name.charAt(0).toUpperCase() + name.slice(1);
      return `SdkCloudBackupStatusType${cap}`;
    }
  }
}
