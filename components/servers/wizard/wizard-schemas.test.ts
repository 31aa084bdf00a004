import { describe, expect, it } from 'vitest';
import type { Flavor } from '@/lib/contract/flavor';
import type { Image } from '@/lib/contract/image';
import { emptyDraft } from '@/lib/stores/wizard-store';
import { buildRequest, flavorQuotaProblem, imageFlavorProblem, validateRequest, validateStep, type WizardRefs } from './wizard-schemas';

const small: Flavor = { id: 's1.small', name: 's1.small', vcpus: 1, ram_mb: 1024, disk_gb: 20, is_public: true };
const huge: Flavor = { id: 'm1.2xlarge', name: 'm1.2xlarge', vcpus: 16, ram_mb: 65536, disk_gb: 200, is_public: true };
const image = { id: 'img', name: 'debian', architecture: 'x86_64', min_ram_mb: 2048, min_disk_gb: 20 } as Image;
const quota = { total_instances: 10, used_instances: 2, total_vcpus: 20, used_vcpus: 8, total_memory_mb: 51200, used_memory_mb: 4096 };
const refs: WizardRefs = { flavors: [small, huge], images: [image], quota, subnets: [{ id: 'sn', cidr: '192.168.10.0/24' }] };

describe('server wizard validation', () => {
  it('requires a name and a datacenter on the first step', () => {
    expect(validateStep('basics', emptyDraft(), refs)).toMatchObject({ name: expect.any(String), datacenter_id: expect.any(String) });
    expect(validateStep('basics', { ...emptyDraft(), name: 'gis-1', datacenter_id: 'dc-bj1' }, refs)).toEqual({});
  });

  it('refuses a flavor that exceeds the quota, naming the quota', () => {
    expect(flavorQuotaProblem(huge, quota)).toMatch(/vCPUs 8\/20 used, 16 requested/);
    expect(flavorQuotaProblem(small, quota)).toBeNull();
    expect(validateStep('flavor', { ...emptyDraft(), flavor_id: 'm1.2xlarge' }, refs).flavor_id).toMatch(/quota exceeded/);
  });

  it("honours the image's minimum RAM and disk against the flavor", () => {
    expect(imageFlavorProblem(image, small)).toMatch(/2048 MiB RAM/);
    expect(validateStep('image', { ...emptyDraft(), flavor_id: 's1.small', image_id: 'img' }, refs).image_id).toBeDefined();
  });

  it('checks a fixed IP against the subnet CIDR', () => {
    const d = { ...emptyDraft(), network_id: 'n', subnet_id: 'sn' };
    expect(validateStep('network', { ...d, fixed_ip: '10.0.0.1' }, refs).fixed_ip).toMatch(/not inside/);
    expect(validateStep('network', { ...d, fixed_ip: '192.168.11.5' }, refs).fixed_ip).toMatch(/not inside/);
    expect(validateStep('network', { ...d, fixed_ip: '2001:db8::5' }, refs).fixed_ip, 'an IPv6 address in an IPv4 subnet').toMatch(/not inside/);
    const v6 = { ...refs, subnets: [{ id: 'sn6', cidr: '2001:db8::/64' }] };
    expect(validateStep('network', { ...d, subnet_id: 'sn6', fixed_ip: '10.0.0.1' }, v6), 'an IPv6 subnet is left to the API').toEqual({});
    expect(validateStep('network', { ...d, fixed_ip: 'nonsense' }, refs).fixed_ip).toMatch(/IPv4 or IPv6/);
    expect(validateStep('network', { ...d, fixed_ip: '192.168.10.9' }, refs)).toEqual({});
  });

  it('limits boot size, metadata keys and user data', () => {
    expect(validateStep('storage', { ...emptyDraft(), image_id: 'img', boot_size_gb: '10' }, refs).boot_size_gb).toMatch(/at least 20/);
    const md = validateStep('advanced', { ...emptyDraft(), metadata: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }], user_data: 'x'.repeat(65537) }, refs);
    expect(md['metadata.1.key']).toMatch(/duplicate/);
    expect(md.user_data).toMatch(/64 KiB/);
  });

  it('builds a nested request the contract accepts', () => {
    const d = { ...emptyDraft(), name: 'gis-1', datacenter_id: 'dc-bj1', flavor_id: 's1.small', image_id: 'img', network_id: 'n', fixed_ip: '192.168.10.9', boot_size_gb: '30', extra_volumes: [{ kind: 'new' as const, size_gb: 5, name: 'data' }], metadata: [{ key: 'role', value: 'gis' }] };
    const req = buildRequest(d);
    expect(req.networks).toEqual([{ network_id: 'n', fixed_ip: '192.168.10.9' }]);
    expect(req.block_devices).toEqual([{ source_type: 'image', uuid: 'img', size_gb: 30, boot_index: 0 }, { source_type: 'blank', size_gb: 5, name: 'data' }]);
    expect(validateRequest(d).success).toBe(true);
  });
});
