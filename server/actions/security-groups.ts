'use server';
import 'server-only';
import { securityGroupOperations as securityGroups } from '../operations/security-groups';
import { runAction, type ActionBody } from './run-action';

/* The console's changes to security groups and their rules: each the route's own operation (server/operations/security-groups.ts) run by runAction. */

export async function createSecurityGroup(input: ActionBody<typeof securityGroups.create>, idempotencyKey?: string) {
  return runAction(securityGroups.create, { body: input, idempotencyKey });
}

export async function deleteSecurityGroup(id: string) {
  return runAction(securityGroups.remove, { params: { id } });
}

export async function createSecurityGroupRule(
  input: ActionBody<typeof securityGroups.createRule>,
  idempotencyKey?: string,
) {
  return runAction(securityGroups.createRule, { body: input, idempotencyKey });
}

export async function deleteSecurityGroupRule(id: string) {
  return runAction(securityGroups.removeRule, { params: { id } });
}
