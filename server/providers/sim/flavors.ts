import 'server-only';
import type { Flavor } from '@/lib/contract/flavor';
import { conflict, notFound } from '../errors';
import type { CloudProvider } from '../types';
import type { SimDeps } from './deps';
import { listPage, param } from './state';

const columns = 'id, name, vcpus, ram_mb, disk_gb, is_public';

export function simFlavors({ db }: SimDeps): CloudProvider['flavors'] {
  return {
    async create(_ctx, input) {
      const d = await db();
      const rows = await d.query<Flavor>(
        `INSERT INTO sim_flavors (id, name, vcpus, ram_mb, disk_gb, is_public) VALUES ($1,$2,$3,$4,$5,$6)
         ON CONFLICT (id) DO NOTHING RETURNING ${columns}`,
        [input.id, input.name, input.vcpus, input.ram_mb, input.disk_gb, input.is_public],
      );
      if (!rows[0]) throw conflict(`a flavor with id "${input.id}" already exists`);
      return rows[0];
    },
    async remove(_ctx, id) {
      const d = await db();
      await d.tx(async (q) => {
        const rows = await q.query('DELETE FROM sim_flavors WHERE id = $1 RETURNING id', [id]);
        if (!rows[0]) throw notFound('flavor', id);
      });
      // Servers keep their own copy of the flavor's sizes, as Nova does, so deleting a flavor in use is allowed.
    },
    async get(ctx, id) {
      const d = await db();
      const rows = await d.query<Flavor>(`SELECT ${columns} FROM sim_flavors WHERE id = $1`, [id]);
      const f = rows[0];
      if (!f || (!f.is_public && !ctx.principal.roles.includes('admin'))) throw notFound('flavor', id);
      return f;
    },
    async list(ctx, q) {
      const params: unknown[] = [];
      const where: string[] = [];
      if (!ctx.principal.roles.includes('admin')) where.push('t.is_public');
      if (q.name) where.push(`t.name ILIKE ${param(params, `%${q.name}%`)}`);
      const { rows, total } = await listPage<Flavor & { total_count: unknown }>(await db(), {
        from: 'sim_flavors t',
        where,
        params,
        sortable: { name: 't.name', vcpus: 't.vcpus', ram_mb: 't.ram_mb', disk_gb: 't.disk_gb' },
        defaultSort: 't.vcpus ASC, t.ram_mb ASC, t.id ASC',
        sort: q.sort,
        limit: q.limit,
        offset: q.offset,
      });
      return {
        items: rows.map(({ id, name, vcpus, ram_mb, disk_gb, is_public }) => ({
          id,
          name,
          vcpus,
          ram_mb,
          disk_gb,
          is_public,
        })),
        total,
      };
    },
  };
}
