'use server';
import 'server-only';
import { flavorOperations as flavors } from '../operations/flavors';
import { runAction, type ActionBody } from './run-action';

/* The console's changes to the flavors: each the route's own operation (server/operations/flavors.ts) run by runAction. */

export async function createFlavor(input: ActionBody<typeof flavors.create>, idempotencyKey?: string) {
  return runAction(flavors.create, { body: input, idempotencyKey });
}

export async function deleteFlavor(id: string) {
  return runAction(flavors.remove, { params: { id } });
}
