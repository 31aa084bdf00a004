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

/**
 * Every item of a collection, 100 (the API's max) per request, for views that need the whole set (topology,
 * pickers). `max` bounds the work on very large estates. The first page tells the total; the rest are then asked
 * side by side (at most `parallel` at a time), not one after another: a 1,000-server estate costs two round trips.
 */
export async function fetchAllPages<T>(
  fetchPage: (params: ListParams) => Promise<Page<T>>,
  params: ListParams = {},
  max = 5000,
  parallel = 6,
): Promise<Page<T>> {
  const first = await fetchPage({ ...params, limit: 100, offset: 0 });
  if (first.items.length < 100 || first.items.length >= first.total) return { items: first.items, total: first.total };
  const offsets: number[] = [];
  for (let offset = 100; offset < Math.min(first.total, max); offset += 100) offsets.push(offset);
  const pages: Array<Page<T>> = new Array(offsets.length);
  let next = 0;
  const worker = async () => {
    while (next < offsets.length) {
      const i = next++;
      pages[i] = await fetchPage({ ...params, limit: 100, offset: offsets[i]! });
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, offsets.length) }, worker));
  return { items: [first, ...pages].flatMap((p) => p.items), total: first.total };
}
