import { op } from '@/lib/contract/operations';
import { defineRoute } from '@/server/http/define-route';
import { userOperations } from '@/server/operations/users';

/** An administrator signs a user out everywhere. */
export const DELETE = defineRoute(op('DELETE /users/{id}/sessions'), userOperations.signOutEverywhere);
