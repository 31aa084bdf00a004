import { describe, expect, it } from 'vitest';
import { maxPageSize, pageSizeOf } from './use-list-params';

describe('pageSizeOf (a URL limit → the page size the list uses)', () => {
  it('clamps to what the API allows, so the pager counts pages of the size the rows come in', () => {
    expect(maxPageSize).toBe(100);
    expect(pageSizeOf('200')).toBe(100);
    expect(pageSizeOf('100')).toBe(100);
    expect(pageSizeOf('50')).toBe(50);
    expect(pageSizeOf('30')).toBe(30);
    expect(pageSizeOf('7.9')).toBe(7);
  });
  it('falls back to the default for a missing, zero, negative or non-numeric limit', () => {
    expect(pageSizeOf(null)).toBe(20);
    expect(pageSizeOf('0')).toBe(20);
    expect(pageSizeOf('-5')).toBe(20);
    expect(pageSizeOf('abc')).toBe(20);
    expect(pageSizeOf(null, 50)).toBe(50);
    expect(pageSizeOf(null, 500)).toBe(100);
  });
});
