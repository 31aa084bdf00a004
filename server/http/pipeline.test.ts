import { beforeEach, describe, expect, it, vi } from 'vitest';
import { op } from '@/lib/contract/operations';
import { CloudError } from '../providers/errors';
import type { Principal } from '../providers/types';
import type { AuditEntry } from '../services/audit';
import { accepted, runOperation, type PrincipalSource, type RawInput } from './pipeline';

// The pipeline's stores are the database's; here they are kept in memory so that only the pipeline is under test.
const audit: AuditEntry[] = [];
const rateLimited: string[] = [];
const keys = new Map<string, { fingerprint: string; reply: { status: number; body: unknown } | null }>();
vi.mock('../services/audit', () => ({ recordAudit: async (e: AuditEntry) => void audit.push(e) }));
vi.mock('../services/rate-limit', () => ({
  consumeRateLimit: async (principal: string) => void rateLimited.push(principal),
}));
vi.mock('../services/idempotency', () => ({
  claimIdempotencyKey: async (principal: string, key: string, fingerprint: string) => {
    const found = keys.get(`${principal} ${key}`);
    if (!found) {
      keys.set(`${principal} ${key}`, { fingerprint, reply: null });
      return null;
    }
    if (found.fingerprint !== fingerprint)
      throw new CloudError('conflict', 'Idempotency-Key was already used with a different request body');
    return found.reply;
  },
  holdIdempotencyKey: () => () => undefined,
  settleIdempotencyKey: async (principal: string, key: string, reply: { status: number; body: unknown } | null) => {
    const found = keys.get(`${principal} ${key}`);
    if (found && reply) found.reply = reply;
  },
}));

const member: Principal = {
  userId: 'u-member',
  userName: 'alice',
  projectId: 'p1',
  projectName: 'p',
  roles: ['member'],
};
const admin: Principal = { ...member, userId: 'u-admin', userName: 'root', roles: ['admin'] };

/** A principal source such as a server action's: the session is already known, no HTTP request exists. */
const signedIn = (principal: Principal): PrincipalSource => ({ authenticate: async () => principal });

function raw(over: Partial<RawInput> & { body?: unknown } = {}): RawInput {
  const { body, ...rest } = over;
  return {
    requestId: 'req-1',
    method: 'POST',
    path: '/api/v1/servers/s-1/reboot',
    params: { id: 's-1' },
    query: {},
    readBody: async () => body,
    ...rest,
  };
}

const reboot = op('POST /servers/{id}/reboot');
const server = { id: 's-1', name: 'web' };

beforeEach(() => {
  audit.length = 0;
  rateLimited.length = 0;
  keys.clear();
});

describe('runOperation, the transport-agnostic pipeline', () => {
  it("parses the body with the operation's schema and hands the handler typed params and body", async () => {
    const seen: Array<[string, string]> = [];
    const outcome = await runOperation(
      reboot,
      {
        audit: { action: 'server.reboot', resourceType: 'server' },
        handler: async ({ params, body }) => {
          seen.push([params.id, body.type]);
          // A stand-in for the service's answer, shaped as the operation's success body.
          return accepted({ server: { ...server, status: 'rebooting' } as never });
        },
      },
      signedIn(member),
      raw({ body: { type: 'hard' } }),
      {},
    );
    expect(outcome).toMatchObject({ ok: true, reply: { status: 202 } });
    expect(seen).toEqual([['s-1', 'hard']]);
    expect(rateLimited).toEqual(['u-member']);
    expect(audit).toMatchObject([
      { action: 'server.reboot', resource_id: 's-1', result: 'success', status_code: 202, request_id: 'req-1' },
    ]);
  });

  it('returns the contract error body of a bad field instead of throwing, and audits the failure', async () => {
    const handler = vi.fn();
    const outcome = await runOperation(
      reboot,
      { audit: { action: 'server.reboot', resourceType: 'server' }, handler },
      signedIn(member),
      raw({ body: { type: 'gentle' } }),
      {},
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.failure.status).toBe(400);
    expect(outcome.failure.body.error).toMatchObject({ code: 400, type: 'invalid', request_id: 'req-1' });
    expect(outcome.failure.body.error.details?.map((d) => d.path)).toEqual(['type']);
    expect(handler).not.toHaveBeenCalled();
    expect(audit).toMatchObject([{ result: 'failure', status_code: 400 }]);
  });

  it('returns 401 when the principal source has no caller, with no audit record', async () => {
    const none: PrincipalSource = {
      authenticate: async () => Promise.reject(new CloudError('unauthorized', 'your session has ended; sign in again')),
    };
    const outcome = await runOperation(
      reboot,
      { audit: { action: 'server.reboot', resourceType: 'server' }, handler: vi.fn() },
      none,
      raw({ body: { type: 'soft' } }),
      {},
    );
    expect(outcome).toMatchObject({
      ok: false,
      failure: {
        status: 401,
        body: { error: { type: 'unauthorized', message: 'your session has ended; sign in again' } },
      },
    });
    expect(audit).toEqual([]);
  });

  it("refuses an admin operation to others (403) once the input parsed, from the row's auth", async () => {
    const migrate = op('POST /servers/{id}/live-migrate');
    const handler = vi.fn(async () => accepted({ server: server as never }));
    const bad = await runOperation(migrate, { handler }, signedIn(member), raw({ body: {} }), {});
    expect(bad).toMatchObject({ ok: false, failure: { status: 400 } });
    const refused = await runOperation(migrate, { handler }, signedIn(member), raw({ body: { host: 'h2' } }), {});
    expect(refused).toMatchObject({
      ok: false,
      failure: {
        status: 403,
        body: { error: { message: 'POST /servers/{id}/live-migrate is for administrators only' } },
      },
    });
    expect(handler).not.toHaveBeenCalled();
    expect(await runOperation(migrate, { handler }, signedIn(admin), raw({ body: { host: 'h2' } }), {})).toMatchObject({
      ok: true,
      reply: { status: 202 },
    });
    expect(handler).toHaveBeenCalledOnce();
  });

  it('answers a repeated Idempotency-Key with the first answer, without calling the service again', async () => {
    const create = op('POST /volumes');
    const handler = vi.fn(async () => accepted({ volume: { id: 'v-1' } as never }));
    const call = () =>
      runOperation(
        create,
        { idempotent: true, handler },
        signedIn(member),
        raw({ path: '/api/v1/volumes', params: {}, body: { size_gb: 10 }, idempotencyKey: 'k-1' }),
        {},
      );
    expect(await call()).toMatchObject({ ok: true, reply: { status: 202, body: { volume: { id: 'v-1' } } } });
    expect(await call()).toMatchObject({
      ok: true,
      reply: { status: 202, body: { volume: { id: 'v-1' } }, headers: { 'Idempotent-Replayed': 'true' } },
    });
    expect(handler).toHaveBeenCalledOnce();
  });

  it('admits a public operation through the source without authenticating', async () => {
    const authenticate = vi.fn(async () => member);
    const admitPublic = vi.fn();
    const outcome = await runOperation(
      op('GET /health'),
      {
        handler: async () => ({ status: 200, body: { status: 'ok', backend: { kind: 'sim', ok: true, message: '' } } }),
      },
      { authenticate, admitPublic },
      raw({ method: 'GET', path: '/api/v1/health', params: {} }),
      {},
    );
    expect(outcome).toMatchObject({ ok: true, reply: { status: 200 } });
    expect(admitPublic).toHaveBeenCalledOnce();
    expect(authenticate).not.toHaveBeenCalled();
  });

  it('turns an unexpected error into the generic 500 body that says nothing inside', async () => {
    const outcome = await runOperation(
      op('GET /servers/{id}'),
      {
        handler: async () => {
          throw new Error('connect ECONNREFUSED 10.0.0.5:8774 (password=hunter2)');
        },
      },
      signedIn(member),
      raw({ method: 'GET', path: '/api/v1/servers/s-1' }),
      {},
    );
    expect(outcome).toMatchObject({ ok: false, failure: { status: 500, body: { error: { type: 'internal' } } } });
    expect(JSON.stringify(outcome)).not.toContain('hunter2');
  });
});
