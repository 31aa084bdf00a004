import { describe, expect, it } from 'vitest';
import { maxImageProperties } from '@/lib/contract/image';
import { imagePropertyFormSchema, propertyPatch } from './property-form';

const errors = (existing: string[], editing: string | null, v: { key: string; value: string }) => {
  const r = imagePropertyFormSchema(existing, editing).safeParse(v);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('imagePropertyFormSchema', () => {
  it('accepts a new Glance-style key and any value up to 255 characters', () => {
    expect(errors([], null, { key: 'gis.crs:v-1_x', value: 'EPSG:4490' })).toEqual({});
    expect(errors([], null, { key: 'gis_crs', value: 'v'.repeat(255) })).toEqual({});
  });

  it('names the key for each rule of the contract and B.35', () => {
    expect(errors([], null, { key: '', value: 'v' })).toEqual({ key: 'required' });
    expect(errors([], null, { key: '9x', value: 'v' })).toEqual({ key: 'keyPattern' });
    expect(errors([], null, { key: 'a b', value: 'v' })).toEqual({ key: 'keyPattern' });
    expect(errors([], null, { key: 'k'.repeat(256), value: 'v' })).toEqual({ key: 'keyLong' });
    expect(errors([], null, { key: 'os_distro', value: 'v' })).toEqual({ key: 'reserved' });
    expect(errors(['gis_crs'], null, { key: 'gis_crs', value: 'v' })).toEqual({ key: 'exists' });
    const full = Array.from({ length: maxImageProperties }, (_, i) => `p${i}`);
    expect(errors(full, null, { key: 'more', value: 'v' })).toEqual({ key: 'tooMany' });
  });

  it('names the value when it is too long, and does not re-check the key of an edited property', () => {
    expect(errors([], null, { key: 'gis_crs', value: 'v'.repeat(256) })).toEqual({ value: 'valueLong' });
    expect(errors(['gis_crs'], 'gis_crs', { key: 'gis_crs', value: 'EPSG:4326' })).toEqual({});
  });

  it('builds add for a new key and replace for an edited one', () => {
    expect(propertyPatch({ key: 'gis_crs', value: 'a' }, null)).toEqual([{ op: 'add', path: '/gis_crs', value: 'a' }]);
    expect(propertyPatch({ key: 'ignored', value: 'b' }, 'gis_crs')).toEqual([
      { op: 'replace', path: '/gis_crs', value: 'b' },
    ]);
  });
});
