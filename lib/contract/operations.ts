import { z } from 'zod';
import { AuditListQuery, AuditRecord } from './audit';
import { CapabilitiesResponse, SelfTestReport } from './capabilities';
import {
  MembershipInput,
  PasswordChangeInput,
  PasswordResetInput,
  Project,
  ProjectCreateInput,
  ProjectEnabledResponse,
  ProjectPurge,
  ProjectResource,
  ProjectUpdateInput,
  ProjectSwitchInput,
  QuotaLimits,
  QuotaUpdateInput,
  SessionsEnded,
  TokenCreateInput,
  TokenResponse,
  User,
  UserCreateInput,
  UserUpdateInput,
  SetupLink,
  SetupLinkConsumeInput,
} from './auth';
import { ListQuery } from './common';
import { DemoFaults, DemoFaultsInput, DemoResetInput, DemoResetResult, DemoState } from './demo';
import { Datacenter, Host, HostDisableInput, HostMigrateServersInput, HostMigrateServersResult } from './datacenter';
import { Flavor, FlavorCreateInput, FlavorListQuery } from './flavor';
import { FloatingIp, FloatingIpCreateInput, FloatingIpListQuery, FloatingIpUpdateInput } from './floating-ip';
import { KeyPair, KeyPairCreated, KeyPairCreateInput, KeyPairListQuery } from './key-pair';
import { Image, ImageCreateBody, ImageCreateInput, ImageImportInput, ImageListQuery, ImagePatchInput } from './image';
import {
  Listener,
  ListenerCreateInput,
  LoadBalancer,
  LoadBalancerCreateInput,
  LoadBalancerListQuery,
  LoadBalancerMemberAddInput,
  LoadBalancerMemberRemoveBody,
  LoadBalancerMemberRemoveQuery,
  LoadBalancerMembersInput,
} from './load-balancer';
import { Network, NetworkCreateInput, NetworkListQuery, Subnet, SubnetCreated, SubnetCreateInput } from './network';
import { PublicIp, PublicIpBindInput, PublicIpCreateInput, PublicIpListQuery } from './public-ip';
import { ComputeQuota, ProjectUsage, QuotaQuery, VolumeQuota } from './quota';
import {
  SecurityGroup,
  SecurityGroupCreateInput,
  SecurityGroupListQuery,
  SecurityGroupRule,
  SecurityGroupRuleCreateInput,
} from './security-group';
import {
  ConsoleLog,
  ConsoleLogQuery,
  Server,
  ServerCreateInput,
  ServerListQuery,
  ServerLiveMigrateInput,
  ServerRebootInput,
  ServerResizeInput,
  ServerUpdateInput,
} from './server';
import { Snapshot, SnapshotCreateInput, SnapshotListQuery, SnapshotUpdateInput } from './snapshot';
import { ServerStatusCounts, ServerStatusCountsQuery } from './server-status-counts';
import { UsageQuery, UsageResponse } from './usage';
import {
  Volume,
  VolumeAttachInput,
  VolumeCreateInput,
  VolumeDetachInput,
  VolumeExtendInput,
  VolumeRetypeInput,
  VolumeType,
  VolumeListQuery,
} from './volume';

/**
 * Every operation of the public API, traced to the standard's tables: the single source of the OpenAPI
 * document (Chinese summary as the standard names the interface, English description).
 */
export interface Operation {
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  readonly path: string;
  readonly summary: string;
  readonly description: string;
  readonly tag: string;
  readonly table?: string;
  /** Who may call: `public` needs no token; `admin` is refused (403) to everyone else once the input parsed. */
  readonly auth?: 'public' | 'user' | 'admin';
  /** What the query string is parsed with (and documented as). */
  readonly query?: z.ZodType;
  /** What the JSON body is parsed with (and documented as, unless `documentedBody` says otherwise). */
  readonly body?: z.ZodType;
  /**
   * The body as OpenAPI shows it, when `body` cannot be written as JSON Schema (a transform that only words its
   * errors better); the two must accept the same bodies (tested in openapi.test.ts).
   */
  readonly documentedBody?: z.ZodType;
  readonly bodyType?: string;
  /** The body may be left out (a DELETE whose fields may come in the query instead): documented as not required. */
  readonly optionalBody?: boolean;
  /** Success status and its body schema (undefined = no body). */
  readonly success: readonly [number, z.ZodType | undefined];
  /**
   * Another success status with the same body: 202 where the backend may still be working when the call answers
   * (an image saved from a server, a delete still tearing down).
   */
  readonly otherSuccess?: number;
  /** The success body's media type when it is not JSON (a file, an event stream): what Accept must allow. */
  readonly produces?: string;
  /**
   * Error statuses of this operation's own (404, 409; 403 of a read; 401 of a public one): openapi.ts adds those
   * every operation can answer (400, 401, 406, 429, 500, 501, 503; 403 of a change; 413 and 415 of a JSON body).
   */
  readonly errors?: readonly number[];
}

// A computed key would widen the shape to an index signature (every field `T[] | number`): the casts keep the
// collection's own key in the type, so handlers and the typed client see `{ servers: Server[]; total_count }`.
const list = <K extends string, T extends z.ZodType>(key: K, item: T) =>
  z.object({ ...({ [key]: z.array(item) } as Record<K, z.ZodArray<T>>), total_count: z.number().int() });
const one = <K extends string, T extends z.ZodType>(key: K, item: T) => z.object({ [key]: item } as Record<K, T>);

/** A dependency's answer to the readiness check. */
const HealthCheck = z.object({ ok: z.boolean(), message: z.string() });
/** GET /health/ready: each dependency, and the names of those down (empty when ready). */
const HealthReady = z.object({
  status: z.enum(['ready', 'unavailable']),
  down: z.array(z.enum(['database', 'backend', 'shutting_down'])),
  database: HealthCheck,
  backend: HealthCheck.extend({ kind: z.string() }),
});

const table = [
  {
    method: 'post',
    path: '/auth/tokens',
    summary: '鉴权',
    description: 'Authenticate with username/password (AK/SK); the token is returned in X-Subject-Token.',
    tag: 'basic',
    table: 'B.1-B.2',
    auth: 'public',
    body: TokenCreateInput,
    success: [201, TokenResponse],
    errors: [401],
  },
  {
    method: 'get',
    path: '/auth/tokens',
    summary: '查询当前令牌',
    description: 'Details of the current token (who am I).',
    tag: 'basic',
    success: [200, TokenResponse],
  },
  {
    method: 'delete',
    path: '/auth/tokens',
    summary: '注销令牌',
    description: 'Revoke the token given in X-Auth-Token.',
    tag: 'basic',
    success: [204, undefined],
    errors: [404],
  },
  {
    method: 'get',
    path: '/auth/projects',
    summary: '查询我的项目',
    description: 'Projects the signed-in user belongs to.',
    tag: 'basic',
    success: [200, z.object({ projects: z.array(Project) })],
  },
  {
    method: 'post',
    path: '/auth/password',
    summary: '修改密码',
    description:
      "Change one's own password: current_password must be right (400 naming it); new_password has at least 8 and at most 256 characters and is not the user name. This session goes on; every other session of the user ends.",
    tag: 'basic',
    body: PasswordChangeInput,
    success: [200, SessionsEnded],
    errors: [409],
  },
  {
    method: 'delete',
    path: '/auth/sessions',
    summary: '注销全部会话',
    description: 'Sign out everywhere: end every session of the signed-in user, this one included.',
    tag: 'basic',
    success: [200, SessionsEnded],
  },
  {
    method: 'post',
    path: '/auth/projects',
    summary: '切换项目',
    description:
      "Issue a token scoped to another of the user's projects; a disabled project is refused with 409 naming it.",
    tag: 'basic',
    body: ProjectSwitchInput,
    success: [201, TokenResponse],
    errors: [404, 409],
  },
  {
    method: 'get',
    path: '/datacenters',
    summary: '查询数据中心列表',
    description: 'Datacenters (availability zones) of the cloud.',
    tag: 'basic',
    table: 'B.3-B.4',
    success: [200, z.object({ datacenters: z.array(Datacenter) })],
  },
  {
    method: 'get',
    path: '/quotas/compute',
    summary: '查询云主机配额',
    description:
      "The project's compute quota and usage; with scope=datacenter (admin) the datacenter's physical capacity. Deviation from API.md and B.5: project_id (admin) answers for another project (403 for anyone else, 404 for a project that does not exist).",
    tag: 'basic',
    table: 'B.5',
    query: QuotaQuery,
    success: [200, ComputeQuota],
    errors: [403, 404],
  },
  {
    method: 'get',
    path: '/quotas/volume',
    summary: '查询云硬盘配额',
    description:
      "The project's block storage quota and usage. Deviation from API.md and B.6: project_id (admin) answers for another project (403 for anyone else, 404 for a project that does not exist).",
    tag: 'basic',
    table: 'B.6',
    query: QuotaQuery,
    success: [200, VolumeQuota],
    errors: [403, 404],
  },

  {
    method: 'post',
    path: '/servers',
    summary: '创建云主机',
    description: 'Create a server; answers at once with the server building.',
    tag: 'compute',
    table: 'B.7-B.10',
    body: ServerCreateInput,
    success: [202, z.object({ id: z.string(), server: Server })],
    errors: [403, 409],
  },
  {
    method: 'delete',
    path: '/servers/{id}',
    summary: '删除云主机',
    description: 'Delete a server, releasing its addresses and detaching its volumes.',
    tag: 'compute',
    table: 'B.11',
    success: [204, undefined],
    otherSuccess: 202,
    errors: [403, 404, 409],
  },
  {
    method: 'get',
    path: '/servers/{id}',
    summary: '查询云主机详情',
    description: 'One server.',
    tag: 'compute',
    table: 'B.12-B.14',
    success: [200, one('server', Server)],
    errors: [404],
  },
  {
    method: 'put',
    path: '/servers/{id}',
    summary: '修改云主机',
    description: 'Rename or describe a server.',
    tag: 'compute',
    table: 'B.15',
    body: ServerUpdateInput,
    success: [200, one('server', Server)],
    errors: [403, 404],
  },
  {
    method: 'get',
    path: '/servers/{id}/console-log',
    summary: '查询云主机控制台日志',
    description:
      "Extension: the last `lines` lines (default 100, at most 10000) of the server's serial console: its boot messages and what its OS writes there since (Nova's os-getConsoleOutput).",
    tag: 'compute',
    query: ConsoleLogQuery,
    success: [200, ConsoleLog],
    errors: [404, 409],
  },
  {
    method: 'post',
    path: '/servers/{id}/start',
    summary: '启动云主机',
    description: 'Start a stopped server.',
    tag: 'compute',
    table: 'B.16',
    success: [202, one('server', Server)],
    errors: [403, 404, 409],
  },
  {
    method: 'post',
    path: '/servers/{id}/stop',
    summary: '关闭云主机',
    description: 'Stop an active server.',
    tag: 'compute',
    table: 'B.17',
    success: [202, one('server', Server)],
    errors: [403, 404, 409],
  },
  {
    method: 'post',
    path: '/servers/{id}/reboot',
    summary: '重启云主机',
    description: 'Reboot a server, soft or hard.',
    tag: 'compute',
    table: 'B.18',
    body: ServerRebootInput,
    success: [202, one('server', Server)],
    errors: [403, 404, 409],
  },
  {
    method: 'get',
    path: '/servers',
    summary: '查询云主机列表',
    description: 'Servers of the project (admins: all_projects=true for every project).',
    tag: 'compute',
    table: 'B.19-B.20',
    query: ServerListQuery,
    success: [200, list('servers', Server)],
  },
  {
    method: 'get',
    path: '/servers/status-counts',
    summary: '查询云主机状态统计',
    description:
      'How many servers are in each status, counted from one backend listing (the overview); each count equals the total_count of GET /servers?status=… (admins: all_projects=true for every project; 403 for others).',
    tag: 'compute',
    query: ServerStatusCountsQuery,
    success: [200, ServerStatusCounts],
    errors: [403],
  },
  {
    method: 'post',
    path: '/servers/{id}/live-migrate',
    summary: '热迁移云主机',
    description: 'Move a running server to another host (admin).',
    tag: 'compute',
    table: 'B.21',
    auth: 'admin',
    body: ServerLiveMigrateInput,
    success: [202, one('server', Server)],
    errors: [403, 404, 409],
  },
  {
    method: 'post',
    path: '/servers/{id}/resize',
    summary: '更改云主机规格',
    description: 'Change the flavor of a server (confirmed automatically).',
    tag: 'compute',
    table: 'B.22',
    body: ServerResizeInput,
    success: [202, one('server', Server)],
    errors: [403, 404, 409],
  },

  {
    method: 'post',
    path: '/flavors',
    summary: '创建云主机规格',
    description: 'Create a flavor (admin).',
    tag: 'compute',
    table: 'B.23',
    auth: 'admin',
    body: FlavorCreateInput,
    success: [201, one('flavor', Flavor)],
    errors: [403, 409],
  },
  {
    method: 'delete',
    path: '/flavors/{id}',
    summary: '删除云主机规格',
    description: 'Delete a flavor (admin).',
    tag: 'compute',
    table: 'B.24',
    auth: 'admin',
    success: [204, undefined],
    errors: [403, 404],
  },
  {
    method: 'get',
    path: '/flavors/{id}',
    summary: '查询云主机规格详情',
    description: 'One flavor.',
    tag: 'compute',
    table: 'B.25-B.26',
    success: [200, one('flavor', Flavor)],
    errors: [404],
  },
  {
    method: 'get',
    path: '/flavors',
    summary: '查询云主机规格列表',
    description: 'Flavors.',
    tag: 'compute',
    table: 'B.27-B.28',
    query: FlavorListQuery,
    success: [200, list('flavors', Flavor)],
  },

  {
    method: 'post',
    path: '/images',
    summary: '创建镜像',
    description: 'Create an image from a server (202, saving) or an empty image awaiting its file (201, queued).',
    tag: 'compute',
    table: 'B.29',
    body: ImageCreateBody,
    documentedBody: ImageCreateInput,
    success: [201, one('image', Image)],
    otherSuccess: 202,
    errors: [403, 404, 409],
  },
  {
    method: 'put',
    path: '/images/{id}/file',
    summary: '上传镜像',
    description:
      'Upload the image file as a byte stream (application/octet-stream). Deviation on Huawei Cloud: IMS takes files only ' +
      'from OBS, so the console sends the file to its OBS bucket and IMS imports it; an import that outlasts ' +
      'HUAWEICLOUD_IMS_WAIT_MS answers 204 with the image still `saving` (poll it until `active`), and without a bucket ' +
      'the upload is 501 (docs/public-clouds.md).',
    tag: 'compute',
    table: 'B.30',
    bodyType: 'application/octet-stream',
    success: [204, undefined],
    errors: [403, 404, 409],
  },
  {
    method: 'post',
    path: '/images/{id}/import',
    summary: '上传镜像（源镜像路径）',
    description:
      'B.30 with its 源镜像路径 as a URL: the cloud fetches the file itself (202); the image goes queued → importing → ' +
      'active, or killed with `import.error` saying why. Deviation from API.md, which has only the byte stream of ' +
      'PUT /images/{id}/file: the standard names a source path, and a GIS system often holds its images at a URL. ' +
      'Only http(s) URLs whose host the server allows (YUNTU_IMAGE_IMPORT_ALLOW; loopback, link-local, private and ' +
      'metadata addresses never by default) are fetched; a refused URL is a 400 naming `source_url`.',
    tag: 'compute',
    table: 'B.30',
    body: ImageImportInput,
    success: [202, one('image', Image)],
    errors: [403, 404, 409],
  },
  {
    method: 'get',
    path: '/images/{id}/file',
    summary: '下载镜像',
    description:
      'Download the image file. Deviation on Huawei Cloud: IMS exports the image to the OBS bucket first, so an export ' +
      'that outlasts HUAWEICLOUD_IMS_WAIT_MS is 503 with Retry-After (asking again streams it once ready); public ' +
      'images of the cloud, which IMS does not export, are 501.',
    tag: 'compute',
    success: [200, undefined],
    produces: 'application/octet-stream',
    errors: [404, 409],
  },
  {
    method: 'delete',
    path: '/images/{id}',
    summary: '删除镜像',
    description: 'Delete an image; a protected image is refused (409).',
    tag: 'compute',
    table: 'B.31',
    success: [204, undefined],
    errors: [403, 404, 409],
  },
  {
    method: 'get',
    path: '/images/{id}',
    summary: '查询镜像详情',
    description: 'One image.',
    tag: 'compute',
    table: 'B.32-B.33',
    success: [200, one('image', Image)],
    errors: [404],
  },
  {
    method: 'patch',
    path: '/images/{id}',
    summary: '更新镜像信息',
    description:
      'Change image properties with JSON-patch operations (application/json-patch+json). ' +
      'Extension (not in B.34-B.36, which name only the B.36 fields): any other path is a custom property, as in Glance, ' +
      'e.g. `[{"op":"add","path":"/gis_crs","value":"EPSG:4490"}]`. Keys: letters, digits, _ - . : starting with a ' +
      'letter, at most 255 characters; values: strings of at most 255 characters; at most 64 per image. B.35 holds for ' +
      'them: add only when absent, replace/remove only when present (else 409). A bad, reserved (the image fields, ' +
      "Glance's base properties, os_/hw_/img_/trait:/cinder_/yuntu_ prefixes, Nova's snapshot properties) or " +
      'surplus key is a 400 whose details path is the JSON pointer `/<key>` (a key may hold dots). They show in the ' +
      "image's `properties`. A backend without custom properties answers 501 (capabilities: PATCH /images/{id}#properties).",
    tag: 'compute',
    table: 'B.34-B.36',
    body: ImagePatchInput,
    bodyType: 'application/json-patch+json',
    success: [200, one('image', Image)],
    errors: [403, 404, 409],
  },
  {
    method: 'get',
    path: '/images',
    summary: '查询镜像列表',
    description: 'Images visible to the project.',
    tag: 'compute',
    table: 'B.37-B.38',
    query: ImageListQuery,
    success: [200, list('images', Image)],
  },

  {
    method: 'get',
    path: '/networks',
    summary: '查询网络列表',
    description: 'Networks with their subnets.',
    tag: 'network',
    table: 'B.39-B.41',
    query: NetworkListQuery,
    success: [200, list('networks', Network)],
  },
  {
    method: 'get',
    path: '/networks/{id}',
    summary: '查询网络详情',
    description: 'One network.',
    tag: 'network',
    success: [200, one('network', Network)],
    errors: [404],
  },
  {
    method: 'post',
    path: '/networks',
    summary: '创建网络',
    description: 'Create a network (beyond the standard, for the network editor).',
    tag: 'network',
    body: NetworkCreateInput,
    success: [201, one('network', Network)],
    errors: [403],
  },
  {
    method: 'delete',
    path: '/networks/{id}',
    summary: '删除网络',
    description: 'Delete a network with no ports in use.',
    tag: 'network',
    success: [204, undefined],
    errors: [403, 404, 409],
  },
  {
    method: 'post',
    path: '/networks/{id}/subnets',
    summary: '创建子网',
    description:
      'Add a subnet to a network; an overlap within the network is refused (409), one with another network of the project comes back in warnings.',
    tag: 'network',
    body: SubnetCreateInput,
    success: [201, SubnetCreated],
    errors: [403, 404, 409],
  },
  {
    method: 'get',
    path: '/subnets/{id}',
    summary: '查询子网详情',
    description: 'One subnet.',
    tag: 'network',
    success: [200, one('subnet', Subnet)],
    errors: [404],
  },
  {
    method: 'delete',
    path: '/subnets/{id}',
    summary: '删除子网',
    description: 'Remove a subnet with no ports in use.',
    tag: 'network',
    success: [204, undefined],
    errors: [403, 404, 409],
  },

  {
    method: 'post',
    path: '/floating-ips',
    summary: '创建浮动IP',
    description: 'Allocate a floating IP from an external network, optionally bound to a port.',
    tag: 'network',
    table: 'B.42-B.43',
    body: FloatingIpCreateInput,
    success: [201, one('floating_ip', FloatingIp)],
    errors: [403, 404, 409],
  },
  {
    method: 'delete',
    path: '/floating-ips/{id}',
    summary: '删除浮动IP',
    description: 'Release a floating IP.',
    tag: 'network',
    table: 'B.45',
    success: [204, undefined],
    errors: [403, 404],
  },
  {
    method: 'post',
    path: '/floating-ips/{id}/delete',
    summary: '删除浮动IP（兼容）',
    description: 'Alias of DELETE for callers following the letter of B.45.',
    tag: 'network',
    table: 'B.45',
    success: [204, undefined],
    errors: [403, 404],
  },
  {
    method: 'put',
    path: '/floating-ips/{id}',
    summary: '修改浮动IP',
    description: 'Bind to a port (port_id), unbind (port_id null) or describe.',
    tag: 'network',
    table: '6.4 b',
    body: FloatingIpUpdateInput,
    success: [200, one('floating_ip', FloatingIp)],
    errors: [403, 404, 409],
  },
  {
    method: 'get',
    path: '/floating-ips/{id}',
    summary: '查询浮动IP',
    description: 'One floating IP.',
    tag: 'network',
    table: 'B.44',
    success: [200, one('floating_ip', FloatingIp)],
    errors: [404],
  },
  {
    method: 'get',
    path: '/floating-ips',
    summary: '查询浮动IP列表',
    description: 'Floating IPs of the project.',
    tag: 'network',
    table: 'B.44',
    query: FloatingIpListQuery,
    success: [200, list('floating_ips', FloatingIp)],
  },

  {
    method: 'post',
    path: '/public-ips',
    summary: '创建公网IP',
    description: 'Allocate a public IP.',
    tag: 'network',
    table: 'B.46-B.47',
    body: PublicIpCreateInput,
    success: [201, one('public_ip', PublicIp)],
    errors: [403, 409],
  },
  {
    method: 'post',
    path: '/public-ips/{id}/bind',
    summary: '绑定公网IP',
    description: 'Bind to a server or a private IP (exactly one).',
    tag: 'network',
    table: 'B.48',
    body: PublicIpBindInput,
    success: [200, one('public_ip', PublicIp)],
    errors: [403, 404, 409],
  },
  {
    method: 'post',
    path: '/public-ips/{id}/unbind',
    summary: '解绑公网IP',
    description: 'Unbind from a server or a private IP (exactly one).',
    tag: 'network',
    table: 'B.49',
    body: PublicIpBindInput,
    success: [200, one('public_ip', PublicIp)],
    errors: [403, 404, 409],
  },
  {
    method: 'get',
    path: '/public-ips/{id}',
    summary: '查询公网IP',
    description: 'One public IP.',
    tag: 'network',
    table: 'B.50-B.51',
    success: [200, one('public_ip', PublicIp)],
    errors: [404],
  },
  {
    method: 'get',
    path: '/public-ips',
    summary: '查询公网IP列表',
    description: 'Public IPs of the project.',
    tag: 'network',
    table: 'B.50-B.51',
    query: PublicIpListQuery,
    success: [200, list('public_ips', PublicIp)],
  },
  {
    method: 'delete',
    path: '/public-ips/{id}',
    summary: '删除公网IP',
    description: 'Release a public IP; refused while bound (409).',
    tag: 'network',
    table: 'B.52',
    success: [204, undefined],
    errors: [403, 404, 409],
  },

  {
    method: 'post',
    path: '/load-balancers',
    summary: '创建负载均衡',
    description: 'Create a load balancer; answers at once while it is provisioned.',
    tag: 'network',
    table: 'B.53-B.54',
    body: LoadBalancerCreateInput,
    success: [202, one('load_balancer', LoadBalancer)],
    errors: [403, 404, 409],
  },
  {
    method: 'delete',
    path: '/load-balancers/{id}',
    summary: '删除负载均衡',
    description: 'Delete a load balancer.',
    tag: 'network',
    table: 'B.55',
    success: [204, undefined],
    otherSuccess: 202,
    errors: [403, 404, 409],
  },
  {
    method: 'get',
    path: '/load-balancers/{id}',
    summary: '查询负载均衡详情',
    description: 'One load balancer.',
    tag: 'network',
    table: 'B.56-B.58',
    success: [200, one('load_balancer', LoadBalancer)],
    errors: [404],
  },
  {
    method: 'get',
    path: '/load-balancers',
    summary: '查询负载均衡列表',
    description: 'Load balancers of the project.',
    tag: 'network',
    table: 'B.59-B.61',
    query: LoadBalancerListQuery,
    success: [200, list('load_balancers', LoadBalancer)],
  },
  {
    method: 'patch',
    path: '/load-balancers/{id}/members',
    summary: '负载均衡增加/删除节点',
    description:
      'Add a member (op add, server_id, port) or remove one (op remove, server_id or server_ip). The standard gives ' +
      'both B.62 and B.63 as PATCH with bodies that cannot tell an add from a remove ({"server_id"} is either), so ' +
      'this form adds the op field; the same changes with the standard’s own bodies are POST (add) and DELETE ' +
      '(remove) on this path. All three forms are accepted.',
    tag: 'network',
    table: 'B.62-B.63',
    body: LoadBalancerMembersInput,
    success: [200, one('load_balancer', LoadBalancer)],
    errors: [403, 404, 409],
  },
  {
    method: 'post',
    path: '/load-balancers/{id}/members',
    summary: '负载均衡增加节点',
    description:
      'Add a member with the standard’s body: server_id and the port it serves on (80 by default). The standard ' +
      'names PATCH for it; PATCH with op add does the same and stays accepted.',
    tag: 'network',
    table: 'B.62',
    body: LoadBalancerMemberAddInput,
    success: [200, one('load_balancer', LoadBalancer)],
    errors: [403, 404, 409],
  },
  {
    method: 'delete',
    path: '/load-balancers/{id}/members',
    summary: '负载均衡删除节点',
    description:
      'Remove a member with the standard’s fields: exactly one of server_id and server_ip, in the JSON body or in ' +
      'the query (some HTTP clients drop a DELETE body); both fields or neither, or one field in both places, is a ' +
      '400. The standard ' +
      'names PATCH for it; PATCH with op remove does the same and stays accepted.',
    tag: 'network',
    table: 'B.63',
    query: LoadBalancerMemberRemoveQuery,
    body: LoadBalancerMemberRemoveBody,
    optionalBody: true,
    success: [200, one('load_balancer', LoadBalancer)],
    errors: [403, 404, 409],
  },
  {
    method: 'post',
    path: '/load-balancers/{id}/listeners',
    summary: '创建监听器',
    description: 'Add a listener (protocol and port).',
    tag: 'network',
    body: ListenerCreateInput,
    success: [
      201,
      z.object({
        listener: Listener.optional().meta({
          description:
            'the new listener; absent when the backend does not list it yet (the public clouds re-read the load balancer)',
        }),
        load_balancer: LoadBalancer,
      }),
    ],
    errors: [403, 404, 409],
  },
  {
    method: 'delete',
    path: '/load-balancers/{id}/listeners/{listener_id}',
    summary: '删除监听器',
    description: 'Remove a listener.',
    tag: 'network',
    success: [204, undefined],
    errors: [403, 404, 409],
  },

  {
    method: 'post',
    path: '/security-groups',
    summary: '创建安全组',
    description: 'Create a security group with its default egress rules.',
    tag: 'network',
    table: 'B.64-B.66',
    body: SecurityGroupCreateInput,
    success: [201, one('security_group', SecurityGroup)],
    errors: [403, 409],
  },
  {
    method: 'delete',
    path: '/security-groups/{id}',
    summary: '删除安全组',
    description: 'Delete a security group; refused while a server uses it (409).',
    tag: 'network',
    table: 'B.67',
    success: [204, undefined],
    errors: [403, 404, 409],
  },
  {
    method: 'get',
    path: '/security-groups/{id}',
    summary: '查询安全组',
    description: 'One security group with its rules.',
    tag: 'network',
    table: 'B.68-B.70',
    success: [200, one('security_group', SecurityGroup)],
    errors: [404],
  },
  {
    method: 'get',
    path: '/security-groups',
    summary: '查询安全组列表',
    description: 'Security groups of the project.',
    tag: 'network',
    table: 'B.68-B.70',
    query: SecurityGroupListQuery,
    success: [200, list('security_groups', SecurityGroup)],
  },
  {
    method: 'post',
    path: '/security-group-rules',
    summary: '创建安全组规则',
    description: 'Add a rule; CIDR, ethertype, ports and ICMP type/code are validated; duplicates refused (409).',
    tag: 'network',
    table: 'B.71-B.72',
    body: SecurityGroupRuleCreateInput,
    success: [201, one('security_group_rule', SecurityGroupRule)],
    errors: [403, 404, 409],
  },
  {
    method: 'get',
    path: '/security-group-rules/{id}',
    summary: '查询安全组规则',
    description: 'One security group rule.',
    tag: 'network',
    table: 'B.72',
    success: [200, one('security_group_rule', SecurityGroupRule)],
    errors: [404],
  },
  {
    method: 'delete',
    path: '/security-group-rules/{id}',
    summary: '删除安全组规则',
    description: 'Remove a rule.',
    tag: 'network',
    table: 'B.73',
    success: [204, undefined],
    errors: [403, 404],
  },

  {
    method: 'post',
    path: '/key-pairs',
    summary: '创建密钥对',
    description:
      'Create an SSH key pair of the signed-in user: import `public_key` (OpenSSH line; a bad one is 400 naming public_key), or without it the console generates an RSA 3072 pair and this answer carries `private_key` once; it is never stored. A name the user already has is 409.',
    tag: 'compute',
    body: KeyPairCreateInput,
    success: [201, one('key_pair', KeyPairCreated)],
    errors: [403, 409],
  },
  {
    method: 'get',
    path: '/key-pairs',
    summary: '查询密钥对列表',
    description: "The signed-in user's SSH key pairs (key pairs belong to a user, not to a project).",
    tag: 'compute',
    query: KeyPairListQuery,
    success: [200, list('key_pairs', KeyPair)],
  },
  {
    method: 'get',
    path: '/key-pairs/{name}',
    summary: '查询密钥对',
    description: "One of the signed-in user's key pairs; another user's is 404.",
    tag: 'compute',
    success: [200, one('key_pair', KeyPair)],
    errors: [404],
  },
  {
    method: 'delete',
    path: '/key-pairs/{name}',
    summary: '删除密钥对',
    description: "Delete one of the signed-in user's key pairs; servers made with it keep the key they were given.",
    tag: 'compute',
    success: [204, undefined],
    errors: [403, 404],
  },

  {
    method: 'post',
    path: '/volumes',
    summary: '创建云硬盘',
    description: 'Create a volume; answers at once while it is created.',
    tag: 'storage',
    table: 'B.74-B.75',
    body: VolumeCreateInput,
    success: [202, one('volume', Volume)],
    errors: [403, 404, 409],
  },
  {
    method: 'delete',
    path: '/volumes/{id}',
    summary: '删除云硬盘',
    description: 'Delete a volume; refused while attached or while it has snapshots (409 naming them).',
    tag: 'storage',
    table: 'B.76',
    success: [204, undefined],
    otherSuccess: 202,
    errors: [403, 404, 409],
  },
  {
    method: 'get',
    path: '/volumes/{id}',
    summary: '查询云硬盘信息',
    description: 'One volume.',
    tag: 'storage',
    table: 'B.77-B.79',
    success: [200, one('volume', Volume)],
    errors: [404],
  },
  {
    method: 'get',
    path: '/volumes',
    summary: '查询云硬盘列表',
    description: 'Volumes of the project.',
    tag: 'storage',
    table: 'B.77-B.79',
    query: VolumeListQuery,
    success: [200, list('volumes', Volume)],
  },
  {
    method: 'post',
    path: '/volumes/{id}/attach',
    summary: '挂载云硬盘',
    description: 'Attach a volume to a server.',
    tag: 'storage',
    table: 'B.80',
    body: VolumeAttachInput,
    success: [202, one('volume', Volume)],
    errors: [403, 404, 409],
  },
  {
    method: 'post',
    path: '/volumes/{id}/detach',
    summary: '卸载云硬盘',
    description: 'Detach a volume from a server.',
    tag: 'storage',
    table: 'B.81',
    body: VolumeDetachInput,
    success: [202, one('volume', Volume)],
    errors: [403, 404, 409],
  },
  {
    method: 'post',
    path: '/volumes/{id}/extend',
    summary: '扩容云硬盘',
    description: 'Grow a volume; the new size must exceed the current one.',
    tag: 'storage',
    table: 'B.82',
    body: VolumeExtendInput,
    success: [202, one('volume', Volume)],
    errors: [403, 404, 409],
  },
  {
    method: 'post',
    path: '/volumes/{id}/retype',
    summary: '修改云硬盘类型',
    description:
      "Extension: change a volume's type (available or in-use; 409 naming its status otherwise); it is retyping meanwhile. A type the backend does not have, or the volume's own, is 400 naming volume_type. migration_policy on-demand lets the backend move the data where the new type needs other storage.",
    tag: 'storage',
    body: VolumeRetypeInput,
    success: [202, one('volume', Volume)],
    errors: [403, 404, 409],
  },
  {
    method: 'get',
    path: '/volume-types',
    summary: '查询云硬盘类型',
    description:
      "Extension: the backend's volume types, which volume_type of POST /volumes and of a retype may name ('standard' is the default one).",
    tag: 'storage',
    success: [200, list('volume_types', VolumeType)],
  },
  {
    method: 'post',
    path: '/snapshots',
    summary: '创建云硬盘快照',
    description:
      'Extension: take a snapshot of a volume of the project; answers at once while it is created. The volume must be available, or in-use with force (409 naming its status otherwise); a volume of another project is 400 naming volume_id.',
    tag: 'storage',
    body: SnapshotCreateInput,
    success: [202, one('snapshot', Snapshot)],
    errors: [403, 409],
  },
  {
    method: 'get',
    path: '/snapshots',
    summary: '查询云硬盘快照列表',
    description: 'Extension: snapshots of the project, optionally of one volume (volume_id) or in one status.',
    tag: 'storage',
    query: SnapshotListQuery,
    success: [200, list('snapshots', Snapshot)],
  },
  {
    method: 'get',
    path: '/snapshots/{id}',
    summary: '查询云硬盘快照',
    description: 'Extension: one snapshot.',
    tag: 'storage',
    success: [200, one('snapshot', Snapshot)],
    errors: [404],
  },
  {
    method: 'patch',
    path: '/snapshots/{id}',
    summary: '修改云硬盘快照',
    description: 'Extension: rename a snapshot or change its description.',
    tag: 'storage',
    body: SnapshotUpdateInput,
    success: [200, one('snapshot', Snapshot)],
    errors: [403, 404, 409],
  },
  {
    method: 'delete',
    path: '/snapshots/{id}',
    summary: '删除云硬盘快照',
    description:
      'Extension: delete a snapshot that is available or in error (409 otherwise). Volumes made from it stay.',
    tag: 'storage',
    success: [204, undefined],
    otherSuccess: 202,
    errors: [403, 404, 409],
  },

  {
    method: 'get',
    path: '/hosts',
    summary: '查询计算节点',
    description: 'Compute hosts with capacity and usage (admin).',
    tag: 'admin',
    auth: 'admin',
    query: z.object({ datacenter_id: z.string().max(128).optional() }),
    success: [200, list('hosts', Host)],
    errors: [403],
  },
  {
    method: 'get',
    path: '/hosts/{id}',
    summary: '查询计算节点详情',
    description: 'One compute host with capacity, usage and whether it takes new servers (admin).',
    tag: 'admin',
    auth: 'admin',
    success: [200, one('host', Host)],
    errors: [403, 404],
  },
  {
    method: 'post',
    path: '/hosts/{id}/disable',
    summary: '停用计算节点',
    description:
      'Take a host out of scheduling for maintenance, with a reason (admin). Its servers keep running where they are; no new server is placed on it and nothing is live-migrated to it (OpenStack: the nova-compute service is disabled).',
    tag: 'admin',
    auth: 'admin',
    body: HostDisableInput,
    success: [200, one('host', Host)],
    errors: [403, 404],
  },
  {
    method: 'post',
    path: '/hosts/{id}/enable',
    summary: '启用计算节点',
    description: 'Put a host back into scheduling (admin); its disabled reason is cleared.',
    tag: 'admin',
    auth: 'admin',
    success: [200, one('host', Host)],
    errors: [403, 404],
  },
  {
    method: 'post',
    path: '/hosts/{id}/migrate-servers',
    summary: '迁出计算节点上的云主机',
    description:
      "Live-migrate every server of every project off the host (admin), to target_host or each to the enabled host of its datacenter with the most free memory. Answers at once with one result per server: 'started', or 'refused' with why (a stopped server, no host with room, the backend's refusal). Not Nova's evacuate (that rebuilds the servers of a dead host).",
    tag: 'admin',
    auth: 'admin',
    body: HostMigrateServersInput,
    optionalBody: true,
    success: [202, HostMigrateServersResult],
    errors: [403, 404, 409],
  },
  {
    method: 'get',
    path: '/capabilities',
    summary: '查询接口支持情况',
    description:
      'Every operation of the standard and whether the configured backend supports it, with the reason when not. Every signed-in user may read it: the console greys out what the backend lacks.',
    tag: 'admin',
    auth: 'user',
    success: [200, CapabilitiesResponse],
  },
  {
    method: 'post',
    path: '/capabilities/self-test',
    summary: '接口一致性自检',
    description:
      "Run the driver contract suite against the configured backend (admin): in a scratch project and user made for it and removed after it, every case creates what it needs and deletes it again. Answers when done (a minute or two on a real cloud) with a pass/fail row per case and per operation and the backend's own error for each failure; 409 while another self-test runs; 501 on a backend that cannot make projects and users.",
    tag: 'admin',
    auth: 'admin',
    success: [200, SelfTestReport],
    errors: [403, 409],
  },
  {
    method: 'get',
    path: '/projects',
    summary: '查询项目列表',
    description: 'Every project (admin).',
    tag: 'admin',
    auth: 'admin',
    success: [200, list('projects', Project)],
    errors: [403],
  },
  {
    method: 'get',
    path: '/projects/usage',
    summary: '查询各项目配额',
    description:
      "Every project's compute and block storage quota and usage (B.5 and B.6 per project) in one answer (admin), for the Projects page: the backend is asked for the projects side by side. A project whose quota could not be read carries the backend's reason in `error`.",
    tag: 'admin',
    auth: 'admin',
    success: [200, list('usage', ProjectUsage)],
    errors: [403],
  },
  {
    method: 'post',
    path: '/projects',
    summary: '创建项目',
    description: 'Create a project with its network and default security group (admin).',
    tag: 'admin',
    auth: 'admin',
    body: ProjectCreateInput,
    success: [201, one('project', Project)],
    errors: [403, 409],
  },
  {
    method: 'delete',
    path: '/projects/{id}',
    summary: '删除项目',
    description:
      'Remove a project (admin) with the network, subnet and security groups it was given; one still holding servers, volumes, images, load balancers or IPs is refused with 409 naming them. Its users stay, without this membership.',
    tag: 'admin',
    auth: 'admin',
    success: [204, undefined],
    errors: [403, 404, 409],
  },
  {
    method: 'get',
    path: '/projects/{id}/quotas',
    summary: '查询项目配额',
    description: "A project's quota limits.",
    tag: 'admin',
    success: [200, one('quotas', QuotaLimits)],
    errors: [403, 404],
  },
  {
    method: 'put',
    path: '/projects/{id}/quotas',
    summary: '设置项目配额',
    description:
      "Set a project's quota limits (admin). A limit below what the project already uses is refused with 400 naming the field and the usage (API.md does not say; the backends would accept it and leave the project over its quota).",
    tag: 'admin',
    auth: 'admin',
    body: QuotaUpdateInput,
    success: [200, one('quotas', QuotaLimits)],
    errors: [403, 404],
  },
  {
    method: 'patch',
    path: '/projects/{id}',
    summary: '修改项目',
    description: "Change a project's name or description (admin); a name another project has is refused with 409.",
    tag: 'admin',
    auth: 'admin',
    body: ProjectUpdateInput,
    success: [200, one('project', Project)],
    errors: [403, 404, 409],
  },
  {
    method: 'post',
    path: '/projects/{id}/disable',
    summary: '停用项目',
    description:
      "Disable a project (admin): its members can no longer sign in to it or switch to it, and every console session in it ends at once; its resources stay. The project of the caller's own session is refused with 409.",
    tag: 'admin',
    auth: 'admin',
    success: [200, ProjectEnabledResponse],
    errors: [403, 404, 409],
  },
  {
    method: 'post',
    path: '/projects/{id}/enable',
    summary: '启用项目',
    description: 'Enable a disabled project again (admin): its members may sign in to it.',
    tag: 'admin',
    auth: 'admin',
    success: [200, ProjectEnabledResponse],
    errors: [403, 404],
  },
  {
    method: 'get',
    path: '/projects/{id}/resources',
    summary: '查询项目资源',
    description:
      'Everything the project holds, by name, in the order POST /projects/{id}/purge removes it: load balancers, floating and public IPs, servers, volume snapshots, volumes, images, networks, security groups (admin).',
    tag: 'admin',
    auth: 'admin',
    success: [200, list('resources', ProjectResource)],
    errors: [403, 404],
  },
  {
    method: 'post',
    path: '/projects/{id}/purge',
    summary: '清空并删除项目',
    description:
      "Delete everything in the project, then the project, as a tracked task (admin): answers 202 at once with the task; GET /projects/{id}/purge follows it. Each resource is removed in order (load balancers, IPs, servers, volume snapshots, volumes, images, networks, security groups); one the backend refuses is named with its reason, the rest go on, and the task ends failed with the project left holding what could not go: POST again retries. The task is kept in the console's database: one a restart cut off is resumed by the next read of it. The caller's own session's project is refused with 409, as is a project whose task is running.",
    tag: 'admin',
    auth: 'admin',
    success: [202, one('purge', ProjectPurge)],
    errors: [403, 404, 409],
  },
  {
    method: 'get',
    path: '/projects/{id}/purge',
    summary: '查询项目清空任务',
    description:
      "The project's last delete-everything task with each step's outcome (admin); it stays readable after the project is gone. 404 when there was none.",
    tag: 'admin',
    auth: 'admin',
    success: [200, one('purge', ProjectPurge)],
    errors: [403, 404],
  },
  {
    method: 'get',
    path: '/quotas/defaults',
    summary: '查询默认配额',
    description: 'The quotas a new project gets (admin).',
    tag: 'admin',
    auth: 'admin',
    success: [200, one('quotas', QuotaLimits)],
    errors: [403],
  },
  {
    method: 'put',
    path: '/quotas/defaults',
    summary: '设置默认配额',
    description:
      'Set the quotas a new project gets (admin); projects that exist keep theirs. A field the backend cannot set as a default is refused with 501 and its reason (see GET /capabilities).',
    tag: 'admin',
    auth: 'admin',
    body: QuotaUpdateInput,
    success: [200, one('quotas', QuotaLimits)],
    errors: [403],
  },
  {
    method: 'post',
    path: '/users',
    summary: '创建用户',
    description:
      "Create a user in a project with a role (admin), with exactly one of an initial `password` or `setup: 'link'`. With a link the answer carries `setup_link` (its URL and expiry) this once: it cannot be read again, and only its SHA-256 is kept.",
    tag: 'admin',
    auth: 'admin',
    body: UserCreateInput,
    success: [201, z.object({ user: User, setup_link: SetupLink.optional() })],
    errors: [403, 404, 409],
  },
  {
    method: 'patch',
    path: '/users/{id}',
    summary: '修改用户',
    description:
      'Rename a user (admin); 409 when the name is taken. Their sessions go on under the new name; they sign in with it from now on.',
    tag: 'admin',
    auth: 'admin',
    body: UserUpdateInput,
    success: [200, one('user', User)],
    errors: [403, 404, 409],
  },
  {
    method: 'post',
    path: '/users/{id}/setup-link',
    summary: '签发设置密码链接',
    description:
      "Issue a new one-time set-up link for a user (admin): a lost link or a forgotten password. It replaces the user's password with one nobody knows and invalidates any older link; their sessions end at once. The link is answered this once. Not one's own user (409).",
    tag: 'admin',
    auth: 'admin',
    success: [200, z.object({ setup_link: SetupLink, ended_sessions: z.number().int() })],
    errors: [403, 404, 409],
  },
  {
    method: 'post',
    path: '/auth/setup-link',
    summary: '通过链接设置密码',
    description:
      'Consume a one-time set-up link: the user behind the token chooses their password (at least 8 and at most 256 characters, not the user name) and is signed in (the token in X-Subject-Token; `?session=cookie` sets the session cookie too); every other session of theirs ends. An unknown, expired or used link gets the same 404. Failed attempts count like failed sign-ins (429).',
    tag: 'basic',
    auth: 'public',
    body: SetupLinkConsumeInput,
    success: [201, TokenResponse],
    errors: [404],
  },
  {
    method: 'get',
    path: '/audit',
    summary: '查询审计日志',
    description: 'Who did what, when, with what result (admins: all; others: their project).',
    tag: 'admin',
    query: AuditListQuery,
    success: [200, list('records', AuditRecord)],
  },
  {
    method: 'get',
    path: '/usage',
    summary: '查询资源使用历史',
    description:
      "Extension: what servers were allocated over time, one point per step (hour or day) from `from` (default `to` minus 7 days) to `to` (default now), the last point cut at `to`; `to` must be after `from`, the range at most 92 days and at most 1000 points (400 naming the field). Each point is the time-weighted average over its interval [at, min(at + step, to)) of the vCPUs, memory (MiB) and root disks (GiB, the flavors' disk; attached volumes are not counted) of the servers that existed then, and of the number of servers: a 2-vCPU server living half of an hour counts 1 vCPU and 0.5 servers in that hour, so a point times its interval's length is the exact vCPU-hours. Default step: hour up to 31 days, day beyond. A `to` in the future is cut at now (the answer's `to` says so); `from` must be in the past. Administrators see every project, or one with project_id (404 for a project that does not exist), and may filter by datacenter_id; anyone else sees their own project only (403 for another project_id, and for datacenter_id: the zone of a deleted server is known to administrators only on OpenStack). format=csv answers text/csv with the header row at,vcpus,memory_mb,disk_gb,servers and one row per point. Simulator: from the servers' recorded history (created, resized, deleted); OpenStack: from Nova's os-simple-tenant-usage, the datacenter being each server's availability zone.",
    tag: 'admin',
    query: UsageQuery,
    success: [200, UsageResponse],
    produces: 'text/csv',
    errors: [403, 404],
  },
  {
    method: 'get',
    path: '/events',
    summary: '订阅状态变化',
    description:
      "Server-Sent Events: status changes of the caller's resources (`event: status`, `id` the event id). A reconnecting client sends the last id it got as the Last-Event-ID header and first gets what it missed (400 when it is not an event id). On shutdown the stream ends with a `retry:` hint.",
    tag: 'admin',
    success: [200, undefined],
    produces: 'text/event-stream',
    errors: [400],
  },
  {
    method: 'get',
    path: '/users',
    summary: '查询用户列表',
    description: 'Every user with their projects, roles and enabled flag (admin).',
    tag: 'admin',
    auth: 'admin',
    success: [200, list('users', User)],
    errors: [403],
  },
  {
    method: 'get',
    path: '/users/{id}',
    summary: '查询用户',
    description: 'One user with their projects, roles and enabled flag (admin).',
    tag: 'admin',
    auth: 'admin',
    success: [200, one('user', User)],
    errors: [403, 404],
  },
  {
    method: 'delete',
    path: '/users/{id}',
    summary: '删除用户',
    description: "Delete a user (admin); every session of theirs ends at once. Not one's own user (409).",
    tag: 'admin',
    auth: 'admin',
    success: [204, undefined],
    errors: [403, 404, 409],
  },
  {
    method: 'post',
    path: '/users/{id}/disable',
    summary: '禁用用户',
    description:
      "Disable a user (admin): they cannot sign in (401) and their sessions end at once. Not one's own user (409).",
    tag: 'admin',
    auth: 'admin',
    success: [200, z.object({ user: User, ended_sessions: z.number().int() })],
    errors: [403, 404, 409],
  },
  {
    method: 'post',
    path: '/users/{id}/enable',
    summary: '启用用户',
    description: 'Enable a disabled user again (admin).',
    tag: 'admin',
    auth: 'admin',
    success: [200, z.object({ user: User, ended_sessions: z.number().int() })],
    errors: [403, 404],
  },
  {
    method: 'put',
    path: '/users/{id}/password',
    summary: '重置用户密码',
    description:
      "Set a user's password (admin; at least 8 and at most 256 characters, not the user name); their sessions end at once. One's own password is changed with POST /auth/password (409).",
    tag: 'admin',
    auth: 'admin',
    body: PasswordResetInput,
    success: [200, SessionsEnded],
    errors: [403, 404, 409],
  },
  {
    method: 'delete',
    path: '/users/{id}/sessions',
    summary: '注销用户全部会话',
    description: 'End every console session of a user (admin): their tokens answer 401 at once.',
    tag: 'admin',
    auth: 'admin',
    success: [200, SessionsEnded],
    errors: [403, 404],
  },
  {
    method: 'put',
    path: '/users/{id}/projects/{project_id}',
    summary: '设置项目成员角色',
    description:
      'Add a user to a project with a role, or change their role there (admin); their sessions in that project end, since they carry the old role.',
    tag: 'admin',
    auth: 'admin',
    body: MembershipInput,
    success: [200, z.object({ user: User, ended_sessions: z.number().int() })],
    errors: [403, 404, 409],
  },
  {
    method: 'delete',
    path: '/users/{id}/projects/{project_id}',
    summary: '移除项目成员',
    description: 'Remove a user from a project (admin); their sessions scoped to it answer 401 at once.',
    tag: 'admin',
    auth: 'admin',
    success: [204, undefined],
    errors: [403, 404, 409],
  },
  {
    method: 'get',
    path: '/demo',
    summary: '查询演示状态',
    description:
      "Extension (simulator only): the demo estate, the presenter's fault switches and when the demo cloud was last reset. Any signed-in user may read it (the console shows a banner while a fault is on); other backends answer 501.",
    tag: 'admin',
    success: [200, DemoState],
  },
  {
    method: 'post',
    path: '/demo/reset',
    summary: '重置演示云',
    description:
      "Extension (simulator only, admin): put the simulated cloud back to the demo seed in one transaction, without a restart, optionally with an estate of 1,000 or 10,000 servers more; every fault is cleared. Users keep their sessions (the seed's ids are fixed); a session whose user or project no longer exists ends.",
    tag: 'admin',
    auth: 'admin',
    body: DemoResetInput,
    optionalBody: true,
    success: [200, DemoResetResult],
    errors: [403],
  },
  {
    method: 'put',
    path: '/demo/faults',
    summary: '设置演示故障',
    description:
      "Extension (simulator only, admin): turn the presenter's fault switches on or off, merged into the current ones; they take effect at once in every console process (read from the database, cached at most a second). A host down puts its servers in error; a datacenter unavailable fails its operations with 503; quota nearly exhausted sets the project's quotas to its usage plus a small margin (restored when cleared). 404 for an unknown host, datacenter or project.",
    tag: 'admin',
    auth: 'admin',
    body: DemoFaultsInput,
    success: [200, DemoFaults],
    errors: [403, 404],
  },
  {
    method: 'get',
    path: '/health',
    summary: '健康检查',
    description: "Liveness and the configured backend's reachability.",
    tag: 'admin',
    auth: 'public',
    success: [
      200,
      z.object({ status: z.string(), backend: z.object({ kind: z.string(), ok: z.boolean(), message: z.string() }) }),
    ],
    errors: [503],
  },
  {
    method: 'get',
    path: '/health/live',
    summary: '存活检查',
    description:
      'Liveness: the process answers (200 while it runs, also while it drains on shutdown). For an orchestrator restarting a wedged replica.',
    tag: 'admin',
    auth: 'public',
    success: [200, z.object({ status: z.literal('ok') })],
  },
  {
    method: 'get',
    path: '/health/ready',
    summary: '就绪检查',
    description:
      'Readiness: the database and the backend answer and the process is not shutting down. 503 names what is down in `down`, so a load balancer sends calls elsewhere.',
    tag: 'admin',
    auth: 'public',
    success: [200, HealthReady],
    errors: [503],
  },
  {
    method: 'get',
    path: '/metrics',
    summary: '运行指标',
    description:
      'Prometheus metrics of this replica (text format): calls and their latency per operation and status, backend call latency per service, open event streams, rate-limit refusals, database statements. Needs `Authorization: Bearer <YUNTU_METRICS_TOKEN>` (401 otherwise); 404 when no token is configured.',
    tag: 'admin',
    auth: 'public',
    success: [200, undefined],
    produces: 'text/plain',
    errors: [401, 404],
  },
  {
    method: 'get',
    path: '/openapi.json',
    summary: '接口描述文档',
    description: 'This API as OpenAPI 3.1.',
    tag: 'admin',
    auth: 'public',
    success: [200, undefined],
  },
] as const satisfies readonly Operation[];

/** The table in its order (the OpenAPI document, the conformance table and the fuzz stage walk it). */
export const operations: readonly Operation[] = table;

type Row = (typeof table)[number];
type KeyOf<R> = R extends { method: infer M extends string; path: infer P extends string }
  ? `${Uppercase<M>} ${P}`
  : never;
/** `'POST /servers'`, `'GET /servers/{id}'`: one literal per row, so a key the table lacks fails the typecheck. */
export type OperationKey = KeyOf<Row>;
/** The row of a key, with its schemas' own types. */
export type OperationOf<K extends OperationKey> = K extends `${infer M} ${infer P}`
  ? Extract<Row, { method: Lowercase<M>; path: P }>
  : never;

type ParamNames<P extends string> = P extends `${string}{${infer N}}${infer Rest}` ? N | ParamNames<Rest> : never;
/** `'/users/{id}/projects/{project_id}'` → `{ id: string; project_id: string }`. */
export type PathParams<P extends string> = { [N in ParamNames<P>]: string };

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;
/** What the body parses to (undefined when the operation takes none). */
export type BodyOf<O> = O extends { body: infer S } ? Parsed<S> : undefined;
/** What the query string parses to (undefined when the operation reads none). */
export type QueryOf<O> = O extends { query: infer S } ? Parsed<S> : undefined;
/** What a caller may put in the query string: the schema's input (defaults and coercions still to apply). */
export type QueryInputOf<O> = O extends { query: infer S extends z.ZodType } ? z.input<S> : undefined;
/**
 * The success answer's body as the contract describes it: undefined for a 204, unknown for a body no schema
 * describes (a file, an event stream, the OpenAPI document itself).
 */
export type SuccessOf<O> = O extends { success: readonly [infer N, infer S] }
  ? S extends z.ZodType
    ? z.output<S>
    : N extends 204
      ? undefined
      : unknown
  : unknown;
export type AuthOf<O> = O extends { auth: infer A extends NonNullable<Operation['auth']> } ? A : 'user';

export const operationKey = (o: Pick<Operation, 'method' | 'path'>): string => `${o.method.toUpperCase()} ${o.path}`;

const byKey = new Map<string, Row>(table.map((o) => [operationKey(o), o]));

/** The operation of a key; the route handlers and the typed client take their schemas from it. */
export function op<K extends OperationKey>(key: K): OperationOf<K> {
  const found = byKey.get(key);
  if (!found) throw new Error(`no operation ${key} in the operation table`);
  // The map is built from the same table the key type is: the row found is the row `OperationOf<K>` names.
  return found as OperationOf<K>;
}

export { ListQuery };
