import { op } from '@/lib/contract/operations';
import { defineRoute } from '@/server/http/define-route';
import { projectOperations } from '@/server/operations/projects';

export const POST = defineRoute(op('POST /projects/{id}/enable'), projectOperations.enable);
