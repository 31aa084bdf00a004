import { describe, expect, it } from 'vitest';
import { tours } from './index';

describe('tour definitions', () => {
  it('each tour has unique step ids, and every step that acts checks its outcome (so the overlay can move on)', () => {
    expect(new Set(tours.map((t) => t.id)).size).toBe(tours.length);
    for (const tour of tours) {
      const steps = tour.steps('abcd');
      expect(new Set(steps.map((s) => s.id)).size, tour.id).toBe(steps.length);
      for (const s of steps) if (s.doIt) expect(s.done, `${tour.id}/${s.id}`).toBeTypeOf('function');
      // The last step only reads: Finish closes the tour, nothing waits for it.
      expect(steps.at(-1)!.doIt, `${tour.id}: last step`).toBeUndefined();
    }
  });

  it('names what a run creates with its suffix, so two runs never collide', () => {
    const [a, b] = ['aaaa', 'bbbb'].map((sfx) => JSON.stringify(tours.map((t) => t.steps(sfx))));
    expect(a).toContain('gis-net-aaaa');
    expect(b).not.toContain('aaaa');
  });
});
