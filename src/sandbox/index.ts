// Starts every simulator on loopback (random free ports), wires them together (Keystone's
// catalog points at Cinder, Nova and Swift; they accept Keystone's tokens) and describes the
// ready-to-use sandbox-* profiles.
import type { SimulatorHandle } from './types.js';

export interface SandboxProfile {
  name: string;
  settings: Record<string, unknown>;
  description: string;
}

export interface SandboxSims {
  keystone?: import('./keystone.js').KeystoneSim;
  cinder?: import('./cinder.js').CinderSim;
  nova?: import('./nova.js').NovaSim;
  swift?: import('./swift.js').SwiftSim;
  openstorage?: any;
  kumoscale?: any;
}

export interface Sandbox {
  services: Record<string, string>;
  /** The running simulators, for tests that seed data or read counters. */
  sims: SandboxSims;
  profiles: SandboxProfile[];
  counters(): Record<string, Record<string, number>>;
  close(): Promise<void>;
}

export interface SandboxOptions {
  /** Simulators to start; default all. */
  only?: readonly ('openstack' | 'swift' | 'openstorage' | 'kumoscale')[];
  /** Where generated TLS material goes (KumoScale). */
  pkiDir?: string;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const want = (k: string) => !opts.only || opts.only.includes(k as never);
  const handles: { name: string; h: { close(): Promise<void>; counters: Record<string, number> } }[] = [];
  const services: Record<string, string> = {};
  const profiles: SandboxProfile[] = [];
  const sims: SandboxSims = {};
  try {
    if (want('openstack') || want('swift')) {
      const { startKeystone, SEED_USERS, SEED_APP_CREDENTIAL } = await import('./keystone.js');
      const { startCinder } = await import('./cinder.js');
      const { startNova } = await import('./nova.js');
      const { startSwift } = await import('./swift.js');
      const keystone = await startKeystone();
      handles.push({ name: 'keystone', h: keystone });
      const validateToken = keystone.validateToken;
      const cinder = await startCinder({ validateToken });
      handles.push({ name: 'cinder', h: cinder });
      const nova = await startNova({ validateToken });
      handles.push({ name: 'nova', h: nova });
      const swift = await startSwift({ validateToken });
      handles.push({ name: 'swift', h: swift });
      Object.assign(sims, { keystone, cinder, nova, swift });
      keystone.setCatalog([
        { type: 'volumev3', name: 'cinderv3', url: `${cinder.url}/v3/$(project_id)s` },
        { type: 'block-storage', name: 'cinder', url: `${cinder.url}/v3/$(project_id)s` },
        { type: 'volumev2', name: 'cinderv2', url: `${cinder.url}/v2/$(project_id)s` },
        { type: 'compute', name: 'nova', url: `${nova.url}/v2.1` },
        { type: 'object-store', name: 'swift', url: `${swift.url}/v1/AUTH_$(project_id)s` },
      ]);
      Object.assign(services, { keystone: keystone.url, cinder: cinder.url, nova: nova.url, swift: swift.url });
      const common = { backend: 'openstack', auth_url: `${keystone.url}/v3`, user_domain_name: 'Default', project_domain_name: 'Default', region_name: 'RegionOne' };
      profiles.push(
        { name: 'sandbox-openstack', description: 'Keystone v3 admin on project admin (Cinder, Nova, Swift)', settings: { ...common, username: SEED_USERS.admin.name, password: SEED_USERS.admin.password, project_name: 'admin' } },
        { name: 'sandbox-demo', description: 'Keystone v3 member of project demo', settings: { ...common, username: SEED_USERS.demo.name, password: SEED_USERS.demo.password, project_name: 'demo' } },
        { name: 'sandbox-appcred', description: 'Keystone v3 application credential (demo)', settings: { backend: 'openstack', auth_url: `${keystone.url}/v3`, auth_type: 'v3applicationcredential', application_credential_id: SEED_APP_CREDENTIAL.id, application_credential_secret: SEED_APP_CREDENTIAL.secret } },
        { name: 'sandbox-keystone-v2', description: 'Keystone v2.0 password + tenant (legacy clouds)', settings: { backend: 'openstack', auth_url: `${keystone.url}/v2.0`, username: SEED_USERS.admin.name, password: SEED_USERS.admin.password, project_name: 'admin' } },
        { name: 'sandbox-swift', description: 'Swift v1 auth (tempauth test:tester)', settings: { backend: 'swift', auth_url: `${swift.url}/auth/v1.0`, username: 'test:tester', password: 'testing' } },
        { name: 'sandbox-swift-keystone', description: 'Swift through Keystone v3 (admin)', settings: { ...common, backend: 'swift', username: SEED_USERS.admin.name, password: SEED_USERS.admin.password, project_name: 'admin' } },
      );
    }
    if (want('openstorage')) {
      const mod: any = await import('./openstorage/index.js');
      const secret = 'storctl-sandbox-shared-secret';
      const osd = await mod.startOpenStorage({ auth: { sharedSecret: secret, issuer: 'storctl-sandbox' } });
      handles.push({ name: 'openstorage', h: osd });
      sims.openstorage = osd;
      services['openstorage-grpc'] = osd.grpcAddress;
      services['openstorage-rest'] = osd.restUrl;
      const admin = osd.mintToken({ sub: 'admin@sandbox', name: 'admin', email: 'admin@sandbox', roles: ['system.admin'], groups: ['*'], expiresInSeconds: 365 * 24 * 3600 });
      profiles.push(
        { name: 'sandbox-openstorage', description: 'OpenStorage SDK over gRPC, admin JWT', settings: { backend: 'openstorage', endpoint: osd.grpcAddress, rest_endpoint: osd.restUrl, token: admin } },
        { name: 'sandbox-openstorage-rest', description: 'OpenStorage SDK over the REST gateway, admin JWT', settings: { backend: 'openstorage', endpoint: osd.grpcAddress, rest_endpoint: osd.restUrl, transport: 'rest', token: admin } },
      );
    }
    if (want('kumoscale')) {
      const mod: any = await import('./kumoscale/index.js');
      const tls: any = await import('./tls.js');
      const pki = await tls.generateTestPki(opts.pkiDir);
      const ks = await mod.startKumoScale({ pki });
      handles.push({ name: 'kumoscale', h: ks });
      sims.kumoscale = ks;
      services.kumoscale = ks.url;
      const user = mod.KUMOSCALE_SANDBOX_USER;
      profiles.push({
        name: 'sandbox-kumoscale',
        description: 'KumoScale provisioner over HTTPS (self-signed CA), basic auth, client certificate',
        settings: { backend: 'kumoscale', endpoint: [ks.url], username: user.user, password: user.password, cacert: pki.caCert, cert: pki.clientPem },
      });
    }
  } catch (err) {
    await Promise.allSettled(handles.map((x) => x.h.close()));
    throw err;
  }
  return {
    services,
    sims,
    profiles,
    counters: () => Object.fromEntries(handles.map((x) => [x.name, { ...x.h.counters }])),
    close: async () => {
      await Promise.allSettled(handles.map((x) => x.h.close()));
    },
  };
}

export type { SimulatorHandle };
