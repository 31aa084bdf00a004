import { op } from '@/lib/contract/operations';
import { defineRoute } from '@/server/http/define-route';
import { projectOperations } from '@/server/operations/projects';

export const DELETE = defineRoute(op('DELETE /projects/{id}'), projectOperations.remove);

export const PATCH = defineRoute(op('PATCH /projects/{id}'), projectOperations.update);
