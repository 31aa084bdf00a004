import 'server-only';
import { unsupportedTable } from '../shared/unsupported';

/**
 * What Yuntu's OpenStack driver cannot do on any cloud, and one thing it cannot do on some (`multiattach`, declared
 * by `capabilities()` only when the cloud has no shareable volume type).
 */
/** Neutron has no API for its default quotas: they are the [quotas] section of neutron.conf. */
function neutronDefaults(field: string): string {
  return `${field}: Neutron has no default-quota API; its defaults are set in neutron.conf ([quotas]) by the cloud's operator`;
}

export const osUnsupported = unsupportedTable({
  'GET /demo': "the presenter's panel drives the simulated cloud only",
  'POST /demo/reset': "the presenter's panel drives the simulated cloud only",
  'PUT /demo/faults': "the presenter's panel drives the simulated cloud only",
  'POST /volumes/{id}/attach#mode=ro':
    'mode ro: this cloud attaches volumes read-write only (Nova attaches every volume read-write)',
  'POST /public-ips#ip_version=IPv6':
    'ip_version IPv6: this cloud gives IPv4 public IPs only (Neutron floating IPs are IPv4)',
  'POST /volumes#multiattach': 'multiattach: this cloud has no multiattach volume type',
  'PUT /quotas/defaults#floating_ips': neutronDefaults('floating_ips'),
  'PUT /quotas/defaults#public_ips': neutronDefaults('public_ips'),
  'PUT /quotas/defaults#security_groups': neutronDefaults('security_groups'),
});

/** The entries every OpenStack cloud declares; the others depend on the cloud. */
export const alwaysUnsupported = {
  'GET /demo': osUnsupported.table['GET /demo'],
  'POST /demo/reset': osUnsupported.table['POST /demo/reset'],
  'PUT /demo/faults': osUnsupported.table['PUT /demo/faults'],
  'POST /volumes/{id}/attach#mode=ro': osUnsupported.table['POST /volumes/{id}/attach#mode=ro'],
  'POST /public-ips#ip_version=IPv6': osUnsupported.table['POST /public-ips#ip_version=IPv6'],
  'PUT /quotas/defaults#floating_ips': osUnsupported.table['PUT /quotas/defaults#floating_ips'],
  'PUT /quotas/defaults#public_ips': osUnsupported.table['PUT /quotas/defaults#public_ips'],
  'PUT /quotas/defaults#security_groups': osUnsupported.table['PUT /quotas/defaults#security_groups'],
};
