'use server';
import 'server-only';
import { floatingIpOperations as floatingIps } from '../operations/floating-ips';
import { runAction, type ActionBody } from './run-action';

/* The console's changes to floating IPs: each the route's own operation (server/operations/floating-ips.ts) run by runAction. */

export async function allocateFloatingIp(input: ActionBody<typeof floatingIps.create>, idempotencyKey?: string) {
  return runAction(floatingIps.create, { body: input, idempotencyKey });
}

export async function updateFloatingIp(id: string, input: ActionBody<typeof floatingIps.update>) {
  return runAction(floatingIps.update, { params: { id }, body: input });
}

export async function releaseFloatingIp(id: string) {
  return runAction(floatingIps.remove, { params: { id } });
}
