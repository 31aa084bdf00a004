import 'server-only';
import { unsupportedTable } from '../shared/unsupported';

/**
 * What Yuntu's OpenStack driver cannot do on any cloud, and one thing it cannot do on some (`multiattach`, declared
 * by `capabilities()` only when the cloud has no shareable volume type).
 */
export const osUnsupported = unsupportedTable({
  'POST /volumes/{id}/attach#mode=ro':
    'mode ro: this cloud attaches volumes read-write only (Nova attaches every volume read-write)',
  'POST /public-ips#ip_version=IPv6':
    'ip_version IPv6: this cloud gives IPv4 public IPs only (Neutron floating IPs are IPv4)',
  'POST /volumes#multiattach': 'multiattach: this cloud has no multiattach volume type',
});

/** The entries every OpenStack cloud declares; the others depend on the cloud. */
export const alwaysUnsupported = {
  'POST /volumes/{id}/attach#mode=ro': osUnsupported.table['POST /volumes/{id}/attach#mode=ro'],
  'POST /public-ips#ip_version=IPv6': osUnsupported.table['POST /public-ips#ip_version=IPv6'],
};
