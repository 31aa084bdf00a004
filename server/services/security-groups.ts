import 'server-only';
import { randomBytes } from 'node:crypto';
import type { ListQuery, ListResult } from '@/lib/contract/common';
import type {
  SecurityGroup,
  SecurityGroupCreateInput,
  SecurityGroupRule,
  SecurityGroupRuleCreateInput,
} from '@/lib/contract/security-group';
import { provider } from '../providers/registry';
import { ensureVisible, requireWriter, listScope, scope, type RequestContext } from './context';

/** Reads the group through the caller's scope: another project's is a 404. */
async function visibleGroup(ctx: RequestContext, id: string): Promise<SecurityGroup> {
  return ensureVisible(ctx, await provider().securityGroups.get(scope(ctx), id), 'security group', id);
}

export async function listSecurityGroups(ctx: RequestContext, q: ListQuery): Promise<ListResult<SecurityGroup>> {
  return provider().securityGroups.list(listScope(ctx, q), q);
}

export async function getSecurityGroup(ctx: RequestContext, id: string): Promise<SecurityGroup> {
  return visibleGroup(ctx, id);
}

export async function createSecurityGroup(
  ctx: RequestContext,
  input: SecurityGroupCreateInput,
): Promise<SecurityGroup> {
  requireWriter(ctx, 'create security groups');
  // The standard lets a caller omit the name; every backend gets one, so lists and pickers have something to show.
  const name = input.name || `sg-${randomBytes(4).toString('hex')}`;
  return provider().securityGroups.create(scope(ctx, { allProjects: false }), { ...input, name });
}

export async function deleteSecurityGroup(ctx: RequestContext, id: string): Promise<void> {
  requireWriter(ctx, 'delete security groups');
  await visibleGroup(ctx, id);
  await provider().securityGroups.remove(scope(ctx), id);
}

export async function createSecurityGroupRule(
  ctx: RequestContext,
  input: SecurityGroupRuleCreateInput,
): Promise<SecurityGroupRule> {
  requireWriter(ctx, 'create security group rules');
  await visibleGroup(ctx, input.security_group_id);
  return provider().securityGroups.createRule(scope(ctx), input);
}

export async function getSecurityGroupRule(ctx: RequestContext, id: string): Promise<SecurityGroupRule> {
  const { project_id: _projectId, ...rule } = ensureVisible(
    ctx,
    await provider().securityGroups.getRule(scope(ctx), id),
    'security group rule',
    id,
  );
  return rule;
}

export async function deleteSecurityGroupRule(ctx: RequestContext, id: string): Promise<void> {
  requireWriter(ctx, 'delete security group rules');
  ensureVisible(ctx, await provider().securityGroups.getRule(scope(ctx), id), 'security group rule', id);
  await provider().securityGroups.removeRule(scope(ctx), id);
}
