import 'server-only';
import { keyOf } from '../public-cloud/credentials';
import type { ProviderContext } from '../types';
import { hwFetch, type HwCall } from './http';
import type { HuaweiSettings, HwService } from './settings';

/** What every Huawei section needs: the settings and a call signed with the caller's own key. */
export interface HwDeps {
  s: HuaweiSettings;
  call<T>(ctx: ProviderContext, service: HwService, method: string, path: string, call?: HwCall): Promise<T>;
}

export function hwDeps(s: HuaweiSettings): HwDeps {
  return {
    s,
    call: <T>(ctx: ProviderContext, service: HwService, method: string, path: string, call: HwCall = {}) =>
      hwFetch<T>(s, keyOf(ctx), service, method, path, { ...call, signal: call.signal ?? ctx.signal }),
  };
}
