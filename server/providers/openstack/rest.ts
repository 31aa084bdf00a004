import 'server-only';
import { forgetCounts } from './count-cache';
import { CloudError } from '../errors';
import type { ProviderContext } from '../types';
import { endpointFor, markRefused } from './keystone';
import { dependencyDown, recognises, serviceLabel, type ServiceType } from './errors';
import { osFetch, type OpenStackSettings, type OsResponse } from './http';

/**
 * One OpenStack resource, described once (as Skyline's client tables do): list/get/create/update/delete are
 * derived from it. `path` is relative to the service's versioned root; `key` wraps one item, `plural` a list.
 */
export interface ResourceSpec {
  service: ServiceType;
  path: string;
  key: string;
  plural?: string;
  /** Nova's and Cinder's list path with details (`servers/detail`). */
  detailPath?: string;
}

export const os = {
  servers: { service: 'compute', path: 'servers', key: 'server', detailPath: 'servers/detail' },
  flavors: { service: 'compute', path: 'flavors', key: 'flavor', detailPath: 'flavors/detail' },
  hypervisors: { service: 'compute', path: 'os-hypervisors', key: 'hypervisor', detailPath: 'os-hypervisors/detail' },
  images: { service: 'image', path: 'images', key: '', plural: 'images' },
  networks: { service: 'network', path: 'networks', key: 'network' },
  subnets: { service: 'network', path: 'subnets', key: 'subnet' },
  ports: { service: 'network', path: 'ports', key: 'port' },
  floatingIps: { service: 'network', path: 'floatingips', key: 'floatingip' },
  securityGroups: { service: 'network', path: 'security-groups', key: 'security_group' },
  securityGroupRules: { service: 'network', path: 'security-group-rules', key: 'security_group_rule' },
  volumes: { service: 'volumev3', path: 'volumes', key: 'volume', detailPath: 'volumes/detail' },
  snapshots: { service: 'volumev3', path: 'snapshots', key: 'snapshot', detailPath: 'snapshots/detail' },
  loadBalancers: { service: 'load-balancer', path: 'lbaas/loadbalancers', key: 'loadbalancer' },
  listeners: { service: 'load-balancer', path: 'lbaas/listeners', key: 'listener' },
  pools: { service: 'load-balancer', path: 'lbaas/pools', key: 'pool' },
  projects: { service: 'identity', path: 'projects', key: 'project' },
  users: { service: 'identity', path: 'users', key: 'user' },
} as const satisfies Record<string, ResourceSpec>;

/** The versioned root of services whose catalog URL is unversioned (Glance, Neutron, Octavia usually are). */
const versionRoot: Partial<Record<ServiceType, { version: string; strip: RegExp }>> = {
  image: { version: 'v2', strip: /\/v2(\.\d+)?$/ },
  network: { version: 'v2.0', strip: /\/v2\.0$/ },
  'load-balancer': { version: 'v2', strip: /\/v2(\.0)?$/ },
};

/** Microversions we ask for, capped by what the cloud offers (negotiated once per endpoint). */
const wanted: Partial<
  Record<ServiceType, { header: (v: string) => Record<string, string>; want: string; min: string }>
> = {
  // 2.46: server description (2.19), live-migrate block_migration=auto (2.25), createImage answers image_id (2.45),
  // and still the flavor id in a server (2.47 replaced it by the flavor's copy) and hypervisor statistics (gone in 2.88).
  compute: {
    header: (v) => ({ 'X-OpenStack-Nova-API-Version': v, 'OpenStack-API-Version': `compute ${v}` }),
    want: '2.46',
    min: '2.1',
  },
  // 3.45: list counts (with_count); 3.42: extending an attached volume; 3.34: name~ filters.
  volumev3: { header: (v) => ({ 'OpenStack-API-Version': `volume ${v}` }), want: '3.60', min: '3.0' },
};
const negotiated = new Map<string, Promise<string | null>>();

/**
 * The services another one calls on the caller's behalf: Nova reads ports and security groups from Neutron for
 * every server it lists, images from Glance, volumes from Cinder; Cinder reads Glance and Nova; Octavia, Neutron
 * and Nova. When one of them is down the caller's service answers a bare 500 ("Unexpected API Error ...
 * ConnectFailure"), which names neither the service that is down nor that it is an outage.
 */
const dependsOn: Partial<Record<ServiceType, ServiceType[]>> = {
  compute: ['network', 'image', 'volumev3'],
  volumev3: ['image', 'compute'],
  'load-balancer': ['network', 'compute'],
};

const num = (v: string) => v.split('.').map(Number) as [number, number];
const cmp = (a: string, b: string) => {
  const [a1, a2] = num(a);
  const [b1, b2] = num(b);
  return a1 - b1 || a2 - b2;
};

async function negotiate(
  s: OpenStackSettings,
  service: ServiceType,
  url: string,
  token: string,
): Promise<Record<string, string>> {
  const w = wanted[service];
  if (!w) return {};
  // The version document sits at the versioned root (Cinder's endpoint carries the project id after it).
  const root = url.replace(/\/v(\d+)(\.\d+)?\/.*$/, '/v$1$2').replace(/(\/v\d+(\.\d+)?).*/, '$1');
  let p = negotiated.get(root);
  if (!p) {
    // Nova answers {"version": {...}}, Cinder {"versions": [{...}]}.
    p = osFetch<{ version?: { version?: string }; versions?: { version?: string }[] }>(s, root + '/', {
      token,
      service,
    })
      .then((r) => r.body?.version?.version || r.body?.versions?.[0]?.version || null)
      .catch(() => null);
    negotiated.set(root, p);
  }
  const max = await p;
  if (!max) return {};
  const v = cmp(max, w.want) < 0 ? max : w.want;
  return cmp(v, w.min) < 0 ? {} : w.header(v);
}

type Query = Record<string, string | number | boolean | undefined | (string | number)[]>;

export function queryString(q: Query = {}): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v])
      parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(one))}`);
  }
  return parts.length ? '?' + parts.join('&') : '';
}

/** Calls to the cloud on behalf of one request: the caller's token, the catalog's endpoints, negotiated versions. */
export function restFor(s: OpenStackSettings, ctx: ProviderContext) {
  async function base(service: ServiceType) {
    const { token, url } = await endpointFor(s, ctx, service);
    const vr = versionRoot[service];
    const root = vr ? url.replace(vr.strip, '') + '/' + vr.version : url;
    return { token, root, headers: await negotiate(s, service, root, token) };
  }

  /**
   * A 500 of `service` that says it could not reach another service becomes 503 naming the one that is down, found
   * by asking each of its dependencies' roots (short time-out); unknown which, it still is an outage, not a bug.
   */
  async function dependencyOutage(service: ServiceType, e: CloudError): Promise<CloudError | undefined> {
    if (e.kind !== 'internal' || !recognises(dependencyDown, e)) return undefined;
    for (const dep of dependsOn[service] ?? []) {
      const reachable = await base(dep)
        .then((b) => osFetch(s, b.root + '/', { token: b.token, service: dep, signal: AbortSignal.timeout(3000) }))
        .then(
          () => true,
          (err: unknown) => !(err instanceof CloudError && err.kind === 'unavailable'),
        );
      if (!reachable)
        return new CloudError(
          'unavailable',
          `the ${serviceLabel[dep]} is unreachable (the ${serviceLabel[service]} depends on it)`,
          undefined,
          e,
        );
    }
    return new CloudError(
      'unavailable',
      `the ${serviceLabel[service]} cannot reach a service it depends on`,
      undefined,
      e,
    );
  }

  async function call<T>(
    service: ServiceType,
    method: string,
    path: string,
    opts: {
      body?: unknown;
      query?: Query;
      raw?: BodyInit;
      contentType?: string;
      headers?: Record<string, string>;
      stream?: boolean;
    } = {},
  ): Promise<OsResponse<T>> {
    // A change to Nova may change the overview's counts by status: they are listed again (count-cache.ts).
    if (service === 'compute' && method !== 'GET' && method !== 'HEAD') forgetCounts();
    for (let attempt = 0; ; attempt++) {
      const b = await base(service);
      try {
        return await osFetch<T>(s, `${b.root}/${path}${queryString(opts.query)}`, {
          method,
          token: b.token,
          body: opts.body,
          raw: opts.raw,
          contentType: opts.contentType,
          headers: { ...b.headers, ...opts.headers },
          service,
          signal: ctx.signal,
          stream: opts.stream,
        });
      } catch (e) {
        if (!(e instanceof CloudError)) throw e;
        if (e.kind === 'internal') throw (await dependencyOutage(service, e)) ?? e;
        // A 401 from a service means the Keystone token died before its time (revoked, keys rotated): renew it from
        // the session's application credential and try again, so the user notices nothing. A streamed body
        // (an image upload) has been consumed and cannot be sent again.
        if (attempt > 1 || e.kind !== 'unauthorized' || opts.raw !== undefined) throw e;
        markRefused(b.token);
        // Keystone compares revocation times in whole seconds, so a token renewed in the very second of the revocation
        // (a password change, then at once a call) is refused too: the second renewal waits for the next second.
        if (attempt === 1) await new Promise((r) => setTimeout(r, 1100));
      }
    }
  }

  const pluralOf = (spec: ResourceSpec) => spec.plural ?? spec.key + 's';
  const unwrap = <T>(spec: ResourceSpec, body: unknown): T =>
    spec.key ? (body as Record<string, T>)[spec.key]! : (body as T);

  return {
    call,
    /** One page as the service returns it. */
    async page<T>(spec: ResourceSpec, query: Query = {}, detail = true): Promise<T[]> {
      const r = await call<Record<string, T[]>>(
        spec.service,
        'GET',
        detail && spec.detailPath ? spec.detailPath : spec.path,
        { query },
      );
      return r.body[pluralOf(spec)] ?? [];
    },
    /** Every item, following marker pagination (for sets the contract must count or filter by substring). */
    async listAll<T extends { id: string }>(
      spec: ResourceSpec,
      query: Query = {},
      detail = true,
      pageSize = 1000,
    ): Promise<T[]> {
      const all: T[] = [];
      let marker: string | undefined;
      for (let i = 0; i < 1000; i++) {
        const r = await call<Record<string, T[]>>(
          spec.service,
          'GET',
          detail && spec.detailPath ? spec.detailPath : spec.path,
          {
            query: { ...query, limit: pageSize, marker },
          },
        );
        const items = r.body[pluralOf(spec)] ?? [];
        all.push(...items);
        if (items.length < pageSize || !items.length) break;
        marker = items[items.length - 1]!.id;
      }
      return all;
    },
    async get<T>(spec: ResourceSpec, id: string, query?: Query): Promise<T> {
      const r = await call(spec.service, 'GET', `${spec.path}/${encodeURIComponent(id)}`, { query });
      return unwrap<T>(spec, r.body);
    },
    async create<T>(spec: ResourceSpec, fields: Record<string, unknown>): Promise<T> {
      const r = await call(spec.service, 'POST', spec.path, { body: spec.key ? { [spec.key]: fields } : fields });
      return unwrap<T>(spec, r.body);
    },
    async update<T>(spec: ResourceSpec, id: string, fields: Record<string, unknown>): Promise<T> {
      const r = await call(spec.service, 'PUT', `${spec.path}/${encodeURIComponent(id)}`, {
        body: spec.key ? { [spec.key]: fields } : fields,
      });
      return unwrap<T>(spec, r.body);
    },
    async remove(spec: ResourceSpec, id: string, query?: Query): Promise<void> {
      await call(spec.service, 'DELETE', `${spec.path}/${encodeURIComponent(id)}`, { query });
    },
    /** Nova's and Cinder's `POST <resource>/<id>/action`. */
    async action<T = unknown>(spec: ResourceSpec, id: string, body: Record<string, unknown>): Promise<OsResponse<T>> {
      return call<T>(spec.service, 'POST', `${spec.path}/${encodeURIComponent(id)}/action`, { body });
    },
  };
}
export type Rest = ReturnType<typeof restFor>;
