import 'server-only';
import type { Snapshot, SnapshotStatus } from '@/lib/contract/snapshot';
import { osTime } from './time';
import type { CinderSnapshot } from './wire';

/** Cinder's snapshot statuses in the contract's words. */
export function snapshotStatus(s: string): SnapshotStatus {
  switch (s) {
    case 'creating':
    case 'available':
    case 'deleting':
    case 'error':
      return s;
    case 'backing-up':
    case 'restoring':
    case 'unmanaging':
      // Busy: Cinder refuses to delete or use it meanwhile, as the contract refuses a creating one.
      return 'creating';
    case 'deleted':
      return 'deleting';
    default:
      // error_deleting and anything newer: not usable, only deletable.
      return 'error';
  }
}

export function toSnapshot(s: CinderSnapshot, fallbackProjectId: string): Snapshot {
  return {
    id: s.id,
    project_id: s['os-extended-snapshot-attributes:project_id'] ?? fallbackProjectId,
    name: s.name ?? '',
    description: s.description ?? '',
    volume_id: s.volume_id,
    size_gb: s.size,
    status: snapshotStatus(s.status),
    created_at: osTime(s.created_at),
    updated_at: osTime(s.updated_at ?? s.created_at),
  };
}
