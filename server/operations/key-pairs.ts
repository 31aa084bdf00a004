import 'server-only';
import { op } from '@/lib/contract/operations';
import { created, defineOperation, noContent } from '../http/pipeline';
import { createKeyPair, deleteKeyPair } from '../services/key-pairs';

/**
 * The key pairs' changes (server/operations/README.md). The create is not idempotent on purpose: a replayed answer
 * would have to be stored, and a generated pair's answer carries its private key, which the console never stores.
 */
export const keyPairOperations = {
  create: defineOperation(op('POST /key-pairs'), {
    audit: {
      action: 'key_pair.create',
      resourceType: 'key_pair',
      resourceId: (_params, reply) => (reply.body as { key_pair?: { name?: string } } | undefined)?.key_pair?.name,
    },
    handler: async ({ ctx, body }) =>
      created({ key_pair: await createKeyPair(ctx, body) }, { 'Cache-Control': 'no-store' }),
  }),
  remove: defineOperation(op('DELETE /key-pairs/{name}'), {
    audit: { action: 'key_pair.delete', resourceType: 'key_pair', resourceId: (params) => params.name },
    handler: async ({ ctx, params }) => {
      await deleteKeyPair(ctx, params.name);
      return noContent();
    },
  }),
};
