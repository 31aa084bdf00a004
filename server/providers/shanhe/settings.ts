import 'server-only';
import { config } from '../../config';

export interface ShanheSettings {
  /** The API entry, `https://api.shanhe.com/iaas/`; its path is part of every signature. */
  endpoint: string;
  /** The zone resources are made and listed in unless a request names another (each call names one: zones.ts). */
  zone: string;
  timeoutMs: number;
  adminKeys: string;
  /** A service key for the health check only; users sign their own calls. */
  serviceKey?: { accessKey: string; secretKey: string };
}

export function settingsFromConfig(): ShanheSettings {
  const c = config();
  return {
    endpoint: c.SHANHE_ENDPOINT,
    zone: c.SHANHE_ZONE,
    timeoutMs: c.PUBLIC_CLOUD_TIMEOUT_MS,
    adminKeys: c.PUBLIC_CLOUD_ADMIN_KEYS,
    ...(c.SHANHE_ACCESS_KEY_ID && c.SHANHE_SECRET_ACCESS_KEY
      ? { serviceKey: { accessKey: c.SHANHE_ACCESS_KEY_ID, secretKey: c.SHANHE_SECRET_ACCESS_KEY } }
      : {}),
  };
}
