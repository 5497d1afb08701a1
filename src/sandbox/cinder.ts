// Cinder (block storage v2 + v3) simulator. The implementation lives in ./cinder/.
export { startCinder } from './cinder/server.js';
export type { CinderSim, CinderSimOptions, SeedOptions } from './cinder/server.js';
export type { CinderFailOp, Volume as SimVolume, Snapshot as SimSnapshot, Backup as SimBackup, VolumeType as SimVolumeType } from './cinder/model.js';
