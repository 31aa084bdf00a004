import { describe, expect, it } from 'vitest';
import { accepts } from './negotiation';

describe('Accept negotiation (RFC 9110 §12.5.1)', () => {
  it.each([
    [null, 'no header'],
    ['', 'an empty header'],
    ['*/*', 'anything'],
    ['application/*', 'any application type'],
    ['application/json', 'JSON itself'],
    ['APPLICATION/JSON; charset=utf-8', 'JSON in capitals, with a parameter'],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', "a browser's navigation"],
    ['application/xml, application/json;q=0.1', 'JSON with a low but non-zero weight'],
    ['application/json;q=0, application/json', 'JSON refused and allowed at the same specificity'],
    ['application/json;q=abc', 'a malformed weight, read as 1'],
  ])('accepts JSON for %j (%s)', (header, _why) => {
    expect(accepts(header, 'application/json')).toBe(true);
  });

  it.each([
    ['application/xml', 'another type only'],
    ['text/html', 'HTML only'],
    ['text/*', 'any text type only'],
    ['application/json;q=0', 'JSON with weight 0'],
    ['application/json;q=0.000, text/html', 'JSON with weight 0.000'],
    ['application/json;q=0, */*', 'JSON refused by name, the wildcard less specific'],
    ['application/*;q=0, */*;q=1', 'every application type refused'],
  ])('refuses JSON for %j (%s)', (header, _why) => {
    expect(accepts(header, 'application/json')).toBe(false);
  });

  it('matches a non-JSON type by its own ranges', () => {
    expect(accepts('text/event-stream', 'text/event-stream')).toBe(true);
    expect(accepts('application/json', 'text/event-stream')).toBe(false);
    expect(accepts('application/octet-stream', 'application/octet-stream')).toBe(true);
    expect(accepts('application/*', 'application/octet-stream')).toBe(true);
    expect(accepts('application/json', 'application/octet-stream')).toBe(false);
  });
});
