import { describe, expect, it } from 'vitest';
import { explainRestEndpoint, parseGrpcAddress, restEndpoint } from '../../src/backends/openstorage/rest-endpoint.js';
import type { ResolvedProfile } from '../../src/config/resolve.js';

function profile(settings: Record<string, unknown>): ResolvedProfile {
  const map = new Map(Object.entries(settings).map(([k, value]) => [k, { value, source: `config.yaml:${k}` }]));
  return { name: 'px', fromFile: true, backend: 'openstorage', settings: map as ResolvedProfile['settings'], warnings: [], get: <T>(k: string) => map.get(k)?.value as T | undefined };
}

describe('OpenStorage REST gateway address', () => {
  it('derives it only for the default gRPC ports', () => {
    expect(restEndpoint(profile({ endpoint: ['px1:9100'] }))).toEqual({ url: 'http://px1:9110', source: 'derived from endpoint :9100 (SDK default pair)' });
    expect(restEndpoint(profile({ endpoint: ['px1'] })).url).toBe('http://px1:9110');
    expect(restEndpoint(profile({ endpoint: ['px1:9020'] }))).toEqual({ url: 'http://px1:9021', source: 'derived from endpoint :9020 (Portworx default pair)' });
    expect(restEndpoint(profile({ endpoint: ['grpcs://px1:9100'] })).url).toBe('https://px1:9110');
    expect(restEndpoint(profile({ endpoint: ['px1:9100'], cacert: '/ca.pem' })).url).toBe('https://px1:9110');
    expect(restEndpoint(profile({ endpoint: ['[fd00::1]:9100'] })).url).toBe('http://[fd00::1]:9110');
    for (const endpoint of ['px1:9200', 'px1:9110', 'unix:/var/lib/osd/driver/pxd-sdk.sock', 'px1:443']) {
      expect(() => restEndpoint(profile({ endpoint: [endpoint] })), endpoint).toThrow(/has no rest_endpoint/);
    }
    try {
      restEndpoint(profile({ endpoint: ['px1:9200'] }));
    } catch (err) {
      expect((err as { exitCode: number }).exitCode).toBe(2);
      expect((err as { hint: string }).hint).toBe('storctl profile set px rest_endpoint=http://px1:PORT');
    }
  });

  it('rest_endpoint and an http --endpoint win; a gRPC --endpoint is derived from', () => {
    expect(restEndpoint(profile({ endpoint: ['px1:9200'], rest_endpoint: 'http://gw:8080/' }))).toEqual({ url: 'http://gw:8080', source: 'config.yaml:rest_endpoint' });
    expect(restEndpoint(profile({ rest_endpoint: 'http://gw:8080' }), 'https://other:1234').url).toBe('https://other:1234');
    expect(restEndpoint(profile({ rest_endpoint: 'http://gw:8080' }), 'px2:9100')).toEqual({ url: 'http://px2:9110', source: 'derived from --endpoint :9100 (SDK default pair)' });
    expect(() => restEndpoint(profile({ rest_endpoint: 'http://gw:8080' }), 'px2:9200')).toThrow(/--endpoint px2:9200 is not on a default gRPC port/);
    expect(() => restEndpoint(profile({}))).toThrow(/no rest_endpoint \(nor an endpoint\)/);
  });

  it('explains it for profile explain', () => {
    expect(explainRestEndpoint(profile({ endpoint: ['px1:9100'] }))).toEqual({ value: 'http://px1:9110', source: 'derived from endpoint :9100 (SDK default pair)' });
    expect(explainRestEndpoint(profile({ endpoint: ['px1:9200'] }))).toEqual({ value: '', source: 'not set: endpoint :9200 is no default gRPC port; REST calls (transport rest, api) need it' });
    expect(explainRestEndpoint(profile({ endpoint: ['px1:9100'], rest_endpoint: 'http://gw' }))).toBeUndefined();
    expect(explainRestEndpoint(profile({}))).toBeUndefined();
    expect(parseGrpcAddress('grpc://h:1/x')).toEqual({ host: 'h', port: 1, tls: false });
  });
});
