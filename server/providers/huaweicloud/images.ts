import 'server-only';
import type { Image } from '@/lib/contract/image';
import { applyImagePatch, changesProperties, imageRules } from '@/lib/contract/image';
import { serverRules } from '@/lib/contract/server';
import { log } from '../../log';
import { CloudError, conflict, notSupported } from '../errors';
import { pageOf } from '../paging';
import { CLAIM_LEASE_MS, claimCloudJob, cloudJob, dropCloudJob, putCloudJob } from '../public-cloud/cloud-jobs';
import { keyOf } from '../public-cloud/credentials';
import type { ByteStream, CloudProvider, ProviderContext } from '../types';
import { ecsServer, orNotFound } from './compute';
import type { HwDeps } from './context';
import { failedJob, getJob, jobOf, settleJob, trackJob, type HwJob } from './jobs';
import { SHA256_TAG, toImage, type ImsImage } from './mappers/image';
import { toServer } from './mappers/server';
import { obsClient, type ObsClient } from './obs';
import { uploadFileToObs, uploadStreamToObs, type ObsUploadResult } from './obs-upload';
import { getOne, hw, listAll } from './rest';
import type { ObsSettings } from './settings';
import { huaweiNoObs, huaweiUnsupported, type HuaweiRefusal } from './unsupported';
import { namesOtherProject } from '../shared/only-project';

/**
 * Images whose file is on its way to OBS, through any replica: shown as `uploading` (IMS still says `queued`) and
 * closed to a second upload meanwhile — the cloud_jobs claim of slot 'upload', held under a lease its replica renews.
 */
const uploading = async (id: string) => (await cloudJob('huaweicloud', 'upload', id, CLAIM_LEASE_MS)) !== null;
/**
 * Export jobs still running per image (a download asked again while IMS exports finds the same job, on whichever
 * replica it lands): the cloud_jobs rows of slot 'export', the object key in `detail`.
 */
const exportOf = async (id: string, key: string) => {
  const row = await cloudJob('huaweicloud', 'export', id);
  return row?.jobId && row.detail?.key === key ? row.jobId : undefined;
};

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
    if (job?.status === 'FAIL') return { ...img, status: 'killed' };
    return img.status === 'queued' && (await uploading(id)) ? { ...img, status: 'uploading' } : img;
  }
  const obsOf = (ctx: ProviderContext): { obs: ObsClient; o: ObsSettings } => {
    const o = d.s.obs;
    if (!o) return huaweiNoObs.refuse('PUT /images/{id}/file');
    return { obs: obsClient(o, d.s.region, keyOf(ctx), d.s.timeoutMs), o };
  };
  /** Deletes an object IMS no longer needs; a failure only leaves a stray object (logged), never fails the call. */
  const dropObject = (obs: ObsClient, o: ObsSettings, key: string) => {
    if (o.keepObjects) return Promise.resolve();
    return obs
      .remove(key)
      .catch((e: unknown) =>
        log.warn({ err: e, bucket: obs.bucket, key }, 'could not delete an OBS object IMS is done with'),
      );
  };

  async function dropLeftovers(ctx: ProviderContext, o: ObsSettings, id: string, format: string) {
    const obs = obsClient(o, d.s.region, keyOf(ctx), d.s.timeoutMs);
    const key = `${o.prefix}${id}.${format}`;
    try {
      for (const uploadId of await obs.uploadsOf(key)) await obs.abort(key, uploadId);
      if (!o.keepObjects) {
        await obs.remove(key);
        await obs.remove(`${o.prefix}${id}.export.${format}`);
      }
    } catch (e) {
      log.warn({ err: e, bucket: o.bucket, key }, 'could not clear the OBS leftovers of a deleted image');
    }
  }

  /**
   * B.30 the Huawei way: the file goes to OBS (`put`), its SHA-256 is kept as an image tag, and IMS registers the
   * object into the queued image (`PUT /v1/cloudimages/{id}/upload`, image_url "bucket:object"). Waits for the IMS job
   * up to imsWaitMs: then the image is `active` (or the job's failure is the error); a longer import answers the
   * image as IMS shows it meanwhile, the job tracked, and the object is deleted when the job ends.
   */
  async function importFile(
    ctx: ProviderContext,
    id: string,
    put: (obs: ObsClient, key: string, partSize: number) => Promise<ObsUploadResult>,
  ): Promise<Image> {
    const { obs, o } = obsOf(ctx);
    const i = await ims(ctx, id);
    mine(ctx, i);
    const status = (await getImage(ctx, id)).status;
    if (!imageRules.allowed('upload', status))
      throw conflict(imageRules.conflictMessage('upload', `image ${i.name || id}`, status));
    const key = `${o.prefix}${id}.${i.disk_format ?? 'qcow2'}`;
    // Checked and claimed in one statement: a second upload racing this one, on any replica, is refused.
    const release = await claimCloudJob('huaweicloud', 'upload', id);
    if (!release) throw conflict(`image ${i.name || id} is already being uploaded to OBS`);
    let result: ObsUploadResult;
    try {
      result = await put(obs, key, o.partSize);
    } finally {
      await release().catch((e: unknown) => log.warn({ err: e, image: id }, 'could not release an upload claim'));
    }
    // One checksum tag: one left by an earlier attempt whose import failed goes first.
    const tagPath = (t: string) => `/v2/images/${encodeURIComponent(id)}/tags/${encodeURIComponent(t)}`;
    const shaTag = SHA256_TAG + result.sha256;
    for (const t of i.tags ?? [])
      if (t.startsWith(SHA256_TAG) && t !== shaTag) await d.call(ctx, 'ims', 'DELETE', tagPath(t));
    await d.call(ctx, 'ims', 'PUT', tagPath(shaTag));
    const r = await d.call<{ job_id: string }>(ctx, 'ims', 'PUT', `/v1/cloudimages/${encodeURIComponent(id)}/upload`, {
      body: { image_url: `${obs.bucket}:${key}` },
    });
    const job = await settleJob(d, ctx, 'ims', r.job_id, o.imsWaitMs);
    if (job.status === 'FAIL') {
      await dropObject(obs, o, key);
      throw failedJob(job, `IMS's import of ${obs.bucket}:${key} into image ${id}`);
    }
    if (job.status === 'SUCCESS') await dropObject(obs, o, key);
    else {
      await trackJob(id, 'ims', r.job_id, 'create');
      // Followed past the request: without its abort signal, which ends with the request.
      void waitJob({ ...ctx, signal: undefined }, r.job_id).then((j) =>
        j?.status === 'SUCCESS' ? dropObject(obs, o, key) : undefined,
      );
    }
    return getImage(ctx, id);
  }
  /** Polls a job until it ends (a minute between looks once it has run long); null if it could not be read. */
  async function waitJob(ctx: ProviderContext, jobId: string): Promise<HwJob | null> {
    for (let wait = 2000; ; wait = Math.min(wait * 2, 60_000)) {
      await new Promise((r) => setTimeout(r, wait));
      try {
        const job = await getJob(d, ctx, 'ims', jobId);
        if (job.status === 'SUCCESS' || job.status === 'FAIL') return job;
      } catch (e) {
        log.warn({ err: e, jobId }, 'stopped following an IMS job');
        return null;
      }
    }
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
          await trackJob(id, 'ims', r.job_id, 'create');
          return getImage(ctx, id);
        }
        if (Date.now() > deadline)
          throw new CloudError('unavailable', 'IMS accepted the image but did not name it in time');
      }
    },
    async createMetadata(ctx, input) {
      if (!d.s.obs) return huaweiNoObs.refuse('POST /images#metadata');
      // IMS's native metadata call (POST /v2/images) makes a private image only and has no architecture field.
      huaweiUnsupported.refuseIf(input.visibility === 'public', 'POST /images#visibility=public');
      huaweiUnsupported.refuseIf(input.architecture === 'aarch64', 'POST /images#architecture=aarch64');
      huaweiUnsupported.refuseIf(Object.keys(input.properties).length > 0, 'POST /images#properties');
      const created = await d.call<ImsImage>(ctx, 'ims', 'POST', '/v2/images', {
        body: {
          name: input.name,
          container_format: 'bare',
          disk_format: input.disk_format,
          min_ram: input.min_ram_mb,
          min_disk: input.min_disk_gb,
          protected: input.protected,
          visibility: 'private',
          tags: input.tags,
        },
      });
      // The native call takes no description: IMS's own PATCH sets it.
      if (input.description)
        await d.call<ImsImage>(ctx, 'ims', 'PATCH', `/v2/cloudimages/${encodeURIComponent(created.id)}`, {
          body: [{ op: 'replace', path: '/__description', value: input.description }],
        });
      return getImage(ctx, created.id);
    },
    upload: (ctx, id, body: ByteStream, expectedBytes) =>
      importFile(ctx, id, (obs, key, partSize) => uploadStreamToObs(obs, key, body, partSize, expectedBytes)),
    uploadFromFile: (ctx, id, filePath) =>
      importFile(ctx, id, (obs, key, partSize) => uploadFileToObs(obs, key, filePath, partSize)),
    /**
     * IMS exports the image to an OBS object (`POST /v1/cloudimages/{id}/file`, a job), which is then streamed from
     * OBS. An export already in OBS (an earlier download, or one that outlived its request) is streamed at once.
     */
    async download(ctx, id) {
      if (!d.s.obs) return huaweiNoObs.refuse('GET /images/{id}/file');
      const { obs, o } = obsOf(ctx);
      const i = await ims(ctx, id);
      const image = toImage(i, ctx.projectId);
      if (!imageRules.allowed('download', image.status))
        throw conflict(imageRules.conflictMessage('download', `image ${i.name || id}`, image.status));
      if (i.visibility === 'public' && i.owner !== ctx.projectId)
        throw notSupported(`image ${i.name || id} is a public image of Huawei Cloud, which IMS does not export`);
      const key = `${o.prefix}${id}.export.${image.disk_format}`;
      if (!(await obs.head(key))) {
        let running = await exportOf(id, key);
        const found = !!running;
        if (!running) {
          const r = await d.call<{ job_id: string }>(
            ctx,
            'ims',
            'POST',
            `/v1/cloudimages/${encodeURIComponent(id)}/file`,
            {
              body: { bucket_url: `${obs.bucket}:${key}`, file_format: image.disk_format },
            },
          );
          running = r.job_id;
          await putCloudJob('huaweicloud', 'export', id, { service: 'ims', jobId: running, detail: { key } });
        }
        const job = await settleJob(d, ctx, 'ims', running, o.imsWaitMs);
        if (job.status === 'RUNNING' || job.status === 'INIT') {
          // Asked again while it runs: kept fresh past the 30 minutes a long export may take.
          if (found)
            await putCloudJob('huaweicloud', 'export', id, { service: 'ims', jobId: running, detail: { key } });
          throw new CloudError(
            'unavailable',
            `IMS is still exporting image ${id} to ${obs.bucket}:${key}; ask for the file again in a minute`,
            undefined,
            undefined,
            60,
          );
        }
        await dropCloudJob('huaweicloud', 'export', id, running);
        if (job.status === 'FAIL') throw failedJob(job, `IMS's export of image ${id} to OBS`);
      }
      const { stream, size } = await obs.get(key, ctx.signal);
      // Once the whole file has gone out the export is deleted (unless kept); a download cut short leaves it for the next.
      const passOn = new TransformStream<Uint8Array, Uint8Array>({
        flush: () => dropObject(obs, o, key),
      });
      return { stream: stream.pipeThrough(passOn) as ByteStream, size: size >= 0 ? size : (image.size_bytes ?? 0) };
    },
    importFromUrl: async () => huaweiUnsupported.refuse('POST /images/{id}/import'),
    async remove(ctx, id) {
      const i = await ims(ctx, id);
      mine(ctx, i);
      if (await uploading(id))
        throw conflict(`image ${i.name || id} is being uploaded to OBS: delete it once the upload ends`);
      if (i.protected) throw conflict(`image ${id} is protected`);
      await d.call(ctx, 'ims', 'DELETE', `${hw.images.path}/${encodeURIComponent(id)}`);
      // An upload given up on leaves its parts in OBS (kept for a resume) and a download cut short its export:
      // with the image gone neither has a use. Best effort: a failure leaves stray objects, logged, not an error.
      if (d.s.obs && i.owner === ctx.projectId) await dropLeftovers(ctx, d.s.obs, id, i.disk_format ?? 'qcow2');
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
      if (changesProperties(result.properties)) huaweiUnsupported.refuse('PATCH /images/{id}#properties');
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
      huaweiUnsupported.refuseIf(namesOtherProject(ctx), 'GET /images#project_id');
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
