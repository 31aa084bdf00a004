import 'server-only';
import type { Flavor } from '@/lib/contract/flavor';

/** ECS `GET /v1/{project_id}/cloudservers/flavors`: vcpus and disk come as strings. */
export interface EcsFlavor {
  id: string;
  name: string;
  vcpus: string | number;
  ram: number;
  disk?: string | number;
  'os-flavor-access:is_public'?: boolean;
}

export const toFlavor = (f: EcsFlavor): Flavor => ({
  id: f.id,
  name: f.name,
  vcpus: Number(f.vcpus),
  ram_mb: Number(f.ram),
  disk_gb: Number(f.disk ?? 0),
  is_public: f['os-flavor-access:is_public'] ?? true,
});
