import 'server-only';
import { keyOf } from '../public-cloud/credentials';
import type { ProviderContext } from '../types';
import { shanheCall, type Params } from './http';
import type { ShanheSettings } from './settings';

export interface ShDeps {
  s: ShanheSettings;
  call<T>(
    ctx: ProviderContext,
    action: string,
    params?: Params,
  ): Promise<T & { ret_code: number; total_count?: number }>;
}

export const shDeps = (s: ShanheSettings): ShDeps => ({
  s,
  call: <T>(ctx: ProviderContext, action: string, params: Params = {}) =>
    shanheCall<T>(s, keyOf(ctx), action, params, ctx.signal),
});

/** `name.1=a&name.2=b`: the API's list parameters. */
export function listParam(name: string, values: (string | number)[]): Params {
  return Object.fromEntries(values.map((v, i) => [`${name}.${i + 1}`, v]));
}

/** The API returns at most 100 items per call with `total_count`: read page after page up to a bound. */
export async function describeAll<T>(
  d: ShDeps,
  ctx: ProviderContext,
  action: string,
  setKey: string,
  params: Params = {},
  max = 2000,
): Promise<T[]> {
  const out: T[] = [];
  for (;;) {
    const r = await d.call<Record<string, T[]>>(ctx, action, { ...params, offset: out.length, limit: 100 });
    const page = r[setKey] ?? [];
    out.push(...page);
    if (page.length < 100 || out.length >= (r.total_count ?? 0) || out.length >= max) return out;
  }
}

/** One page as the contract asks it (the API's own offset/limit and total_count, no re-sorting needed). */
export async function describePage<T>(
  d: ShDeps,
  ctx: ProviderContext,
  action: string,
  setKey: string,
  q: { limit: number; offset: number },
  params: Params = {},
): Promise<{ items: T[]; total: number }> {
  const r = await d.call<Record<string, T[]>>(ctx, action, {
    ...params,
    offset: q.offset,
    limit: Math.min(q.limit, 100),
  });
  return { items: r[setKey] ?? [], total: r.total_count ?? (r[setKey] ?? []).length };
}
