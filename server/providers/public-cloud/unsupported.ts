import 'server-only';
import { notSupported } from '../errors';

/**
 * One table per driver of what its cloud cannot do (`METHOD /path` → reason): `capabilities().unsupported` publishes
 * it and `refuse` throws the same reason from the provider method, so the admin table and the 501 never disagree.
 */
export function unsupportedTable<K extends string>(table: Record<K, string>) {
  return {
    table: table as Record<string, string>,
    refuse(key: K): never {
      throw notSupported(table[key]);
    },
  };
}
