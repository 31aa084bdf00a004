import 'server-only';
import type { Flavor } from '@/lib/contract/flavor';
import type { NovaFlavor } from './wire';

export function toFlavor(f: NovaFlavor): Flavor {
  return {
    id: f.id,
    name: f.name,
    vcpus: f.vcpus,
    ram_mb: f.ram,
    disk_gb: f.disk,
    is_public: f['os-flavor-access:is_public'] ?? true,
  };
}
