import 'server-only';
import { simUnsupported } from './unsupported';
import { getDb } from '../../db/client';
import type { CloudProvider } from '../types';
import { simDatacenters, simQuotas } from './compute';
import type { SimDeps } from './deps';
import { simFlavors } from './flavors';
import { simIdentity } from './identity';
import { simServers } from './servers';
import { simImages } from './images';
import { simKeyPairs } from './key-pairs';
import { simNetworks } from './networks';
import { simFloatingIps } from './floating-ips';
import { simPublicIps } from './public-ips';
import { simLoadBalancers } from './load-balancers';
import { simSecurityGroups } from './security-groups';
import { simVolumes } from './volumes';
import { simSnapshots } from './snapshots';
import { simUsage } from './usage';

/** The embedded simulated cloud: every section keeps its state in the console's database. */
export function createSimProvider(deps: SimDeps = { db: getDb }): CloudProvider {
  return {
    kind: 'sim',
    async capabilities() {
      return {
        liveMigrate: true,
        resize: true,
        loadBalancers: true,
        volumes: true,
        publicIps: true,
        imageUpload: true,
        imageImport: true,
        identityAdmin: true,
        unsupported: simUnsupported.table,
      };
    },
    async health() {
      try {
        await (await deps.db()).query('SELECT 1');
        return { ok: true, message: 'simulated cloud ready' };
      } catch {
        return { ok: false, message: 'the simulated cloud cannot reach its database' };
      }
    },
    identity: simIdentity(deps),
    datacenters: simDatacenters(deps),
    quotas: simQuotas(deps),
    servers: simServers(deps),
    flavors: simFlavors(deps),
    images: simImages(deps),
    networks: simNetworks(deps),
    floatingIps: simFloatingIps(deps),
    publicIps: simPublicIps(deps),
    loadBalancers: simLoadBalancers(deps),
    securityGroups: simSecurityGroups(deps),
    keyPairs: simKeyPairs(deps),
    volumes: simVolumes(deps),
    snapshots: simSnapshots(deps),
    usage: simUsage(deps),
  };
}
