import 'server-only';
import { config } from '../../config';

export type HwService = 'ecs' | 'evs' | 'vpc' | 'ims' | 'elb';

export interface HuaweiSettings {
  region: string;
  projectId: string;
  /** `https://{service}.{region}.myhuaweicloud.com`; tests point every service at one local fake. */
  endpointTemplate: string;
  timeoutMs: number;
  adminKeys: string;
  /** A service key for the health check only; users sign their own calls. */
  serviceKey?: { accessKey: string; secretKey: string };
}

export function settingsFromConfig(): HuaweiSettings {
  const c = config();
  return {
    region: c.HUAWEICLOUD_REGION,
    projectId: c.HUAWEICLOUD_PROJECT_ID ?? '',
    endpointTemplate: c.HUAWEICLOUD_ENDPOINT_TEMPLATE,
    timeoutMs: c.PUBLIC_CLOUD_TIMEOUT_MS,
    adminKeys: c.PUBLIC_CLOUD_ADMIN_KEYS,
    ...(c.HUAWEICLOUD_AK && c.HUAWEICLOUD_SK
      ? { serviceKey: { accessKey: c.HUAWEICLOUD_AK, secretKey: c.HUAWEICLOUD_SK } }
      : {}),
  };
}

export const endpointOf = (s: HuaweiSettings, service: HwService) =>
  s.endpointTemplate.replaceAll('{service}', service).replaceAll('{region}', s.region).replace(/\/+$/, '');
