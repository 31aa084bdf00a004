import { describe, expect, it } from 'vitest';
import type { Volume } from '@/lib/contract/volume';
import {
  attachableServers,
  attachRefusal,
  canDeleteVolume,
  toVolumeCreateInput,
  volumeAttachSchema,
  volumeCreateSchema,
  volumeExtendSchema,
} from './volume-forms';

const base = {
  name: 'd',
  description: '',
  size_gb: 10,
  volume_type: 'standard' as const,
  datacenter_id: 'dc-bj1',
  source: 'empty' as const,
  image_id: '',
  snapshot_id: '',
  multiattach: false,
};
const messages = (r: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.join('.')}:${i.message}`);

describe('volumeCreateSchema', () => {
  const room = { freeGb: 50, freeVolumes: 2 };
  const minDisk = (id: string) => (id === 'img' ? 20 : undefined);
  it('accepts a disk that fits the quota and maps it to the contract input', () => {
    const r = volumeCreateSchema(room, minDisk).safeParse(base);
    expect(r.success).toBe(true);
    expect(toVolumeCreateInput(base)).toEqual({
      name: 'd',
      description: '',
      size_gb: 10,
      volume_type: 'standard',
      datacenter_id: 'dc-bj1',
      multiattach: false,
    });
    expect(toVolumeCreateInput({ ...base, source: 'image', image_id: 'img' }).source).toEqual({ image_id: 'img' });
  });
  it("makes a volume from a snapshot where the snapshot is, at least the snapshot's size", () => {
    const s = volumeCreateSchema(room, minDisk, (id) => (id === 'snap' ? 12 : undefined));
    const fromSnap = { ...base, datacenter_id: '', source: 'snapshot' as const, snapshot_id: 'snap', size_gb: 12 };
    expect(s.safeParse(fromSnap).success).toBe(true);
    expect(messages(s.safeParse({ ...fromSnap, size_gb: 11 }))).toEqual(['size_gb:snapshotMin']);
    expect(messages(s.safeParse({ ...fromSnap, snapshot_id: '' }))).toEqual(['snapshot_id:required']);
    expect(messages(s.safeParse({ ...base, datacenter_id: '' }))).toEqual(['datacenter_id:required']);
    const input = toVolumeCreateInput({ ...fromSnap, datacenter_id: 'dc-bj1' });
    expect(input.source).toEqual({ snapshot_id: 'snap' });
    expect(input.datacenter_id).toBeUndefined();
  });
  it('refuses sizes beyond the quota, non-integers, and images without room', () => {
    const s = volumeCreateSchema(room, minDisk);
    expect(messages(s.safeParse({ ...base, size_gb: 51 }))).toEqual(['size_gb:quota']);
    expect(messages(s.safeParse({ ...base, size_gb: 1.5 }))).toEqual(['size_gb:whole']);
    expect(messages(s.safeParse({ ...base, size_gb: 0 }))).toEqual(['size_gb:min1']);
    expect(messages(s.safeParse({ ...base, source: 'image' }))).toEqual(['image_id:required']);
    expect(messages(s.safeParse({ ...base, source: 'image', image_id: 'img' }))).toEqual(['size_gb:imageMin']);
    expect(messages(volumeCreateSchema({ freeGb: 50, freeVolumes: 0 }, minDisk).safeParse(base))).toEqual([
      'size_gb:quotaCount',
    ]);
  });
});

describe('volumeExtendSchema', () => {
  it('needs a larger size that fits the quota', () => {
    const s = volumeExtendSchema(10, { freeGb: 5, freeVolumes: 0 });
    expect(s.safeParse({ new_size_gb: 15 }).success).toBe(true);
    expect(messages(s.safeParse({ new_size_gb: 10 }))).toEqual(['new_size_gb:notLarger']);
    expect(messages(s.safeParse({ new_size_gb: 16 }))).toEqual(['new_size_gb:quota']);
  });
});

describe('attach rules', () => {
  const vol = (p: Partial<Volume> = {}) => ({
    datacenter_id: 'dc-bj1',
    status: 'available' as Volume['status'],
    multiattach: false,
    attachments: [] as Volume['attachments'],
    ...p,
  });
  const srv = (id: string, p: Partial<{ status: string; datacenter_id: string }> = {}) => ({
    id,
    name: id,
    status: 'active',
    datacenter_id: 'dc-bj1',
    ...p,
  });
  it('offers only servers in the same datacenter that are active or stopped', () => {
    const servers = [
      srv('a'),
      srv('b', { status: 'stopped' }),
      srv('c', { datacenter_id: 'dc-sh1' }),
      srv('d', { status: 'building' }),
    ];
    expect(attachableServers(vol(), servers).map((s) => s.id)).toEqual(['a', 'b']);
    expect(attachRefusal(vol(), servers[2]!)).toBe('datacenter');
    expect(attachRefusal(vol(), servers[3]!)).toBe('status');
  });
  it('a volume in use is offered again only when shareable, never to the same server', () => {
    const inUse = {
      status: 'in-use' as const,
      attachments: [{ server_id: 'a', device: '/dev/vdb', mode: 'rw' as const }],
    };
    expect(attachableServers(vol(inUse), [srv('a'), srv('b')])).toEqual([]);
    expect(attachableServers(vol({ ...inUse, multiattach: true }), [srv('a'), srv('b')]).map((s) => s.id)).toEqual([
      'b',
    ]);
    expect(canDeleteVolume(vol(inUse))).toBe(false);
    expect(canDeleteVolume(vol())).toBe(true);
  });
  it('checks the device path like the API', () => {
    expect(volumeAttachSchema.safeParse({ server_id: 's', mode: 'rw', device: '' }).success).toBe(true);
    expect(volumeAttachSchema.safeParse({ server_id: 's', mode: 'ro', device: '/dev/vdc' }).success).toBe(true);
    expect(messages(volumeAttachSchema.safeParse({ server_id: 's', mode: 'rw', device: 'vdc' }))).toEqual([
      'device:device',
    ]);
  });
});
