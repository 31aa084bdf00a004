import type { Network } from '@/lib/contract/network';
import type { TourContext } from './types';

/** The resource of this exact name in a list (the list's `?name=` filter is a substring match). */
export async function findByName<T extends { name: string }>(
  ctx: TourContext,
  path: string,
  field: string,
  name: string,
  extra = '',
): Promise<T | undefined> {
  const r = await ctx.read<Record<string, T[] | undefined>>(
    `${path}?name=${encodeURIComponent(name)}&limit=100${extra}`,
  );
  return r[field]?.find((x) => x.name === name);
}

export const findNetwork = (ctx: TourContext, name: string) => findByName<Network>(ctx, '/networks', 'networks', name);
