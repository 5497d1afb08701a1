// REST (grpc-gateway) routes of every OpenStorage SDK RPC.
// The .proto in ./proto deliberately carries no google.api.http annotations;
// this table is the single source of truth for both the REST client and the
// simulator's gateway. Values follow the SDK 0.186.0 reference.

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HttpRule {
  /** gRPC service name without the package, e.g. `OpenStorageVolume`. */
  service: string;
  /** RPC name, e.g. `Create`. */
  rpc: string;
  method: HttpMethod;
  /** Path template; `{field}` captures one path segment into that request field. */
  path: string;
  /** `*`: the whole request message is the JSON body; `''`: no body, non-path fields go in the query string. */
  body: '*' | '';
  /** Server-streaming RPCs answer over REST with newline-delimited `{"result": …}` objects. */
  serverStreaming: boolean;
  requestType: string;
  responseType: string;
}

export const OPENSTORAGE_PACKAGE = 'openstorage.api';

export const HTTP_RULES: readonly HttpRule[] = [
  { service: 'OpenStorageAlerts', rpc: 'EnumerateWithFilters', method: 'POST', path: '/v1/alerts/filters', body: '*', serverStreaming: true, requestType: 'SdkAlertsEnumerateWithFiltersRequest', responseType: 'SdkAlertsEnumerateWithFiltersResponse' },
  { service: 'OpenStorageAlerts', rpc: 'Delete', method: 'POST', path: '/v1/alerts', body: '*', serverStreaming: false, requestType: 'SdkAlertsDeleteRequest', responseType: 'SdkAlertsDeleteResponse' },
  { service: 'OpenStorageRole', rpc: 'Create', method: 'POST', path: '/v1/roles', body: '*', serverStreaming: false, requestType: 'SdkRoleCreateRequest', responseType: 'SdkRoleCreateResponse' },
  { service: 'OpenStorageRole', rpc: 'Enumerate', method: 'GET', path: '/v1/roles', body: '', serverStreaming: false, requestType: 'SdkRoleEnumerateRequest', responseType: 'SdkRoleEnumerateResponse' },
  { service: 'OpenStorageRole', rpc: 'Inspect', method: 'GET', path: '/v1/roles/inspect/{name}', body: '', serverStreaming: false, requestType: 'SdkRoleInspectRequest', responseType: 'SdkRoleInspectResponse' },
  { service: 'OpenStorageRole', rpc: 'Delete', method: 'DELETE', path: '/v1/roles/{name}', body: '', serverStreaming: false, requestType: 'SdkRoleDeleteRequest', responseType: 'SdkRoleDeleteResponse' },
  { service: 'OpenStorageRole', rpc: 'Update', method: 'PUT', path: '/v1/roles', body: '*', serverStreaming: false, requestType: 'SdkRoleUpdateRequest', responseType: 'SdkRoleUpdateResponse' },
  { service: 'OpenStorageIdentity', rpc: 'Capabilities', method: 'GET', path: '/v1/identities/capabilities', body: '', serverStreaming: false, requestType: 'SdkIdentityCapabilitiesRequest', responseType: 'SdkIdentityCapabilitiesResponse' },
  { service: 'OpenStorageIdentity', rpc: 'Version', method: 'GET', path: '/v1/identities/version', body: '', serverStreaming: false, requestType: 'SdkIdentityVersionRequest', responseType: 'SdkIdentityVersionResponse' },
  { service: 'OpenStorageCluster', rpc: 'InspectCurrent', method: 'GET', path: '/v1/clusters/inspectcurrent', body: '', serverStreaming: false, requestType: 'SdkClusterInspectCurrentRequest', responseType: 'SdkClusterInspectCurrentResponse' },
  { service: 'OpenStoragePool', rpc: 'Resize', method: 'PUT', path: '/v1/storagepools/resize/{uuid}', body: '', serverStreaming: false, requestType: 'SdkStoragePoolResizeRequest', responseType: 'SdkStoragePoolResizeResponse' },
  { service: 'OpenStoragePool', rpc: 'Rebalance', method: 'PUT', path: '/v1/storagepools/rebalance', body: '', serverStreaming: false, requestType: 'SdkStorageRebalanceRequest', responseType: 'SdkStorageRebalanceResponse' },
  { service: 'OpenStoragePool', rpc: 'UpdateRebalanceJobState', method: 'PUT', path: '/v1/storagepools/rebalance/job/{id}', body: '', serverStreaming: false, requestType: 'SdkUpdateRebalanceJobRequest', responseType: 'SdkUpdateRebalanceJobResponse' },
  { service: 'OpenStoragePool', rpc: 'GetRebalanceJobStatus', method: 'GET', path: '/v1/storagepools/rebalance/job/{id}', body: '', serverStreaming: false, requestType: 'SdkGetRebalanceJobStatusRequest', responseType: 'SdkGetRebalanceJobStatusResponse' },
  { service: 'OpenStoragePool', rpc: 'EnumerateRebalanceJobs', method: 'GET', path: '/v1/storagepools/rebalance/job', body: '', serverStreaming: false, requestType: 'SdkEnumerateRebalanceJobsRequest', responseType: 'SdkEnumerateRebalanceJobsResponse' },
  { service: 'OpenStoragePool', rpc: 'CreateRebalanceSchedule', method: 'POST', path: '/v1/storagepools/rebalance/schedule', body: '', serverStreaming: false, requestType: 'SdkCreateRebalanceScheduleRequest', responseType: 'SdkCreateRebalanceScheduleResponse' },
  { service: 'OpenStoragePool', rpc: 'GetRebalanceSchedule', method: 'GET', path: '/v1/storagepools/rebalance/schedule', body: '', serverStreaming: false, requestType: 'SdkGetRebalanceScheduleRequest', responseType: 'SdkGetRebalanceScheduleResponse' },
  { service: 'OpenStoragePool', rpc: 'DeleteRebalanceSchedule', method: 'DELETE', path: '/v1/storagepools/rebalance/schedule', body: '', serverStreaming: false, requestType: 'SdkDeleteRebalanceScheduleRequest', responseType: 'SdkDeleteRebalanceScheduleResponse' },
  { service: 'OpenStorageNode', rpc: 'Inspect', method: 'GET', path: '/v1/nodes/inspect/{node_id}', body: '', serverStreaming: false, requestType: 'SdkNodeInspectRequest', responseType: 'SdkNodeInspectResponse' },
  { service: 'OpenStorageNode', rpc: 'InspectCurrent', method: 'GET', path: '/v1/nodes/inspectcurrent', body: '', serverStreaming: false, requestType: 'SdkNodeInspectCurrentRequest', responseType: 'SdkNodeInspectCurrentResponse' },
  { service: 'OpenStorageNode', rpc: 'Enumerate', method: 'GET', path: '/v1/nodes', body: '', serverStreaming: false, requestType: 'SdkNodeEnumerateRequest', responseType: 'SdkNodeEnumerateResponse' },
  { service: 'OpenStorageNode', rpc: 'EnumerateWithFilters', method: 'GET', path: '/v1/nodes/filters', body: '', serverStreaming: false, requestType: 'SdkNodeEnumerateWithFiltersRequest', responseType: 'SdkNodeEnumerateWithFiltersResponse' },
  { service: 'OpenStorageNode', rpc: 'VolumeUsageByNode', method: 'GET', path: '/v1/nodes/usage/{node_id}', body: '', serverStreaming: false, requestType: 'SdkNodeVolumeUsageByNodeRequest', responseType: 'SdkNodeVolumeUsageByNodeResponse' },
  { service: 'OpenStorageNode', rpc: 'RelaxedReclaimPurge', method: 'GET', path: '/v1/nodes/usage/{node_id}', body: '', serverStreaming: false, requestType: 'SdkNodeRelaxedReclaimPurgeRequest', responseType: 'SdkNodeRelaxedReclaimPurgeResponse' },
  { service: 'OpenStorageNode', rpc: 'DrainAttachments', method: 'PUT', path: '/v1/nodes/attachments/drain/{node_id}', body: '*', serverStreaming: false, requestType: 'SdkNodeDrainAttachmentsRequest', responseType: 'SdkJobResponse' },
  { service: 'OpenStorageNode', rpc: 'CordonAttachments', method: 'PUT', path: '/v1/nodes/attachments/disable/{node_id}', body: '*', serverStreaming: false, requestType: 'SdkNodeCordonAttachmentsRequest', responseType: 'SdkNodeCordonAttachmentsResponse' },
  { service: 'OpenStorageNode', rpc: 'UncordonAttachments', method: 'PUT', path: '/v1/nodes/attachments/enable/{node_id}', body: '*', serverStreaming: false, requestType: 'SdkNodeUncordonAttachmentsRequest', responseType: 'SdkNodeUncordonAttachmentsResponse' },
  { service: 'OpenStorageNode', rpc: 'VolumeBytesUsedByNode', method: 'POST', path: '/v1/nodes/bytesused', body: '*', serverStreaming: false, requestType: 'SdkVolumeBytesUsedRequest', responseType: 'SdkVolumeBytesUsedResponse' },
  { service: 'OpenStorageVolume', rpc: 'Create', method: 'POST', path: '/v1/volumes', body: '*', serverStreaming: false, requestType: 'SdkVolumeCreateRequest', responseType: 'SdkVolumeCreateResponse' },
  { service: 'OpenStorageVolume', rpc: 'Clone', method: 'POST', path: '/v1/volumes/clone', body: '*', serverStreaming: false, requestType: 'SdkVolumeCloneRequest', responseType: 'SdkVolumeCloneResponse' },
  { service: 'OpenStorageVolume', rpc: 'Delete', method: 'DELETE', path: '/v1/volumes/{volume_id}', body: '', serverStreaming: false, requestType: 'SdkVolumeDeleteRequest', responseType: 'SdkVolumeDeleteResponse' },
  { service: 'OpenStorageVolume', rpc: 'Inspect', method: 'GET', path: '/v1/volumes/inspect/{volume_id}', body: '', serverStreaming: false, requestType: 'SdkVolumeInspectRequest', responseType: 'SdkVolumeInspectResponse' },
  { service: 'OpenStorageVolume', rpc: 'InspectWithFilters', method: 'POST', path: '/v1/volumes/inspectwithfilters', body: '*', serverStreaming: false, requestType: 'SdkVolumeInspectWithFiltersRequest', responseType: 'SdkVolumeInspectWithFiltersResponse' },
  { service: 'OpenStorageVolume', rpc: 'Update', method: 'PUT', path: '/v1/volumes/{volume_id}', body: '*', serverStreaming: false, requestType: 'SdkVolumeUpdateRequest', responseType: 'SdkVolumeUpdateResponse' },
  { service: 'OpenStorageVolume', rpc: 'Stats', method: 'GET', path: '/v1/volumes/stats/{volume_id}', body: '', serverStreaming: false, requestType: 'SdkVolumeStatsRequest', responseType: 'SdkVolumeStatsResponse' },
  { service: 'OpenStorageVolume', rpc: 'CapacityUsage', method: 'GET', path: '/v1/volumes/usage/{volume_id}', body: '', serverStreaming: false, requestType: 'SdkVolumeCapacityUsageRequest', responseType: 'SdkVolumeCapacityUsageResponse' },
  { service: 'OpenStorageVolume', rpc: 'Enumerate', method: 'GET', path: '/v1/volumes', body: '', serverStreaming: false, requestType: 'SdkVolumeEnumerateRequest', responseType: 'SdkVolumeEnumerateResponse' },
  { service: 'OpenStorageVolume', rpc: 'EnumerateWithFilters', method: 'POST', path: '/v1/volumes/filters', body: '*', serverStreaming: false, requestType: 'SdkVolumeEnumerateWithFiltersRequest', responseType: 'SdkVolumeEnumerateWithFiltersResponse' },
  { service: 'OpenStorageVolume', rpc: 'SnapshotCreate', method: 'POST', path: '/v1/volumes/snapshots', body: '*', serverStreaming: false, requestType: 'SdkVolumeSnapshotCreateRequest', responseType: 'SdkVolumeSnapshotCreateResponse' },
  { service: 'OpenStorageVolume', rpc: 'SnapshotRestore', method: 'POST', path: '/v1/volumes/snapshots/restore', body: '*', serverStreaming: false, requestType: 'SdkVolumeSnapshotRestoreRequest', responseType: 'SdkVolumeSnapshotRestoreResponse' },
  { service: 'OpenStorageVolume', rpc: 'SnapshotEnumerate', method: 'GET', path: '/v1/volumes/snapshots', body: '', serverStreaming: false, requestType: 'SdkVolumeSnapshotEnumerateRequest', responseType: 'SdkVolumeSnapshotEnumerateResponse' },
  { service: 'OpenStorageVolume', rpc: 'SnapshotEnumerateWithFilters', method: 'POST', path: '/v1/volumes/snapshots/filters/{volume_id}', body: '*', serverStreaming: false, requestType: 'SdkVolumeSnapshotEnumerateWithFiltersRequest', responseType: 'SdkVolumeSnapshotEnumerateWithFiltersResponse' },
  { service: 'OpenStorageVolume', rpc: 'SnapshotScheduleUpdate', method: 'POST', path: '/v1/volumes/snapshot/schedules/{volume_id}', body: '*', serverStreaming: false, requestType: 'SdkVolumeSnapshotScheduleUpdateRequest', responseType: 'SdkVolumeSnapshotScheduleUpdateResponse' },
  { service: 'OpenStorageVolume', rpc: 'VolumeCatalog', method: 'POST', path: '/v1/volume/catalog', body: '*', serverStreaming: false, requestType: 'SdkVolumeCatalogRequest', responseType: 'SdkVolumeCatalogResponse' },
  { service: 'OpenStorageWatch', rpc: 'Watch', method: 'POST', path: '/v1/watch', body: '*', serverStreaming: true, requestType: 'SdkWatchRequest', responseType: 'SdkWatchResponse' },
  { service: 'OpenStorageMountAttach', rpc: 'Attach', method: 'POST', path: '/v1/mountattach/attach', body: '*', serverStreaming: false, requestType: 'SdkVolumeAttachRequest', responseType: 'SdkVolumeAttachResponse' },
  { service: 'OpenStorageMountAttach', rpc: 'Detach', method: 'POST', path: '/v1/mountattach/detach', body: '*', serverStreaming: false, requestType: 'SdkVolumeDetachRequest', responseType: 'SdkVolumeDetachResponse' },
  { service: 'OpenStorageMountAttach', rpc: 'Mount', method: 'POST', path: '/v1/mountattach/mount', body: '*', serverStreaming: false, requestType: 'SdkVolumeMountRequest', responseType: 'SdkVolumeMountResponse' },
  { service: 'OpenStorageMountAttach', rpc: 'Unmount', method: 'POST', path: '/v1/mountattach/unmount', body: '*', serverStreaming: false, requestType: 'SdkVolumeUnmountRequest', responseType: 'SdkVolumeUnmountResponse' },
  { service: 'OpenStorageCredentials', rpc: 'Create', method: 'POST', path: '/v1/credentials', body: '*', serverStreaming: false, requestType: 'SdkCredentialCreateRequest', responseType: 'SdkCredentialCreateResponse' },
  { service: 'OpenStorageCredentials', rpc: 'Update', method: 'PUT', path: '/v1/credentials/{credential_id}', body: '*', serverStreaming: false, requestType: 'SdkCredentialUpdateRequest', responseType: 'SdkCredentialUpdateResponse' },
  { service: 'OpenStorageCredentials', rpc: 'Enumerate', method: 'GET', path: '/v1/credentials', body: '', serverStreaming: false, requestType: 'SdkCredentialEnumerateRequest', responseType: 'SdkCredentialEnumerateResponse' },
  { service: 'OpenStorageCredentials', rpc: 'Inspect', method: 'GET', path: '/v1/credentials/inspect/{credential_id}', body: '', serverStreaming: false, requestType: 'SdkCredentialInspectRequest', responseType: 'SdkCredentialInspectResponse' },
  { service: 'OpenStorageCredentials', rpc: 'Delete', method: 'DELETE', path: '/v1/credentials/{credential_id}', body: '', serverStreaming: false, requestType: 'SdkCredentialDeleteRequest', responseType: 'SdkCredentialDeleteResponse' },
  { service: 'OpenStorageCredentials', rpc: 'Validate', method: 'GET', path: '/v1/credentials/validate/{credential_id}', body: '', serverStreaming: false, requestType: 'SdkCredentialValidateRequest', responseType: 'SdkCredentialValidateResponse' },
  { service: 'OpenStorageCredentials', rpc: 'DeleteReferences', method: 'DELETE', path: '/v1/credentials/references/{credential_id}', body: '', serverStreaming: false, requestType: 'SdkCredentialDeleteReferencesRequest', responseType: 'SdkCredentialDeleteReferencesResponse' },
  { service: 'OpenStorageSchedulePolicy', rpc: 'Create', method: 'POST', path: '/v1/schedulepolicies', body: '*', serverStreaming: false, requestType: 'SdkSchedulePolicyCreateRequest', responseType: 'SdkSchedulePolicyCreateResponse' },
  { service: 'OpenStorageSchedulePolicy', rpc: 'Update', method: 'PUT', path: '/v1/schedulepolicies', body: '*', serverStreaming: false, requestType: 'SdkSchedulePolicyUpdateRequest', responseType: 'SdkSchedulePolicyUpdateResponse' },
  { service: 'OpenStorageSchedulePolicy', rpc: 'Enumerate', method: 'GET', path: '/v1/schedulepolicies', body: '', serverStreaming: false, requestType: 'SdkSchedulePolicyEnumerateRequest', responseType: 'SdkSchedulePolicyEnumerateResponse' },
  { service: 'OpenStorageSchedulePolicy', rpc: 'Inspect', method: 'GET', path: '/v1/schedulepolicies/inspect/{name}', body: '', serverStreaming: false, requestType: 'SdkSchedulePolicyInspectRequest', responseType: 'SdkSchedulePolicyInspectResponse' },
  { service: 'OpenStorageSchedulePolicy', rpc: 'Delete', method: 'DELETE', path: '/v1/schedulepolicies/{name}', body: '', serverStreaming: false, requestType: 'SdkSchedulePolicyDeleteRequest', responseType: 'SdkSchedulePolicyDeleteResponse' },
  { service: 'OpenStorageCloudBackup', rpc: 'Create', method: 'POST', path: '/v1/cloudbackups', body: '*', serverStreaming: false, requestType: 'SdkCloudBackupCreateRequest', responseType: 'SdkCloudBackupCreateResponse' },
  { service: 'OpenStorageCloudBackup', rpc: 'GroupCreate', method: 'POST', path: '/v1/cloudbackups/group', body: '*', serverStreaming: false, requestType: 'SdkCloudBackupGroupCreateRequest', responseType: 'SdkCloudBackupGroupCreateResponse' },
  { service: 'OpenStorageCloudBackup', rpc: 'Restore', method: 'POST', path: '/v1/cloudbackups/restore', body: '*', serverStreaming: false, requestType: 'SdkCloudBackupRestoreRequest', responseType: 'SdkCloudBackupRestoreResponse' },
  { service: 'OpenStorageCloudBackup', rpc: 'Delete', method: 'DELETE', path: '/v1/cloudbackups/backup/{backup_id}', body: '', serverStreaming: false, requestType: 'SdkCloudBackupDeleteRequest', responseType: 'SdkCloudBackupDeleteResponse' },
  { service: 'OpenStorageCloudBackup', rpc: 'DeleteAll', method: 'POST', path: '/v1/cloudbackups/deleteall', body: '*', serverStreaming: false, requestType: 'SdkCloudBackupDeleteAllRequest', responseType: 'SdkCloudBackupDeleteAllResponse' },
  { service: 'OpenStorageCloudBackup', rpc: 'EnumerateWithFilters', method: 'POST', path: '/v1/cloudbackups/enumerate/filters', body: '*', serverStreaming: false, requestType: 'SdkCloudBackupEnumerateWithFiltersRequest', responseType: 'SdkCloudBackupEnumerateWithFiltersResponse' },
  { service: 'OpenStorageCloudBackup', rpc: 'Status', method: 'POST', path: '/v1/cloudbackups/status', body: '*', serverStreaming: false, requestType: 'SdkCloudBackupStatusRequest', responseType: 'SdkCloudBackupStatusResponse' },
  { service: 'OpenStorageCloudBackup', rpc: 'Catalog', method: 'POST', path: '/v1/cloudbackups/catalog', body: '*', serverStreaming: false, requestType: 'SdkCloudBackupCatalogRequest', responseType: 'SdkCloudBackupCatalogResponse' },
  { service: 'OpenStorageCloudBackup', rpc: 'History', method: 'GET', path: '/v1/cloudbackups/history/{src_volume_id}', body: '', serverStreaming: false, requestType: 'SdkCloudBackupHistoryRequest', responseType: 'SdkCloudBackupHistoryResponse' },
  { service: 'OpenStorageCloudBackup', rpc: 'StateChange', method: 'POST', path: '/v1/cloudbackups/statechange', body: '*', serverStreaming: false, requestType: 'SdkCloudBackupStateChangeRequest', responseType: 'SdkCloudBackupStateChangeResponse' },
  { service: 'OpenStorageCloudBackup', rpc: 'SchedCreate', method: 'POST', path: '/v1/cloudbackups/schedules', body: '*', serverStreaming: false, requestType: 'SdkCloudBackupSchedCreateRequest', responseType: 'SdkCloudBackupSchedCreateResponse' },
  { service: 'OpenStorageCloudBackup', rpc: 'SchedUpdate', method: 'PUT', path: '/v1/cloudbackups/schedules', body: '*', serverStreaming: false, requestType: 'SdkCloudBackupSchedUpdateRequest', responseType: 'SdkCloudBackupSchedUpdateResponse' },
  { service: 'OpenStorageCloudBackup', rpc: 'SchedDelete', method: 'DELETE', path: '/v1/cloudbackups/schedules/{backup_schedule_id}', body: '', serverStreaming: false, requestType: 'SdkCloudBackupSchedDeleteRequest', responseType: 'SdkCloudBackupSchedDeleteResponse' },
  { service: 'OpenStorageCloudBackup', rpc: 'SchedEnumerate', method: 'GET', path: '/v1/cloudbackups/schedules', body: '', serverStreaming: false, requestType: 'SdkCloudBackupSchedEnumerateRequest', responseType: 'SdkCloudBackupSchedEnumerateResponse' },
  { service: 'OpenStorageCloudBackup', rpc: 'Size', method: 'GET', path: '/v1/cloudbackups/size', body: '', serverStreaming: false, requestType: 'SdkCloudBackupSizeRequest', responseType: 'SdkCloudBackupSizeResponse' },
  // Services storctl reaches only through `storctl rpc` (routes from the SDK 0.186.0 api.proto).
  { service: 'OpenStorageFilesystemTrim', rpc: 'Start', method: 'POST', path: '/v1/filesystem-trim/start', body: '*', serverStreaming: false, requestType: 'SdkFilesystemTrimStartRequest', responseType: 'SdkFilesystemTrimStartResponse' },
  { service: 'OpenStorageFilesystemTrim', rpc: 'Status', method: 'GET', path: '/v1/filesystem-trim/status', body: '', serverStreaming: false, requestType: 'SdkFilesystemTrimStatusRequest', responseType: 'SdkFilesystemTrimStatusResponse' },
  { service: 'OpenStorageFilesystemTrim', rpc: 'AutoFSTrimStatus', method: 'GET', path: '/v1/filesystem-trim/auto-fstrim-status', body: '', serverStreaming: false, requestType: 'SdkAutoFSTrimStatusRequest', responseType: 'SdkAutoFSTrimStatusResponse' },
  { service: 'OpenStorageFilesystemTrim', rpc: 'AutoFSTrimUsage', method: 'GET', path: '/v1/filesystem-trim/auto-fstrim-usage', body: '', serverStreaming: false, requestType: 'SdkAutoFSTrimUsageRequest', responseType: 'SdkAutoFSTrimUsageResponse' },
  { service: 'OpenStorageFilesystemTrim', rpc: 'Stop', method: 'POST', path: '/v1/filesystem-trim/stop', body: '*', serverStreaming: false, requestType: 'SdkFilesystemTrimStopRequest', responseType: 'SdkFilesystemTrimStopResponse' },
  { service: 'OpenStorageFilesystemTrim', rpc: 'AutoFSTrimPush', method: 'POST', path: '/v1/filesystem-trim/auto-fstrim-push', body: '*', serverStreaming: false, requestType: 'SdkAutoFSTrimPushRequest', responseType: 'SdkAutoFSTrimPushResponse' },
  { service: 'OpenStorageFilesystemTrim', rpc: 'AutoFSTrimPop', method: 'POST', path: '/v1/filesystem-trim/auto-fstrim-pop', body: '*', serverStreaming: false, requestType: 'SdkAutoFSTrimPopRequest', responseType: 'SdkAutoFSTrimPopResponse' },
  { service: 'OpenStorageFilesystemCheck', rpc: 'Start', method: 'POST', path: '/v1/filesystem-check/start', body: '*', serverStreaming: false, requestType: 'SdkFilesystemCheckStartRequest', responseType: 'SdkFilesystemCheckStartResponse' },
  { service: 'OpenStorageFilesystemCheck', rpc: 'Status', method: 'GET', path: '/v1/filesystem-check/status', body: '', serverStreaming: false, requestType: 'SdkFilesystemCheckStatusRequest', responseType: 'SdkFilesystemCheckStatusResponse' },
  { service: 'OpenStorageFilesystemCheck', rpc: 'Stop', method: 'POST', path: '/v1/filesystem-check/stop', body: '*', serverStreaming: false, requestType: 'SdkFilesystemCheckStopRequest', responseType: 'SdkFilesystemCheckStopResponse' },
  { service: 'OpenStorageFilesystemCheck', rpc: 'ListSnapshots', method: 'GET', path: '/v1/filesystem-check/list-snapshots', body: '', serverStreaming: false, requestType: 'SdkFilesystemCheckListSnapshotsRequest', responseType: 'SdkFilesystemCheckListSnapshotsResponse' },
  { service: 'OpenStorageFilesystemCheck', rpc: 'DeleteSnapshots', method: 'POST', path: '/v1/filesystem-check/delete-snapshots', body: '*', serverStreaming: false, requestType: 'SdkFilesystemCheckDeleteSnapshotsRequest', responseType: 'SdkFilesystemCheckDeleteSnapshotsResponse' },
  { service: 'OpenStorageFilesystemCheck', rpc: 'ListVolumes', method: 'GET', path: '/v1/filesystem-check/list-volumes', body: '', serverStreaming: false, requestType: 'SdkFilesystemCheckListVolumesRequest', responseType: 'SdkFilesystemCheckListVolumesResponse' },
  { service: 'OpenStorageFilesystemDefrag', rpc: 'CreateSchedule', method: 'POST', path: '/v1/filesystem-defrag/schedule', body: '*', serverStreaming: false, requestType: 'SdkCreateDefragScheduleRequest', responseType: 'SdkCreateDefragScheduleResponse' },
  { service: 'OpenStorageFilesystemDefrag', rpc: 'GetNodeStatus', method: 'GET', path: '/v1/filesystem-defrag/status/{node_id}', body: '', serverStreaming: false, requestType: 'SdkGetDefragNodeStatusRequest', responseType: 'SdkGetDefragNodeStatusResponse' },
  { service: 'OpenStorageFilesystemDefrag', rpc: 'EnumerateNodeStatus', method: 'GET', path: '/v1/filesystem-defrag/status', body: '', serverStreaming: false, requestType: 'SdkEnumerateDefragStatusRequest', responseType: 'SdkEnumerateDefragStatusResponse' },
  { service: 'OpenStorageFilesystemDefrag', rpc: 'CleanUpSchedules', method: 'DELETE', path: '/v1/filesystem-defrag/schedules', body: '', serverStreaming: false, requestType: 'SdkCleanUpDefragSchedulesRequest', responseType: 'SdkCleanUpDefragSchedulesResponse' },
  { service: 'OpenStorageClusterPair', rpc: 'Create', method: 'POST', path: '/v1/clusterpairs', body: '*', serverStreaming: false, requestType: 'SdkClusterPairCreateRequest', responseType: 'SdkClusterPairCreateResponse' },
  { service: 'OpenStorageClusterPair', rpc: 'Inspect', method: 'GET', path: '/v1/clusterpairs/inspect/{id}', body: '', serverStreaming: false, requestType: 'SdkClusterPairInspectRequest', responseType: 'SdkClusterPairInspectResponse' },
  { service: 'OpenStorageClusterPair', rpc: 'Enumerate', method: 'GET', path: '/v1/clusterpairs', body: '', serverStreaming: false, requestType: 'SdkClusterPairEnumerateRequest', responseType: 'SdkClusterPairEnumerateResponse' },
  { service: 'OpenStorageClusterPair', rpc: 'GetToken', method: 'GET', path: '/v1/clusterpairs/token', body: '', serverStreaming: false, requestType: 'SdkClusterPairGetTokenRequest', responseType: 'SdkClusterPairGetTokenResponse' },
  { service: 'OpenStorageClusterPair', rpc: 'ResetToken', method: 'POST', path: '/v1/clusterpairs/token', body: '*', serverStreaming: false, requestType: 'SdkClusterPairResetTokenRequest', responseType: 'SdkClusterPairResetTokenResponse' },
  { service: 'OpenStorageClusterPair', rpc: 'Delete', method: 'DELETE', path: '/v1/clusterpairs/{cluster_id}', body: '', serverStreaming: false, requestType: 'SdkClusterPairDeleteRequest', responseType: 'SdkClusterPairDeleteResponse' },
  { service: 'OpenStorageClusterDomains', rpc: 'Enumerate', method: 'GET', path: '/v1/clusterdomains', body: '', serverStreaming: false, requestType: 'SdkClusterDomainsEnumerateRequest', responseType: 'SdkClusterDomainsEnumerateResponse' },
  { service: 'OpenStorageClusterDomains', rpc: 'Inspect', method: 'GET', path: '/v1/clusterdomains/inspect/{cluster_domain_name}', body: '', serverStreaming: false, requestType: 'SdkClusterDomainInspectRequest', responseType: 'SdkClusterDomainInspectResponse' },
  { service: 'OpenStorageClusterDomains', rpc: 'Activate', method: 'POST', path: '/v1/clusterdomains/activate/{cluster_domain_name}', body: '', serverStreaming: false, requestType: 'SdkClusterDomainActivateRequest', responseType: 'SdkClusterDomainActivateResponse' },
  { service: 'OpenStorageClusterDomains', rpc: 'Deactivate', method: 'POST', path: '/v1/clusterdomains/deactivate/{cluster_domain_name}', body: '', serverStreaming: false, requestType: 'SdkClusterDomainDeactivateRequest', responseType: 'SdkClusterDomainDeactivateResponse' },
  { service: 'OpenStorageDiags', rpc: 'Collect', method: 'POST', path: '/v1/diags', body: '*', serverStreaming: false, requestType: 'SdkDiagsCollectRequest', responseType: 'SdkDiagsCollectResponse' },
  { service: 'OpenStorageJob', rpc: 'Update', method: 'PUT', path: '/v1/jobs/{id}', body: '*', serverStreaming: false, requestType: 'SdkUpdateJobRequest', responseType: 'SdkUpdateJobResponse' },
  { service: 'OpenStorageJob', rpc: 'GetStatus', method: 'GET', path: '/v1/jobs/{id}', body: '', serverStreaming: false, requestType: 'SdkGetJobStatusRequest', responseType: 'SdkGetJobStatusResponse' },
  { service: 'OpenStorageJob', rpc: 'Enumerate', method: 'GET', path: '/v1/jobs', body: '', serverStreaming: false, requestType: 'SdkEnumerateJobsRequest', responseType: 'SdkEnumerateJobsResponse' },
  { service: 'OpenStorageSchedule', rpc: 'Inspect', method: 'GET', path: '/v1/schedules/{type}/{id}', body: '', serverStreaming: false, requestType: 'SdkInspectScheduleRequest', responseType: 'SdkInspectScheduleResponse' },
  { service: 'OpenStorageSchedule', rpc: 'Enumerate', method: 'GET', path: '/v1/schedules/{type}', body: '', serverStreaming: false, requestType: 'SdkEnumerateSchedulesRequest', responseType: 'SdkEnumerateSchedulesResponse' },
  { service: 'OpenStorageSchedule', rpc: 'Delete', method: 'DELETE', path: '/v1/schedules/{type}/{id}', body: '', serverStreaming: false, requestType: 'SdkDeleteScheduleRequest', responseType: 'SdkDeleteScheduleResponse' },
  { service: 'OpenStorageBucket', rpc: 'Create', method: 'POST', path: '/v1/bucket', body: '*', serverStreaming: false, requestType: 'BucketCreateRequest', responseType: 'BucketCreateResponse' },
  { service: 'OpenStorageBucket', rpc: 'Delete', method: 'DELETE', path: '/v1/bucket/{bucket_id}', body: '', serverStreaming: false, requestType: 'BucketDeleteRequest', responseType: 'BucketDeleteResponse' },
  { service: 'OpenStorageBucket', rpc: 'GrantAccess', method: 'POST', path: '/v1/bucket/access/{bucket_id}', body: '*', serverStreaming: false, requestType: 'BucketGrantAccessRequest', responseType: 'BucketGrantAccessResponse' },
  { service: 'OpenStorageBucket', rpc: 'RevokeAccess', method: 'POST', path: '/v1/bucket/revoke/{bucket_id}', body: '*', serverStreaming: false, requestType: 'BucketRevokeAccessRequest', responseType: 'BucketRevokeAccessResponse' },
  { service: 'OpenStorageMigrate', rpc: 'Start', method: 'POST', path: '/v1/volumemigrate', body: '*', serverStreaming: false, requestType: 'SdkCloudMigrateStartRequest', responseType: 'SdkCloudMigrateStartResponse' },
  { service: 'OpenStorageMigrate', rpc: 'Cancel', method: 'POST', path: '/v1/volumemigrate/cancel', body: '*', serverStreaming: false, requestType: 'SdkCloudMigrateCancelRequest', responseType: 'SdkCloudMigrateCancelResponse' },
  { service: 'OpenStorageMigrate', rpc: 'Status', method: 'GET', path: '/v1/volumemigrate', body: '', serverStreaming: false, requestType: 'SdkCloudMigrateStatusRequest', responseType: 'SdkCloudMigrateStatusResponse' },
  { service: 'OpenStorageObjectstore', rpc: 'Inspect', method: 'GET', path: '/v1/objectstores/inspect/{objectstore_id}', body: '', serverStreaming: false, requestType: 'SdkObjectstoreInspectRequest', responseType: 'SdkObjectstoreInspectResponse' },
  { service: 'OpenStorageObjectstore', rpc: 'Create', method: 'POST', path: '/v1/objectstores', body: '*', serverStreaming: false, requestType: 'SdkObjectstoreCreateRequest', responseType: 'SdkObjectstoreCreateResponse' },
  { service: 'OpenStorageObjectstore', rpc: 'Delete', method: 'DELETE', path: '/v1/objectstores/{objectstore_id}', body: '', serverStreaming: false, requestType: 'SdkObjectstoreDeleteRequest', responseType: 'SdkObjectstoreDeleteResponse' },
  { service: 'OpenStorageObjectstore', rpc: 'Update', method: 'PUT', path: '/v1/objectstores/{objectstore_id}', body: '*', serverStreaming: false, requestType: 'SdkObjectstoreUpdateRequest', responseType: 'SdkObjectstoreUpdateResponse' },
  { service: 'OpenStoragePolicy', rpc: 'Create', method: 'POST', path: '/v1/storagepolicies', body: '*', serverStreaming: false, requestType: 'SdkOpenStoragePolicyCreateRequest', responseType: 'SdkOpenStoragePolicyCreateResponse' },
  { service: 'OpenStoragePolicy', rpc: 'Enumerate', method: 'GET', path: '/v1/storagepolicies', body: '', serverStreaming: false, requestType: 'SdkOpenStoragePolicyEnumerateRequest', responseType: 'SdkOpenStoragePolicyEnumerateResponse' },
  { service: 'OpenStoragePolicy', rpc: 'Inspect', method: 'GET', path: '/v1/storagepolicies/inspect/{name}', body: '', serverStreaming: false, requestType: 'SdkOpenStoragePolicyInspectRequest', responseType: 'SdkOpenStoragePolicyInspectResponse' },
  { service: 'OpenStoragePolicy', rpc: 'Update', method: 'PUT', path: '/v1/storagepolicies', body: '*', serverStreaming: false, requestType: 'SdkOpenStoragePolicyUpdateRequest', responseType: 'SdkOpenStoragePolicyUpdateResponse' },
  { service: 'OpenStoragePolicy', rpc: 'Delete', method: 'DELETE', path: '/v1/storagepolicies/{name}', body: '', serverStreaming: false, requestType: 'SdkOpenStoragePolicyDeleteRequest', responseType: 'SdkOpenStoragePolicyDeleteResponse' },
  { service: 'OpenStoragePolicy', rpc: 'SetDefault', method: 'POST', path: '/v1/storagepolicies/default/{name}', body: '*', serverStreaming: false, requestType: 'SdkOpenStoragePolicySetDefaultRequest', responseType: 'SdkOpenStoragePolicySetDefaultResponse' },
  { service: 'OpenStoragePolicy', rpc: 'DefaultInspect', method: 'GET', path: '/v1/storagepolicies/default', body: '', serverStreaming: false, requestType: 'SdkOpenStoragePolicyDefaultInspectRequest', responseType: 'SdkOpenStoragePolicyDefaultInspectResponse' },
  { service: 'OpenStoragePolicy', rpc: 'Release', method: 'POST', path: '/v1/storagepolicies/release', body: '*', serverStreaming: false, requestType: 'SdkOpenStoragePolicyReleaseRequest', responseType: 'SdkOpenStoragePolicyReleaseResponse' },
  { service: 'OpenStorageVerifyChecksum', rpc: 'Start', method: 'POST', path: '/v1/verify-checksum/start', body: '*', serverStreaming: false, requestType: 'SdkVerifyChecksumStartRequest', responseType: 'SdkVerifyChecksumStartResponse' },
  { service: 'OpenStorageVerifyChecksum', rpc: 'Status', method: 'GET', path: '/v1/verify-checksum/status', body: '', serverStreaming: false, requestType: 'SdkVerifyChecksumStatusRequest', responseType: 'SdkVerifyChecksumStatusResponse' },
  { service: 'OpenStorageVerifyChecksum', rpc: 'Stop', method: 'POST', path: '/v1/verify-checksum/stop', body: '*', serverStreaming: false, requestType: 'SdkVerifyChecksumStopRequest', responseType: 'SdkVerifyChecksumStopResponse' },
];

/** Full gRPC method path, e.g. `/openstorage.api.OpenStorageVolume/Create`. */
export function grpcMethodPath(service: string, rpc: string): string {
  return `/${OPENSTORAGE_PACKAGE}.${service}/${rpc}`;
}

export function findHttpRule(service: string, rpc: string): HttpRule | undefined {
  return HTTP_RULES.find((r) => r.service === service && r.rpc === rpc);
}

/** Names of the `{param}` placeholders of a template, in order. */
export function pathParams(rule: HttpRule): string[] {
  return [...rule.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
}

/**
 * Fills the template's placeholders from `values` (percent-encoding each one)
 * and returns the path. Throws when a placeholder has no non-empty value.
 */
export function expandPath(rule: HttpRule, values: Record<string, unknown>): string {
  return rule.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const v = values[name];
    if (v === undefined || v === null || v === '') {
      throw new Error(`${rule.service}.${rule.rpc}: missing value for path parameter ${name}`);
    }
    return encodeURIComponent(String(v));
  });
}

export interface HttpRuleMatch {
  rule: HttpRule;
  /** Decoded values of the path placeholders. */
  params: Record<string, string>;
}

function matchTemplate(template: string, segments: string[]): Record<string, string> | undefined {
  const parts = template.split('/').filter((s) => s !== '');
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const seg = segments[i]!;
    const m = /^\{([^}]+)\}$/.exec(part);
    if (m) {
      if (seg === '') return undefined;
      try {
        params[m[1]!] = decodeURIComponent(seg);
      } catch {
        return undefined;
      }
    } else if (part !== seg) {
      return undefined;
    }
  }
  return params;
}

function literalCount(template: string): number {
  return template.split('/').filter((s) => s !== '' && !s.startsWith('{')).length;
}

/**
 * Finds the route for an HTTP request. `rawPath` is the path part of the URL
 * as sent (still percent-encoded, no query string). Returns `undefined` when no
 * template matches the path, or `'method-not-allowed'` when some template
 * matches but with another method. Two RPCs share `GET /v1/nodes/usage/{node_id}`;
 * like the real gateway, the first one in the table (VolumeUsageByNode) wins.
 */
export function matchHttpRule(method: string, rawPath: string): HttpRuleMatch | 'method-not-allowed' | undefined {
  const segments = rawPath.split('/').filter((s, i) => !(i === 0 && s === ''));
  if (segments.length > 0 && segments[segments.length - 1] === '') segments.pop();
  let best: HttpRuleMatch | undefined;
  let pathMatched = false;
  for (const rule of HTTP_RULES) {
    const params = matchTemplate(rule.path, segments);
    if (!params) continue;
    pathMatched = true;
    if (rule.method !== method.toUpperCase()) continue;
    if (!best || literalCount(rule.path) > literalCount(best.rule.path)) best = { rule, params };
  }
  if (best) return best;
  return pathMatched ? 'method-not-allowed' : undefined;
}
