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
  /** Where image files go to and come from IMS (absent: no image upload or download). */
  obs?: ObsSettings;
  /** A service key for the health check only; users sign their own calls. */
  serviceKey?: { accessKey: string; secretKey: string };
}

export interface ObsSettings {
  bucket: string;
  /** `https://{bucket}.obs.{region}.myhuaweicloud.com` (virtual-hosted) or a base without `{bucket}` (path-style). */
  endpoint: string;
  partSize: number;
  keepObjects: boolean;
  /** How long an upload or download waits for IMS's job before answering. */
  imsWaitMs: number;
  /** Key prefix of the objects the console writes (one per image, so an interrupted upload can be found again). */
  prefix: string;
}

export function settingsFromConfig(): HuaweiSettings {
  const c = config();
  return {
    region: c.HUAWEICLOUD_REGION,
    projectId: c.HUAWEICLOUD_PROJECT_ID ?? '',
    endpointTemplate: c.HUAWEICLOUD_ENDPOINT_TEMPLATE,
    timeoutMs: c.PUBLIC_CLOUD_TIMEOUT_MS,
    adminKeys: c.PUBLIC_CLOUD_ADMIN_KEYS,
    ...(c.HUAWEICLOUD_OBS_BUCKET
      ? {
          obs: {
            bucket: c.HUAWEICLOUD_OBS_BUCKET,
            endpoint: c.HUAWEICLOUD_OBS_ENDPOINT,
            partSize: c.HUAWEICLOUD_OBS_PART_SIZE,
            keepObjects: c.HUAWEICLOUD_OBS_KEEP_OBJECTS === '1',
            imsWaitMs: c.HUAWEICLOUD_IMS_WAIT_MS,
            prefix: 'yuntu-images/',
          },
        }
      : {}),
    ...(c.HUAWEICLOUD_AK && c.HUAWEICLOUD_SK
      ? { serviceKey: { accessKey: c.HUAWEICLOUD_AK, secretKey: c.HUAWEICLOUD_SK } }
      : {}),
  };
}

export const endpointOf = (s: HuaweiSettings, service: HwService) =>
  s.endpointTemplate.replaceAll('{service}', service).replaceAll('{region}', s.region).replace(/\/+$/, '');
