import 'server-only';
import type { ListQuery, ListResult } from '@/lib/contract/common';
import type { Flavor, FlavorCreateInput } from '@/lib/contract/flavor';
import { provider } from '../providers/registry';
import { requireAdmin, scope, type RequestContext } from './context';

export const listFlavors = (ctx: RequestContext, q: ListQuery): Promise<ListResult<Flavor>> =>
  provider().flavors.list(scope(ctx), q);
export const getFlavor = (ctx: RequestContext, id: string): Promise<Flavor> => provider().flavors.get(scope(ctx), id);

export async function createFlavor(ctx: RequestContext, input: FlavorCreateInput): Promise<Flavor> {
  requireAdmin(ctx, 'creating flavors');
  return provider().flavors.create(scope(ctx), input);
}

export async function deleteFlavor(ctx: RequestContext, id: string): Promise<void> {
  requireAdmin(ctx, 'deleting flavors');
  await provider().flavors.remove(scope(ctx), id);
}
