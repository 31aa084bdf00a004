import 'server-only';
import type { Db, Queryable } from '../db/client';
import { createTenantProject } from '../providers/sim/tenant';
import { newId } from '../providers/sim/state';

export interface EstateOptions {
  servers: number;
  volumes?: number;
  project?: string;
  datacenterId?: string;
}

/**
 * Seeds a large estate for performance and reliability measurements: a project (default `scale-test`) with
 * `servers` active servers spread over enough hosts to hold them, each with an address on a /16 subnet and
 * the default security group. Written in bulk (generate_series), so 10,000 servers take seconds.
 */
export async function seedEstate(
  db: Db,
  opts: EstateOptions,
): Promise<{ projectId: string; servers: number; hosts: number }> {
  return db.tx((q) => seedEstateInto(q, opts));
}

/** The same in the caller's transaction (the presenter's panel resets to the seed and an estate in one). */
export async function seedEstateInto(
  q: Queryable,
  opts: EstateOptions,
): Promise<{ projectId: string; servers: number; hosts: number }> {
  const projectName = opts.project ?? 'scale-test';
  const dc = opts.datacenterId ?? 'dc-bj1';
  {
    const dcRow = await q.query('SELECT id FROM sim_datacenters WHERE id = $1', [dc]);
    if (!dcRow[0])
      throw new Error(`datacenter ${dc} does not exist: seed the demo data first (start the console once)`);
    let projectId = (await q.query<{ id: string }>('SELECT id FROM sim_projects WHERE name = $1', [projectName]))[0]
      ?.id;
    if (!projectId) projectId = await createTenantProject(q, projectName, 'Large estate for benchmarks', 0);
    const big = 1_000_000;
    await q.query('UPDATE sim_projects SET quotas = $2 WHERE id = $1', [
      projectId,
      JSON.stringify({
        instances: big,
        vcpus: big,
        ram_mb: big * 1024,
        volumes: big,
        volume_gb: big * 100,
        floating_ips: 1000,
        public_ips: 1000,
        security_groups: 1000,
      }),
    ]);
    // A /16 holds 65,534 addresses: enough for any estate this seeds.
    const netId = newId();
    const subnetId = newId();
    await q.query(
      `INSERT INTO sim_networks (id, project_id, name, external, shared, created_at) VALUES ($1,$2,$3,false,false,now())`,
      [netId, projectId, `${projectName}-big-net`],
    );
    const octet = 16 + Math.floor(Math.random() * 200);
    await q.query(
      `INSERT INTO sim_subnets (id, network_id, project_id, name, cidr, gateway_ip, ip_version, created_at) VALUES ($1,$2,$3,$4,$5,$6,4,now())`,
      [subnetId, netId, projectId, `${projectName}-big-subnet`, `10.${octet}.0.0/16`, `10.${octet}.0.1`],
    );
    const perHost = 64;
    const hosts = Math.ceil(opts.servers / perHost);
    const hostPrefix = `${dc}-scale-${Date.now().toString(36)}`;
    await q.query(
      `INSERT INTO sim_hosts (id, name, datacenter_id, vcpus, memory_mb, disk_gb)
       SELECT gen_random_uuid()::text, $1 || '-' || g, $2, $3, $4, $5 FROM generate_series(1, $6::int) g`,
      [hostPrefix, dc, perHost, perHost * 1024, perHost * 20, hosts],
    );
    const image = (
      await q.query<{ id: string }>(`SELECT id FROM sim_images WHERE visibility = 'public' ORDER BY created_at LIMIT 1`)
    )[0];
    const sg = (
      await q.query<{ id: string }>(`SELECT id FROM sim_security_groups WHERE project_id = $1 AND name = 'default'`, [
        projectId,
      ])
    )[0];
    const statuses = ['active', 'active', 'active', 'active', 'stopped', 'error'];
    await q.query(
      `INSERT INTO sim_servers (id, project_id, name, description, flavor_id, image_id, host_id, datacenter_id, vcpus, ram_mb, disk_gb, status, metadata, created_at, updated_at)
       SELECT gen_random_uuid()::text, $1, 'bulk-' || lpad(g::text, 6, '0'), '', 's1.small', $2,
              (SELECT id FROM sim_hosts WHERE name = $3 || '-' || ((g - 1) / $4 + 1)), $5, 1, 1024, 20,
              ($6::text[])[1 + (g % 6)], '{}'::jsonb, now() - (g || ' seconds')::interval, now()
       FROM generate_series(1, $7::int) g`,
      [projectId, image?.id ?? null, hostPrefix, perHost, dc, statuses, opts.servers],
    );
    // Addresses from .0.2 upwards, in creation order; the unique (subnet, address) index guards against repeats.
    await q.query(
      `INSERT INTO sim_ports (id, network_id, subnet_id, ip_address, mac_address, project_id, device_type, device_id, name, created_at)
       SELECT gen_random_uuid()::text, $1, $2, '10.' || $3 || '.' || ((n + 1) / 256) || '.' || ((n + 1) % 256),
              'fa:16:3e:' || lpad(to_hex((n / 65536) % 256), 2, '0') || ':' || lpad(to_hex((n / 256) % 256), 2, '0') || ':' || lpad(to_hex(n % 256), 2, '0'),
              $4, 'server', s.id, s.name, now()
       FROM (SELECT id, name, row_number() OVER (ORDER BY name) AS n FROM sim_servers WHERE project_id = $4 AND name LIKE 'bulk-%'
             AND NOT EXISTS (SELECT 1 FROM sim_ports p WHERE p.device_id = sim_servers.id)) s`,
      [netId, subnetId, octet, projectId],
    );
    if (sg)
      await q.query(
        `INSERT INTO sim_server_security_groups (server_id, security_group_id)
         SELECT id, $2 FROM sim_servers WHERE project_id = $1 ON CONFLICT DO NOTHING`,
        [projectId, sg.id],
      );
    return { projectId, servers: opts.servers, hosts };
  }
}
