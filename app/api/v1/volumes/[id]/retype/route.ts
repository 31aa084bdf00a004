import { op } from '@/lib/contract/operations';
import { defineRoute } from '@/server/http/define-route';
import { volumeOperations } from '@/server/operations/volumes';

export const POST = defineRoute(op('POST /volumes/{id}/retype'), volumeOperations.retype);
