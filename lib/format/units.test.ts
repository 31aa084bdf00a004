import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, percent } from './units';

describe('units', () => {
  it('formats bytes with binary prefixes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(50 * 1024 * 1024)).toBe('50.0 MiB');
    expect(formatBytes(null)).toBe('—');
  });
  it('formats durations and percentages', () => {
    expect(formatDuration(75)).toBe('1m 15s');
    expect(percent(3, 4)).toBe(75);
    expect(percent(1, 0)).toBe(0);
  });
});
