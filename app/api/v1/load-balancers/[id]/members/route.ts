import { op } from '@/lib/contract/operations';
import { defineRoute } from '@/server/http/define-route';
import { loadBalancerOperations } from '@/server/operations/load-balancers';

// B.62 and B.63 share one path; the body's op says which.
export const PATCH = defineRoute(op('PATCH /load-balancers/{id}/members'), loadBalancerOperations.changeMembers);
