import { op } from '@/lib/contract/operations';
import { defineRoute } from '@/server/http/define-route';
import { networkOperations } from '@/server/operations/networks';

export const POST = defineRoute(op('POST /networks/{id}/subnets'), networkOperations.createSubnet);
