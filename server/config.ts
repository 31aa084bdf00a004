import 'server-only';
import path from 'node:path';
import { z } from 'zod';
import { parseAllowList } from './net/url-guard';

/** Fault injection for the simulator: `servers.create:0.2,*:0.01` = 20 % of server creations, 1 % of anything else fail. */
const faultRates = z
  .string()
  .default('')
  .transform((s, ctx) => {
    const rates: Record<string, number> = {};
    for (const part of s
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const [op, rate] = part.split(':');
      const r = Number(rate);
      if (!op || !(r >= 0 && r <= 1)) {
        ctx.addIssue({ code: 'custom', message: `SIM_FAULTS entry "${part}" must be op:rate with 0 <= rate <= 1` });
        return z.NEVER;
      }
      rates[op] = r;
    }
    return rates;
  });

const Env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  YUNTU_BACKEND: z.enum(['sim', 'openstack', 'huaweicloud', 'shanhe']).default('sim'),
  /** OpenStack (YUNTU_BACKEND=openstack): Keystone v3; every other endpoint comes from the token's catalog. */
  OPENSTACK_AUTH_URL: z.url().optional(),
  OPENSTACK_REGION: z.string().min(1).default('RegionOne'),
  OPENSTACK_INTERFACE: z.enum(['public', 'internal', 'admin']).default('public'),
  OPENSTACK_USER_DOMAIN: z.string().min(1).default('Default'),
  OPENSTACK_PROJECT_DOMAIN: z.string().min(1).default('Default'),
  /** A PEM bundle to trust for the cloud's TLS (a private CA). */
  OPENSTACK_CA_FILE: z.string().optional(),
  /** Skips TLS verification: only by explicit opt-in, for a lab cloud with a self-signed certificate. */
  OPENSTACK_INSECURE: z.enum(['0', '1']).default('0'),
  OPENSTACK_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /**
   * Huawei Cloud (YUNTU_BACKEND=huaweicloud, docs/public-clouds.md): users sign in with their AK/SK; the optional
   * HUAWEICLOUD_AK/SK only serve the health check. `{service}` and `{region}` in the template make each endpoint.
   */
  HUAWEICLOUD_AK: z.string().optional(),
  HUAWEICLOUD_SK: z.string().optional(),
  HUAWEICLOUD_REGION: z.string().min(1).default('cn-north-4'),
  HUAWEICLOUD_PROJECT_ID: z.string().optional(),
  HUAWEICLOUD_ENDPOINT_TEMPLATE: z.string().default('https://{service}.{region}.myhuaweicloud.com'),
  /**
   * Image upload and download on Huawei Cloud go through this OBS bucket (IMS imports from and exports to OBS only);
   * without it they stay 501 with that reason. The endpoint may name `{bucket}` (virtual-hosted, OBS's default) or
   * not (path-style, as the local fake serves it); `{region}` is HUAWEICLOUD_REGION.
   */
  HUAWEICLOUD_OBS_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/)
    .optional(),
  HUAWEICLOUD_OBS_ENDPOINT: z.string().default('https://{bucket}.obs.{region}.myhuaweicloud.com'),
  /** Multipart part size in bytes: files above it go up in parts of it (OBS: 100 KiB to 5 GiB a part). */
  HUAWEICLOUD_OBS_PART_SIZE: z.coerce
    .number()
    .int()
    .min(100 * 1024)
    .max(5 * 1024 ** 3)
    .default(16 * 1024 ** 2),
  /** `1` keeps the OBS objects an import or export left behind (by default they are deleted once IMS is done). */
  HUAWEICLOUD_OBS_KEEP_OBJECTS: z.enum(['0', '1']).default('0'),
  /** How long an upload or download waits for IMS's import/export job before answering (the job goes on). */
  HUAWEICLOUD_IMS_WAIT_MS: z.coerce.number().int().positive().default(120_000),
  /** Shanhe (YUNTU_BACKEND=shanhe): the signed GET API entry and the zone resources are made in. */
  SHANHE_ENDPOINT: z.url().default('https://api.shanhe.com/iaas/'),
  SHANHE_ZONE: z.string().min(1).default('jn1a'),
  SHANHE_ACCESS_KEY_ID: z.string().optional(),
  SHANHE_SECRET_ACCESS_KEY: z.string().optional(),
  /** Access keys (comma-separated) whose holders are console admins on the public clouds; anyone else is a member. */
  PUBLIC_CLOUD_ADMIN_KEYS: z.string().default(''),
  PUBLIC_CLOUD_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** 32 bytes (hex or base64) that encrypt backend credentials at rest; generated into the data dir when absent. */
  YUNTU_SECRET_KEY: z.string().optional(),
  DATABASE_URL: z.string().optional(),
  YUNTU_DATA_DIR: z.string().default('./data'),
  /**
   * Where resumable uploads are staged (default: <data dir>/uploads). Several replicas behind one load balancer
   * point it at one shared directory, so an upload begun through one replica continues through another
   * (docs/deploy.md); their locks are then PostgreSQL advisory locks (server/services/upload-locker.ts).
   */
  YUNTU_UPLOAD_DIR: z.string().optional(),
  /** Where the simulator keeps image files (default: <data dir>/images): shared by replicas like the uploads. */
  YUNTU_IMAGE_DIR: z.string().optional(),
  SIM_SPEED: z.coerce.number().positive().default(1),
  SIM_LATENCY_MS: z.coerce.number().min(0).default(0),
  SIM_FAULTS: faultRates,
  SIM_TIMEOUT_RATE: z.coerce.number().min(0).max(1).default(0),
  TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(8 * 3600),
  /** How long a one-time set-up link of a new user (or one an administrator issued) stays usable: 24 h. */
  YUNTU_SETUP_LINK_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(24 * 3600),
  RATE_LIMIT_MAX: z.coerce.number().int().positive().default(2000),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().positive().default(3600),
  /**
   * The console's public origin as browsers see it (e.g. https://cloud.example.com behind a reverse proxy): the only
   * Origin accepted on changes made with the session cookie. Unset: the Host header the browser sent.
   */
  YUNTU_PUBLIC_ORIGIN: z
    .url()
    .transform((u) => new URL(u).origin)
    .optional(),
  /** Addresses of reverse proxies whose X-Forwarded-For is believed (comma-separated); none by default. */
  YUNTU_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    ),
  /** Failed sign-ins per user name before a lockout; the lockout doubles with each failure after it. */
  SIGN_IN_USER_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  SIGN_IN_LOCKOUT_SECONDS: z.coerce.number().int().positive().default(60),
  SIGN_IN_LOCKOUT_MAX_SECONDS: z.coerce.number().int().positive().default(900),
  /** Failed sign-ins (any user name, known or not) per client address per window. */
  SIGN_IN_CLIENT_MAX_FAILURES: z.coerce.number().int().positive().default(30),
  SIGN_IN_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
  /**
   * Image import from a URL (POST /images/{id}/import): which hosts the console (or, on OpenStack, Glance) may be
   * asked to fetch from. `public` = any public address; CIDRs/addresses open those (loopback, private, link-local
   * are refused otherwise); host names allow those names. Checked by server/net/url-guard.ts.
   */
  YUNTU_IMAGE_IMPORT_ALLOW: z
    .string()
    .default('public')
    .transform((s, ctx) => {
      try {
        return parseAllowList(s);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message });
        return z.NEVER;
      }
    }),
  /** The largest file an import may bring (bytes; 20 GiB). */
  YUNTU_IMAGE_IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1024 ** 3),
  /** The whole import, and the longest wait for the next bytes. */
  YUNTU_IMAGE_IMPORT_TIMEOUT_SECONDS: z.coerce
    .number()
    .positive()
    .default(6 * 3600),
  YUNTU_IMAGE_IMPORT_IDLE_SECONDS: z.coerce.number().positive().default(60),
  /** Bearer token of GET /api/v1/metrics (Prometheus); unset, the endpoint answers 404. */
  YUNTU_METRICS_TOKEN: z.string().min(16).optional(),
  /** On SIGTERM: how long in-flight calls may take to finish before the process ends anyway. */
  YUNTU_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO_ADMIN_PASSWORD: z.string().default('admin-pass-2026'),
  DEMO_TENANT_PASSWORD: z.string().default('tenant-pass-2026'),
  DEMO_VISITOR_PASSWORD: z.string().default('visitor-pass-2026'),
  YUNTU_SEED_DEMO: z.enum(['0', '1']).default('1'),
});

export type Config = z.infer<typeof Env> & { dataDir: string; imageDir: string; uploadDir: string };

let cached: Config | undefined;

/** The only reader of process.env: parsed once, so a bad setting fails at start with its name. */
export function config(): Config {
  if (cached) return cached;
  const parsed = Env.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || 'env'}: ${i.message}`);
    throw new Error('Invalid configuration:\n' + lines.join('\n'));
  }
  if (parsed.data.YUNTU_BACKEND === 'openstack' && !parsed.data.OPENSTACK_AUTH_URL)
    throw new Error(
      'Invalid configuration:\nOPENSTACK_AUTH_URL: is required when YUNTU_BACKEND=openstack (e.g. http://127.0.0.1:5000/v3)',
    );
  if (parsed.data.YUNTU_BACKEND === 'huaweicloud' && !parsed.data.HUAWEICLOUD_PROJECT_ID)
    throw new Error(
      'Invalid configuration:\nHUAWEICLOUD_PROJECT_ID: is required when YUNTU_BACKEND=huaweicloud (the project of HUAWEICLOUD_REGION)',
    );
  const dataDir = path.resolve(parsed.data.YUNTU_DATA_DIR);
  cached = {
    ...parsed.data,
    dataDir,
    imageDir: path.resolve(parsed.data.YUNTU_IMAGE_DIR ?? path.join(dataDir, 'images')),
    uploadDir: path.resolve(parsed.data.YUNTU_UPLOAD_DIR ?? path.join(dataDir, 'uploads')),
  };
  return cached;
}
