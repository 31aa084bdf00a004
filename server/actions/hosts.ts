'use server';
import 'server-only';
import { hostOperations as hosts } from '../operations/hosts';
import { runAction, type ActionBody } from './run-action';

/* The console's host maintenance: each runs the route's own operation (server/operations/hosts.ts) through runAction. */

export async function disableHost(id: string, input: ActionBody<typeof hosts.disable>) {
  return runAction(hosts.disable, { params: { id }, body: input });
}

export async function enableHost(id: string) {
  return runAction(hosts.enable, { params: { id } });
}

export async function migrateServersOffHost(id: string, input: ActionBody<typeof hosts.migrateServers>) {
  return runAction(hosts.migrateServers, { params: { id }, body: input });
}
