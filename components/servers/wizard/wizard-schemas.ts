import { z } from 'zod';
import type { Flavor } from '@/lib/contract/flavor';
import type { Image } from '@/lib/contract/image';
import type { ComputeQuota } from '@/lib/contract/quota';
import { cidrRange, ipInCidr } from '@/lib/network/ip';
import { ServerCreateInput } from '@/lib/contract/server';
import type { Translate } from '@/lib/i18n/translate';
import { describeIssue } from '@/lib/i18n/zod-issue';
import type { ServerDraft, WizardStep } from '@/lib/stores/wizard-store';

/** What the steps need to know beyond the draft itself (loaded lists). */
export interface WizardRefs {
  flavors: Flavor[];
  images: Image[];
  quota?: ComputeQuota;
  subnets: Array<{ id: string; cidr: string }>;
}

const shape = ServerCreateInput.shape;

/** Why a flavor cannot be chosen with the project's remaining quota, or null when it fits. */
export function flavorQuotaProblem(f: Flavor, q: ComputeQuota | undefined, t: Translate): string | null {
  if (!q) return null;
  const problems: string[] = [];
  if (q.used_instances + 1 > q.total_instances)
    problems.push(
      t('wizard.shortfall', {
        resource: t('quota.instances'),
        used: q.used_instances,
        total: q.total_instances,
        requested: 1,
      }),
    );
  if (q.used_vcpus + f.vcpus > q.total_vcpus)
    problems.push(
      t('wizard.shortfall', {
        resource: t('quota.vcpus'),
        used: q.used_vcpus,
        total: q.total_vcpus,
        requested: f.vcpus,
      }),
    );
  if (q.used_memory_mb + f.ram_mb > q.total_memory_mb)
    problems.push(
      t('wizard.shortfall', {
        resource: t('quota.ram'),
        used: q.used_memory_mb,
        total: `${q.total_memory_mb} MiB`,
        requested: `${f.ram_mb} MiB`,
      }),
    );
  return problems.length ? problems.join('; ') : null;
}

/** Why an image cannot boot on a flavor (its min RAM / disk), or null. */
export function imageFlavorProblem(img: Image, f: Flavor | undefined, t: Translate): string | null {
  if (!f) return null;
  const p: string[] = [];
  if (img.min_ram_mb > f.ram_mb) p.push(t('wizard.err.imageRam', { need: img.min_ram_mb, has: f.ram_mb }));
  if (img.min_disk_gb > f.disk_gb) p.push(t('wizard.err.imageDisk', { need: img.min_disk_gb, has: f.disk_gb }));
  return p.length ? p.join('; ') : null;
}

export const utf8Bytes = (s: string) => new TextEncoder().encode(s).length;

/**
 * One schema per step, built from the contract's own field schemas plus the checks that need loaded data. The
 * wizard's own checks raise `custom` issues worded by `t`; the contract's issues are worded by validateStep.
 */
export function stepSchema(step: WizardStep, refs: WizardRefs, t: Translate) {
  const flavorOf = (id: string) => refs.flavors.find((f) => f.id === id);
  const chosen = (message: string) => z.string().refine((s) => s !== '', message);
  switch (step) {
    case 'basics':
      return z.object({
        name: shape.name,
        description: shape.description,
        datacenter_id: chosen(t('wizard.err.datacenter')),
      });
    case 'flavor':
      return z.object({ flavor_id: chosen(t('wizard.err.flavor')) }).superRefine((v, ctx) => {
        const f = flavorOf(v.flavor_id);
        const problem = f && flavorQuotaProblem(f, refs.quota, t);
        if (problem)
          ctx.addIssue({ code: 'custom', path: ['flavor_id'], message: t('wizard.quotaExceeded', { what: problem }) });
      });
    case 'image':
      return z.object({ image_id: chosen(t('wizard.err.image')), flavor_id: z.string() }).superRefine((v, ctx) => {
        const img = refs.images.find((i) => i.id === v.image_id);
        const problem = img && imageFlavorProblem(img, flavorOf(v.flavor_id), t);
        if (problem) ctx.addIssue({ code: 'custom', path: ['image_id'], message: problem });
      });
    case 'network':
      return z
        .object({ network_id: z.string(), subnet_id: z.string(), fixed_ip: z.string().trim() })
        .superRefine((v, ctx) => {
          if (!v.fixed_ip) return;
          if (!v.network_id)
            return ctx.addIssue({ code: 'custom', path: ['fixed_ip'], message: t('wizard.err.networkFirst') });
          const ip = shape.networks.unwrap().element.shape.fixed_ip.safeParse(v.fixed_ip);
          if (!ip.success) return ctx.addIssue({ code: 'custom', path: ['fixed_ip'], message: t('wizard.err.ip') });
          const subnet = refs.subnets.find((s) => s.id === v.subnet_id);
          // IPv6 subnets are left to the API to check, as the wizard always has.
          if (subnet && cidrRange(subnet.cidr)?.version === 4 && !ipInCidr(v.fixed_ip, subnet.cidr))
            ctx.addIssue({
              code: 'custom',
              path: ['fixed_ip'],
              message: t('wizard.fixedIpOutside', { ip: v.fixed_ip, cidr: subnet.cidr }),
            });
        });
    case 'storage':
      return z
        .object({
          boot_size_gb: z.string(),
          image_id: z.string(),
          extra_volumes: z
            .array(
              z.discriminatedUnion('kind', [
                z.object({
                  kind: z.literal('new'),
                  size_gb: z.number().int().min(1).max(16384),
                  name: z.string().max(255),
                }),
                z.object({ kind: z.literal('existing'), volume_id: chosen(t('wizard.err.volume')) }),
                z.object({ kind: z.literal('snapshot'), snapshot_id: chosen(t('wizard.err.snapshot')) }),
              ]),
            )
            .max(15),
        })
        .superRefine((v, ctx) => {
          if (!v.boot_size_gb) return;
          const n = Number(v.boot_size_gb);
          const min = refs.images.find((i) => i.id === v.image_id)?.min_disk_gb ?? 1;
          if (!Number.isInteger(n) || n < Math.max(1, min))
            ctx.addIssue({
              code: 'custom',
              path: ['boot_size_gb'],
              message: t('wizard.err.bootSize', { min: Math.max(1, min) }),
            });
        });
    case 'security':
      return z.object({ security_group_ids: shape.security_group_ids, key_name: z.string().optional() });
    case 'advanced':
      return z
        .object({
          metadata: z.array(z.object({ key: z.string().trim().min(1).max(255), value: z.string().max(255) })),
          user_data: z.string(),
        })
        .superRefine((v, ctx) => {
          const seen = new Set<string>();
          v.metadata.forEach((m, i) => {
            if (seen.has(m.key))
              ctx.addIssue({
                code: 'custom',
                path: ['metadata', i, 'key'],
                message: t('wizard.err.duplicateKey', { key: m.key }),
              });
            seen.add(m.key);
          });
          if (utf8Bytes(v.user_data) > 65536)
            ctx.addIssue({ code: 'custom', path: ['user_data'], message: t('wizard.err.userData') });
        });
    case 'review':
      // The review step checks the whole request instead (validateRequest).
      return z.object({});
  }
}

/** Field → first message in the user's language, for showing next to the controls. */
export function validateStep(
  step: WizardStep,
  draft: ServerDraft,
  refs: WizardRefs,
  t: Translate,
): Record<string, string> {
  const r = stepSchema(step, refs, t).safeParse(draft);
  if (r.success) return {};
  const errors: Record<string, string> = {};
  for (const i of r.error.issues) {
    const key = i.path.join('.');
    errors[key] ??= describeIssue(i, t);
  }
  return errors;
}

/** The nested API request the draft stands for (not a bag of prefixed fields). */
export function buildRequest(d: ServerDraft) {
  const blockDevices: Array<Record<string, unknown>> = [];
  if (d.boot_size_gb)
    blockDevices.push({ source_type: 'image', uuid: d.image_id, size_gb: Number(d.boot_size_gb), boot_index: 0 });
  for (const v of d.extra_volumes)
    blockDevices.push(
      v.kind === 'new'
        ? { source_type: 'blank', size_gb: v.size_gb, ...(v.name ? { name: v.name } : {}) }
        : v.kind === 'existing'
          ? { source_type: 'volume', uuid: v.volume_id }
          : // A disk made from the snapshot, of its size, deleted with the server.
            { source_type: 'snapshot', uuid: v.snapshot_id },
    );
  return {
    name: d.name.trim(),
    ...(d.description ? { description: d.description } : {}),
    flavor_id: d.flavor_id,
    image_id: d.image_id,
    ...(d.datacenter_id ? { datacenter_id: d.datacenter_id } : {}),
    // A draft saved before the placement choice existed has no host: the scheduler chooses.
    ...(d.host ? { host: d.host } : {}),
    networks: d.network_id
      ? [{ network_id: d.network_id, ...(d.fixed_ip.trim() ? { fixed_ip: d.fixed_ip.trim() } : {}) }]
      : [],
    ...(blockDevices.length ? { block_devices: blockDevices } : {}),
    ...(d.security_group_ids.length ? { security_group_ids: d.security_group_ids } : {}),
    ...(d.key_name ? { key_name: d.key_name } : {}),
    ...(d.metadata.length ? { metadata: Object.fromEntries(d.metadata.map((m) => [m.key.trim(), m.value])) } : {}),
    ...(d.user_data ? { user_data: d.user_data } : {}),
  };
}

/** The final check before submitting: the whole request against the contract's create schema. */
export function validateRequest(d: ServerDraft) {
  return ServerCreateInput.safeParse(buildRequest(d));
}
