import 'server-only';
import type { SecurityGroup, SecurityGroupRuleCreateInput } from '@/lib/contract/security-group';
import { securityGroupSortFields } from '@/lib/contract/security-group';
import { conflict, invalid, notFound } from '../errors';
import { pageOf } from '../paging';
import type { CloudProvider, ProviderContext } from '../types';
import { describeAll, listParam, type ShDeps } from './context';
import { toRule, toSecurityGroup, type ShRule, type ShSecurityGroup } from './mappers/security-group';
import { boundTo, describeAllZones, listZones, locateIn } from './zones';
import { shanheUnsupported } from './unsupported';
import { namesOtherProject } from '../shared/only-project';

/**
 * Rules are `accept` rules with a priority; they take effect once the group is applied (ApplySecurityGroup), which
 * every change here does. A new group has no rules: with no egress rule, Shanhe lets all egress out. A group lives in
 * one zone: new ones are made in the configured zone, one of another zone is found there (zones.ts) and every call on
 * it and its rules names that zone (`dz`).
 */
export function shSecurityGroups(d: ShDeps): CloudProvider['securityGroups'] {
  async function group(ctx: ProviderContext, id: string): Promise<{ g: ShSecurityGroup; dz: ShDeps }> {
    const found = await locateIn(
      d,
      ctx,
      id,
      async (dz) =>
        (
          await dz.call<{ security_group_set: ShSecurityGroup[] }>(ctx, 'DescribeSecurityGroups', {
            ...listParam('security_groups', [id]),
            verbose: 1,
          })
        ).security_group_set[0],
    );
    if (!found) throw notFound('security group', id);
    return { g: found.row, dz: found.dz };
  }
  const rulesOf = (ctx: ProviderContext, dz: ShDeps, groupId?: string) =>
    describeAll<ShRule>(
      dz,
      ctx,
      'DescribeSecurityGroupRules',
      'security_group_rule_set',
      groupId ? { security_group: groupId } : {},
    );
  async function rule(ctx: ProviderContext, id: string): Promise<{ r: ShRule; dz: ShDeps }> {
    const found = await locateIn(
      d,
      ctx,
      id,
      async (dz) =>
        (
          await dz.call<{ security_group_rule_set: ShRule[] }>(
            ctx,
            'DescribeSecurityGroupRules',
            listParam('security_group_rules', [id]),
          )
        ).security_group_rule_set[0],
    );
    if (!found) throw notFound('security group rule', id);
    return { r: found.row, dz: found.dz };
  }
  const apply = (ctx: ProviderContext, dz: ShDeps, groupId: string) =>
    dz.call(ctx, 'ApplySecurityGroup', { security_group: groupId });
  const wire = (x: SecurityGroupRuleCreateInput) => ({
    protocol: x.protocol!,
    direction: x.direction === 'egress' ? 1 : 0,
    val1: x.port_range_min != null ? String(x.port_range_min) : '',
    val2: x.port_range_max != null ? String(x.port_range_max) : '',
    val3: x.remote_ip_prefix ?? '',
  });
  return {
    async create(ctx, input) {
      const r = await d.call<{ security_group_id: string }>(ctx, 'CreateSecurityGroup', {
        security_group_name: input.name,
      });
      if (input.description)
        await d.call(ctx, 'ModifySecurityGroupAttributes', {
          security_group: r.security_group_id,
          description: input.description,
        });
      return toSecurityGroup((await group(ctx, r.security_group_id)).g, [], ctx.projectId);
    },
    async remove(ctx, id) {
      const { g, dz } = await group(ctx, id);
      if (g.resources?.length)
        throw conflict(`security group ${id} is in use by ${g.resources.map((x) => x.resource_id).join(', ')}`);
      await dz.call(ctx, 'DeleteSecurityGroups', listParam('security_groups', [id]));
    },
    async get(ctx, id) {
      const { g, dz } = await group(ctx, id);
      return toSecurityGroup(g, await rulesOf(ctx, dz, id), ctx.projectId);
    },
    async list(ctx, q) {
      shanheUnsupported.refuseIf(namesOtherProject(ctx), 'GET /security-groups#project_id');
      // Every active zone's groups (Shanhe lists one zone a call), with the rules of that zone (one call each).
      const zones = await listZones(d, ctx);
      const [groups, rulesByZone] = await Promise.all([
        describeAllZones<ShSecurityGroup>(d, ctx, zones, 'DescribeSecurityGroups', 'security_group_set', {
          verbose: 1,
        }),
        Promise.all(zones.map(async (zone) => [zone, await rulesOf(ctx, boundTo(d, zone))] as const)),
      ]);
      const rules = new Map(rulesByZone);
      const items = groups.map(({ row, zone }) => toSecurityGroup(row, rules.get(zone) ?? [], ctx.projectId));
      return pageOf(
        items,
        q,
        Object.fromEntries(securityGroupSortFields.map((f) => [f, (g: SecurityGroup) => g[f]])),
        (g) => g.name,
      );
    },
    async createRule(ctx, input) {
      if (input.ethertype !== 'IPv4') throw invalid('ethertype', 'Shanhe security group rules are IPv4');
      if (!input.protocol) throw invalid('protocol', 'Shanhe rules name a protocol (tcp, udp or icmp)');
      if (input.remote_group_id)
        throw invalid('remote_group_id', 'Shanhe rules match addresses (remote_ip_prefix), not other groups');
      const { dz } = await group(ctx, input.security_group_id);
      const w = wire(input);
      const existing = await rulesOf(ctx, dz, input.security_group_id);
      if (
        existing.some(
          (r) =>
            r.protocol === w.protocol &&
            r.direction === w.direction &&
            (r.val1 ?? '') === w.val1 &&
            (r.val2 ?? '') === w.val2 &&
            (r.val3 ?? '') === w.val3,
        )
      )
        throw conflict(`security group ${input.security_group_id} already has this rule`);
      const r = await dz.call<{ security_group_rules: string[] }>(ctx, 'AddSecurityGroupRules', {
        security_group: input.security_group_id,
        'rules.1.protocol': w.protocol,
        'rules.1.priority': 1,
        'rules.1.action': 'accept',
        'rules.1.direction': w.direction,
        'rules.1.val1': w.val1,
        'rules.1.val2': w.val2,
        'rules.1.val3': w.val3,
        'rules.1.security_group_rule_name': input.description,
      });
      await apply(ctx, dz, input.security_group_id);
      const created = (await rulesOf(ctx, dz, input.security_group_id)).find(
        (x) => x.security_group_rule_id === r.security_group_rules[0],
      );
      if (!created) throw notFound('security group rule', r.security_group_rules[0] ?? '');
      return toRule(created);
    },
    getRule: async (ctx, id) => ({ ...toRule((await rule(ctx, id)).r), project_id: ctx.projectId }),
    async removeRule(ctx, id) {
      const { r, dz } = await rule(ctx, id);
      await dz.call(ctx, 'DeleteSecurityGroupRules', listParam('security_group_rules', [id]));
      await apply(ctx, dz, r.security_group_id);
    },
  };
}
