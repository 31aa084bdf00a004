import { describe, expect, it, vi } from 'vitest';
import { operationKey, operations } from '@/lib/contract/operations';
import type { Principal } from '../providers/types';
import { runOperation, type OperationSpec, type RawInput } from './pipeline';
import { outsideContract } from './outside-contract';

// Only the pipeline is under test: its stores are kept out (no database).
vi.mock('../services/audit', () => ({ recordAudit: async () => undefined }));
vi.mock('../services/rate-limit', () => ({ consumeRateLimit: async () => undefined }));
vi.mock('../services/idempotency', () => ({
  claimIdempotencyKey: async () => null,
  settleIdempotencyKey: async () => undefined,
}));

/** The read-only demo visitor as its session knows it: an administrator's view, every change refused. */
const visitor: Principal = {
  userId: 'u-visitor',
  userName: 'visitor',
  projectId: 'p-admin',
  projectName: 'admin',
  roles: ['admin'],
  readOnly: true,
};
const allowed = new Set(['DELETE /auth/tokens', 'POST /auth/projects']);

function raw(method: string, path: string): RawInput {
  return {
    requestId: 'req-ro',
    method,
    path,
    params: { id: 'x', project_id: 'y' },
    query: {},
    readBody: async () => ({}),
  };
}

async function call(
  o: (typeof operations)[number] | (typeof outsideContract)[keyof typeof outsideContract],
  method: string,
) {
  let ran = false;
  const spec: OperationSpec<typeof o, object> = {
    handler: async () => {
      ran = true;
      return { status: 204 };
    },
  };
  const outcome = await runOperation(o, spec, { authenticate: async () => visitor }, raw(method, '/api/v1/x'), {});
  return { ran, outcome };
}

describe('the read-only demo visitor', () => {
  const changes = operations.filter((o) => o.method !== 'get' && o.auth !== 'public');

  it('walks every operation of the contract that changes something', () => {
    expect(changes.length).toBeGreaterThan(60);
  });

  it.each(changes.filter((o) => !allowed.has(operationKey(o))).map((o) => [operationKey(o), o] as const))(
    '%s is refused 403 "read-only demo" before its handler runs',
    async (_key, o) => {
      const { ran, outcome } = await call(o, o.method);
      expect(ran).toBe(false);
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(outcome.failure.status).toBe(403);
      expect(outcome.failure.body.error.message).toMatch(/^read-only demo: /);
      expect(outcome.failure.body.error.message).toContain(operationKey(o));
    },
  );

  it('may still sign out and switch project (neither changes the cloud)', async () => {
    for (const o of changes.filter((c) => allowed.has(operationKey(c)))) {
      // Passed on to the body's own check (the empty test body is refused 400 there, not 403 here).
      const { outcome } = await call(o, o.method);
      expect(outcome.ok || outcome.failure.status, operationKey(o)).not.toBe(403);
    }
  });

  it('reads every operation that reads', async () => {
    for (const o of operations.filter((c) => c.method === 'get' && c.auth !== 'public' && !c.query)) {
      const { ran } = await call(o, 'GET');
      expect(ran, operationKey(o)).toBe(true);
    }
  });

  it('is refused a tus upload (outside the contract) but may ask about one', async () => {
    for (const m of ['POST', 'PATCH', 'DELETE']) {
      const { ran, outcome } = await call(outsideContract.tusUpload, m);
      expect(ran, m).toBe(false);
      expect(outcome.ok || outcome.failure.status).toBe(403);
    }
    expect((await call(outsideContract.tusUpload, 'HEAD')).ran).toBe(true);
  });
});
