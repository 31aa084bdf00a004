'use server';
import 'server-only';
import { publicIpOperations as publicIps } from '../operations/public-ips';
import { runAction, type ActionBody } from './run-action';

/* The console's changes to public IPs: each the route's own operation (server/operations/public-ips.ts) run by runAction. */

export async function createPublicIp(input: ActionBody<typeof publicIps.create>, idempotencyKey?: string) {
  return runAction(publicIps.create, { body: input, idempotencyKey });
}

export async function deletePublicIp(id: string) {
  return runAction(publicIps.remove, { params: { id } });
}

export async function bindPublicIp(id: string, input: ActionBody<typeof publicIps.bind>) {
  return runAction(publicIps.bind, { params: { id }, body: input });
}

export async function unbindPublicIp(id: string, input: ActionBody<typeof publicIps.unbind>) {
  return runAction(publicIps.unbind, { params: { id }, body: input });
}
