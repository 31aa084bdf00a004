import { op } from '@/lib/contract/operations';
import { defineRoute } from '@/server/http/define-route';
import { demoOperations } from '@/server/operations/demo';

export const POST = defineRoute(op('POST /demo/reset'), demoOperations.reset);
