import { z } from 'zod';
import { Id } from './common';

/** The demo estates a reset can seed: the demo cloud alone, or with 1,000 or 10,000 servers more (server/seed/estate.ts). */
export const DemoEstate = z.enum(['small', '1000', '10000']);
export type DemoEstate = z.infer<typeof DemoEstate>;

/** An operation's name as the fault switches take it: `servers.create`, `volumes.list` (provider section.method). */
const OperationName = z
  .string()
  .regex(/^[a-zA-Z]+(\.[a-zA-Z]+)?$/, 'must be a provider operation such as servers.create')
  .max(64);

/** The presenter's fault switches (issue 17): each on while its value is not the neutral one. */
export const DemoFaults = z
  .object({
    latency_ms: z.number().int().min(0).max(10_000).meta({ description: 'added to each operation named (0 = off)' }),
    latency_operations: z
      .array(OperationName)
      .max(100)
      .meta({ description: "operations delayed, e.g. 'servers.create'; empty = every operation" }),
    failure_rate: z.number().min(0).max(1).meta({ description: 'share of the operations named that fail with 503' }),
    failure_operations: z.array(OperationName).max(100).meta({ description: 'empty = every operation' }),
    host_down: Id.nullable().meta({ description: 'a host whose servers go to error while it is down' }),
    datacenter_unavailable: Id.nullable().meta({ description: 'a datacenter whose operations fail 503' }),
    quota_nearly_exhausted: Id.nullable().meta({
      description: 'a project whose quotas are set to its usage plus a small margin (restored when cleared)',
    }),
    slow_uploads: z.boolean().meta({ description: 'image uploads throttled to a crawl' }),
  })
  .meta({ id: 'DemoFaults' });
export type DemoFaults = z.infer<typeof DemoFaults>;

export const noFaults: DemoFaults = {
  latency_ms: 0,
  latency_operations: [],
  failure_rate: 0,
  failure_operations: [],
  host_down: null,
  datacenter_unavailable: null,
  quota_nearly_exhausted: null,
  slow_uploads: false,
};

/** PUT /demo/faults: the switches to change, merged into the current ones. */
export const DemoFaultsInput = DemoFaults.partial().strict().meta({ id: 'DemoFaultsInput' });
export type DemoFaultsInput = z.infer<typeof DemoFaultsInput>;

export const DemoState = z
  .object({
    estate: DemoEstate,
    faults: DemoFaults,
    reset_at: z
      .string()
      .nullable()
      .meta({ description: 'when the demo cloud was last reset (ISO 8601), null if never' }),
  })
  .meta({ id: 'DemoState' });
export type DemoState = z.infer<typeof DemoState>;

export const DemoResetInput = z.object({ estate: DemoEstate.optional() }).strict().meta({ id: 'DemoResetInput' });
export const DemoResetResult = z
  .object({ estate: DemoEstate, took_ms: z.number().int() })
  .meta({ id: 'DemoResetResult' });

/** Which faults are on, in the banner's order. */
export function activeFaults(f: DemoFaults): (keyof DemoFaults)[] {
  const on: (keyof DemoFaults)[] = [];
  if (f.latency_ms > 0) on.push('latency_ms');
  if (f.failure_rate > 0) on.push('failure_rate');
  if (f.host_down) on.push('host_down');
  if (f.datacenter_unavailable) on.push('datacenter_unavailable');
  if (f.quota_nearly_exhausted) on.push('quota_nearly_exhausted');
  if (f.slow_uploads) on.push('slow_uploads');
  return on;
}
