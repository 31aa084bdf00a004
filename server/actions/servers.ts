'use server';
import 'server-only';
import { serverOperations as servers } from '../operations/servers';
import { runAction, type ActionBody } from './run-action';

/*
 * The console's changes to servers. Each runs the route's own operation (server/operations/servers.ts) through
 * runAction, so a form gets the same answer, audit record and error body as an /api/v1 caller. The types are the
 * contract's inputs; what actually arrives is parsed with the operation's schema like an HTTP body.
 */

export async function createServer(input: ActionBody<typeof servers.create>, idempotencyKey?: string) {
  return runAction(servers.create, { body: input, idempotencyKey });
}

export async function updateServer(id: string, input: ActionBody<typeof servers.update>) {
  return runAction(servers.update, { params: { id }, body: input });
}

export async function deleteServer(id: string) {
  return runAction(servers.remove, { params: { id } });
}

export async function startServer(id: string) {
  return runAction(servers.start, { params: { id } });
}

export async function stopServer(id: string) {
  return runAction(servers.stop, { params: { id } });
}

export async function rebootServer(id: string, input: ActionBody<typeof servers.reboot>) {
  return runAction(servers.reboot, { params: { id }, body: input });
}

export async function resizeServer(id: string, input: ActionBody<typeof servers.resize>) {
  return runAction(servers.resize, { params: { id }, body: input });
}

export async function liveMigrateServer(id: string, input: ActionBody<typeof servers.liveMigrate>) {
  return runAction(servers.liveMigrate, { params: { id }, body: input });
}
