import { op } from '@/lib/contract/operations';
import { defineRoute } from '@/server/http/define-route';
import { loadBalancerOperations } from '@/server/operations/load-balancers';

export const DELETE = defineRoute(
  op('DELETE /load-balancers/{id}/listeners/{listener_id}'),
  loadBalancerOperations.removeListener,
);
