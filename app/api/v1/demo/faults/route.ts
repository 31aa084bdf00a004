import { op } from '@/lib/contract/operations';
import { defineRoute } from '@/server/http/define-route';
import { demoOperations } from '@/server/operations/demo';

export const PUT = defineRoute(op('PUT /demo/faults'), demoOperations.setFaults);
