import 'server-only';
import type { KeyPair } from '@/lib/contract/key-pair';
import type { Queryable } from '../../db/client';
import { conflict, invalid, notFound } from '../errors';
import type { CloudProvider, ProviderContext } from '../types';
import type { SimDeps } from './deps';
import { iso } from './state';

type KeyPairRow = { user_id: string; name: string; public_key: string; fingerprint: string; created_at: Date };

const toKeyPair = (r: KeyPairRow): KeyPair => ({
  name: r.name,
  type: 'ssh',
  fingerprint: r.fingerprint,
  public_key: r.public_key,
  user_id: r.user_id,
  created_at: iso(r.created_at),
});

const sortable: Record<string, string> = { name: 'name', created_at: 'created_at' };

/** The caller's key pair of that name, or null: key pairs are the signed-in user's own, in every project. */
export async function userKeyPair(q: Queryable, ctx: ProviderContext, name: string): Promise<KeyPairRow | null> {
  const rows = await q.query<KeyPairRow>('SELECT * FROM sim_key_pairs WHERE user_id = $1 AND name = $2', [
    ctx.principal.userId,
    name,
  ]);
  return rows[0] ?? null;
}

export function simKeyPairs({ db }: SimDeps): CloudProvider['keyPairs'] {
  return {
    async create(ctx, input) {
      const d = await db();
      const rows = await d.query<KeyPairRow>(
        `INSERT INTO sim_key_pairs (user_id, name, public_key, fingerprint, created_at) VALUES ($1,$2,$3,$4,now())
         ON CONFLICT (user_id, name) DO NOTHING RETURNING *`,
        [ctx.principal.userId, input.name, input.public_key, input.fingerprint],
      );
      if (!rows[0]) throw conflict(`key pair ${input.name} already exists`);
      return toKeyPair(rows[0]);
    },

    async get(ctx, name) {
      const row = await userKeyPair(await db(), ctx, name);
      if (!row) throw notFound('key pair', name);
      return toKeyPair(row);
    },

    async list(ctx, q) {
      const d = await db();
      let order = 'name ASC';
      if (q.sort) {
        const desc = q.sort.startsWith('-');
        const field = desc ? q.sort.slice(1) : q.sort;
        const expr = sortable[field];
        if (!expr)
          throw invalid('sort', `cannot sort by "${field}"; sortable fields: ${Object.keys(sortable).join(', ')}`);
        order = `${expr} ${desc ? 'DESC' : 'ASC'}, name ASC`;
      }
      const params: unknown[] = [ctx.principal.userId];
      let where = 'user_id = $1';
      if (q.name) {
        params.push(`%${q.name}%`);
        where += ' AND name ILIKE $2';
      }
      const rows = await d.query<KeyPairRow & { total_count: string | number }>(
        `SELECT *, count(*) OVER () AS total_count FROM sim_key_pairs WHERE ${where} ORDER BY ${order}
         LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, q.limit, q.offset],
      );
      let total = rows[0] ? Number(rows[0].total_count) : 0;
      if (!rows.length && q.offset > 0)
        total = Number(
          (await d.query<{ c: string }>(`SELECT count(*) AS c FROM sim_key_pairs WHERE ${where}`, params))[0]?.c ?? 0,
        );
      return { items: rows.map(toKeyPair), total };
    },

    async remove(ctx, name) {
      const d = await db();
      const gone = await d.query('DELETE FROM sim_key_pairs WHERE user_id = $1 AND name = $2 RETURNING name', [
        ctx.principal.userId,
        name,
      ]);
      if (!gone[0]) throw notFound('key pair', name);
    },
  };
}
