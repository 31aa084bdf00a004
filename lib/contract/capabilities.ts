import { z } from 'zod';

/** One option of an operation (a field, or one value of a field) and whether the configured backend honours it. */
export const OptionSupport = z
  .object({
    name: z.string().meta({ description: 'e.g. `networks.port_id` or `mode=ro`; `METHOD /path#name` in full' }),
    description: z.string(),
    supported: z.boolean(),
    reason: z
      .string()
      .nullable()
      .meta({ description: 'why not, when unsupported: the message of the 501 a request using it gets' }),
  })
  .meta({ id: 'OptionSupport' });
export type OptionSupport = z.infer<typeof OptionSupport>;

/** One operation of the standard and whether the configured backend performs it (the conformance table). */
export const OperationSupport = z
  .object({
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    path: z.string().meta({ description: 'under /api/v1' }),
    summary: z.string().meta({ description: 'the Chinese interface name of the standard' }),
    description: z.string(),
    tag: z.string(),
    table: z
      .string()
      .nullable()
      .meta({ description: "the standard's table (Appendix B), null for operations beyond it" }),
    supported: z.boolean(),
    reason: z
      .string()
      .nullable()
      .meta({ description: 'why not, when unsupported (the same reason a call gets with 501)' }),
    options: z.array(OptionSupport).meta({
      description:
        "the operation's options whose support differs between backends (lib/contract/options.ts), each supported or not here",
    }),
    limitations: z
      .array(z.string())
      .meta({ description: 'the reasons of the options this backend refuses (the same as in `options`)' }),
    parts: z.record(z.string(), z.string()).meta({
      description:
        'the refused options by name (e.g. `metadata` of POST /images: an empty image awaiting its file), so a client can grey out exactly that part',
    }),
  })
  .meta({ id: 'OperationSupport' });
export type OperationSupport = z.infer<typeof OperationSupport>;

export const CapabilitiesResponse = z
  .object({
    backend: z.string(),
    operations: z.array(OperationSupport),
    total_count: z.number().int(),
    supported_count: z.number().int(),
  })
  .meta({ id: 'CapabilitiesResponse' });
export type CapabilitiesResponse = z.infer<typeof CapabilitiesResponse>;

const Outcome = z.enum(['passed', 'failed', 'skipped']);

/** One case of the driver contract as the self-test ran it against the live backend. */
export const SelfTestCheck = z
  .object({
    name: z.string(),
    operations: z.array(z.string()).meta({ description: 'the operations it exercises, `METHOD /path`' }),
    outcome: Outcome,
    error: z
      .string()
      .nullable()
      .meta({ description: "why it failed: the backend's own error, or what the check expected and got" }),
    duration_ms: z.number().int(),
  })
  .meta({ id: 'SelfTestCheck' });
export type SelfTestCheck = z.infer<typeof SelfTestCheck>;

/**
 * The conformance self-test's report: the driver contract (server/providers/contract/checks.ts) run against the
 * configured backend in a scratch project made for it and removed after it, per check and per operation.
 */
export const SelfTestReport = z
  .object({
    backend: z.string(),
    started_at: z.iso.datetime(),
    duration_ms: z.number().int(),
    passed: z.number().int(),
    failed: z.number().int(),
    skipped: z.number().int(),
    checks: z.array(SelfTestCheck),
    operations: z
      .array(
        z.object({
          method: z.string(),
          path: z.string(),
          outcome: Outcome,
          errors: z.array(z.string()).meta({ description: 'the errors of the failed checks exercising it' }),
        }),
      )
      .meta({ description: 'each operation exercised: failed if a check using it failed, skipped if none ran' }),
    scratch: z.object({
      project: z.string().meta({ description: 'the scratch project and user name' }),
      removed: z.boolean(),
      error: z.string().nullable().meta({ description: 'what was left behind, and why, when not removed' }),
    }),
  })
  .meta({ id: 'SelfTestReport' });
export type SelfTestReport = z.infer<typeof SelfTestReport>;
