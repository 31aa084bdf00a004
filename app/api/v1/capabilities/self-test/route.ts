import { op } from '@/lib/contract/operations';
import { defineRoute } from '@/server/http/define-route';
import { capabilityOperations } from '@/server/operations/capabilities';

export const POST = defineRoute(op('POST /capabilities/self-test'), capabilityOperations.selfTest);
