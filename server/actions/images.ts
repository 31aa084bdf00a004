'use server';
import 'server-only';
import { imageOperations as images } from '../operations/images';
import { runAction, type ActionBody } from './run-action';

/* The console's changes to images (the file itself is uploaded over tus or PUT /images/{id}/file: a stream, no action): each the route's own operation (server/operations/images.ts) run by runAction. */

export async function createImage(input: ActionBody<typeof images.create>, idempotencyKey?: string) {
  return runAction(images.create, { body: input, idempotencyKey });
}

export async function patchImage(id: string, input: ActionBody<typeof images.patch>) {
  return runAction(images.patch, { params: { id }, body: input });
}

/** B.30 from a URL: the server fetches it; the console then polls GET /images/{id} for the progress. */
export async function importImage(id: string, input: ActionBody<typeof images.importFile>) {
  return runAction(images.importFile, { params: { id }, body: input });
}

export async function deleteImage(id: string) {
  return runAction(images.remove, { params: { id } });
}
