import { z } from 'zod';

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
    limitations: z.array(z.string()).meta({ description: 'parts of a supported operation the backend cannot do' }),
    parts: z.record(z.string(), z.string()).meta({
      description:
        'the same limits by part name (e.g. `metadata` of POST /images: an empty image awaiting its file), so a client can grey out exactly that part',
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
