import 'server-only';
import type { ProviderContext } from '../types';
import type { OpenStackSettings } from './http';
import { restFor, type Rest } from './rest';

/** What each section gets: settings and a way to call the cloud as the request's caller. */
export interface OsDeps {
  settings: OpenStackSettings;
  rest(ctx: ProviderContext): Rest;
}

export function osDeps(settings: OpenStackSettings): OsDeps {
  return { settings, rest: (ctx) => restFor(settings, ctx) };
}

export const isAdminCtx = (ctx: ProviderContext) => ctx.principal.roles.includes('admin');

export { mapLimit } from '../shared/map-limit';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
