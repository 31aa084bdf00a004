import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safe-next';

describe('safeNextPath', () => {
  it('keeps paths of this console, with their query and hash', () => {
    expect(safeNextPath('/servers?status=active#top')).toBe('/servers?status=active#top');
    expect(safeNextPath('/volumes/abc')).toBe('/volumes/abc');
    expect(safeNextPath('servers')).toBe('/servers');
  });
  it.each([
    '//evil.example/',
    '/\\evil.example/',
    '/\t/evil.example/',
    '/\r\n/evil.example/',
    '\\\\evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    'http://console.invalid@evil.example/',
  ])('sends %j home instead of to another site', (next) => {
    expect(safeNextPath(next)).toBe('/');
  });
  it('treats nothing as home', () => {
    expect(safeNextPath(undefined)).toBe('/');
    expect(safeNextPath('')).toBe('/');
  });
});
