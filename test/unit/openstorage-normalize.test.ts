// The record shape both OpenStorage transports produce: the same message, once as grpc-js
// (proto-loader) hands it over and once as the REST gateway writes it, must normalise to
// identical records.
import { describe, expect, it } from 'vitest';
import { formatTimestamp, toGatewayJson } from '../../src/backends/openstorage/codec.js';
import { HTTP_RULES } from '../../src/backends/openstorage/http-rules.js';
import { normalize, queryParams } from '../../src/backends/openstorage/normalize.js';
import { findRpc, isIdempotent, openStorageSchema, rpcTable } from '../../src/backends/openstorage/rpcs.js';
import { parseGrpcTarget } from '../../src/transport/grpc.js';
import { errorForGrpcStatus } from '../../src/transport/grpc-status.js';

const schema = openStorageSchema();

// A volume as grpc-js gives it (keepCase, longs String, enums String, defaults false, oneofs true).
const grpcVolume = {
  volume: {
    id: 'a867f470-43bf-49c1-bdb1-9d0171b08b1d',
    source: {},
    locator: { name: 'vol1', volume_labels: { z: '1', app: 'demo' } },
    ctime: { seconds: '1795367786', nanos: 235989737 },
    spec: { size: '1073741824', format: 'FS_TYPE_EXT4', ha_level: '1', cos: 'HIGH', ownership: { owner: 'admin', acls: { groups: { g1: 'Write' } } } },
    format: 'FS_TYPE_XFS',
    status: 'VOLUME_STATUS_UP',
    state: 'VOLUME_STATE_AVAILABLE',
  },
  name: 'vol1',
  labels: { app: 'demo', z: '1' },
};

// The same answer as the gateway writes it (spec reference, section 4.4).
const gatewayVolume = {
  volume: {
    id: 'a867f470-43bf-49c1-bdb1-9d0171b08b1d',
    source: {},
    locator: { name: 'vol1', volume_labels: { app: 'demo', z: '1' } },
    ctime: '2026-11-22T17:16:26.235989737Z',
    spec: { size: '1073741824', format: 'FS_TYPE_EXT4', ha_level: '1', cos: 'HIGH', ownership: { owner: 'admin', acls: { groups: { g1: 'Write' } } } },
    format: 'FS_TYPE_XFS',
    status: 'VOLUME_STATUS_UP',
    state: 'VOLUME_STATE_AVAILABLE',
  },
  name: 'vol1',
  labels: { app: 'demo', z: '1' },
};

describe('normalize', () => {
  it('gives identical records for the gRPC object and the gateway JSON', () => {
    const a = normalize(schema, 'SdkVolumeInspectResponse', grpcVolume, 'grpc');
    const b = normalize(schema, 'SdkVolumeInspectResponse', gatewayVolume, 'gateway');
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('makes sizes numbers, keeps ids strings, timestamps ISO 8601, fills proto3 defaults', () => {
    const r = normalize(schema, 'SdkVolumeInspectResponse', grpcVolume, 'grpc');
    const v = r.volume as any;
    expect(v.spec.size).toBe(1073741824);
    expect(v.spec.ha_level).toBe(1);
    expect(v.ctime).toBe('2026-11-22T17:16:26.235989737Z');
    expect(new Date(v.ctime).toISOString()).toBe('2026-11-22T17:16:26.235Z');
    expect(v.readonly).toBe(false);
    expect(v.usage).toBe(0);
    expect(v.attach_path).toEqual([]);
    expect(v.attach_info).toEqual({});
    expect(v.attached_on).toBe('');
    expect(v.spec.io_profile).toBe('IO_PROFILE_SEQUENTIAL');
    expect(v.source).toEqual({ parent: '', seed: '' });
    expect(v.last_scan).toBeUndefined(); // unset sub-message: no default
    expect(Object.keys(v.locator.volume_labels)).toEqual(['app', 'z']); // maps sorted
  });

  it('keeps 64-bit ids as strings and unsafe integers as strings', () => {
    const alert = normalize(schema, 'Alert', { id: '7', count: '3', ttl: '18446744073709551615', alert_type: '2' }, 'grpc');
    expect(alert.id).toBe('7');
    expect(alert.count).toBe(3);
    expect(alert.alert_type).toBe(2);
    expect(alert.ttl).toBe('18446744073709551615');
  });

  it('drops the oneof marker that proto-loader adds and keeps only the member that is set', () => {
    const g = normalize(schema, 'SdkIdentityCapabilitiesResponse', { capabilities: [{ service: { type: 'VOLUME' }, type: 'service' }] }, 'grpc');
    const r = normalize(schema, 'SdkIdentityCapabilitiesResponse', { capabilities: [{ service: { type: 'VOLUME' } }] }, 'gateway');
    expect(g).toEqual({ capabilities: [{ service: { type: 'VOLUME' } }] });
    expect(r).toEqual(g);
    const cred = normalize(schema, 'SdkCredentialInspectResponse', { credential_id: 'c', aws_credential: { access_key: 'AK' }, credential_type: 'aws_credential' }, 'grpc');
    expect(cred).not.toHaveProperty('credential_type');
    expect(cred).not.toHaveProperty('azure_credential');
    expect((cred.aws_credential as any).disable_ssl).toBe(false);
  });

  it('reads enum numbers and camelCase gateway names', () => {
    const r = normalize(schema, 'StorageCluster', { status: 2, id: 'x' }, 'gateway');
    expect(r.status).toBe('STATUS_OK');
    const n = normalize(schema, 'StorageNode', { id: '1', mgmtIp: '10.0.0.1', cpuCores: '4' }, 'gateway');
    expect(n.mgmt_ip).toBe('10.0.0.1');
    expect(n.cpu_cores).toBe(4);
  });

  it('formats timestamps like Go (0, 3, 6 or 9 fraction digits)', () => {
    expect(formatTimestamp({ seconds: '0', nanos: 0 })).toBe('1970-01-01T00:00:00Z');
    expect(formatTimestamp({ seconds: '1', nanos: 500_000_000 })).toBe('1970-01-01T00:00:01.500Z');
    expect(normalize(schema, 'Alert', { timestamp: '2024-05-01T12:00:00.5+02:00' }, 'gateway').timestamp).toBe('2024-05-01T10:00:00.500Z');
  });
});

describe('REST requests', () => {
  it('flattens a GET request into grpc-gateway query parameters, leaving path parameters out', () => {
    const json = toGatewayJson(schema, 'SdkVolumeInspectRequest', { volume_id: 'v1', options: { deep: true } });
    expect(queryParams(schema, 'SdkVolumeInspectRequest', json, new Set(['volume_id']))).toEqual([['options.deep', 'true']]);
    const snaps = toGatewayJson(schema, 'SdkVolumeSnapshotEnumerateRequest', { volume_id: 'v1' });
    expect(queryParams(schema, 'SdkVolumeSnapshotEnumerateRequest', snaps)).toEqual([['volume_id', 'v1']]);
  });
});

describe('RPC table', () => {
  it('knows every RPC of the proto, and every HTTP rule names one of them with the same types', () => {
    const table = rpcTable();
    expect(table.size).toBe(HTTP_RULES.length); // every RPC of the proto has a gateway route
    for (const rule of HTTP_RULES) {
      const info = table.get(`${rule.service}/${rule.rpc}`);
      expect(info, `${rule.service}/${rule.rpc}`).toBeDefined();
      expect(info!.requestType).toBe(rule.requestType);
      expect(info!.responseType).toBe(rule.responseType);
      expect(info!.serverStreaming).toBe(rule.serverStreaming);
    }
    expect(table.get('OpenStorageWatch/Watch')!.serverStreaming).toBe(true);
  });

  it('finds RPCs the way people type them', () => {
    for (const spec of ['OpenStorageVolume/Inspect', 'openstorage.api.OpenStorageVolume/Inspect', '/openstorage.api.OpenStorageVolume/Inspect', 'Volume/Inspect', 'volume/inspect', 'volume.inspect']) {
      expect(findRpc(spec).path, spec).toBe('/openstorage.api.OpenStorageVolume/Inspect');
    }
    expect(() => findRpc('Volume/Nope')).toThrow(/no method "Nope".*/);
    expect(() => findRpc('Nope/Inspect')).toThrow(/unknown OpenStorage service/);
    expect(() => findRpc('Inspect')).toThrow(/SERVICE\/METHOD/);
  });

  it('retries only reads and deletes', () => {
    expect(isIdempotent('Inspect')).toBe(true);
    expect(isIdempotent('EnumerateWithFilters')).toBe(true);
    expect(isIdempotent('Delete')).toBe(true);
    expect(isIdempotent('Create')).toBe(false);
    expect(isIdempotent('SnapshotCreate')).toBe(false);
    expect(isIdempotent('Update')).toBe(false);
  });
});

describe('gRPC targets and statuses', () => {
  it('parses endpoints', () => {
    expect(parseGrpcTarget('127.0.0.1:9100', 9100)).toEqual({ address: '127.0.0.1:9100', tls: false });
    expect(parseGrpcTarget('px.example.com', 9100)).toEqual({ address: 'px.example.com:9100', tls: false });
    expect(parseGrpcTarget('grpcs://px.example.com', 9100)).toEqual({ address: 'px.example.com:9100', tls: true });
    expect(parseGrpcTarget('https://px.example.com:9443/', 9100)).toEqual({ address: 'px.example.com:9443', tls: true });
    expect(parseGrpcTarget('px:9100', 9100, true)).toEqual({ address: 'px:9100', tls: true });
    expect(parseGrpcTarget('[::1]:9100', 9100)).toEqual({ address: '[::1]:9100', tls: false });
    expect(parseGrpcTarget('unix:/var/lib/osd/driver/pxd-sdk.sock', 9100)).toEqual({ address: 'unix:/var/lib/osd/driver/pxd-sdk.sock', tls: false });
    expect(() => parseGrpcTarget('ftp://x', 9100)).toThrow(/scheme/);
    expect(() => parseGrpcTarget('x:99999', 9100)).toThrow(/port/);
  });

  it('maps statuses to the documented exit codes', () => {
    const code = (c: number) => errorForGrpcStatus(c, 'm').exitCode;
    expect(code(16)).toBe(3); // UNAUTHENTICATED
    expect(code(7)).toBe(3); // PERMISSION_DENIED
    expect(code(5)).toBe(4); // NOT_FOUND
    expect(code(6)).toBe(5); // ALREADY_EXISTS
    expect(code(9)).toBe(5); // FAILED_PRECONDITION
    expect(code(14)).toBe(6); // UNAVAILABLE
    expect(code(4)).toBe(6); // DEADLINE_EXCEEDED
    expect(code(3)).toBe(1); // INVALID_ARGUMENT: the server refusing input
    expect(code(13)).toBe(7); // INTERNAL
    expect(code(2)).toBe(7); // UNKNOWN
    expect(errorForGrpcStatus(5, 'Volume id x not found').message).toBe('Volume id x not found');
    expect(errorForGrpcStatus(5, 'x').details).toMatchObject({ grpc_code: 5, grpc_status: 'NOT_FOUND' });
  });
});
