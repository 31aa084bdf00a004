import 'server-only';
import { unsupportedTable } from '../shared/unsupported';

/** What the simulator does not model, with the reason a caller (and the capabilities page) reads. */
export const simUnsupported = unsupportedTable({
  'POST /servers#networks.port_id':
    'networks[].port_id: the simulator creates ports itself; give network_id and optionally fixed_ip',
});
