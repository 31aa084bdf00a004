import 'server-only';
import type { SecurityGroup, SecurityGroupRule } from '@/lib/contract/security-group';
import { normaliseCidr } from '@/lib/network/ip';
import { ruleSignature } from '../shared/rule-signature';
import type { Queryable } from '../../db/client';
import { conflict, invalid, notFound } from '../errors';
import type { CloudProvider, ProviderContext } from '../types';
import { reserveQuota } from './compute';
import type { SimDeps } from './deps';
import { iso, listPage, lockVisibleRow, newId, param, scopeSql } from './state';

type GroupRow = { id: string; project_id: string; name: string; description: string; created_at: Date };
type RuleRow = {
  id: string;
  security_group_id: string;
  direction: 'ingress' | 'egress';
  ethertype: 'IPv4' | 'IPv6';
  protocol: 'tcp' | 'udp' | 'icmp' | null;
  remote_ip_prefix: string | null;
  remote_group_id: string | null;
  port_range_min: number | null;
  port_range_max: number | null;
  description: string;
  created_at: Date;
};
const toRule = (r: RuleRow): SecurityGroupRule => ({
  id: r.id,
  security_group_id: r.security_group_id,
  description: r.description,
  direction: r.direction,
  ethertype: r.ethertype,
  protocol: r.protocol,
  remote_group_id: r.remote_group_id,
  remote_ip_prefix: r.remote_ip_prefix,
  port_range_min: r.port_range_min,
  port_range_max: r.port_range_max,
});

/** Groups with their rules and servers in two queries, whatever the page size. */
async function toGroups(q: Queryable, rows: GroupRow[]): Promise<SecurityGroup[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const rules = await q.query<RuleRow>(
    'SELECT * FROM sim_security_group_rules WHERE security_group_id = ANY($1) ORDER BY created_at, direction, ethertype, id',
    [ids],
  );
  const uses = await q.query<{ server_id: string; security_group_id: string }>(
    'SELECT server_id, security_group_id FROM sim_server_security_groups WHERE security_group_id = ANY($1) ORDER BY server_id',
    [ids],
  );
  return rows.map((g) => ({
    id: g.id,
    project_id: g.project_id,
    name: g.name,
    description: g.description,
    rules: rules.filter((r) => r.security_group_id === g.id).map(toRule),
    server_ids: uses.filter((u) => u.security_group_id === g.id).map((u) => u.server_id),
    created_at: iso(g.created_at),
  }));
}

const lockGroup = (q: Queryable, ctx: ProviderContext, id: string) =>
  lockVisibleRow<GroupRow>(q, ctx, { table: 'sim_security_groups', kind: 'security group', id });

async function groupById(q: Queryable, id: string): Promise<SecurityGroup> {
  const rows = await q.query<GroupRow>('SELECT * FROM sim_security_groups WHERE id = $1', [id]);
  if (!rows[0]) throw notFound('security group', id);
  return (await toGroups(q, rows))[0]!;
}

export function simSecurityGroups({ db }: SimDeps): CloudProvider['securityGroups'] {
  return {
    async create(ctx, input) {
      const d = await db();
      return d.tx(async (q) => {
        if (input.name === 'default')
          throw conflict(
            `the name "default" is kept for the project's own default security group; choose another name`,
          );
        await reserveQuota(q, ctx.projectId, { security_groups: 1 });
        const id = newId();
        await q.query(
          'INSERT INTO sim_security_groups (id, project_id, name, description, created_at) VALUES ($1,$2,$3,$4,now())',
          [id, ctx.projectId, input.name, input.description],
        );
        // Like Neutron: a new group lets everything out and nothing in.
        for (const ethertype of ['IPv4', 'IPv6'])
          await q.query(
            `INSERT INTO sim_security_group_rules (id, security_group_id, direction, ethertype, created_at) VALUES ($1,$2,'egress',$3,now())`,
            [newId(), id, ethertype],
          );
        return groupById(q, id);
      });
    },

    async remove(ctx, id) {
      const d = await db();
      await d.tx(async (q) => {
        const g = await lockGroup(q, ctx, id);
        if (g.name === 'default')
          throw conflict(`security group default is the project's default group and cannot be deleted`);
        const servers = await q.query<{ id: string; name: string }>(
          'SELECT s.id, s.name FROM sim_server_security_groups ssg JOIN sim_servers s ON s.id = ssg.server_id WHERE ssg.security_group_id = $1 ORDER BY s.name, s.id',
          [id],
        );
        if (servers.length)
          throw conflict(
            `security group ${g.name} is in use by server ${servers.map((s) => `${s.name} (${s.id})`).join(', ')}`,
          );
        // Deleting would silently drop other groups' rules that name this one as their remote: say so instead.
        const referring = await q.query<{ name: string }>(
          `SELECT DISTINCT g.name FROM sim_security_group_rules r JOIN sim_security_groups g ON g.id = r.security_group_id
           WHERE r.remote_group_id = $1 AND r.security_group_id <> $1 ORDER BY g.name`,
          [id],
        );
        if (referring.length)
          throw conflict(
            `security group ${g.name} is the remote group of rules in security group ${referring.map((r) => r.name).join(', ')}; delete those rules first`,
          );
        await q.query('DELETE FROM sim_security_groups WHERE id = $1', [id]);
      });
    },

    async get(ctx, id) {
      const d = await db();
      const params: unknown[] = [id];
      const rows = await d.query<GroupRow>(
        `SELECT * FROM sim_security_groups t WHERE t.id = $1 AND ${scopeSql(ctx, params)}`,
        params,
      );
      if (!rows[0]) throw notFound('security group', id);
      return (await toGroups(d, rows))[0]!;
    },

    async list(ctx, query) {
      const d = await db();
      const params: unknown[] = [];
      const where = [scopeSql(ctx, params)];
      if (query.name) where.push(`t.name ILIKE ${param(params, `%${query.name}%`)}`);
      const { rows, total } = await listPage<GroupRow>(d, {
        from: 'sim_security_groups t',
        where,
        params,
        sortable: { name: 't.name', created_at: 't.created_at' },
        defaultSort: 't.created_at ASC, t.id ASC',
        sort: query.sort,
        limit: query.limit,
        offset: query.offset,
      });
      return { items: await toGroups(d, rows), total };
    },

    async createRule(ctx, input) {
      const d = await db();
      return d.tx(async (q) => {
        const g = await lockGroup(q, ctx, input.security_group_id);
        if (input.remote_group_id) {
          const remote = await q.query('SELECT id FROM sim_security_groups WHERE id = $1 AND project_id = $2', [
            input.remote_group_id,
            g.project_id,
          ]);
          if (!remote[0])
            throw invalid(
              'remote_group_id',
              `names security group "${input.remote_group_id}", which is not a group of this project`,
            );
        }
        const prefix = input.remote_ip_prefix ? normaliseCidr(input.remote_ip_prefix) : null;
        const rule = {
          ...input,
          remote_ip_prefix: prefix,
          remote_group_id: input.remote_group_id ?? null,
          port_range_min: input.port_range_min ?? null,
          port_range_max: input.port_range_max ?? null,
        };
        const signature = ruleSignature(rule);
        const existing = await q.query<RuleRow>('SELECT * FROM sim_security_group_rules WHERE security_group_id = $1', [
          g.id,
        ]);
        const same = existing.find((r) => ruleSignature(r) === signature);
        if (same) throw conflict(`security group ${g.name} already has this rule (${same.id})`);
        const id = newId();
        await q.query(
          `INSERT INTO sim_security_group_rules (id, security_group_id, direction, ethertype, protocol, remote_ip_prefix, remote_group_id, port_range_min, port_range_max, description, created_at)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,now())`,
          [
            id,
            g.id,
            rule.direction,
            rule.ethertype,
            rule.protocol,
            rule.remote_ip_prefix,
            rule.remote_group_id,
            rule.port_range_min,
            rule.port_range_max,
            rule.description,
          ],
        );
        return toRule((await q.query<RuleRow>('SELECT * FROM sim_security_group_rules WHERE id = $1', [id]))[0]!);
      });
    },

    async getRule(ctx, id) {
      const d = await db();
      const params: unknown[] = [id];
      const rows = await d.query<RuleRow & { project_id: string }>(
        `SELECT r.*, t.project_id FROM sim_security_group_rules r JOIN sim_security_groups t ON t.id = r.security_group_id WHERE r.id = $1 AND ${scopeSql(ctx, params)}`,
        params,
      );
      if (!rows[0]) throw notFound('security group rule', id);
      return { ...toRule(rows[0]), project_id: rows[0].project_id };
    },

    async removeRule(ctx, id) {
      const d = await db();
      await d.tx(async (q) => {
        const params: unknown[] = [id];
        const rows = await q.query<{ id: string }>(
          `SELECT r.id FROM sim_security_group_rules r JOIN sim_security_groups t ON t.id = r.security_group_id WHERE r.id = $1 AND ${scopeSql(ctx, params)} FOR UPDATE OF r`,
          params,
        );
        if (!rows[0]) throw notFound('security group rule', id);
        await q.query('DELETE FROM sim_security_group_rules WHERE id = $1', [id]);
      });
    },
  };
}
