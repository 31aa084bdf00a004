import 'server-only';
import type { ProviderContext } from '../types';
import type { HwDeps } from './context';
import type { HwService } from './settings';

/**
 * Each Huawei resource described once (the style of openstack/rest.ts): where it lives, how one item and a list
 * are wrapped, and which of Huawei's several paging styles its list uses.
 * - `page`: `offset` is a 1-based page number (ECS servers); `offset`: an item offset (EVS);
 *   `marker`: `limit` + the last id (VPC, IMS); `none`: the whole set at once (classic ELB, flavors).
 */
export interface HwResource {
  service: HwService;
  path: string;
  /** The key wrapping one item ('' = unwrapped). */
  key: string;
  /** The key wrapping a list ('' = a bare array). */
  plural: string;
  listPath?: string;
  paging: 'page' | 'offset' | 'marker' | 'none';
}

export const hw = {
  servers: {
    service: 'ecs',
    path: '/v1/{project_id}/cloudservers',
    listPath: '/v1/{project_id}/cloudservers/detail',
    key: 'server',
    plural: 'servers',
    paging: 'page',
  },
  flavors: {
    service: 'ecs',
    path: '/v1/{project_id}/cloudservers/flavors',
    key: 'flavor',
    plural: 'flavors',
    paging: 'none',
  },
  volumes: {
    service: 'evs',
    path: '/v2/{project_id}/cloudvolumes',
    listPath: '/v2/{project_id}/cloudvolumes/detail',
    key: 'volume',
    plural: 'volumes',
    paging: 'offset',
  },
  vpcs: { service: 'vpc', path: '/v1/{project_id}/vpcs', key: 'vpc', plural: 'vpcs', paging: 'marker' },
  subnets: { service: 'vpc', path: '/v1/{project_id}/subnets', key: 'subnet', plural: 'subnets', paging: 'marker' },
  ports: { service: 'vpc', path: '/v1/{project_id}/ports', key: 'port', plural: 'ports', paging: 'marker' },
  securityGroups: {
    service: 'vpc',
    path: '/v1/{project_id}/security-groups',
    key: 'security_group',
    plural: 'security_groups',
    paging: 'marker',
  },
  securityGroupRules: {
    service: 'vpc',
    path: '/v1/{project_id}/security-group-rules',
    key: 'security_group_rule',
    plural: 'security_group_rules',
    paging: 'marker',
  },
  publicIps: {
    service: 'vpc',
    path: '/v1/{project_id}/publicips',
    key: 'publicip',
    plural: 'publicips',
    paging: 'marker',
  },
  images: {
    service: 'ims',
    path: '/v2/images',
    listPath: '/v2/cloudimages',
    key: '',
    plural: 'images',
    paging: 'marker',
  },
  loadBalancers: {
    service: 'elb',
    path: '/v1.0/{project_id}/elbaas/loadbalancers',
    key: '',
    plural: 'loadbalancers',
    paging: 'none',
  },
  listeners: { service: 'elb', path: '/v1.0/{project_id}/elbaas/listeners', key: '', plural: '', paging: 'none' },
} as const satisfies Record<string, HwResource>;

/** Beyond this a list is refused rather than read without end: a project's sets on one page of the console. */
const MAX_ITEMS = 2000;
const PAGE = 100;

function unwrapList<T>(r: HwResource, body: unknown): T[] {
  if (r.plural === '') return (body as T[]) ?? [];
  return ((body as Record<string, T[] | undefined>)[r.plural] ?? []) as T[];
}

/** Reads the whole (filtered) set, in the resource's own paging style. */
export async function listAll<T extends { id: string }>(
  d: HwDeps,
  ctx: ProviderContext,
  r: HwResource,
  query: Record<string, string | number | undefined> = {},
): Promise<T[]> {
  const path = r.listPath ?? r.path;
  if (r.paging === 'none') return unwrapList<T>(r, await d.call(ctx, r.service, 'GET', path, { query }));
  const out: T[] = [];
  for (let page = 1; out.length < MAX_ITEMS; page++) {
    const paging =
      r.paging === 'page'
        ? { offset: page, limit: PAGE }
        : r.paging === 'offset'
          ? { offset: out.length, limit: PAGE }
          : { limit: PAGE, marker: out.at(-1)?.id };
    const items = unwrapList<T>(r, await d.call(ctx, r.service, 'GET', path, { query: { ...query, ...paging } }));
    out.push(...items);
    if (items.length < PAGE) break;
  }
  return out;
}

export async function getOne<T>(d: HwDeps, ctx: ProviderContext, r: HwResource, id: string): Promise<T> {
  const body = await d.call<Record<string, T>>(ctx, r.service, 'GET', `${r.path}/${encodeURIComponent(id)}`);
  return (r.key ? body[r.key] : body) as T;
}

export async function createOne<T>(
  d: HwDeps,
  ctx: ProviderContext,
  r: HwResource,
  item: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Promise<T> {
  const body = await d.call<Record<string, T>>(ctx, r.service, 'POST', r.path, {
    body: r.key ? { [r.key]: item, ...extra } : item,
  });
  return (r.key ? body[r.key] : body) as T;
}

export async function removeOne(d: HwDeps, ctx: ProviderContext, r: HwResource, id: string): Promise<void> {
  await d.call(ctx, r.service, 'DELETE', `${r.path}/${encodeURIComponent(id)}`);
}
