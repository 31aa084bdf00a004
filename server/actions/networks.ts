'use server';
import 'server-only';
import { networkOperations as networks } from '../operations/networks';
import { runAction, type ActionBody } from './run-action';

/* The console's changes to networks and subnets: each the route's own operation (server/operations/networks.ts) run by runAction. */

export async function createNetwork(input: ActionBody<typeof networks.create>, idempotencyKey?: string) {
  return runAction(networks.create, { body: input, idempotencyKey });
}

export async function deleteNetwork(id: string) {
  return runAction(networks.remove, { params: { id } });
}

export async function createSubnet(
  id: string,
  input: ActionBody<typeof networks.createSubnet>,
  idempotencyKey?: string,
) {
  return runAction(networks.createSubnet, { params: { id }, body: input, idempotencyKey });
}

export async function deleteSubnet(id: string) {
  return runAction(networks.removeSubnet, { params: { id } });
}
