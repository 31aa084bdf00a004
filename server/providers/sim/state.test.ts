import { describe, expect, it } from 'vitest';
import { effectiveStatus } from './state';

describe('effectiveStatus: transitions derived from the clock', () => {
  const now = Date.parse('2026-01-01T00:00:10Z');
  it('keeps the stored status before the deadline', () => {
    expect(effectiveStatus({ status: 'building', next_status: 'active', settle_at: '2026-01-01T00:00:11Z' }, now)).toBe(
      'building',
    );
  });
  it('answers the next status at and after the deadline', () => {
    expect(effectiveStatus({ status: 'building', next_status: 'active', settle_at: '2026-01-01T00:00:10Z' }, now)).toBe(
      'active',
    );
    expect(
      effectiveStatus({ status: 'building', next_status: 'active', settle_at: new Date('2026-01-01T00:00:01Z') }, now),
    ).toBe('active');
  });
  it('keeps a stable status with no transition', () => {
    expect(effectiveStatus({ status: 'stopped', next_status: null, settle_at: null }, now)).toBe('stopped');
  });
});
