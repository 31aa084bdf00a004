import { op } from '@/lib/contract/operations';
import { defineRoute } from '@/server/http/define-route';
import { securityGroupOperations } from '@/server/operations/security-groups';

export const POST = defineRoute(op('POST /security-group-rules'), securityGroupOperations.createRule);
