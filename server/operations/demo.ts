import 'server-only';
import { op } from '@/lib/contract/operations';
import { defineOperation, ok } from '../http/pipeline';
import { resetDemo, setDemoFaults } from '../services/demo';

/** The presenter's panel (admins, simulator only), declared once for its route handler and any server action. */
export const demoOperations = {
  reset: defineOperation(op('POST /demo/reset'), {
    audit: { action: 'demo.reset', resourceType: 'demo', resourceId: () => 'demo' },
    handler: async ({ ctx, body }) => ok(await resetDemo(ctx, body.estate)),
  }),
  setFaults: defineOperation(op('PUT /demo/faults'), {
    audit: { action: 'demo.faults', resourceType: 'demo', resourceId: () => 'demo' },
    handler: async ({ ctx, body }) => ok(await setDemoFaults(ctx, body)),
  }),
};
