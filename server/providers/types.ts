import 'server-only';
import type { GuardedResponse } from '../net/url-guard';
import type { ListResult } from '@/lib/contract/common';
import type { CapabilityKey } from '@/lib/contract/options';
import type { Project, QuotaLimits, Role, TokenCreateInput, User } from '@/lib/contract/auth';
import type { Datacenter, Host } from '@/lib/contract/datacenter';
import type { ComputeQuota, VolumeQuota } from '@/lib/contract/quota';
import type { UsageSpan } from '@/lib/usage/series';
import type {
  Server,
  ServerCreateInput,
  ServerListQuery,
  ServerStatus,
  ServerUpdateInput,
} from '@/lib/contract/server';
import type { Flavor, FlavorCreateInput } from '@/lib/contract/flavor';
import type {
  Image,
  ImageFromServerInput,
  ImageListQuery,
  ImageMetadataCreateInput,
  ImagePatchInput,
} from '@/lib/contract/image';
import type {
  Network,
  NetworkCreateInput,
  NetworkListQuery,
  Subnet,
  SubnetCreateInput,
  SubnetCreated,
} from '@/lib/contract/network';
import type { FloatingIp, FloatingIpCreateInput, FloatingIpUpdateInput } from '@/lib/contract/floating-ip';
import type { PublicIp, PublicIpBindInput, PublicIpCreateInput } from '@/lib/contract/public-ip';
import type {
  ListenerCreateInput,
  LoadBalancer,
  LoadBalancerCreateInput,
  LoadBalancerMembersInput,
} from '@/lib/contract/load-balancer';
import type {
  SecurityGroup,
  SecurityGroupCreateInput,
  SecurityGroupRule,
  SecurityGroupRuleCreateInput,
} from '@/lib/contract/security-group';
import type {
  Volume,
  VolumeAttachInput,
  VolumeCreateInput,
  VolumeListQuery,
  VolumeRetypeInput,
  VolumeType,
} from '@/lib/contract/volume';
import type { Snapshot, SnapshotCreateInput, SnapshotListQuery, SnapshotUpdateInput } from '@/lib/contract/snapshot';
import type { ListQuery } from '@/lib/contract/common';
import type { KeyPair, KeyPairListQuery } from '@/lib/contract/key-pair';

/** Who is asking, as the backend authenticated them. */
export interface Principal {
  userId: string;
  userName: string;
  projectId: string;
  projectName: string;
  roles: Role[];
  /** The read-only demo visitor (simulator): the pipeline refuses every change it asks for (403, "read-only demo"). */
  readOnly?: boolean;
  /** An opaque backend credential (e.g. a Keystone token); never leaves the server. */
  backendToken?: string;
}

/**
 * Passed to every provider call. `projectId` is the project the caller acts in; `allProjects` widens reads
 * to every project (set by a service only for admins). Providers scope by these; they never decide who may act.
 */
export interface ProviderContext {
  principal: Principal;
  projectId: string;
  allProjects: boolean;
  /**
   * Set on a list's context only (a list's `project_id`): the list holds only this project's resources, on top of
   * the scope above (an admin's all-projects list narrowed to one project, or a tenant's list to its own).
   */
  onlyProjectId?: string;
  requestId: string;
  signal?: AbortSignal;
}

export interface Capabilities {
  liveMigrate: boolean;
  resize: boolean;
  loadBalancers: boolean;
  volumes: boolean;
  publicIps: boolean;
  imageUpload: boolean;
  /** B.30 from a URL (POST /images/{id}/import): the backend fetches the file itself. */
  imageImport: boolean;
  identityAdmin: boolean;
  /**
   * Operations of the standard this backend cannot perform, keyed `METHOD /path` as in lib/contract/operations.ts
   * (e.g. `POST /servers/{id}/live-migrate`), and options of an operation, keyed `METHOD /path#option` as in
   * lib/contract/options.ts, each with the reason shown to admins. Absent = everything the flags above allow. The
   * provider's methods answer `not_supported` with the same reason (shared/unsupported.ts `refuse`).
   */
  unsupported?: Partial<Record<CapabilityKey, string>>;
}

/** A list call's paging and sort, already validated and clamped by the contract. */
export type ListParams<Q extends ListQuery = ListQuery> = Q;

/** A URL that passed the console's guard, and the guarded way to fetch it (size, time and redirects checked). */
export interface ImportSource {
  url: string;
  open(signal?: AbortSignal): Promise<GuardedResponse>;
}

/** A stream of bytes for an image file, read once. */
export type ByteStream = ReadableStream<Uint8Array>;

/**
 * The one interface a backend implements, grouped like the standard's four classes. Every method returns
 * contract types and throws `CloudError`. Resources carry `project_id` so services can check ownership.
 */
export interface CloudProvider {
  readonly kind: 'sim' | 'openstack' | 'huaweicloud' | 'shanhe';
  capabilities(ctx: ProviderContext): Promise<Capabilities>;
  /** Reachability of the backend, for /api/v1/health. */
  health(): Promise<{ ok: boolean; message: string }>;

  identity: {
    /** B.1.1: checks the credentials; without a project, scopes to the user's default project. */
    authenticate(credentials: TokenCreateInput): Promise<Principal>;
    revoke(principal: Principal): Promise<void>;
    /** Projects the signed-in user (ctx.principal) belongs to (the project switcher). */
    listUserProjects(ctx: ProviderContext): Promise<Project[]>;
    /**
     * The project switcher: the same user, scoped to another of their projects (a fresh backend credential
     * where the backend has one). A project the user is not a member of is `not_found`.
     */
    rescope(ctx: ProviderContext, projectId: string): Promise<Principal>;
    /** Every project with its `enabled` flag and `member_count`. */
    listProjects(ctx: ProviderContext): Promise<Project[]>;
    createProject(
      ctx: ProviderContext,
      input: { name: string; description: string; quotas?: Partial<QuotaLimits> },
    ): Promise<Project>;
    /**
     * Removes a project and what it was given at creation (network, subnet, security groups); `conflict` naming
     * what it still holds (servers, volumes, images, load balancers, IPs), `not_found` for an unknown id.
     */
    deleteProject(ctx: ProviderContext, projectId: string): Promise<void>;
    setQuotas(ctx: ProviderContext, projectId: string, quotas: Partial<QuotaLimits>): Promise<QuotaLimits>;
    getQuotas(ctx: ProviderContext, projectId: string): Promise<QuotaLimits>;
    /** A new name or description; a name another project has is `conflict`, an unknown id `not_found`. */
    updateProject(
      ctx: ProviderContext,
      projectId: string,
      input: { name?: string; description?: string },
    ): Promise<Project>;
    /** A disabled project cannot be signed in to or switched to; what it holds stays. */
    setProjectEnabled(ctx: ProviderContext, projectId: string, enabled: boolean): Promise<Project>;
    /** The quotas a new project gets. */
    getDefaultQuotas(ctx: ProviderContext): Promise<QuotaLimits>;
    setDefaultQuotas(ctx: ProviderContext, quotas: Partial<QuotaLimits>): Promise<QuotaLimits>;
    createUser(
      ctx: ProviderContext,
      input: { name: string; password: string; project_id: string; role: Role },
    ): Promise<User>;
    /** Every user with their projects, roles and enabled flag (admin pages). */
    listUsers(ctx: ProviderContext): Promise<User[]>;
    getUser(ctx: ProviderContext, userId: string): Promise<User>;
    /** Renames a user; `conflict` when another user has the name, `not_found` for an unknown id. */
    renameUser(ctx: ProviderContext, userId: string, name: string): Promise<User>;
    /**
     * The signed-in user (ctx.principal) changes their own password; a wrong current password is `invalid` naming
     * `current_password`. Returns the principal the asking session goes on with (a fresh backend credential where
     * the backend revoked the old one, as Keystone does); the service ends the console's other sessions.
     */
    changeOwnPassword(ctx: ProviderContext, currentPassword: string, newPassword: string): Promise<Principal>;
    /** An administrator sets a user's password. */
    setPassword(ctx: ProviderContext, userId: string, password: string): Promise<void>;
    /** A disabled user cannot sign in. */
    setEnabled(ctx: ProviderContext, userId: string, enabled: boolean): Promise<User>;
    deleteUser(ctx: ProviderContext, userId: string): Promise<void>;
    /** Adds the user to the project with this role, or changes their role there. */
    setMembership(ctx: ProviderContext, userId: string, projectId: string, role: Role): Promise<User>;
    /** Removes every role of the user in the project; a user who is not a member is `not_found`. */
    removeMembership(ctx: ProviderContext, userId: string, projectId: string): Promise<void>;
  };

  datacenters: {
    list(ctx: ProviderContext): Promise<Datacenter[]>;
    listHosts(ctx: ProviderContext, datacenterId?: string): Promise<Host[]>;
    /** One host by its id (or its name); an unknown one is `not_found` naming it. */
    getHost(ctx: ProviderContext, id: string): Promise<Host>;
    /**
     * Takes a host out of scheduling (maintenance) with a reason, or puts it back: no new server is placed on a
     * disabled host and nothing is live-migrated to it; its servers stay where they are.
     */
    setHostStatus(
      ctx: ProviderContext,
      id: string,
      change: { enabled: true } | { enabled: false; reason: string },
    ): Promise<Host>;
  };

  quotas: {
    /** B.5 for ctx.projectId, or the datacenter's physical capacity when scope is 'datacenter'. */
    compute(ctx: ProviderContext, q: { scope: 'project' | 'datacenter'; datacenterId?: string }): Promise<ComputeQuota>;
    /** B.6 likewise for block storage. */
    volume(ctx: ProviderContext, q: { scope: 'project' | 'datacenter'; datacenterId?: string }): Promise<VolumeQuota>;
  };

  servers: {
    create(ctx: ProviderContext, input: ServerCreateInput): Promise<Server>;
    remove(ctx: ProviderContext, id: string): Promise<{ pending: boolean }>;
    get(ctx: ProviderContext, id: string): Promise<Server>;
    list(ctx: ProviderContext, q: ServerListQuery): Promise<ListResult<Server>>;
    /**
     * Servers of the scope (ctx.projectId, or every project when ctx.allProjects) by status, from one listing of
     * the backend: each count equals the total of `list` with that status filter.
     */
    countByStatus(ctx: ProviderContext): Promise<Record<ServerStatus, number>>;
    update(ctx: ProviderContext, id: string, input: ServerUpdateInput): Promise<Server>;
    start(ctx: ProviderContext, id: string): Promise<Server>;
    stop(ctx: ProviderContext, id: string): Promise<Server>;
    reboot(ctx: ProviderContext, id: string, type: 'soft' | 'hard'): Promise<Server>;
    liveMigrate(ctx: ProviderContext, id: string, host: string): Promise<Server>;
    resize(ctx: ProviderContext, id: string, flavorId: string): Promise<Server>;
    /** The last `lines` lines of the server's serial console, oldest first (`not_found` for an unknown server). */
    consoleLog(ctx: ProviderContext, id: string, lines: number): Promise<string>;
  };

  flavors: {
    create(ctx: ProviderContext, input: FlavorCreateInput): Promise<Flavor>;
    remove(ctx: ProviderContext, id: string): Promise<void>;
    get(ctx: ProviderContext, id: string): Promise<Flavor>;
    list(ctx: ProviderContext, q: ListQuery): Promise<ListResult<Flavor>>;
  };

  /**
   * Reads see the caller's project's images and every public one (all images for a widened scope); changes
   * reach only the caller's project's (any, for a widened scope), another project's image being `not_found`.
   */
  images: {
    /** B.29 from a server of ctx.projectId that is active or stopped: `saving`, then `active`. */
    createFromServer(ctx: ProviderContext, input: ImageFromServerInput): Promise<Image>;
    /** 6.3 c: an empty image in `queued`, awaiting its file. */
    createMetadata(ctx: ProviderContext, input: ImageMetadataCreateInput): Promise<Image>;
    /**
     * B.30: streams the bytes to the backend; memory stays flat whatever the size. Only a `queued` image takes
     * a file (else `conflict`); it is `uploading` meanwhile and `active` with size and checksum after. With
     * `expectedBytes` (the request's Content-Length), a body of another length is `invalid` and stores nothing.
     */
    upload(ctx: ProviderContext, id: string, body: ByteStream, expectedBytes?: number): Promise<Image>;
    /**
     * Moves an already-complete local file (a finished resumable upload) into a `queued` image. On success
     * the file may have been moved away; on failure it is left where it was.
     */
    uploadFromFile(ctx: ProviderContext, id: string, filePath: string): Promise<Image>;
    /**
     * B.30 with a 源镜像路径 URL: a `queued` image (else `conflict`) is `importing` when this answers, then
     * `active`, or `killed` with `import.error`. The service has checked the URL already (server/net/url-guard.ts);
     * a backend that fetches itself does so through `source.open()`, which checks every redirect again.
     */
    importFromUrl(ctx: ProviderContext, id: string, source: ImportSource): Promise<Image>;
    download(ctx: ProviderContext, id: string): Promise<{ stream: ByteStream; size: number }>;
    /** B.31; a protected image is a `conflict`. */
    remove(ctx: ProviderContext, id: string): Promise<void>;
    get(ctx: ProviderContext, id: string): Promise<Image>;
    /**
     * B.34-B.36: applies the JSON-patch operations atomically (all or none), by the rules of
     * `applyImagePatch` in lib/contract/image.ts (Glance takes the same patch natively).
     */
    update(ctx: ProviderContext, id: string, ops: ImagePatchInput): Promise<Image>;
    list(ctx: ProviderContext, q: ImageListQuery): Promise<ListResult<Image>>;
  };

  networks: {
    list(ctx: ProviderContext, q: NetworkListQuery): Promise<ListResult<Network>>;
    get(ctx: ProviderContext, id: string): Promise<Network>;
    create(ctx: ProviderContext, input: NetworkCreateInput): Promise<Network>;
    remove(ctx: ProviderContext, id: string): Promise<void>;
    /** Refuses a CIDR overlapping another subnet of the network; overlaps elsewhere in the project come back as warnings. */
    createSubnet(ctx: ProviderContext, networkId: string, input: SubnetCreateInput): Promise<SubnetCreated>;
    getSubnet(ctx: ProviderContext, id: string): Promise<Subnet & { project_id: string | null }>;
    removeSubnet(ctx: ProviderContext, id: string): Promise<void>;
  };

  floatingIps: {
    create(ctx: ProviderContext, input: FloatingIpCreateInput): Promise<FloatingIp>;
    remove(ctx: ProviderContext, id: string): Promise<void>;
    update(ctx: ProviderContext, id: string, input: FloatingIpUpdateInput): Promise<FloatingIp>;
    get(ctx: ProviderContext, id: string): Promise<FloatingIp>;
    list(ctx: ProviderContext, q: ListQuery & { status?: string }): Promise<ListResult<FloatingIp>>;
  };

  publicIps: {
    create(ctx: ProviderContext, input: PublicIpCreateInput): Promise<PublicIp>;
    bind(ctx: ProviderContext, id: string, input: PublicIpBindInput): Promise<PublicIp>;
    unbind(ctx: ProviderContext, id: string, input: PublicIpBindInput): Promise<PublicIp>;
    get(ctx: ProviderContext, id: string): Promise<PublicIp>;
    list(ctx: ProviderContext, q: ListQuery & { status?: string }): Promise<ListResult<PublicIp>>;
    remove(ctx: ProviderContext, id: string): Promise<void>;
  };

  loadBalancers: {
    create(ctx: ProviderContext, input: LoadBalancerCreateInput): Promise<LoadBalancer>;
    remove(ctx: ProviderContext, id: string): Promise<{ pending: boolean }>;
    get(ctx: ProviderContext, id: string): Promise<LoadBalancer>;
    list(ctx: ProviderContext, q: ListQuery & { status?: string }): Promise<ListResult<LoadBalancer>>;
    changeMembers(ctx: ProviderContext, id: string, input: LoadBalancerMembersInput): Promise<LoadBalancer>;
    addListener(ctx: ProviderContext, id: string, input: ListenerCreateInput): Promise<LoadBalancer>;
    removeListener(ctx: ProviderContext, id: string, listenerId: string): Promise<LoadBalancer>;
  };

  securityGroups: {
    create(ctx: ProviderContext, input: SecurityGroupCreateInput): Promise<SecurityGroup>;
    remove(ctx: ProviderContext, id: string): Promise<void>;
    get(ctx: ProviderContext, id: string): Promise<SecurityGroup>;
    list(ctx: ProviderContext, q: ListQuery): Promise<ListResult<SecurityGroup>>;
    createRule(ctx: ProviderContext, input: SecurityGroupRuleCreateInput): Promise<SecurityGroupRule>;
    getRule(ctx: ProviderContext, id: string): Promise<SecurityGroupRule & { project_id: string }>;
    removeRule(ctx: ProviderContext, id: string): Promise<void>;
  };

  /**
   * SSH key pairs of the signed-in user (`ctx.principal.userId`), as Nova keeps them: per user, across projects.
   * The console generates pairs itself (Nova 2.92 no longer does), so a driver only ever imports a public key;
   * `fingerprint` is the MD5 of the decoded blob as colon-separated hex. A name the user has is `conflict`, an
   * unknown one `not_found`.
   */
  keyPairs: {
    create(ctx: ProviderContext, input: { name: string; public_key: string; fingerprint: string }): Promise<KeyPair>;
    get(ctx: ProviderContext, name: string): Promise<KeyPair>;
    list(ctx: ProviderContext, q: KeyPairListQuery): Promise<ListResult<KeyPair>>;
    remove(ctx: ProviderContext, name: string): Promise<void>;
  };

  volumes: {
    create(ctx: ProviderContext, input: VolumeCreateInput): Promise<Volume>;
    remove(ctx: ProviderContext, id: string): Promise<{ pending: boolean }>;
    get(ctx: ProviderContext, id: string): Promise<Volume>;
    list(ctx: ProviderContext, q: VolumeListQuery): Promise<ListResult<Volume>>;
    attach(ctx: ProviderContext, id: string, input: VolumeAttachInput): Promise<Volume>;
    detach(ctx: ProviderContext, id: string, serverId: string): Promise<Volume>;
    extend(ctx: ProviderContext, id: string, newSizeGb: number): Promise<Volume>;
    /** The backend's volume types; `standard` (the contract's default) is the default one's other name. */
    listTypes(ctx: ProviderContext): Promise<VolumeType[]>;
    /**
     * A new type for an available or in-use volume (else `conflict` naming its status); an unknown type, or the
     * volume's own, is `invalid` naming volume_type. `retyping` while it changes.
     */
    retype(ctx: ProviderContext, id: string, input: VolumeRetypeInput): Promise<Volume>;
  };

  /**
   * Volume snapshots (extension): taken of a volume of ctx.projectId that is available, or in-use with `force`
   * (else `conflict` naming its status); `creating`, then `available`. A volume holding snapshots is not deleted
   * (`conflict` naming them); a volume or a boot disk is made from one through the volumes' and servers' `source`.
   */
  snapshots: {
    create(ctx: ProviderContext, input: SnapshotCreateInput): Promise<Snapshot>;
    remove(ctx: ProviderContext, id: string): Promise<{ pending: boolean }>;
    get(ctx: ProviderContext, id: string): Promise<Snapshot>;
    list(ctx: ProviderContext, q: SnapshotListQuery): Promise<ListResult<Snapshot>>;
    update(ctx: ProviderContext, id: string, input: SnapshotUpdateInput): Promise<Snapshot>;
  };

  usage: {
    /**
     * `GET /usage`: every server allocation that overlapped [from, to) — of `projectId`, or of every project when
     * it is undefined (the service allows that to admins only) — each with its start, its end (null: still there)
     * and its flavor's vCPUs, RAM and root disk; a resized server is one span per flavor. `not_found` naming the
     * project when it does not exist. The service computes the series from them (lib/usage/series.ts).
     */
    servers(
      ctx: ProviderContext,
      q: { projectId?: string; datacenterId?: string; from: Date; to: Date },
    ): Promise<UsageSpan[]>;
  };
}
