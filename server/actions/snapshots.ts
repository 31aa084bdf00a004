'use server';
import 'server-only';
import { snapshotOperations as snapshots } from '../operations/snapshots';
import { runAction, type ActionBody } from './run-action';

/* The console's changes to snapshots, each the route's own operation (server/operations/snapshots.ts) run by runAction. */

export async function createSnapshot(input: ActionBody<typeof snapshots.create>, idempotencyKey?: string) {
  return runAction(snapshots.create, { body: input, idempotencyKey });
}

export async function updateSnapshot(id: string, input: ActionBody<typeof snapshots.update>) {
  return runAction(snapshots.update, { params: { id }, body: input });
}

export async function deleteSnapshot(id: string) {
  return runAction(snapshots.remove, { params: { id } });
}
