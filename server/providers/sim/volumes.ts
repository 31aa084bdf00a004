import 'server-only';
import { notSupported } from '../errors';
import type { CloudProvider } from '../types';
import type { SimDeps } from './deps';

// Placeholder until this section of the simulator is written: every call answers 501.
export function simVolumes(_deps: SimDeps): CloudProvider['volumes'] {
  const missing = async (): Promise<never> => {
    throw notSupported('volumes are not yet modelled by the simulator');
  };
  return new Proxy({} as CloudProvider['volumes'], { get: () => missing });
}
