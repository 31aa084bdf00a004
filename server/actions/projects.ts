'use server';
import 'server-only';
import { projectOperations as projects } from '../operations/projects';
import { runAction, type ActionBody } from './run-action';

/* The console's changes to projects and their quotas (administrators): each the route's own operation (server/operations/projects.ts) run by runAction. */

export async function createProject(input: ActionBody<typeof projects.create>) {
  return runAction(projects.create, { body: input });
}

export async function setProjectQuotas(id: string, input: ActionBody<typeof projects.setQuotas>) {
  return runAction(projects.setQuotas, { params: { id }, body: input });
}

export async function deleteProject(id: string) {
  return runAction(projects.remove, { params: { id } });
}

export async function updateProject(id: string, input: ActionBody<typeof projects.update>) {
  return runAction(projects.update, { params: { id }, body: input });
}

export async function disableProject(id: string) {
  return runAction(projects.disable, { params: { id } });
}

export async function enableProject(id: string) {
  return runAction(projects.enable, { params: { id } });
}

export async function purgeProject(id: string) {
  return runAction(projects.purge, { params: { id } });
}

export async function setDefaultQuotas(input: ActionBody<typeof projects.setDefaultQuotas>) {
  return runAction(projects.setDefaultQuotas, { body: input });
}
