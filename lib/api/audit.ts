import type { AuditRecord } from '@/lib/contract/audit';
import { get } from './client';
import type { ListParams } from './list';

// The list hook and its keys are in compute.ts (shared with the overview); this adds the export's paging.

/** Every record matching the filters, fetched 100 at a time (the API's max page), for the CSV export. */
export async function fetchAllAuditRecords(filters: ListParams, max = 10_000): Promise<AuditRecord[]> {
  const out: AuditRecord[] = [];
  for (let offset = 0; offset < max; offset += 100) {
    const body = await get('GET /audit', { query: { ...filters, limit: 100, offset } });
    out.push(...body.records);
    if (body.records.length < 100 || out.length >= body.total_count) break;
  }
  return out;
}
