// The simulator's gRPC server: every call goes through authentication and
// role checks (like osd's interceptors), then the fake-driver handler; the
// answer is pruned of zero values so clients see what a Go server sends.

import * as grpc from '@grpc/grpc-js';
import { findHttpRule } from '../../backends/openstorage/http-rules.js';
import { serviceDefinition, OPENSTORAGE_SERVICES, type OpenStorageServiceName } from '../../backends/openstorage/proto.js';
import { alertHandlers } from './alerts.js';
import { authenticate, authorize, StatusError, type AuthConfig } from './auth.js';
import { cloudBackupHandlers, credentialHandlers } from './cloud.js';
import { clusterHandlers, clusterPairHandlers, identityHandlers, nodeHandlers, poolHandlers, roleHandlers, schedulePolicyHandlers } from './cluster.js';
import { pruneMessage, type LoaderObject } from '../../backends/openstorage/codec.js';
import type { FakeDriver, ServiceHandlers, StreamSink } from './driver.js';
import type { ProtoSchema } from '../../backends/openstorage/schema.js';
import { mountAttachHandlers, volumeHandlers, watchHandlers } from './volumes.js';

export interface GrpcServerDeps {
  driver: FakeDriver;
  schema: ProtoSchema;
  auth: AuthConfig | undefined;
  counters: Record<string, number>;
}

function count(counters: Record<string, number>, key: string): void {
  counters[key] = (counters[key] ?? 0) + 1;
}

export function toServiceError(e: unknown): Partial<grpc.ServiceError> {
  if (e instanceof StatusError) return { code: e.code, details: e.message, message: e.message };
  const msg = e instanceof Error ? e.message : String(e);
  return { code: grpc.status.INTERNAL, details: msg, message: msg };
}

function handlersFor(name: OpenStorageServiceName, driver: FakeDriver): ServiceHandlers {
  switch (name) {
    case 'OpenStorageIdentity':
      return identityHandlers();
    case 'OpenStorageCluster':
      return clusterHandlers();
    case 'OpenStorageNode':
      return nodeHandlers(driver);
    case 'OpenStorageVolume':
      return volumeHandlers(driver);
    case 'OpenStorageMountAttach':
      return mountAttachHandlers(driver);
    case 'OpenStorageCredentials':
      return credentialHandlers(driver);
    case 'OpenStorageCloudBackup':
      return cloudBackupHandlers(driver);
    case 'OpenStorageAlerts':
      return alertHandlers(driver);
    case 'OpenStorageRole':
      return roleHandlers(driver);
    case 'OpenStorageSchedulePolicy':
      return schedulePolicyHandlers(driver);
    case 'OpenStorageWatch':
      return watchHandlers(driver);
    case 'OpenStoragePool':
      return poolHandlers(driver);
    case 'OpenStorageClusterPair':
      return clusterPairHandlers(driver);
    default:
      return {}; // registered, every RPC answers UNIMPLEMENTED
  }
}

function authHeader(md: grpc.Metadata): string | undefined {
  const v = md.get('authorization')[0];
  if (v === undefined) return undefined;
  return typeof v === 'string' ? v : v.toString('utf8');
}

/** Builds the server with every service registered (not yet bound). */
export function createGrpcServer(deps: GrpcServerDeps): grpc.Server {
  const { driver, schema, auth, counters } = deps;
  const server = new grpc.Server();
  const roleLookup = (n: string) => driver.roles.get(n);

  const admit = (service: string, rpc: string, md: grpc.Metadata) => {
    count(counters, 'grpcCalls');
    count(counters, `${service}.${rpc}`);
    try {
      const caller = authenticate(auth, authHeader(md));
      authorize(caller, service, rpc, roleLookup);
      return caller;
    } catch (e) {
      count(counters, 'authFailures');
      throw e;
    }
  };

  for (const service of OPENSTORAGE_SERVICES) {
    const def = serviceDefinition(service);
    const handlers = handlersFor(service, driver);
    const impl: grpc.UntypedServiceImplementation = {};
    for (const rpc of Object.keys(def)) {
      const handler = handlers[rpc];
      if (!handler) continue; // grpc-js answers UNIMPLEMENTED
      const rule = findHttpRule(service, rpc);
      if (!rule) throw new Error(`no HTTP rule for ${service}.${rpc}`);
      const respName = rule.responseType;
      if (typeof handler === 'function') {
        impl[rpc] = (call: grpc.ServerUnaryCall<LoaderObject, LoaderObject>, callback: grpc.sendUnaryData<LoaderObject>) => {
          void (async () => {
            try {
              const caller = admit(service, rpc, call.metadata);
              const res = await handler(call.request, caller);
              callback(null, pruneMessage(schema, respName, res));
            } catch (e) {
              callback(toServiceError(e));
            }
          })();
        };
      } else {
        impl[rpc] = (call: grpc.ServerWritableStream<LoaderObject, LoaderObject>) => {
          let closed = false;
          const cleanups: Array<() => void> = [];
          const finish = (): void => {
            if (closed) return;
            closed = true;
            unregister();
            for (const fn of cleanups.splice(0)) fn();
          };
          const unregister = driver.onClose(() => {
            finish();
            call.end();
          });
          call.on('cancelled', finish);
          call.on('close', finish);
          const sink: StreamSink = {
            write(msg) {
              if (!closed) call.write(pruneMessage(schema, respName, msg));
            },
            end() {
              if (closed) return;
              finish();
              call.end();
            },
            onClose(fn) {
              if (closed) fn();
              else cleanups.push(fn);
            },
          };
          void (async () => {
            try {
              const caller = admit(service, rpc, call.metadata);
              await handler.stream(call.request, caller, sink);
            } catch (e) {
              if (closed) return;
              finish();
              call.emit('error', toServiceError(e));
            }
          })();
        };
      }
    }
    server.addService(def, impl);
  }
  return server;
}
