'use server';
import 'server-only';
import { keyPairOperations as keyPairs } from '../operations/key-pairs';
import { runAction, type ActionBody } from './run-action';

/* The console's changes to key pairs: each the route's own operation (server/operations/key-pairs.ts) run by runAction. */

export async function createKeyPair(input: ActionBody<typeof keyPairs.create>) {
  return runAction(keyPairs.create, { body: input });
}

export async function deleteKeyPair(name: string) {
  return runAction(keyPairs.remove, { params: { name } });
}
