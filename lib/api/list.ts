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
