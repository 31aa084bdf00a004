import assert from 'node:assert/strict';

/**
 * The few matchers the driver contract uses, on Node's own `assert`: the same checks run under vitest (the
 * drivers' test files) and inside the console (the capabilities page's self-test), where no test framework is
 * loaded. A failed check throws assert's AssertionError with the message the caller gave, or assert's own.
 */
export function expect<T>(actual: T, message?: string) {
  const say = (what: string) => (message ? `${message}: ${what}` : what);
  return {
    toBe(expected: T) {
      assert.ok(Object.is(actual, expected), say(`expected ${show(expected)}, got ${show(actual)}`));
    },
    toEqual(expected: T) {
      assert.deepStrictEqual(actual, expected, message);
    },
    toBeDefined() {
      assert.ok(actual !== undefined, say('expected a value, got undefined'));
    },
    toBeTruthy() {
      assert.ok(actual, say(`expected a truthy value, got ${show(actual)}`));
    },
    toBeGreaterThan(n: number) {
      assert.ok((actual as number) > n, say(`expected more than ${n}, got ${show(actual)}`));
    },
    toBeGreaterThanOrEqual(n: number) {
      assert.ok((actual as number) >= n, say(`expected at least ${n}, got ${show(actual)}`));
    },
    toContain(item: T extends readonly (infer I)[] ? I : never) {
      assert.ok(
        (actual as readonly unknown[]).includes(item),
        say(`expected ${show(actual)} to contain ${show(item)}`),
      );
    },
    /** Every field of `expected` is in `actual` with an equal value (others may be there too). */
    toMatchObject(expected: Partial<T>) {
      const picked = Object.fromEntries(Object.keys(expected).map((k) => [k, (actual as Record<string, unknown>)[k]]));
      assert.deepStrictEqual(picked, expected, message);
    },
  };
}

function show(v: unknown): string {
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 200 ? `${s.slice(0, 200)}…` : s;
  } catch {
    return String(v);
  }
}
