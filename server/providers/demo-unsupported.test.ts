import { describe, expect, it } from 'vitest';
import { huaweiUnsupported } from './huaweicloud/unsupported';
import { alwaysUnsupported, osUnsupported } from './openstack/unsupported';
import { shanheUnsupported } from './shanhe/unsupported';
import { simUnsupported } from './sim/unsupported';

const demoOps = ['GET /demo', 'POST /demo/reset', 'PUT /demo/faults'] as const;
const reason = "the presenter's panel drives the simulated cloud only";

describe("the presenter's panel on the drivers' tables", () => {
  it.each([
    ['openstack', osUnsupported.table],
    ['openstack (every cloud)', alwaysUnsupported as Partial<Record<string, string>>],
    ['huaweicloud', huaweiUnsupported.table],
    ['shanhe', shanheUnsupported.table],
  ])('%s refuses every demo operation with the reason', (_name, table) => {
    for (const key of demoOps) expect(table[key], key).toBe(reason);
  });

  it('the simulator refuses none of them', () => {
    for (const key of demoOps) expect(simUnsupported.table[key], key).toBeUndefined();
  });
});
