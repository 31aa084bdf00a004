import { op } from '@/lib/contract/operations';
import { defineRoute } from '@/server/http/define-route';
import { loadBalancerOperations } from '@/server/operations/load-balancers';

// B.62 and B.63: PATCH with the body's op saying which, or POST (add) and DELETE (remove) with the standard's bodies.
export const PATCH = defineRoute(op('PATCH /load-balancers/{id}/members'), loadBalancerOperations.changeMembers);
export const POST = defineRoute(op('POST /load-balancers/{id}/members'), loadBalancerOperations.addMember);
export const DELETE = defineRoute(op('DELETE /load-balancers/{id}/members'), loadBalancerOperations.removeMember);
