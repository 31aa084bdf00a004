import { op } from '@/lib/contract/operations';
import { defineRoute } from '@/server/http/define-route';
import { userOperations } from '@/server/operations/users';

/** Lets a disabled user sign in again. */
export const POST = defineRoute(op('POST /users/{id}/enable'), userOperations.enable);
