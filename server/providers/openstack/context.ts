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

/** Runs `fn` over items with at most `n` calls in flight. */
export async function mapLimit<T, R>(items: T[], n: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
