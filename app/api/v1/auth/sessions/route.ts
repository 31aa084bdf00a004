import { op } from '@/lib/contract/operations';
import { defineRoute } from '@/server/http/define-route';
import { authOperations } from '@/server/operations/auth';

export const DELETE = defineRoute(op('DELETE /auth/sessions'), authOperations.signOutEverywhere);
