import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { keyPairOperations } from '@/server/operations/key-pairs';
import { getKeyPair } from '@/server/services/key-pairs';

export const GET = defineRoute(op('GET /key-pairs/{name}'), {
  handler: async ({ ctx, params }) => ok({ key_pair: await getKeyPair(ctx, params.name) }),
});

export const DELETE = defineRoute(op('DELETE /key-pairs/{name}'), keyPairOperations.remove);
