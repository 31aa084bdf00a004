import 'server-only';
import type { Image } from '@/lib/contract/image';
import { applyImagePatch } from '@/lib/contract/image';
import { serverRules } from '@/lib/contract/server';
import { CloudError, conflict } from '../errors';
import { pageOf } from '../paging';
import type { CloudProvider, ProviderContext } from '../types';
import { ecsServer, orNotFound } from './compute';
import type { HwDeps } from './context';
import { failedJob, jobOf, settleJob, trackJob } from './jobs';
import { toImage, type ImsImage } from './mappers/image';
import { toServer } from './mappers/server';
import { getOne, hw, listAll } from './rest';
import { huaweiUnsupported, type HuaweiRefusal } from './unsupported';

/** What IMS's PATCH changes (private images, name/description/min sizes); the rest of a patch is not_supported. */
const imsPatchable: Record<string, string> = {
  name: '/name',
  description: '/__description',
  min_ram_mb: '/min_ram',
  min_disk_gb: '/min_disk',
};

export function hwImages(d: HwDeps): CloudProvider['images'] {
  const ims = (ctx: ProviderContext, id: string) => orNotFound(getOne<ImsImage>(d, ctx, hw.images, id), 'image', id);
  const mine = (ctx: ProviderContext, i: ImsImage) => {
    if (i.visibility === 'public')
      throw new CloudError('forbidden', `image ${i.id} is a public image of Huawei Cloud; only your own images change`);
  };
  async function getImage(ctx: ProviderContext, id: string): Promise<Image> {
    const img = toImage(await ims(ctx, id), ctx.projectId);
    const job = await jobOf(d, ctx, id);
    return job?.status === 'FAIL' ? { ...img, status: 'killed' } : img;
  }
  return {
    async createFromServer(ctx, input) {
      const s = await ecsServer(d, ctx, input.server_id);
      const status = toServer(s, '', false).status;
      if (!serverRules.allowed('create-image', status))
        throw conflict(serverRules.conflictMessage('create-image', `server ${s.name || s.id}`, status));
      const r = await d.call<{ job_id: string }>(ctx, 'ims', 'POST', '/v2/cloudimages/action', {
        body: { name: input.name, instance_id: s.id, description: input.description },
      });
      // The job names the image as soon as IMS registers it (status "saving").
      const deadline = Date.now() + 10_000;
      for (;;) {
        const job = await settleJob(d, ctx, 'ims', r.job_id, 200);
        const id = job.entities?.image_id;
        if (job.status === 'FAIL') throw failedJob(job, `the image of server ${s.id}`);
        if (id) {
          trackJob(id, 'ims', r.job_id, 'create');
          return getImage(ctx, id);
        }
        if (Date.now() > deadline)
          throw new CloudError('unavailable', 'IMS accepted the image but did not name it in time');
      }
    },
    createMetadata: async () => huaweiUnsupported.refuse('POST /images#metadata'),
    upload: async () => huaweiUnsupported.refuse('PUT /images/{id}/file'),
    uploadFromFile: async () => huaweiUnsupported.refuse('PUT /images/{id}/file'),
    importFromUrl: async () => huaweiUnsupported.refuse('POST /images/{id}/import'),
    download: async () => huaweiUnsupported.refuse('GET /images/{id}/file'),
    async remove(ctx, id) {
      const i = await ims(ctx, id);
      mine(ctx, i);
      if (i.protected) throw conflict(`image ${id} is protected`);
      await d.call(ctx, 'ims', 'DELETE', `${hw.images.path}/${encodeURIComponent(id)}`);
    },
    get: (ctx, id) => getImage(ctx, id),
    async update(ctx, id, ops) {
      const i = await ims(ctx, id);
      mine(ctx, i);
      const current = toImage(i, ctx.projectId);
      const result = applyImagePatch(current, ops);
      if (!result.ok)
        throw new CloudError(result.error.kind, `${result.error.path} ${result.error.message}`, [
          { path: result.error.path, message: result.error.message },
        ]);
      const patch: { op: 'replace'; path: string; value: unknown }[] = [];
      for (const [field, path] of Object.entries(imsPatchable)) {
        const next = result.image[field as keyof Image];
        if (next !== current[field as keyof Image]) patch.push({ op: 'replace', path, value: next });
      }
      const others = Object.keys(result.image).filter(
        (k) =>
          !(k in imsPatchable) &&
          JSON.stringify(result.image[k as keyof Image]) !== JSON.stringify(current[k as keyof Image]),
      );
      // The fields IMS cannot change are each an option of PATCH /images/{id} in the driver's table.
      for (const k of others) huaweiUnsupported.refuse(`PATCH /images/{id}#path=/${k}` as HuaweiRefusal);
      if (!patch.length) return current;
      const updated = await d.call<ImsImage>(ctx, 'ims', 'PATCH', `/v2/cloudimages/${encodeURIComponent(id)}`, {
        body: patch,
      });
      return toImage(updated, ctx.projectId);
    },
    async list(ctx, q) {
      const rows = await listAll<ImsImage>(d, ctx, hw.images, {
        name: q.name,
        status: q.status,
        visibility: q.visibility,
      });
      let items = rows.map((i) => toImage(i, ctx.projectId));
      if (q.architecture) items = items.filter((i) => i.architecture === q.architecture);
      return pageOf(
        items,
        q,
        {
          name: (i) => i.name,
          created_at: (i) => i.created_at,
          size_bytes: (i) => i.size_bytes,
          status: (i) => i.status,
        },
        (i) => i.name,
      );
    },
  };
}
