import type { FloatingIp } from '@/lib/contract/floating-ip';
import type { LoadBalancer } from '@/lib/contract/load-balancer';
import type { Network } from '@/lib/contract/network';
import type { PublicIp } from '@/lib/contract/public-ip';
import type { Server } from '@/lib/contract/server';

export type TopoKind = 'external' | 'network' | 'subnet' | 'server' | 'floating-ip' | 'public-ip' | 'load-balancer';
export interface TopoNode {
  id: string;
  kind: TopoKind;
  label: string;
  /** Addresses or CIDRs shown under the label. */
  detail: string;
  status: string;
  href: string;
  x: number;
  y: number;
}
export interface TopoEdge {
  id: string;
  source: string;
  target: string;
}
export interface TopoInput {
  networks: Network[];
  servers: Server[];
  floatingIps: FloatingIp[];
  publicIps: PublicIp[];
  loadBalancers: LoadBalancer[];
}

/** Column positions and the server grid; servers of one subnet form a block `serverCols` wide. */
export const layout = {
  colX: { external: 0, ips: 240, network: 480, subnet: 720, servers: 980 },
  cellW: 210,
  cellH: 74,
  serverCols: 4,
  blockGap: 30,
} as const;
const lbX = layout.colX.servers + layout.serverCols * layout.cellW + 60;

/**
 * Lays the estate out in columns (external network → floating/public IPs → networks → subnets → server grid →
 * load balancers) so hundreds of servers stay readable without a force layout: positions are computed in one
 * pass, stable between refreshes, and a server always sits in the block of its first subnet.
 */
export function buildTopology(input: TopoInput): { nodes: TopoNode[]; edges: TopoEdge[] } {
  const nodes: TopoNode[] = [];
  const edges: TopoEdge[] = [];
  const edge = (source: string, target: string) => edges.push({ id: `${source}->${target}`, source, target });
  const internal = input.networks.filter((n) => !n.external);
  const externals = input.networks.filter((n) => n.external);
  const subnetOf = new Map<string, string>();
  for (const n of internal) for (const s of n.subnets) subnetOf.set(s.id, `subnet:${s.id}`);
  const firstSubnetOfNet = new Map(
    internal.filter((n) => n.subnets[0]).map((n) => [n.id, `subnet:${n.subnets[0]!.id}`]),
  );

  // Which block each server goes in: its first address's subnet, else its network's first subnet, else "unattached".
  const blocks = new Map<string, Server[]>();
  for (const s of input.servers) {
    const a = s.addresses[0];
    const key =
      (a && ((a.subnet_id && subnetOf.get(a.subnet_id)) || firstSubnetOfNet.get(a.network_id))) || 'unattached';
    blocks.set(key, [...(blocks.get(key) ?? []), s]);
  }

  let y = 0;
  const serverY = new Map<string, number>();
  const place = (blockKey: string, servers: Server[]) => {
    servers.forEach((s, i) => {
      const sy = y + Math.floor(i / layout.serverCols) * layout.cellH;
      serverY.set(s.id, sy);
      nodes.push({
        id: `server:${s.id}`,
        kind: 'server',
        label: s.name,
        detail: s.addresses.map((a) => a.private_ip + (a.floating_ip ? ` / ${a.floating_ip}` : '')).join(', '),
        status: s.status,
        href: `/servers/${s.id}`,
        x: layout.colX.servers + (i % layout.serverCols) * layout.cellW,
        y: sy,
      });
      if (blockKey !== 'unattached') edge(blockKey, `server:${s.id}`);
    });
    return Math.max(1, Math.ceil(servers.length / layout.serverCols)) * layout.cellH;
  };

  for (const n of internal) {
    nodes.push({
      id: `network:${n.id}`,
      kind: 'network',
      label: n.name,
      detail: '',
      status: n.status,
      href: `/networks?name=${encodeURIComponent(n.name)}`,
      x: layout.colX.network,
      y,
    });
    for (const ext of externals) edge(`external:${ext.id}`, `network:${n.id}`);
    if (!n.subnets.length) y += layout.cellH + layout.blockGap;
    for (const s of n.subnets) {
      const key = `subnet:${s.id}`;
      nodes.push({
        id: key,
        kind: 'subnet',
        label: s.name,
        detail: s.cidr,
        status: 'active',
        href: `/networks?name=${encodeURIComponent(n.name)}`,
        x: layout.colX.subnet,
        y,
      });
      edge(`network:${n.id}`, key);
      y += place(key, blocks.get(key) ?? []) + layout.blockGap;
    }
  }
  const loose = blocks.get('unattached');
  if (loose?.length) y += place('unattached', loose) + layout.blockGap;

  externals.forEach((n, i) => {
    nodes.push({
      id: `external:${n.id}`,
      kind: 'external',
      label: n.name,
      detail: n.subnets.map((s) => s.cidr).join(', '),
      status: n.status,
      href: `/networks?name=${encodeURIComponent(n.name)}`,
      x: layout.colX.external,
      y: i * (layout.cellH + layout.blockGap),
    });
  });

  // Floating and public IPs line up with the server they point at, stacked when several share a row.
  const ipRows = new Map<number, number>();
  const ipY = (serverId: string | null | undefined, fallback: number) => {
    const base = (serverId ? serverY.get(serverId) : undefined) ?? fallback;
    const n = ipRows.get(base) ?? 0;
    ipRows.set(base, n + 1);
    return base + n * 40;
  };
  let looseIp = y;
  for (const f of input.floatingIps) {
    const serverId = f.port_details?.device_id;
    const id = `floating-ip:${f.id}`;
    const isPlaced = !!serverId && serverY.has(serverId);
    nodes.push({
      id,
      kind: 'floating-ip',
      label: f.floating_ip_address,
      detail: f.fixed_ip_address ?? '',
      status: f.port_id ? 'bound' : 'available',
      href: '/floating-ips',
      x: layout.colX.ips,
      y: isPlaced ? ipY(serverId, 0) : (looseIp += 44),
    });
    edge(`external:${f.external_network_id}`, id);
    if (isPlaced) edge(id, `server:${serverId}`);
  }
  for (const p of input.publicIps) {
    const id = `public-ip:${p.id}`;
    const isPlaced = !!p.server_id && serverY.has(p.server_id);
    nodes.push({
      id,
      kind: 'public-ip',
      label: p.ip_address,
      detail: p.private_ip ?? '',
      status: p.status,
      href: '/public-ips',
      x: layout.colX.ips,
      y: isPlaced ? ipY(p.server_id, 0) : (looseIp += 44),
    });
    for (const ext of externals.slice(0, 1)) edge(`external:${ext.id}`, id);
    if (isPlaced) edge(id, `server:${p.server_id}`);
  }

  input.loadBalancers.forEach((lb, i) => {
    const id = `load-balancer:${lb.id}`;
    const ys = lb.members.map((m) => serverY.get(m.id)).filter((v): v is number => v !== undefined);
    nodes.push({
      id,
      kind: 'load-balancer',
      label: lb.name,
      detail: [lb.ip_address, ...lb.listeners.map((l) => `${l.protocol}:${l.port}`)].filter(Boolean).join(' '),
      status: lb.status,
      href: `/load-balancers/${lb.id}`,
      x: lbX,
      y: ys.length ? Math.min(...ys) + i * 8 : i * (layout.cellH + 10),
    });
    if (lb.subnet_id && subnetOf.has(lb.subnet_id)) edge(`subnet:${lb.subnet_id}`, id);
    for (const m of lb.members) if (serverY.has(m.id)) edge(id, `server:${m.id}`);
  });

  // Edges must point at nodes that exist (an IP on an external network the caller cannot see, say).
  const ids = new Set(nodes.map((n) => n.id));
  return { nodes, edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target)) };
}

/** Status → colour family for the node's border and dot. */
export function statusTone(status: string): 'green' | 'amber' | 'red' | 'gray' | 'blue' {
  if (['active', 'available', 'ACTIVE'].includes(status)) return 'green';
  if (['bound', 'in-use'].includes(status)) return 'blue';
  if (['error', 'ERROR', 'killed'].includes(status)) return 'red';
  if (['stopped', 'down', 'DOWN', 'disabled'].includes(status)) return 'gray';
  return 'amber';
}
