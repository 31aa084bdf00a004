import 'server-only';
import type { SelfTestReport } from '@/lib/contract/capabilities';
import { op } from '@/lib/contract/operations';
import { defineOperation, ok } from '../http/pipeline';
import { runSelfTest } from '../services/self-test';

/** The conformance self-test, declared once for its route handler and its server action (server/operations/README.md). */
export const capabilityOperations = {
  selfTest: defineOperation(op('POST /capabilities/self-test'), {
    // The audit names the scratch project it made and removed (the report's own record of it).
    audit: {
      action: 'capabilities.self_test',
      resourceType: 'project',
      resourceId: (_params, reply) => (reply.body as SelfTestReport | undefined)?.scratch.project,
    },
    handler: async ({ ctx }) => ok(await runSelfTest(ctx)),
  }),
};
