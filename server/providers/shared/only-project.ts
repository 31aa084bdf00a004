import type { ProviderContext } from '../types';

/**
 * Whether a list's `project_id` names a project other than the caller's: what a driver that works in one configured
 * project (Huawei Cloud, Shanhe) cannot list, and refuses as the operation's `#project_id` option.
 */
export const namesOtherProject = (ctx: ProviderContext): boolean =>
  ctx.onlyProjectId !== undefined && ctx.onlyProjectId !== ctx.principal.projectId;
