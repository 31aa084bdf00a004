import 'server-only';

/**
 * Schema changes in order; each runs once, in one transaction with its record in schema_migrations.
 * Statements are split on `;` at line ends (the embedded database takes one statement per call).
 * Tables prefixed sim_ are the simulated cloud's own state; the rest belong to the console.
 */
const m0001 = `
CREATE TABLE sim_projects (
  id text PRIMARY KEY, name text NOT NULL UNIQUE, description text NOT NULL DEFAULT '',
  quotas jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE sim_users (
  id text PRIMARY KEY, name text NOT NULL UNIQUE, password_hash text NOT NULL,
  default_project_id text REFERENCES sim_projects(id) ON DELETE SET NULL, created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE sim_memberships (
  user_id text NOT NULL REFERENCES sim_users(id) ON DELETE CASCADE,
  project_id text NOT NULL REFERENCES sim_projects(id) ON DELETE CASCADE,
  role text NOT NULL, PRIMARY KEY (user_id, project_id));
CREATE TABLE sim_datacenters (id text PRIMARY KEY, name text NOT NULL, region text NOT NULL, status text NOT NULL);
CREATE TABLE sim_hosts (
  id text PRIMARY KEY, name text NOT NULL UNIQUE, datacenter_id text NOT NULL REFERENCES sim_datacenters(id),
  vcpus int NOT NULL, memory_mb int NOT NULL, disk_gb int NOT NULL, status text NOT NULL DEFAULT 'enabled');
CREATE TABLE sim_flavors (
  id text PRIMARY KEY, name text NOT NULL, vcpus int NOT NULL, ram_mb int NOT NULL, disk_gb int NOT NULL,
  is_public boolean NOT NULL DEFAULT true, created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE sim_images (
  id text PRIMARY KEY, owner text NOT NULL, name text NOT NULL, description text NOT NULL DEFAULT '',
  architecture text NOT NULL, visibility text NOT NULL, protected boolean NOT NULL DEFAULT false,
  min_ram_mb int NOT NULL DEFAULT 0, min_disk_gb int NOT NULL DEFAULT 0, size_bytes bigint, checksum text,
  status text NOT NULL, next_status text, settle_at timestamptz,
  disk_format text NOT NULL, container_format text NOT NULL, tags jsonb NOT NULL DEFAULT '[]',
  file_path text, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL);
CREATE TABLE sim_networks (
  id text PRIMARY KEY, project_id text, name text NOT NULL, external boolean NOT NULL DEFAULT false,
  shared boolean NOT NULL DEFAULT false, created_at timestamptz NOT NULL);
CREATE TABLE sim_subnets (
  id text PRIMARY KEY, network_id text NOT NULL REFERENCES sim_networks(id) ON DELETE CASCADE, project_id text,
  name text NOT NULL, cidr text NOT NULL, gateway_ip text, ip_version int NOT NULL, created_at timestamptz NOT NULL);
CREATE TABLE sim_ports (
  id text PRIMARY KEY, network_id text NOT NULL REFERENCES sim_networks(id),
  subnet_id text NOT NULL REFERENCES sim_subnets(id), ip_address text NOT NULL, mac_address text NOT NULL,
  project_id text, device_type text NOT NULL, device_id text NOT NULL, name text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL, UNIQUE (subnet_id, ip_address));
CREATE INDEX sim_ports_device ON sim_ports (device_id);
CREATE TABLE sim_servers (
  id text PRIMARY KEY, project_id text NOT NULL, name text NOT NULL, description text NOT NULL DEFAULT '',
  flavor_id text NOT NULL, image_id text, host_id text NOT NULL REFERENCES sim_hosts(id), datacenter_id text NOT NULL,
  vcpus int NOT NULL, ram_mb int NOT NULL, disk_gb int NOT NULL,
  status text NOT NULL, next_status text, settle_at timestamptz,
  metadata jsonb NOT NULL DEFAULT '{}', user_data text, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL);
CREATE INDEX sim_servers_project ON sim_servers (project_id, created_at);
CREATE INDEX sim_servers_host ON sim_servers (host_id);
CREATE TABLE sim_security_groups (
  id text PRIMARY KEY, project_id text NOT NULL, name text NOT NULL, description text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL);
CREATE TABLE sim_security_group_rules (
  id text PRIMARY KEY, security_group_id text NOT NULL REFERENCES sim_security_groups(id) ON DELETE CASCADE,
  direction text NOT NULL, ethertype text NOT NULL, protocol text, remote_ip_prefix text, remote_group_id text,
  port_range_min int, port_range_max int, description text NOT NULL DEFAULT '', created_at timestamptz NOT NULL);
CREATE TABLE sim_server_security_groups (
  server_id text NOT NULL REFERENCES sim_servers(id) ON DELETE CASCADE,
  security_group_id text NOT NULL REFERENCES sim_security_groups(id),
  PRIMARY KEY (server_id, security_group_id));
CREATE TABLE sim_volumes (
  id text PRIMARY KEY, project_id text NOT NULL, name text NOT NULL DEFAULT '', description text NOT NULL DEFAULT '',
  datacenter_id text NOT NULL, host text NOT NULL, size_gb int NOT NULL, volume_type text NOT NULL,
  multiattach boolean NOT NULL DEFAULT false, bootable boolean NOT NULL DEFAULT false, source_image_id text,
  status text NOT NULL, next_status text, settle_at timestamptz, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL);
CREATE INDEX sim_volumes_project ON sim_volumes (project_id, created_at);
CREATE TABLE sim_volume_attachments (
  volume_id text NOT NULL REFERENCES sim_volumes(id) ON DELETE CASCADE,
  server_id text NOT NULL REFERENCES sim_servers(id) ON DELETE CASCADE,
  device text NOT NULL, mode text NOT NULL, PRIMARY KEY (volume_id, server_id));
CREATE TABLE sim_floating_ips (
  id text PRIMARY KEY, project_id text NOT NULL, address_port_id text NOT NULL REFERENCES sim_ports(id),
  external_network_id text NOT NULL, port_id text REFERENCES sim_ports(id) ON DELETE SET NULL,
  description text NOT NULL DEFAULT '', created_at timestamptz NOT NULL);
CREATE TABLE sim_public_ips (
  id text PRIMARY KEY, project_id text NOT NULL, name text NOT NULL DEFAULT '', address_port_id text NOT NULL REFERENCES sim_ports(id),
  ip_version int NOT NULL, port_id text REFERENCES sim_ports(id) ON DELETE SET NULL, created_at timestamptz NOT NULL);
CREATE TABLE sim_load_balancers (
  id text PRIMARY KEY, project_id text NOT NULL, name text NOT NULL, description text NOT NULL DEFAULT '',
  subnet_id text, vip_port_id text REFERENCES sim_ports(id), status text NOT NULL, next_status text, settle_at timestamptz,
  listeners jsonb NOT NULL DEFAULT '[]', members jsonb NOT NULL DEFAULT '[]', created_at timestamptz NOT NULL);
CREATE TABLE tokens (
  token_hash text PRIMARY KEY, user_id text NOT NULL, user_name text NOT NULL, project_id text NOT NULL,
  project_name text NOT NULL, roles jsonb NOT NULL, backend_token text, expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE audit (
  id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), user_id text, user_name text, project_id text,
  action text NOT NULL, resource_type text NOT NULL, resource_id text, result text NOT NULL, status_code int NOT NULL,
  message text, request_id text NOT NULL);
CREATE INDEX audit_at ON audit (at);
CREATE TABLE idempotency (
  principal text NOT NULL, key text NOT NULL, request_hash text NOT NULL, status int, body text,
  created_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (principal, key));
CREATE TABLE rate_limits (principal text NOT NULL, window_start bigint NOT NULL, count int NOT NULL, PRIMARY KEY (principal, window_start));
CREATE TABLE events (
  id bigserial PRIMARY KEY, at timestamptz NOT NULL, project_id text, resource_type text NOT NULL,
  resource_id text NOT NULL, status text NOT NULL);
CREATE INDEX events_at ON events (at);
CREATE INDEX events_resource ON events (resource_id)
`;

function statements(sql: string): string[] {
  return sql
    .split(/;\s*\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Failed sign-ins, counted per user name (`user:<name>`) and per client address (`client:<addr>`), so that
 * guessing is limited before scrypt runs and every replica shares the same budget.
 */
const m0002 = `
CREATE TABLE sign_in_limits (
  key text PRIMARY KEY, failures int NOT NULL, window_start timestamptz NOT NULL, locked_until timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now())
`;

/**
 * The user lifecycle: a simulated user can be disabled (it then cannot sign in), and the console ends a user's
 * sessions by user id (disable, delete, password change, membership removal), so tokens are indexed by it.
 */
const m0003 = `
ALTER TABLE sim_users ADD COLUMN enabled boolean NOT NULL DEFAULT true;
CREATE INDEX tokens_user ON tokens (user_id, project_id)
`;

/**
 * Custom image properties (GIS metadata such as gis_crs): a JSON object of string values per simulated image,
 * like `tags`, so one UPDATE changes an image and its properties together.
 */
const m0004 = `
ALTER TABLE sim_images ADD COLUMN properties jsonb NOT NULL DEFAULT '{}'
`;

/**
 * B.30 from a URL: the last import of each simulated image, its progress (bytes so far of the announced total)
 * and why it failed; `import_at` is its heartbeat, so an import a restart cut off is seen as failed.
 */
const m0005 = `
ALTER TABLE sim_images ADD COLUMN import_status text;
ALTER TABLE sim_images ADD COLUMN import_bytes bigint;
ALTER TABLE sim_images ADD COLUMN import_total bigint;
ALTER TABLE sim_images ADD COLUMN import_error text;
ALTER TABLE sim_images ADD COLUMN import_at timestamptz
`;

/**
 * One-time set-up links (POST /users with setup: link, POST /users/{id}/setup-link): one live link per user (a new
 * one replaces it), the SHA-256 of its token only, and the random password the console set in the backend, sealed
 * (secret-box.ts), so consuming the link can sign in as the user and change it without an administrator's credential.
 */
const m0006 = `
CREATE TABLE user_setup_links (
  user_id text PRIMARY KEY, user_name text NOT NULL, token_hash text NOT NULL UNIQUE, sealed_password text NOT NULL,
  expires_at timestamptz NOT NULL, created_at timestamptz NOT NULL DEFAULT now())
`;

/**
 * Hosts taken out of scheduling for maintenance say why (`POST /hosts/{id}/disable`): the reason is kept with the
 * host's status, so the wizard, the live-migrate picker and a 409 can name it.
 */
const m0007 = `
ALTER TABLE sim_hosts ADD COLUMN disabled_reason text
`;

/**
 * Usage over time (`GET /usage`): the simulator's allocation history, one row per server and flavor — opened at
 * creation (and at a resize, which closes the old flavor's row), closed at deletion — because the server rows are
 * deleted with the server and the events table records statuses, not sizes. Servers that exist when this runs are
 * entered from their creation time; servers deleted before it have no history.
 */
const m0008 = `
CREATE TABLE sim_server_usage (
  id bigserial PRIMARY KEY, server_id text NOT NULL, project_id text NOT NULL, datacenter_id text NOT NULL,
  vcpus int NOT NULL, ram_mb int NOT NULL, disk_gb int NOT NULL, started_at timestamptz NOT NULL, ended_at timestamptz);
CREATE INDEX sim_server_usage_project ON sim_server_usage (project_id, started_at);
CREATE INDEX sim_server_usage_open ON sim_server_usage (server_id) WHERE ended_at IS NULL;
INSERT INTO sim_server_usage (server_id, project_id, datacenter_id, vcpus, ram_mb, disk_gb, started_at)
  SELECT id, project_id, datacenter_id, vcpus, ram_mb, disk_gb, created_at FROM sim_servers
`;

/**
 * Projects (issue 14): a simulated project can be disabled; the simulator's cloud default quotas (one row); and the
 * console's "delete everything in it" tasks, on every backend, so a restart can show and resume one (each step's
 * outcome in `steps`; `heartbeat_at` goes stale when the process running it is gone).
 */
const m0009 = `
ALTER TABLE sim_projects ADD COLUMN enabled boolean NOT NULL DEFAULT true;
CREATE TABLE sim_quota_defaults (id int PRIMARY KEY CHECK (id = 1), quotas jsonb NOT NULL);
CREATE TABLE project_purges (
  project_id text PRIMARY KEY, project_name text NOT NULL, status text NOT NULL, steps jsonb NOT NULL, error text,
  started_at timestamptz NOT NULL, updated_at timestamptz NOT NULL, heartbeat_at timestamptz NOT NULL)
`;

/**
 * The presenter's panel (issue 17): one row of demo state — the estate last reset to, the fault switches (read by
 * every console process, so a switch takes effect without a restart), the quotas a "quota nearly exhausted" fault
 * replaced and the servers a "host down" put in error (both restored when cleared); the read-only demo visitor is
 * marked on the user and on each of its sessions, so the pipeline refuses its changes without a lookup.
 */
const m0010 = `
CREATE TABLE sim_demo (
  id int PRIMARY KEY CHECK (id = 1), estate text NOT NULL DEFAULT 'small', faults jsonb NOT NULL DEFAULT '{}',
  saved jsonb NOT NULL DEFAULT '{}', reset_at timestamptz);
ALTER TABLE sim_hosts ADD COLUMN down boolean NOT NULL DEFAULT false;
ALTER TABLE sim_users ADD COLUMN read_only boolean NOT NULL DEFAULT false;
ALTER TABLE tokens ADD COLUMN read_only boolean NOT NULL DEFAULT false
`;

/**
 * Stateless replicas (issue 16): what the public-cloud drivers remember about cloud jobs, kept here rather than in
 * one process's memory so any replica behind the balancer answers the same — Huawei's job last started on a
 * resource (`slot` 'job': its service, job id and `kind`, the failure once seen), IMS's export of an image to OBS
 * ('export', the object key in `detail`), Shanhe's failed creations ('failed-creation', the reason). Rows are
 * fresh for 30 minutes from `at` (readers ignore older ones); writers prune the stale ones now and then by the
 * index on `at`, so the table stays small without a timer.
 */
const m0011 = `
CREATE TABLE cloud_jobs (
  provider text NOT NULL, resource_id text NOT NULL, slot text NOT NULL, service text, job_id text, kind text,
  detail jsonb, fail_reason text, at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (provider, resource_id, slot));
CREATE INDEX cloud_jobs_at ON cloud_jobs (at)
`;

/**
 * SSH key pairs (issue 18): the simulator keeps each user's public keys (Nova keeps them per user, not per project;
 * a generated pair's private key is never stored anywhere), and the key pair a server was made with.
 */
const m0012 = `
CREATE TABLE sim_key_pairs (
  user_id text NOT NULL REFERENCES sim_users(id) ON DELETE CASCADE, name text NOT NULL, public_key text NOT NULL,
  fingerprint text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (user_id, name));
ALTER TABLE sim_servers ADD COLUMN key_name text
`;

/**
 * Volume snapshots (issue 18): the simulator's snapshots of its volumes, and on a volume the snapshot it was made from.
 * A snapshot keeps `volume_id` without a foreign key: the simulator refuses to delete a volume that has snapshots,
 * as Cinder does, and says which. A disk a server was created with (from an image, a snapshot or blank) is deleted
 * with the server, as Nova's delete_on_termination does; an existing volume attached at boot is only detached.
 */
const m0013 = `
CREATE TABLE sim_volume_snapshots (
  id text PRIMARY KEY, project_id text NOT NULL, volume_id text NOT NULL, name text NOT NULL DEFAULT '',
  description text NOT NULL DEFAULT '', size_gb int NOT NULL, status text NOT NULL, next_status text,
  settle_at timestamptz, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL);
CREATE INDEX sim_volume_snapshots_project ON sim_volume_snapshots (project_id, created_at);
CREATE INDEX sim_volume_snapshots_volume ON sim_volume_snapshots (volume_id);
ALTER TABLE sim_volumes ADD COLUMN source_snapshot_id text;
ALTER TABLE sim_volume_attachments ADD COLUMN delete_on_termination boolean NOT NULL DEFAULT false
`;

export const migrations: { id: string; sql: string[] }[] = [
  { id: '0001_initial', sql: statements(m0001) },
  { id: '0002_sign_in_limits', sql: statements(m0002) },
  { id: '0003_user_lifecycle', sql: statements(m0003) },
  { id: '0004_image_properties', sql: statements(m0004) },
  { id: '0005_image_import', sql: statements(m0005) },
  { id: '0006_user_setup_links', sql: statements(m0006) },
  { id: '0007_host_maintenance', sql: statements(m0007) },
  { id: '0008_server_usage', sql: statements(m0008) },
  { id: '0009_projects', sql: statements(m0009) },
  { id: '0010_demo', sql: statements(m0010) },
  { id: '0011_scale_out', sql: statements(m0011) },
  { id: '0012_key_pairs', sql: statements(m0012) },
  { id: '0013_volume_snapshots', sql: statements(m0013) },
];
