import { op } from '@/lib/contract/operations';
import { defineRoute } from '@/server/http/define-route';
import { hostOperations } from '@/server/operations/hosts';

export const POST = defineRoute(op('POST /hosts/{id}/disable'), hostOperations.disable);
