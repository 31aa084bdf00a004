import { op } from '@/lib/contract/operations';
import { defineRoute, listReply } from '@/server/http/define-route';
import { keyPairOperations } from '@/server/operations/key-pairs';
import { listKeyPairs } from '@/server/services/key-pairs';

export const GET = defineRoute(op('GET /key-pairs'), {
  handler: async ({ ctx, query }) => listReply('key_pairs', await listKeyPairs(ctx, query)),
});

export const POST = defineRoute(op('POST /key-pairs'), keyPairOperations.create);
