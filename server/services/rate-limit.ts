import 'server-only';
import { config } from '../config';
import { getDb } from '../db/client';
import { CloudError } from '../providers/errors';

/**
 * A fixed-window budget per principal (default 2000 calls / 3600 s, as in the Shanhe API), counted in the
 * database so every console instance shares it.
 */
export async function consumeRateLimit(principal: string): Promise<void> {
  const { RATE_LIMIT_MAX: max, RATE_LIMIT_WINDOW_SECONDS: window } = config();
  const now = Math.floor(Date.now() / 1000);
  const start = now - (now % window);
  const db = await getDb();
  const rows = await db.query<{ count: number }>(
    `INSERT INTO rate_limits (principal, window_start, count) VALUES ($1, $2, 1)
     ON CONFLICT (principal, window_start) DO UPDATE SET count = rate_limits.count + 1 RETURNING count`,
    [principal, start],
  );
  if (Math.random() < 0.01) await db.query('DELETE FROM rate_limits WHERE window_start < $1', [start]);
  const count = rows[0]?.count ?? 0;
  if (count > max) {
    throw new CloudError(
      'rate_limited',
      `rate limit of ${max} requests per ${window} s exceeded; retry later`,
      undefined,
      undefined,
      start + window - now,
    );
  }
}
