import { op } from '@/lib/contract/operations';
import { defineRoute } from '@/server/http/define-route';
import { publicIpOperations } from '@/server/operations/public-ips';

export const POST = defineRoute(op('POST /public-ips/{id}/unbind'), publicIpOperations.unbind);
