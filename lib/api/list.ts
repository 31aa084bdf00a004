/** The normalised shape every list hook returns, whatever the collection's JSON key is. */
export interface Page<T> {
  items: T[];
  total: number;
}

/** Parameters every list understands (API.md "Lists"); resources add their own filters. */
export interface ListParams {
  limit?: number;
  offset?: number;
  sort?: string;
  name?: string;
  status?: string;
  datacenter_id?: string;
  [filter: string]: string | number | boolean | undefined;
}

export function toPage<T>(body: Record<string, unknown>, key: string): Page<T> {
  const items = (body[key] as T[] | undefined) ?? [];
  const total = typeof body.total_count === 'number' ? body.total_count : items.length;
  return { items, total };
}
