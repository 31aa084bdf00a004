import { op } from '@/lib/contract/operations';
import { defineRoute } from '@/server/http/define-route';
import { serverOperations } from '@/server/operations/servers';

export const POST = defineRoute(op('POST /servers/{id}/stop'), serverOperations.stop);
