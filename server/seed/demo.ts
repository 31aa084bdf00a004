import 'server-only';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { hashPassword } from '../auth/password';
import { config } from '../config';
import type { Db, Queryable } from '../db/client';
import { defaultQuotas } from '../providers/sim/identity';
import { createTenantProject, type IdMaker } from '../providers/sim/tenant';

export interface DemoAccount {
  name: string;
  password: string;
  project: string;
  role: 'admin' | 'member' | 'reader';
  /** The read-only demo visitor: looks everywhere (an administrator's view), changes nothing (pipeline.ts). */
  readOnly?: boolean;
}

export function demoAccounts(): DemoAccount[] {
  const c = config();
  return [
    { name: 'admin', password: c.DEMO_ADMIN_PASSWORD, project: 'admin', role: 'admin' },
    { name: 'alice', password: c.DEMO_TENANT_PASSWORD, project: 'gis-beijing', role: 'member' },
    { name: 'bob', password: c.DEMO_TENANT_PASSWORD, project: 'gis-shanghai', role: 'member' },
    { name: 'carol', password: c.DEMO_TENANT_PASSWORD, project: 'gis-beijing', role: 'reader' },
    { name: 'visitor', password: c.DEMO_VISITOR_PASSWORD, project: 'admin', role: 'admin', readOnly: true },
  ];
}

const datacenters = [
  { id: 'dc-bj1', name: '华北-北京一 (Beijing 1)', region: 'cn-north-1' },
  { id: 'dc-sh1', name: '华东-上海一 (Shanghai 1)', region: 'cn-east-1' },
];

const flavors = [
  { id: 's1.small', name: 's1.small', vcpus: 1, ram_mb: 1024, disk_gb: 20 },
  { id: 's1.medium', name: 's1.medium', vcpus: 2, ram_mb: 4096, disk_gb: 40 },
  { id: 's1.large', name: 's1.large', vcpus: 4, ram_mb: 8192, disk_gb: 80 },
  { id: 'c1.xlarge', name: 'c1.xlarge', vcpus: 8, ram_mb: 16384, disk_gb: 100 },
  { id: 'm1.2xlarge', name: 'm1.2xlarge', vcpus: 16, ram_mb: 65536, disk_gb: 200 },
];

const images = [
  {
    name: 'cirros-0.6.2',
    architecture: 'x86_64',
    min_ram_mb: 64,
    min_disk_gb: 1,
    kb: 256,
    description: 'CirrOS test image',
  },
  {
    name: 'ubuntu-22.04',
    architecture: 'x86_64',
    min_ram_mb: 1024,
    min_disk_gb: 10,
    kb: 512,
    description: 'Ubuntu 22.04 LTS (Jammy)',
  },
  {
    name: 'ubuntu-22.04-arm64',
    architecture: 'aarch64',
    min_ram_mb: 1024,
    min_disk_gb: 10,
    kb: 512,
    description: 'Ubuntu 22.04 LTS for ARM',
  },
  {
    name: 'debian-12-gis',
    architecture: 'x86_64',
    min_ram_mb: 2048,
    min_disk_gb: 20,
    kb: 768,
    description: 'Debian 12 with PostGIS and GeoServer',
  },
];

/** A small but real qcow2-looking file: the magic and version, then deterministic bytes. */
function imageBytes(name: string, kb: number): Buffer {
  const buf = Buffer.alloc(kb * 1024);
  buf.write('QFI\xfb', 0, 'latin1');
  buf.writeUInt32BE(3, 4);
  let seed = createHash('sha256').update(name).digest();
  for (let off = 72; off < buf.length; off += 32) {
    seed = createHash('sha256').update(seed).digest();
    seed.copy(buf, off);
  }
  return buf;
}

export async function storeImageFile(
  id: string,
  bytes: Buffer,
): Promise<{ file: string; size: number; checksum: string }> {
  fs.mkdirSync(config().imageDir, { recursive: true });
  const file = path.join(config().imageDir, id);
  fs.writeFileSync(file, bytes);
  return { file, size: bytes.length, checksum: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * The seed's fixed ids: a UUID-shaped digest of what each thing is, so every seeding (and every reset of the
 * presenter's panel) gives the same ids — sessions survive a reset, and a reset gives back exactly the seed.
 */
export const seedId: IdMaker = (what) => {
  const h = createHash('sha256').update(`yuntu-demo-seed:${what}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/**
 * The demo accounts' password hashes (scrypt: computed before a transaction, not inside it). Kept for the process:
 * the passwords come from the environment and do not change, and scrypt for five accounts would take most of the
 * presenter's reset budget (5 s) on a loaded machine.
 */
const hashCache = globalThis as unknown as { yuntuDemoHashes?: Promise<Map<string, string>> };
export function demoPasswordHashes(): Promise<Map<string, string>> {
  hashCache.yuntuDemoHashes ??= (async () => {
    const hashes = new Map<string, string>();
    for (const a of demoAccounts()) hashes.set(a.name, await hashPassword(a.password));
    return hashes;
  })().catch((e: unknown) => {
    hashCache.yuntuDemoHashes = undefined;
    throw e;
  });
  return hashCache.yuntuDemoHashes;
}

/** Seeds the demo cloud once (when it has no project yet); returns whether it did. */
export async function seedDemo(db: Db): Promise<boolean> {
  const hashes = await demoPasswordHashes();
  return db.tx(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock(727275)').catch(() => undefined);
    const existing = await q.query('SELECT id FROM sim_projects LIMIT 1');
    if (existing[0]) return false;
    await seedDemoInto(q, hashes);
    return true;
  });
}

/** Writes the demo seed into empty sim_ tables, in the caller's transaction (first start, or a reset). */
export async function seedDemoInto(q: Queryable, hashes: Map<string, string>): Promise<string[]> {
  const accounts = demoAccounts();
  const newId = seedId;
  const imageIds: string[] = [];
  for (const dc of datacenters) {
    await q.query(`INSERT INTO sim_datacenters (id, name, region, status) VALUES ($1,$2,$3,'available')`, [
      dc.id,
      dc.name,
      dc.region,
    ]);
    for (let i = 1; i <= 3; i++)
      await q.query(
        'INSERT INTO sim_hosts (id, name, datacenter_id, vcpus, memory_mb, disk_gb) VALUES ($1,$2,$3,$4,$5,$6)',
        [newId(`host:${dc.id}-compute-${i}`), `${dc.id}-compute-${i}`, dc.id, 32, 131072, 2000],
      );
  }
  for (const f of flavors)
    await q.query(
      'INSERT INTO sim_flavors (id, name, vcpus, ram_mb, disk_gb, is_public) VALUES ($1,$2,$3,$4,$5,true)',
      [f.id, f.name, f.vcpus, f.ram_mb, f.disk_gb],
    );

  const projects = new Map<string, string>();
  // The admin project is a tenant too (a network, a default group), so a walkthrough can create servers in it.
  const adminProject = await createTenantProject(
    q,
    'admin',
    'Cloud administration',
    1,
    { ...defaultQuotas, instances: 100, vcpus: 200, ram_mb: 512000 },
    seedId,
  );
  projects.set('admin', adminProject);
  const tenant = (name: string, description: string, cidr: number) =>
    createTenantProject(q, name, description, cidr, defaultQuotas, seedId);
  projects.set('gis-beijing', await tenant('gis-beijing', '北京测绘院 GIS 平台', 10));
  projects.set('gis-shanghai', await tenant('gis-shanghai', '上海规划 GIS 平台', 20));
  projects.set('gis-demo', await tenant('gis-demo', 'Demo sandbox', 30));

  for (const a of accounts) {
    const userId = newId(`user:${a.name}`);
    await q.query(
      'INSERT INTO sim_users (id, name, password_hash, default_project_id, read_only) VALUES ($1,$2,$3,$4,$5)',
      [userId, a.name, hashes.get(a.name), projects.get(a.project), a.readOnly ?? false],
    );
    await q.query('INSERT INTO sim_memberships (user_id, project_id, role) VALUES ($1,$2,$3)', [
      userId,
      projects.get(a.project),
      a.role,
    ]);
    // alice also works in the demo sandbox, so the project switcher has something to switch to.
    if (a.name === 'alice')
      await q.query('INSERT INTO sim_memberships (user_id, project_id, role) VALUES ($1,$2,$3)', [
        userId,
        projects.get('gis-demo'),
        'member',
      ]);
  }

  const extNet = newId('network:ext-net');
  await q.query(
    `INSERT INTO sim_networks (id, project_id, name, external, shared, created_at) VALUES ($1,NULL,'ext-net',true,true,now())`,
    [extNet],
  );
  await q.query(
    `INSERT INTO sim_subnets (id, network_id, project_id, name, cidr, gateway_ip, ip_version, created_at) VALUES ($1,$2,NULL,'ext-subnet','203.0.113.0/24','203.0.113.1',4,now())`,
    [newId('subnet:ext-subnet'), extNet],
  );
  await q.query(
    `INSERT INTO sim_subnets (id, network_id, project_id, name, cidr, gateway_ip, ip_version, created_at) VALUES ($1,$2,NULL,'ext-subnet-v6','2001:db8:100::/64','2001:db8:100::1',6,now())`,
    [newId('subnet:ext-subnet-v6'), extNet],
  );

  for (const img of images) {
    const id = newId(`image:${img.name}`);
    imageIds.push(id);
    const stored = await storeImageFile(id, imageBytes(img.name, img.kb));
    await q.query(
      `INSERT INTO sim_images (id, owner, name, description, architecture, visibility, protected, min_ram_mb, min_disk_gb, size_bytes, checksum, status, disk_format, container_format, tags, file_path, created_at, updated_at)
         VALUES ($1,$2,$3,$4,$5,'public',true,$6,$7,$8,$9,'active','qcow2','bare',$10,$11,now(),now())`,
      [
        id,
        adminProject,
        img.name,
        img.description,
        img.architecture,
        img.min_ram_mb,
        img.min_disk_gb,
        stored.size,
        stored.checksum,
        JSON.stringify(['demo']),
        stored.file,
      ],
    );
  }
  return imageIds;
}
