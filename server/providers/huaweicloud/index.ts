import 'server-only';
import type { Capabilities, CloudProvider } from '../types';
import { hwDatacenters, hwFlavors, hwQuotas, hwServers } from './compute';
import { hwDeps } from './context';
import { hwFetch } from './http';
import { hwIdentity } from './identity';
import { hwImages } from './images';
import { hwLoadBalancers } from './load-balancers';
import { hwFloatingIps, hwNetworks } from './networks';
import { hwPublicIps } from './public-ips';
import { hwSecurityGroups } from './security-groups';
import { settingsFromConfig, type HuaweiSettings } from './settings';
import { huaweiNoObs, huaweiUnsupported } from './unsupported';
import { hwVolumes } from './volumes';

/**
 * The Huawei Cloud driver: every call signed SDK-HMAC-SHA256 with the caller's own AK/SK, against ECS, EVS, VPC
 * (VPCs, subnets, security groups, EIPs), classic ELB and IMS of one region and project. Asynchronous calls are
 * followed through `/v1/{project_id}/jobs/{job_id}` (jobs.ts).
 */
export function createHuaweiCloudProvider(settings: HuaweiSettings = settingsFromConfig()): CloudProvider {
  const d = hwDeps(settings);
  return {
    kind: 'huaweicloud',
    async capabilities(): Promise<Capabilities> {
      return {
        liveMigrate: false,
        resize: true,
        loadBalancers: true,
        volumes: true,
        publicIps: true,
        imageUpload: settings.obs !== undefined,
        imageImport: false,
        identityAdmin: false,
        unsupported: settings.obs ? huaweiUnsupported.table : { ...huaweiUnsupported.table, ...huaweiNoObs.table },
      };
    },
    async health() {
      if (!settings.serviceKey)
        return {
          ok: true,
          message: `Huawei Cloud ${settings.region} (no HUAWEICLOUD_AK/SK configured for a reachability check)`,
        };
      try {
        await hwFetch(settings, settings.serviceKey, 'ecs', 'GET', '/v2.1/{project_id}/os-availability-zone');
        return { ok: true, message: `Huawei Cloud ECS reachable (region ${settings.region})` };
      } catch (e) {
        return { ok: false, message: e instanceof Error ? e.message : 'Huawei Cloud ECS is unreachable' };
      }
    },
    identity: hwIdentity(d),
    datacenters: hwDatacenters(d),
    quotas: hwQuotas(d),
    servers: hwServers(d),
    flavors: hwFlavors(d),
    images: hwImages(d),
    networks: hwNetworks(d),
    floatingIps: hwFloatingIps(),
    publicIps: hwPublicIps(d),
    loadBalancers: hwLoadBalancers(d),
    usage: { servers: async () => huaweiUnsupported.refuse('GET /usage') },
    securityGroups: hwSecurityGroups(d),
    keyPairs: {
      create: async () => huaweiUnsupported.refuse('POST /key-pairs'),
      list: async () => huaweiUnsupported.refuse('GET /key-pairs'),
      get: async () => huaweiUnsupported.refuse('GET /key-pairs/{name}'),
      remove: async () => huaweiUnsupported.refuse('DELETE /key-pairs/{name}'),
    },
    volumes: hwVolumes(d),
    snapshots: {
      create: async () => huaweiUnsupported.refuse('POST /snapshots'),
      remove: async () => huaweiUnsupported.refuse('DELETE /snapshots/{id}'),
      get: async () => huaweiUnsupported.refuse('GET /snapshots/{id}'),
      list: async () => huaweiUnsupported.refuse('GET /snapshots'),
      update: async () => huaweiUnsupported.refuse('PATCH /snapshots/{id}'),
    },
  };
}
