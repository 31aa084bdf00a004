import { op } from '@/lib/contract/operations';
import { defineRoute } from '@/server/http/define-route';
import { userOperations } from '@/server/operations/users';

/** A new one-time set-up link (answered this once); the older one stops working and the user's sessions end. */
export const POST = defineRoute(op('POST /users/{id}/setup-link'), userOperations.issueSetupLink);
