import { op } from '@/lib/contract/operations';
import { defineRoute } from '@/server/http/define-route';
import { userOperations } from '@/server/operations/users';

/** Adds the user to the project with a role, or changes their role there (their sessions in it end). */
export const PUT = defineRoute(op('PUT /users/{id}/projects/{project_id}'), userOperations.setMembership);

/** Removes the user from the project; their sessions scoped to it end at once. */
export const DELETE = defineRoute(op('DELETE /users/{id}/projects/{project_id}'), userOperations.removeMembership);
