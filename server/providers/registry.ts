import 'server-only';
import { config } from '../config';
import { withFaults } from './faults';
import { createSimProvider } from './sim';
import { simLiveFaults } from './sim/demo-faults';
import { createOpenStackProvider } from './openstack';
import { createHuaweiCloudProvider } from './huaweicloud';
import { createShanheProvider } from './shanhe';
import type { CloudProvider } from './types';

const globalForProvider = globalThis as unknown as { yuntuProvider?: CloudProvider };

/** The configured backend, created once per process. */
export function provider(): CloudProvider {
  if (globalForProvider.yuntuProvider) return globalForProvider.yuntuProvider;
  const c = config();
  let p: CloudProvider;
  switch (c.YUNTU_BACKEND) {
    case 'sim':
      p = withFaults(
        createSimProvider(),
        {
          latencyMs: c.SIM_LATENCY_MS,
          rates: c.SIM_FAULTS,
          timeoutRate: c.SIM_TIMEOUT_RATE,
        },
        simLiveFaults,
      );
      break;
    case 'openstack':
      p = createOpenStackProvider();
      break;
    case 'huaweicloud':
      p = createHuaweiCloudProvider();
      break;
    case 'shanhe':
      p = createShanheProvider();
      break;
  }
  globalForProvider.yuntuProvider = p;
  return p;
}

/** For tests: use this provider. */
export function setProvider(p: CloudProvider | undefined): void {
  globalForProvider.yuntuProvider = p;
}
