import { op } from '@/lib/contract/operations';
import { defineRoute } from '@/server/http/define-route';
import { userOperations } from '@/server/operations/users';

/** A disabled user cannot sign in; their sessions end at once. */
export const POST = defineRoute(op('POST /users/{id}/disable'), userOperations.disable);
