import 'server-only';
import { notSupported } from '../errors';
import type { CloudProvider } from '../types';
import type { SimDeps } from './deps';

// Placeholder until this section of the simulator is written: every call answers 501.
export function simLoadBalancers(_deps: SimDeps): CloudProvider['loadBalancers'] {
  const missing = async (): Promise<never> => {
    throw notSupported('loadBalancers are not yet modelled by the simulator');
  };
  return new Proxy({} as CloudProvider['loadBalancers'], { get: () => missing });
}
