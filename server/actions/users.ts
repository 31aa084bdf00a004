'use server';
import 'server-only';
import { userOperations as users } from '../operations/users';
import { runAction, type ActionBody } from './run-action';

/* The console's changes to users and their memberships (administrators): each the route's own operation (server/operations/users.ts) run by runAction. */

export async function createUser(input: ActionBody<typeof users.create>) {
  return runAction(users.create, { body: input });
}

export async function deleteUser(id: string) {
  return runAction(users.remove, { params: { id } });
}

export async function enableUser(id: string) {
  return runAction(users.enable, { params: { id } });
}

export async function disableUser(id: string) {
  return runAction(users.disable, { params: { id } });
}

export async function resetUserPassword(id: string, input: ActionBody<typeof users.resetPassword>) {
  return runAction(users.resetPassword, { params: { id }, body: input });
}

export async function signOutUser(id: string) {
  return runAction(users.signOutEverywhere, { params: { id } });
}

export async function setMembership(userId: string, projectId: string, input: ActionBody<typeof users.setMembership>) {
  return runAction(users.setMembership, { params: { id: userId, project_id: projectId }, body: input });
}

export async function removeMembership(userId: string, projectId: string) {
  return runAction(users.removeMembership, { params: { id: userId, project_id: projectId } });
}

export async function updateUser(id: string, input: ActionBody<typeof users.update>) {
  return runAction(users.update, { params: { id }, body: input });
}

export async function issueSetupLink(id: string) {
  return runAction(users.issueSetupLink, { params: { id } });
}
