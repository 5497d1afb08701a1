// Loads the OpenStorage SDK wire definitions (proto/openstorage.proto) with
// @grpc/proto-loader. The .proto sits beside this module, both in src/ and,
// after the build copies it, in dist/.

import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { OPENSTORAGE_PACKAGE } from './http-rules.js';

/** Absolute path of openstorage.proto, resolved relative to this module at run time. */
export const OPENSTORAGE_PROTO_PATH = fileURLToPath(new URL('./proto/openstorage.proto', import.meta.url));

/**
 * Options every storctl component uses, so that gRPC objects look the same
 * everywhere: proto field names (snake_case), 64-bit integers as decimal
 * strings, enums as value names, unset fields absent, and for each oneof a
 * virtual property naming the member that is set.
 */
export const OPENSTORAGE_LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: false,
  oneofs: true,
};

/** Every service of the SDK's api.proto (25). */
export type OpenStorageServiceName =
  | 'OpenStorageIdentity'
  | 'OpenStorageCluster'
  | 'OpenStorageNode'
  | 'OpenStorageVolume'
  | 'OpenStorageMountAttach'
  | 'OpenStorageCredentials'
  | 'OpenStorageCloudBackup'
  | 'OpenStorageAlerts'
  | 'OpenStorageRole'
  | 'OpenStorageSchedulePolicy'
  | 'OpenStorageWatch'
  | 'OpenStoragePool'
  | 'OpenStorageFilesystemTrim'
  | 'OpenStorageFilesystemCheck'
  | 'OpenStorageFilesystemDefrag'
  | 'OpenStorageClusterPair'
  | 'OpenStorageClusterDomains'
  | 'OpenStorageDiags'
  | 'OpenStorageJob'
  | 'OpenStorageSchedule'
  | 'OpenStorageBucket'
  | 'OpenStorageMigrate'
  | 'OpenStorageObjectstore'
  | 'OpenStoragePolicy'
  | 'OpenStorageVerifyChecksum';

export const OPENSTORAGE_SERVICES: readonly OpenStorageServiceName[] = [
  'OpenStorageIdentity',
  'OpenStorageCluster',
  'OpenStorageNode',
  'OpenStorageVolume',
  'OpenStorageMountAttach',
  'OpenStorageCredentials',
  'OpenStorageCloudBackup',
  'OpenStorageAlerts',
  'OpenStorageRole',
  'OpenStorageSchedulePolicy',
  'OpenStorageWatch',
  'OpenStoragePool',
  'OpenStorageFilesystemTrim',
  'OpenStorageFilesystemCheck',
  'OpenStorageFilesystemDefrag',
  'OpenStorageClusterPair',
  'OpenStorageClusterDomains',
  'OpenStorageDiags',
  'OpenStorageJob',
  'OpenStorageSchedule',
  'OpenStorageBucket',
  'OpenStorageMigrate',
  'OpenStorageObjectstore',
  'OpenStoragePolicy',
  'OpenStorageVerifyChecksum',
];

let cachedDefinition: protoLoader.PackageDefinition | undefined;
let cachedGrpcObject: grpc.GrpcObject | undefined;

/** The proto-loader package definition (loaded once, synchronously). */
export function openStoragePackageDefinition(): protoLoader.PackageDefinition {
  cachedDefinition ??= protoLoader.loadSync(OPENSTORAGE_PROTO_PATH, OPENSTORAGE_LOADER_OPTIONS);
  return cachedDefinition;
}

/** The grpc-js object tree for the definition (`grpc.loadPackageDefinition`). */
export function openStorageGrpcObject(): grpc.GrpcObject {
  cachedGrpcObject ??= grpc.loadPackageDefinition(openStoragePackageDefinition());
  return cachedGrpcObject;
}

/** grpc-js service definition (method table) of one service, e.g. for `Server.addService`. */
export function serviceDefinition(name: OpenStorageServiceName): grpc.ServiceDefinition {
  const def = openStoragePackageDefinition()[`${OPENSTORAGE_PACKAGE}.${name}`];
  if (!def || 'format' in def) throw new Error(`unknown OpenStorage service ${name}`);
  return def as unknown as grpc.ServiceDefinition;
}

/**
 * Client constructor of one service:
 * `new (serviceClient('OpenStorageVolume'))('127.0.0.1:9100', grpc.credentials.createInsecure())`.
 */
export function serviceClient(name: OpenStorageServiceName): grpc.ServiceClientConstructor {
  const pkg = openStorageGrpcObject()['openstorage'] as grpc.GrpcObject | undefined;
  const api = pkg?.['api'] as grpc.GrpcObject | undefined;
  const ctor = api?.[name];
  if (typeof ctor !== 'function') throw new Error(`unknown OpenStorage service ${name}`);
  return ctor as grpc.ServiceClientConstructor;
}
