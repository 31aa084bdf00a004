import 'server-only';
import type { Capabilities, CloudProvider } from '../types';
import { shDatacenters, shFlavors, shQuotas, shServers } from './compute';
import { shDeps } from './context';
import { shanheCall } from './http';
import { shIdentity } from './identity';
import { shImages } from './images';
import { shLoadBalancers } from './load-balancers';
import { shFloatingIps, shNetworks } from './networks';
import { shPublicIps } from './public-ips';
import { shSecurityGroups } from './security-groups';
import { settingsFromConfig, type ShanheSettings } from './settings';
import { shanheUnsupported } from './unsupported';
import { shVolumes } from './volumes';

/**
 * The Shanhe (QingCloud-style) driver: signed GETs on `/iaas/?action=…` with the caller's own key, in one zone.
 * Lists page by 100 with total_count; long actions answer a job_id (jobs.ts).
 */
export function createShanheProvider(settings: ShanheSettings = settingsFromConfig()): CloudProvider {
  const d = shDeps(settings);
  return {
    kind: 'shanhe',
    async capabilities(): Promise<Capabilities> {
      return {
        liveMigrate: false,
        resize: true,
        loadBalancers: true,
        volumes: true,
        publicIps: true,
        imageUpload: false,
        imageImport: false,
        identityAdmin: false,
        unsupported: shanheUnsupported.table,
      };
    },
    async health() {
      if (!settings.serviceKey)
        return {
          ok: true,
          message: `Shanhe zone ${settings.zone} (no SHANHE_ACCESS_KEY_ID/SECRET configured for a reachability check)`,
        };
      try {
        await shanheCall(settings, settings.serviceKey, 'DescribeZones');
        return { ok: true, message: `Shanhe API reachable (zone ${settings.zone})` };
      } catch (e) {
        return { ok: false, message: e instanceof Error ? e.message : 'the Shanhe API is unreachable' };
      }
    },
    identity: shIdentity(d),
    datacenters: shDatacenters(d),
    quotas: shQuotas(d),
    servers: shServers(d),
    flavors: shFlavors(d),
    images: shImages(d),
    networks: shNetworks(d),
    floatingIps: shFloatingIps(),
    publicIps: shPublicIps(d),
    loadBalancers: shLoadBalancers(d),
    usage: { servers: async () => shanheUnsupported.refuse('GET /usage') },
    securityGroups: shSecurityGroups(d),
    keyPairs: {
      create: async () => shanheUnsupported.refuse('POST /key-pairs'),
      list: async () => shanheUnsupported.refuse('GET /key-pairs'),
      get: async () => shanheUnsupported.refuse('GET /key-pairs/{name}'),
      remove: async () => shanheUnsupported.refuse('DELETE /key-pairs/{name}'),
    },
    volumes: shVolumes(d),
    snapshots: {
      create: async () => shanheUnsupported.refuse('POST /snapshots'),
      remove: async () => shanheUnsupported.refuse('DELETE /snapshots/{id}'),
      get: async () => shanheUnsupported.refuse('GET /snapshots/{id}'),
      list: async () => shanheUnsupported.refuse('GET /snapshots'),
      update: async () => shanheUnsupported.refuse('PATCH /snapshots/{id}'),
    },
  };
}
