import { UserCreateInput } from '@/lib/contract/auth';
import { created, defineRoute } from '@/server/http/define-route';
import { createUser } from '@/server/services/identity';

export const POST = defineRoute({
  body: UserCreateInput,
  audit: { action: 'user.create', resourceType: 'user' },
  handler: async ({ ctx, body }) => created({ user: await createUser(ctx, body) }),
});
