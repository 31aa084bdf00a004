import { op } from '@/lib/contract/operations';
import { defineRoute } from '@/server/http/define-route';
import { userOperations } from '@/server/operations/users';

/** An administrator sets a user's password; the user's sessions end at once. */
export const PUT = defineRoute(op('PUT /users/{id}/password'), userOperations.resetPassword);
