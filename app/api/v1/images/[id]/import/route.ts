import { op } from '@/lib/contract/operations';
import { defineRoute } from '@/server/http/define-route';
import { imageOperations } from '@/server/operations/images';

/** B.30 上传镜像 from its 源镜像路径: the cloud fetches the URL itself (server/services/images.ts importImageFile). */
export const POST = defineRoute(op('POST /images/{id}/import'), imageOperations.importFile);
