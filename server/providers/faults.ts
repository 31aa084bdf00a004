import 'server-only';
import { CloudError } from './errors';
import type { CloudProvider } from './types';

export interface FaultPlan {
  latencyMs: number;
  /** Failure rate per operation (`servers.create`), `*` for every operation. */
  rates: Record<string, number>;
  /** Share of the failures that are time-outs rather than errors. */
  timeoutRate: number;
  random?: () => number;
}

/** Faults switched on while the console runs (the presenter's panel), read again for every call. */
export interface LiveFaults {
  latencyMs: number;
  /** Operations delayed (`servers.create`, or a section: `servers`); empty = every operation. */
  latencyOperations: string[];
  failureRate: number;
  failureOperations: string[];
}

export interface LiveFaultSource {
  faults(): Promise<LiveFaults>;
  /** Throws the fault a call meets besides latency and failures (a datacenter unavailable). */
  check?(op: string, args: unknown[]): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const names = (list: string[], op: string, section: string) =>
  list.length === 0 || list.includes(op) || list.includes(section);

/**
 * Wraps a provider so each call may be delayed and may fail, as configured: reliability and performance can
 * be measured without a real cloud. Identity and health are left alone so one can still sign in and look.
 */
export function withFaults(provider: CloudProvider, plan: FaultPlan, live?: LiveFaultSource): CloudProvider {
  const rand = plan.random ?? Math.random;
  if (!plan.latencyMs && !Object.keys(plan.rates).length && !live) return provider;
  const wrapSection = <T extends object>(name: string, section: T): T =>
    new Proxy(section, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        const op = `${name}.${String(prop)}`;
        return async (...args: unknown[]) => {
          if (plan.latencyMs) await sleep(plan.latencyMs * (0.5 + rand()));
          const rate = plan.rates[op] ?? plan.rates[name] ?? plan.rates['*'] ?? 0;
          if (rate && rand() < rate) {
            if (plan.timeoutRate > 0 && rand() < plan.timeoutRate) {
              await sleep(30_000);
              throw new CloudError('unavailable', `the simulated cloud timed out on ${op} (injected fault)`);
            }
            throw new CloudError('unavailable', `the simulated cloud failed ${op} (injected fault)`);
          }
          if (live) {
            const f = await live.faults();
            // The presenter's latency is exact (no jitter): the audience is told "every call takes 2 s".
            if (f.latencyMs && names(f.latencyOperations, op, name)) await sleep(f.latencyMs);
            if (f.failureRate && names(f.failureOperations, op, name) && rand() < f.failureRate)
              throw new CloudError(
                'unavailable',
                `the simulated cloud failed ${op} (presenter's fault: ${Math.round(f.failureRate * 100)}% of calls fail)`,
              );
            await live.check?.(op, args);
          }
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  const wrapped = { ...provider } as Record<string, unknown>;
  for (const [name, section] of Object.entries(provider)) {
    if (name === 'identity' || name === 'kind' || typeof section !== 'object' || section === null) continue;
    wrapped[name] = wrapSection(name, section);
  }
  return wrapped as unknown as CloudProvider;
}
