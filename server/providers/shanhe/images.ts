import 'server-only';
import type { Image } from '@/lib/contract/image';
import { applyImagePatch, changesProperties, imageSortFields } from '@/lib/contract/image';
import { serverRules } from '@/lib/contract/server';
import { CloudError, conflict, notFound } from '../errors';
import { pageOf } from '../paging';
import type { CloudProvider, ProviderContext } from '../types';
import { shInstanceIn } from './compute';
import { describeAll, listParam, type ShDeps } from './context';
import { settleJob } from './jobs';
import { toImage, type ShImage } from './mappers/image';
import { toServer } from './mappers/instance';
import { shanheUnsupported, type ShanheRefusal } from './unsupported';
import { namesOtherProject } from '../shared/only-project';

export function shImages(d: ShDeps): CloudProvider['images'] {
  async function image(ctx: ProviderContext, id: string): Promise<ShImage> {
    const r = await d.call<{ image_set: ShImage[] }>(ctx, 'DescribeImages', listParam('images', [id]));
    const i = r.image_set[0];
    if (!i || i.status === 'deleted' || i.status === 'ceased') throw notFound('image', id);
    return i;
  }
  const own = (i: ShImage) => {
    if (i.provider === 'system')
      throw new CloudError('forbidden', `image ${i.image_id} is a system image of Shanhe; only your own images change`);
  };
  return {
    async createFromServer(ctx, input) {
      const s = await shInstanceIn(d, ctx, input.server_id, d.s.zone, 'this driver keeps images');
      const status = toServer(s, '', false).status;
      if (!serverRules.allowed('create-image', status))
        throw conflict(
          serverRules.conflictMessage('create-image', `server ${s.instance_name || s.instance_id}`, status),
        );
      // CaptureInstance takes a stopped instance only: narrower than the contract's table, which also captures active ones.
      if (s.status !== 'stopped' || s.transition_status)
        throw conflict(`server ${s.instance_id} must be stopped to be captured as an image`);
      const r = await d.call<{ image_id: string; job_id: string }>(ctx, 'CaptureInstance', {
        instance: s.instance_id,
        image_name: input.name,
      });
      await settleJob(d, ctx, r.job_id, `the image of server ${s.instance_id}`, 300);
      if (input.description)
        await d.call(ctx, 'ModifyImageAttributes', { image: r.image_id, description: input.description });
      return toImage(await image(ctx, r.image_id), ctx.projectId);
    },
    createMetadata: async () => shanheUnsupported.refuse('POST /images#metadata'),
    upload: async () => shanheUnsupported.refuse('PUT /images/{id}/file'),
    uploadFromFile: async () => shanheUnsupported.refuse('PUT /images/{id}/file'),
    importFromUrl: async () => shanheUnsupported.refuse('POST /images/{id}/import'),
    download: async () => shanheUnsupported.refuse('GET /images/{id}/file'),
    async remove(ctx, id) {
      const i = await image(ctx, id);
      own(i);
      const r = await d.call<{ job_id: string }>(ctx, 'DeleteImages', listParam('images', [id]));
      await settleJob(d, ctx, r.job_id, `the deletion of image ${id}`, 300);
    },
    get: async (ctx, id) => toImage(await image(ctx, id), ctx.projectId),
    async update(ctx, id, ops) {
      const i = await image(ctx, id);
      own(i);
      const current = toImage(i, ctx.projectId);
      const result = applyImagePatch(current, ops);
      if (!result.ok)
        throw new CloudError(result.error.kind, `${result.error.path} ${result.error.message}`, [
          { path: result.error.path, message: result.error.message },
        ]);
      if (changesProperties(result.properties)) shanheUnsupported.refuse('PATCH /images/{id}#properties');
      const changed = (Object.keys(result.image) as (keyof Image)[]).filter(
        (k) => JSON.stringify(result.image[k]) !== JSON.stringify(current[k]),
      );
      const others = changed.filter((k) => k !== 'name' && k !== 'description');
      // The fields ModifyImageAttributes cannot change are each an option of PATCH /images/{id} in the driver's table.
      for (const k of others) shanheUnsupported.refuse(`PATCH /images/{id}#path=/${k}` as ShanheRefusal);
      if (!changed.length) return current;
      await d.call(ctx, 'ModifyImageAttributes', {
        image: id,
        image_name: result.image.name,
        description: result.image.description,
      });
      return toImage(await image(ctx, id), ctx.projectId);
    },
    async list(ctx, q) {
      shanheUnsupported.refuseIf(namesOtherProject(ctx), 'GET /images#project_id');
      const rows = await describeAll<ShImage>(d, ctx, 'DescribeImages', 'image_set', {
        ...listParam('status', ['pending', 'available']),
        ...(q.name ? { search_word: q.name } : {}),
        ...(q.visibility ? { visibility: q.visibility } : {}),
      });
      let items = rows.map((i) => toImage(i, ctx.projectId));
      if (q.status) items = items.filter((i) => i.status === q.status);
      if (q.architecture) items = items.filter((i) => i.architecture === q.architecture);
      return pageOf(
        items,
        { ...q, name: undefined },
        Object.fromEntries(imageSortFields.map((f) => [f, (i: Image) => i[f]])),
      );
    },
  };
}
