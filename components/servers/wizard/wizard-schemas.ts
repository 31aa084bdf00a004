import { z } from 'zod';
import type { Flavor } from '@/lib/contract/flavor';
import type { Image } from '@/lib/contract/image';
import type { ComputeQuota } from '@/lib/contract/quota';
import { cidrRange, ipInCidr } from '@/lib/network/ip';
import { ServerCreateInput } from '@/lib/contract/server';
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
export function flavorQuotaProblem(f: Flavor, q: ComputeQuota | undefined): string | null {
  if (!q) return null;
  const problems: string[] = [];
  if (q.used_instances + 1 > q.total_instances) problems.push(`instances ${q.used_instances}/${q.total_instances} used, 1 requested`);
  if (q.used_vcpus + f.vcpus > q.total_vcpus) problems.push(`vCPUs ${q.used_vcpus}/${q.total_vcpus} used, ${f.vcpus} requested`);
  if (q.used_memory_mb + f.ram_mb > q.total_memory_mb) problems.push(`RAM ${q.used_memory_mb}/${q.total_memory_mb} MiB used, ${f.ram_mb} MiB requested`);
  return problems.length ? problems.join('; ') : null;
}

/** Why an image cannot boot on a flavor (its min RAM / disk), or null. */
export function imageFlavorProblem(img: Image, f: Flavor | undefined): string | null {
  if (!f) return null;
  const p: string[] = [];
  if (img.min_ram_mb > f.ram_mb) p.push(`needs ${img.min_ram_mb} MiB RAM, flavor has ${f.ram_mb}`);
  if (img.min_disk_gb > f.disk_gb) p.push(`needs ${img.min_disk_gb} GB disk, flavor has ${f.disk_gb}`);
  return p.length ? p.join('; ') : null;
}

export const utf8Bytes = (s: string) => new TextEncoder().encode(s).length;

/** One schema per step, built from the contract's own field schemas plus the checks that need loaded data. */
export function stepSchema(step: WizardStep, refs: WizardRefs) {
  const flavorOf = (id: string) => refs.flavors.find((f) => f.id === id);
  switch (step) {
    case 'basics':
      return z.object({ name: shape.name, description: shape.description, datacenter_id: z.string().min(1, 'choose a datacenter') });
    case 'flavor':
      return z.object({ flavor_id: z.string().min(1, 'choose a flavor') }).superRefine((v, ctx) => {
        const f = flavorOf(v.flavor_id);
        const problem = f && flavorQuotaProblem(f, refs.quota);
        if (problem) ctx.addIssue({ code: 'custom', path: ['flavor_id'], message: `quota exceeded: ${problem}` });
      });
    case 'image':
      return z.object({ image_id: z.string().min(1, 'choose an image'), flavor_id: z.string() }).superRefine((v, ctx) => {
        const img = refs.images.find((i) => i.id === v.image_id);
        const problem = img && imageFlavorProblem(img, flavorOf(v.flavor_id));
        if (problem) ctx.addIssue({ code: 'custom', path: ['image_id'], message: problem });
      });
    case 'network':
      return z
        .object({ network_id: z.string(), subnet_id: z.string(), fixed_ip: z.string().trim() })
        .superRefine((v, ctx) => {
          if (!v.fixed_ip) return;
          if (!v.network_id) return ctx.addIssue({ code: 'custom', path: ['fixed_ip'], message: 'choose a network first' });
          const ip = shape.networks.unwrap().element.shape.fixed_ip.safeParse(v.fixed_ip);
          if (!ip.success) return ctx.addIssue({ code: 'custom', path: ['fixed_ip'], message: 'must be an IPv4 or IPv6 address' });
          const subnet = refs.subnets.find((s) => s.id === v.subnet_id);
          // IPv6 subnets are left to the API to check, as the wizard always has.
          if (subnet && cidrRange(subnet.cidr)?.version === 4 && !ipInCidr(v.fixed_ip, subnet.cidr)) ctx.addIssue({ code: 'custom', path: ['fixed_ip'], message: `${v.fixed_ip} is not inside ${subnet.cidr}` });
        });
    case 'storage':
      return z
        .object({
          boot_size_gb: z.string(),
          image_id: z.string(),
          extra_volumes: z.array(z.union([z.object({ kind: z.literal('new'), size_gb: z.number().int('must be a whole number').min(1, 'must be at least 1').max(16384), name: z.string().max(255) }), z.object({ kind: z.literal('existing'), volume_id: z.string().min(1, 'choose a volume') })])).max(15),
        })
        .superRefine((v, ctx) => {
          if (!v.boot_size_gb) return;
          const n = Number(v.boot_size_gb);
          const min = refs.images.find((i) => i.id === v.image_id)?.min_disk_gb ?? 1;
          if (!Number.isInteger(n) || n < Math.max(1, min)) ctx.addIssue({ code: 'custom', path: ['boot_size_gb'], message: `must be a whole number of at least ${Math.max(1, min)} GB` });
        });
    case 'security':
      return z.object({ security_group_ids: shape.security_group_ids });
    case 'advanced':
      return z
        .object({ metadata: z.array(z.object({ key: z.string().trim().min(1, 'key is required').max(255), value: z.string().max(255) })), user_data: z.string() })
        .superRefine((v, ctx) => {
          const seen = new Set<string>();
          v.metadata.forEach((m, i) => {
            if (seen.has(m.key)) ctx.addIssue({ code: 'custom', path: ['metadata', i, 'key'], message: `duplicate key ${m.key}` });
            seen.add(m.key);
          });
          if (utf8Bytes(v.user_data) > 65536) ctx.addIssue({ code: 'custom', path: ['user_data'], message: 'must be at most 64 KiB' });
        });
    case 'review':
      // The review step checks the whole request instead (validateRequest).
      return z.object({});
  }
}

/** Field → first message, for showing next to the controls. */
export function validateStep(step: WizardStep, draft: ServerDraft, refs: WizardRefs): Record<string, string> {
  const r = stepSchema(step, refs).safeParse(draft);
  if (r.success) return {};
  const errors: Record<string, string> = {};
  for (const i of r.error.issues) {
    const key = i.path.join('.');
    errors[key] ??= i.message;
  }
  return errors;
}

/** The nested API request the draft stands for (not a bag of prefixed fields). */
export function buildRequest(d: ServerDraft) {
  const blockDevices: Array<Record<string, unknown>> = [];
  if (d.boot_size_gb) blockDevices.push({ source_type: 'image', uuid: d.image_id, size_gb: Number(d.boot_size_gb), boot_index: 0 });
  for (const v of d.extra_volumes) blockDevices.push(v.kind === 'new' ? { source_type: 'blank', size_gb: v.size_gb, ...(v.name ? { name: v.name } : {}) } : { source_type: 'volume', uuid: v.volume_id });
  return {
    name: d.name.trim(),
    ...(d.description ? { description: d.description } : {}),
    flavor_id: d.flavor_id,
    image_id: d.image_id,
    ...(d.datacenter_id ? { datacenter_id: d.datacenter_id } : {}),
    networks: d.network_id ? [{ network_id: d.network_id, ...(d.fixed_ip.trim() ? { fixed_ip: d.fixed_ip.trim() } : {}) }] : [],
    ...(blockDevices.length ? { block_devices: blockDevices } : {}),
    ...(d.security_group_ids.length ? { security_group_ids: d.security_group_ids } : {}),
    ...(d.metadata.length ? { metadata: Object.fromEntries(d.metadata.map((m) => [m.key.trim(), m.value])) } : {}),
    ...(d.user_data ? { user_data: d.user_data } : {}),
  };
}

/** The final check before submitting: the whole request against the contract's create schema. */
export function validateRequest(d: ServerDraft) {
  return ServerCreateInput.safeParse(buildRequest(d));
}
