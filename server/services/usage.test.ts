import { describe, expect, it } from 'vitest';
import { CloudError } from '../providers/errors';
import { usageWindow } from './usage';

const now = Date.parse('2026-12-03T12:00:00.000Z');
const field = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof CloudError ? e.details?.[0]?.path : 'not a CloudError';
  }
  return 'no error';
};

describe('usageWindow', () => {
  it('defaults to the last 7 days by the hour', () => {
    expect(usageWindow({}, now)).toEqual({ from: now - 7 * 86_400_000, to: now, step: 'hour' });
  });
  it('defaults to days beyond 31 days, and cuts a future `to` at now', () => {
    const w = usageWindow({ from: '2026-10-01T00:00:00Z', to: '2026-12-31T00:00:00+08:00' }, now);
    expect(w).toEqual({ from: Date.parse('2026-10-01T00:00:00Z'), to: now, step: 'day' });
  });
  it('refuses, naming the field, `to` not after `from`, a range over 92 days, too many points, a future `from`', () => {
    expect(field(() => usageWindow({ from: '2026-12-02T00:00:00Z', to: '2026-12-02T00:00:00Z' }, now))).toBe('to');
    expect(field(() => usageWindow({ from: '2026-08-01T00:00:00Z', to: '2026-12-01T00:00:00Z' }, now))).toBe('from');
    expect(
      field(() => usageWindow({ from: '2026-09-10T00:00:00Z', to: '2026-12-01T00:00:00Z', step: 'hour' }, now)),
    ).toBe('step');
    expect(field(() => usageWindow({ from: '2026-12-04T00:00:00Z', to: '2026-12-05T00:00:00Z' }, now))).toBe('from');
  });
});
