import 'server-only';
import type { CapabilityKey } from '@/lib/contract/options';
import { notSupported } from '../errors';

/**
 * One table per driver of what its cloud cannot do: whole operations (`METHOD /path`) and options of an operation
 * (`METHOD /path#option`, lib/contract/options.ts), each with its reason. `capabilities().unsupported` publishes it
 * and `refuse` throws the same reason from the provider method, so the capabilities page and the 501 never disagree.
 */
export function unsupportedTable<K extends CapabilityKey>(table: Record<K, string>) {
  return {
    table: table as Partial<Record<CapabilityKey, string>>,
    refuse(key: K): never {
      throw notSupported(table[key]);
    },
    /** `refuse` when `lacks` holds: for options, which a driver refuses only when the request asks for them. */
    refuseIf(lacks: boolean, key: K): void {
      if (lacks) throw notSupported(table[key]);
    },
  };
}
