import 'server-only';
import type { Flavor } from '@/lib/contract/flavor';

/** `DescribeInstanceTypes` item: the contract's flavor. Disks come from the image, so disk_gb is 0. */
export interface ShInstanceType {
  instance_type_id: string;
  instance_type_name?: string;
  vcpus_current: number;
  memory_current: number;
  status: string;
}

export const toFlavor = (t: ShInstanceType): Flavor => ({
  id: t.instance_type_id,
  name: t.instance_type_name ?? t.instance_type_id,
  vcpus: t.vcpus_current,
  ram_mb: t.memory_current,
  disk_gb: 0,
  is_public: true,
});
