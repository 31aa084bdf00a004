import 'server-only';
import type { SecurityGroup, SecurityGroupRuleCreateInput } from '@/lib/contract/security-group';
import { securityGroupSortFields } from '@/lib/contract/security-group';
import { conflict, notFound } from '../errors';
import { pageOf } from '../paging';
import type { CloudProvider, ProviderContext } from '../types';
import { orNotFound } from './compute';
import type { HwDeps } from './context';
import { toRule, toSecurityGroup, type HwRule, type HwSecurityGroup } from './mappers/security-group';
import { createOne, getOne, hw, listAll, removeOne } from './rest';
import { huaweiUnsupported } from './unsupported';
import { namesOtherProject } from '../shared/only-project';

const sameRule = (r: HwRule, x: SecurityGroupRuleCreateInput) =>
  r.direction === x.direction &&
  r.ethertype === x.ethertype &&
  (r.protocol ?? null) === (x.protocol ?? null) &&
  (r.remote_ip_prefix ?? null) === (x.remote_ip_prefix ?? null) &&
  (r.remote_group_id ?? null) === (x.remote_group_id ?? null) &&
  (r.port_range_min ?? null) === (x.port_range_min ?? null) &&
  (r.port_range_max ?? null) === (x.port_range_max ?? null);

export function hwSecurityGroups(d: HwDeps): CloudProvider['securityGroups'] {
  const group = (ctx: ProviderContext, id: string) =>
    orNotFound(getOne<HwSecurityGroup>(d, ctx, hw.securityGroups, id), 'security group', id);
  const rule = (ctx: ProviderContext, id: string) =>
    orNotFound(getOne<HwRule>(d, ctx, hw.securityGroupRules, id), 'security group rule', id);
  return {
    async create(ctx, input) {
      const g = await createOne<HwSecurityGroup>(d, ctx, hw.securityGroups, {
        name: input.name,
        description: input.description,
      });
      // Huawei adds "ingress from members of the same group" to a new group; the standard's new group carries its
      // default egress rules only (API.md B.64), so those ingress defaults are removed to match.
      const ingress = (g.security_group_rules ?? []).filter((r) => r.direction === 'ingress');
      for (const r of ingress) await removeOne(d, ctx, hw.securityGroupRules, r.id);
      return toSecurityGroup(
        { ...g, security_group_rules: (g.security_group_rules ?? []).filter((r) => r.direction === 'egress') },
        ctx.projectId,
      );
    },
    async remove(ctx, id) {
      await group(ctx, id);
      await removeOne(d, ctx, hw.securityGroups, id);
    },
    get: async (ctx, id) => toSecurityGroup(await group(ctx, id), ctx.projectId),
    async list(ctx, q) {
      huaweiUnsupported.refuseIf(namesOtherProject(ctx), 'GET /security-groups#project_id');
      const items = (await listAll<HwSecurityGroup>(d, ctx, hw.securityGroups)).map((g) =>
        toSecurityGroup(g, ctx.projectId),
      );
      return pageOf(
        items,
        q,
        Object.fromEntries(securityGroupSortFields.map((f) => [f, (g: SecurityGroup) => g[f]])),
        (g) => g.name,
      );
    },
    async createRule(ctx, input) {
      const g = await group(ctx, input.security_group_id);
      if ((g.security_group_rules ?? []).some((r) => sameRule(r, input)))
        throw conflict(`security group ${g.id} already has this rule`);
      if (input.remote_group_id)
        await group(ctx, input.remote_group_id).catch(() =>
          Promise.reject(notFound('security group', input.remote_group_id!)),
        );
      const r = await createOne<HwRule>(d, ctx, hw.securityGroupRules, {
        security_group_id: g.id,
        direction: input.direction,
        ethertype: input.ethertype,
        description: input.description,
        ...(input.protocol ? { protocol: input.protocol } : {}),
        ...(input.port_range_min != null ? { port_range_min: input.port_range_min } : {}),
        ...(input.port_range_max != null ? { port_range_max: input.port_range_max } : {}),
        ...(input.remote_ip_prefix ? { remote_ip_prefix: input.remote_ip_prefix } : {}),
        ...(input.remote_group_id ? { remote_group_id: input.remote_group_id } : {}),
      });
      return toRule(r);
    },
    getRule: async (ctx, id) => ({ ...toRule(await rule(ctx, id)), project_id: ctx.projectId }),
    async removeRule(ctx, id) {
      await rule(ctx, id);
      await removeOne(d, ctx, hw.securityGroupRules, id);
    },
  };
}
