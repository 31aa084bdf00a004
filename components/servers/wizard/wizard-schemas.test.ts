import { describe, expect, it } from 'vitest';
import type { Flavor } from '@/lib/contract/flavor';
import type { Image } from '@/lib/contract/image';
import { translator } from '@/lib/i18n/translate';
import { emptyDraft } from '@/lib/stores/wizard-store';
import {
  buildRequest,
  flavorQuotaProblem,
  imageFlavorProblem,
  validateRequest,
  validateStep,
  type WizardRefs,
} from './wizard-schemas';

const small: Flavor = { id: 's1.small', name: 's1.small', vcpus: 1, ram_mb: 1024, disk_gb: 20, is_public: true };
const huge: Flavor = { id: 'm1.2xlarge', name: 'm1.2xlarge', vcpus: 16, ram_mb: 65536, disk_gb: 200, is_public: true };
const image = { id: 'img', name: 'debian', architecture: 'x86_64', min_ram_mb: 2048, min_disk_gb: 20 } as Image;
const quota = {
  total_instances: 10,
  used_instances: 2,
  total_vcpus: 20,
  used_vcpus: 8,
  total_memory_mb: 51200,
  used_memory_mb: 4096,
};
const en = translator('en');
const zh = translator('zh-CN');
const refs: WizardRefs = {
  flavors: [small, huge],
  images: [image],
  quota,
  subnets: [{ id: 'sn', cidr: '192.168.10.0/24' }],
};

describe('server wizard validation', () => {
  it('requires a name and a datacenter on the first step', () => {
    expect(validateStep('basics', emptyDraft(), refs, en)).toMatchObject({
      name: expect.any(String),
      datacenter_id: expect.any(String),
    });
    expect(validateStep('basics', { ...emptyDraft(), name: 'gis-1', datacenter_id: 'dc-bj1' }, refs, en)).toEqual({});
  });

  it('refuses a flavor that exceeds the quota, naming the quota', () => {
    expect(flavorQuotaProblem(huge, quota, en)).toMatch(/vCPUs 8\/20 used, 16 requested/);
    expect(flavorQuotaProblem(small, quota, en)).toBeNull();
    expect(validateStep('flavor', { ...emptyDraft(), flavor_id: 'm1.2xlarge' }, refs, en).flavor_id).toMatch(
      /Exceeds quota: .*vCPUs 8\/20 used/,
    );
  });

  it("honours the image's minimum RAM and disk against the flavor", () => {
    expect(imageFlavorProblem(image, small, en)).toMatch(/2048 MiB RAM/);
    expect(
      validateStep('image', { ...emptyDraft(), flavor_id: 's1.small', image_id: 'img' }, refs, en).image_id,
    ).toBeDefined();
  });

  it('checks a fixed IP against the subnet CIDR', () => {
    const d = { ...emptyDraft(), network_id: 'n', subnet_id: 'sn' };
    expect(validateStep('network', { ...d, fixed_ip: '10.0.0.1' }, refs, en).fixed_ip).toMatch(/not inside/);
    expect(validateStep('network', { ...d, fixed_ip: '192.168.11.5' }, refs, en).fixed_ip).toMatch(/not inside/);
    expect(
      validateStep('network', { ...d, fixed_ip: '2001:db8::5' }, refs, en).fixed_ip,
      'an IPv6 address in an IPv4 subnet',
    ).toMatch(/not inside/);
    const v6 = { ...refs, subnets: [{ id: 'sn6', cidr: '2001:db8::/64' }] };
    expect(
      validateStep('network', { ...d, subnet_id: 'sn6', fixed_ip: '10.0.0.1' }, v6, en),
      'an IPv6 subnet is left to the API',
    ).toEqual({});
    expect(validateStep('network', { ...d, fixed_ip: 'nonsense' }, refs, en).fixed_ip).toMatch(/IPv4 or IPv6/);
    expect(validateStep('network', { ...d, fixed_ip: '192.168.10.9' }, refs, en)).toEqual({});
  });

  it('limits boot size, metadata keys and user data', () => {
    expect(
      validateStep('storage', { ...emptyDraft(), image_id: 'img', boot_size_gb: '10' }, refs, en).boot_size_gb,
    ).toMatch(/at least 20/);
    const md = validateStep(
      'advanced',
      {
        ...emptyDraft(),
        metadata: [
          { key: 'a', value: '1' },
          { key: 'a', value: '2' },
        ],
        user_data: 'x'.repeat(65537),
      },
      refs,
      en,
    );
    expect(md['metadata.1.key']).toMatch(/Duplicate key a/);
    expect(md.user_data).toMatch(/64 KiB/);
  });

  it('builds a nested request the contract accepts', () => {
    const d = {
      ...emptyDraft(),
      name: 'gis-1',
      datacenter_id: 'dc-bj1',
      flavor_id: 's1.small',
      image_id: 'img',
      network_id: 'n',
      fixed_ip: '192.168.10.9',
      boot_size_gb: '30',
      extra_volumes: [{ kind: 'new' as const, size_gb: 5, name: 'data' }],
      metadata: [{ key: 'role', value: 'gis' }],
    };
    const req = buildRequest(d);
    expect(req.networks).toEqual([{ network_id: 'n', fixed_ip: '192.168.10.9' }]);
    expect(req.block_devices).toEqual([
      { source_type: 'image', uuid: 'img', size_gb: 30, boot_index: 0 },
      { source_type: 'blank', size_gb: 5, name: 'data' },
    ]);
    expect(validateRequest(d).success).toBe(true);
  });

  it("sends an administrator's pinned host, and none when the scheduler chooses", () => {
    const d = { ...emptyDraft(), name: 'pinned', datacenter_id: 'dc-sh1', flavor_id: 's1.small', image_id: 'img' };
    expect(buildRequest(d)).not.toHaveProperty('host');
    const pinned = buildRequest({ ...d, host: 'dc-sh1-compute-1' });
    expect(pinned.host).toBe('dc-sh1-compute-1');
    expect(validateRequest({ ...d, host: 'dc-sh1-compute-1' }).success).toBe(true);
  });

  it('words every message in the console language, zh-CN (the default) and English', () => {
    const draft = {
      ...emptyDraft(),
      network_id: 'n',
      subnet_id: 'sn',
      fixed_ip: '10.0.0.1',
      image_id: 'img',
      boot_size_gb: '10',
    };
    const cases: Array<[Parameters<typeof validateStep>[0], typeof draft, string, RegExp, RegExp]> = [
      ['basics', { ...draft, name: ' ' }, 'name', /^必填$/, /^Required$/],
      ['basics', draft, 'datacenter_id', /请选择数据中心/, /Choose a datacenter/],
      [
        'flavor',
        { ...draft, flavor_id: 'm1.2xlarge' },
        'flavor_id',
        /超出配额：.*vCPU：已用 8 \/ 20，需要 16/,
        /Exceeds quota: .*vCPUs 8\/20 used, 16 requested/,
      ],
      [
        'image',
        { ...draft, flavor_id: 's1.small' },
        'image_id',
        /需要 2048 MiB 内存，规格只有 1024 MiB/,
        /Needs 2048 MiB RAM, the flavor has 1024/,
      ],
      [
        'network',
        draft,
        'fixed_ip',
        /10\.0\.0\.1 不在子网 192\.168\.10\.0\/24 内/,
        /10\.0\.0\.1 is not inside subnet 192\.168\.10\.0\/24/,
      ],
      ['network', { ...draft, fixed_ip: 'nonsense' }, 'fixed_ip', /IPv4 或 IPv6/, /IPv4 or IPv6/],
      ['storage', draft, 'boot_size_gb', /不小于 20 的整数/, /at least 20 GB/],
      [
        'storage',
        { ...draft, boot_size_gb: '', extra_volumes: [{ kind: 'new', size_gb: 1.5, name: '' }] },
        'extra_volumes.0.size_gb',
        /必须是整数/,
        /whole number/,
      ],
      [
        'storage',
        { ...draft, boot_size_gb: '', extra_volumes: [{ kind: 'new', size_gb: 20000, name: '' }] },
        'extra_volumes.0.size_gb',
        /不能大于 16384/,
        /at most 16384/,
      ],
      [
        'storage',
        { ...draft, boot_size_gb: '', extra_volumes: [{ kind: 'existing', volume_id: '' }] },
        'extra_volumes.0.volume_id',
        /请选择云硬盘/,
        /Choose a volume/,
      ],
      [
        'advanced',
        { ...draft, metadata: [{ key: ' ', value: 'x'.repeat(256) }] },
        'metadata.0.key',
        /^必填$/,
        /^Required$/,
      ],
      [
        'advanced',
        { ...draft, metadata: [{ key: 'k', value: 'x'.repeat(256) }] },
        'metadata.0.value',
        /最多 255 个字符/,
        /At most 255 characters/,
      ],
      ['advanced', { ...draft, user_data: 'x'.repeat(65537) }, 'user_data', /不能超过 64 KiB/, /at most 64 KiB/],
    ];
    for (const [step, d, field, zhText, enText] of cases) {
      expect(validateStep(step, d, refs, zh), `${step} ${field} in zh-CN`).toHaveProperty([field]);
      expect(validateStep(step, d, refs, zh)[field], `${step} ${field} in zh-CN`).toMatch(zhText);
      expect(validateStep(step, d, refs, en)[field], `${step} ${field} in English`).toMatch(enText);
    }
  });

  it('leaves no English sentence in the zh-CN messages of a step', () => {
    const md = validateStep(
      'advanced',
      {
        ...emptyDraft(),
        metadata: [
          { key: 'a', value: '1' },
          { key: 'a', value: '2' },
        ],
        user_data: 'x'.repeat(65537),
      },
      refs,
      zh,
    );
    expect(
      Object.values(md).filter((m) => /[a-z]{4,}/i.test(m.replace(/KiB|MiB/g, ''))),
      'messages with English words',
    ).toEqual([]);
  });
});
