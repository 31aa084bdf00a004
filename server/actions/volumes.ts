'use server';
import 'server-only';
import { volumeOperations as volumes } from '../operations/volumes';
import { runAction, type ActionBody } from './run-action';

/* The console's changes to volumes, each the route's own operation (server/operations/volumes.ts) run by runAction. */

export async function createVolume(input: ActionBody<typeof volumes.create>, idempotencyKey?: string) {
  return runAction(volumes.create, { body: input, idempotencyKey });
}

export async function deleteVolume(id: string) {
  return runAction(volumes.remove, { params: { id } });
}

export async function attachVolume(id: string, input: ActionBody<typeof volumes.attach>) {
  return runAction(volumes.attach, { params: { id }, body: input });
}

export async function detachVolume(id: string, input: ActionBody<typeof volumes.detach>) {
  return runAction(volumes.detach, { params: { id }, body: input });
}

export async function extendVolume(id: string, input: ActionBody<typeof volumes.extend>) {
  return runAction(volumes.extend, { params: { id }, body: input });
}

export async function retypeVolume(id: string, input: ActionBody<typeof volumes.retype>) {
  return runAction(volumes.retype, { params: { id }, body: input });
}
