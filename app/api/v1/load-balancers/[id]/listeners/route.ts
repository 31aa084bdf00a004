import { op } from '@/lib/contract/operations';
import { defineRoute } from '@/server/http/define-route';
import { loadBalancerOperations } from '@/server/operations/load-balancers';

export const POST = defineRoute(op('POST /load-balancers/{id}/listeners'), loadBalancerOperations.addListener);
