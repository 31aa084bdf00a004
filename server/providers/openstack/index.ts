import 'server-only';
import type { Capabilities, CloudProvider, ProviderContext } from '../types';
import { osDatacenters, osFlavors, osQuotas, osServers } from './compute';
import { osDeps } from './context';
import { osFetch, settingsFromConfig, type OpenStackSettings } from './http';
import { osIdentity } from './identity';
import { osImages, webDownloadEnabled } from './images';
import { osKeyPairs } from './key-pairs';
import { endpointOf, sessionOf } from './keystone';
import { osLoadBalancers } from './load-balancers';
import { osFloatingIps, osNetworks, osPublicIps, osSecurityGroups } from './networks';
import { osUsage } from './usage';
import { alwaysUnsupported, osUnsupported } from './unsupported';
import { hasShareableType, osVolumes } from './volumes';
import { osSnapshots } from './snapshots';
import { log } from '@/server/log';

/**
 * The OpenStack driver: Keystone v3 (password auth, project scope), Nova 2.1 with microversions, Glance v2,
 * Neutron v2, Cinder v3, Octavia v2, every endpoint from the caller's token catalog.
 */
export function createOpenStackProvider(settings: OpenStackSettings = settingsFromConfig()): CloudProvider {
  const d = osDeps(settings);
  const loadBalancers = osLoadBalancers(d);
  const servers = osServers(d);
  return {
    kind: 'openstack',
    async capabilities(ctx: ProviderContext): Promise<Capabilities> {
      const { token } = await sessionOf(settings, ctx);
      const [compute, volume, lb, network, image] = await Promise.all(
        (['compute', 'volumev3', 'load-balancer', 'network', 'image'] as const).map((t) =>
          endpointOf(settings, token, t, ctx.signal),
        ),
      );
      // A cloud without a shareable volume type refuses `multiattach`: ask Cinder the same question the create does.
      const shareable = volume ? await hasShareableType(d.rest(ctx)) : true;
      return {
        liveMigrate: !!compute,
        resize: !!compute,
        loadBalancers: !!lb,
        volumes: !!volume,
        publicIps: !!network,
        imageUpload: !!image,
        imageImport: !!image && (await webDownloadEnabled(d.rest(ctx), settings.authUrl)),
        identityAdmin: true,
        unsupported: {
          ...alwaysUnsupported,
          ...(shareable ? {} : { 'POST /volumes#multiattach': osUnsupported.table['POST /volumes#multiattach'] }),
        },
      };
    },
    async health() {
      try {
        await osFetch(settings, settings.authUrl, { service: 'identity' });
        return { ok: true, message: `OpenStack identity service reachable (region ${settings.region})` };
      } catch (e) {
        return {
          ok: false,
          message: e instanceof Error ? e.message : 'the identity service (Keystone) is unreachable',
        };
      }
    },
    identity: osIdentity(d),
    datacenters: osDatacenters(d),
    quotas: osQuotas(d),
    servers: {
      ...servers,
      // A deleted server stops being a load balancer member at once (Nova deletes in the background; the member
      // would otherwise stay until its ports are gone). Failing that is logged: reads hide such members anyway.
      async remove(ctx, id) {
        const r = await servers.remove(ctx, id);
        await loadBalancers
          .forgetServer(ctx, id)
          .catch((e: unknown) =>
            log.warn({ err: e, server: id }, 'could not take a deleted server out of its load balancers'),
          );
        return r;
      },
    },
    flavors: osFlavors(d),
    images: osImages(d),
    keyPairs: osKeyPairs(d),
    networks: osNetworks(d),
    floatingIps: osFloatingIps(d),
    publicIps: osPublicIps(d),
    loadBalancers,
    securityGroups: osSecurityGroups(d),
    volumes: osVolumes(d),
    snapshots: osSnapshots(d),
    usage: osUsage(d),
  };
}
