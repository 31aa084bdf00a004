import { describe, expect, it } from 'vitest';
import type { Network } from '@/lib/contract/network';
import type { Server } from '@/lib/contract/server';
import { buildTopology, layout, statusTone } from './topology-layout';

const net = (id: string, subnets: string[], external = false): Network => ({
  id,
  name: id,
  project_id: external ? null : 'p',
  external,
  shared: external,
  status: 'active',
  subnets: subnets.map((s, i) => ({
    id: s,
    name: s,
    network_id: id,
    cidr: `10.${i}.0.0/24`,
    gateway_ip: null,
    ip_version: 4,
  })),
  created_at: '',
});
const server = (id: string, subnet: string | null, network = 'n1'): Server =>
  ({
    id,
    name: id,
    status: 'active',
    addresses: subnet
      ? [{ network_id: network, subnet_id: subnet, port_id: `port-${id}`, private_ip: '10.0.0.5', floating_ip: null }]
      : [],
  }) as unknown as Server;

describe('buildTopology', () => {
  it('places hundreds of servers in a grid without overlaps, each linked to its subnet', () => {
    const servers = Array.from({ length: 300 }, (_, i) => server(`s${i}`, i % 3 === 0 ? 'sa' : 'sb'));
    const { nodes, edges } = buildTopology({
      networks: [net('ext', ['e1'], true), net('n1', ['sa', 'sb'])],
      servers,
      floatingIps: [],
      publicIps: [],
      loadBalancers: [],
    });
    const serverNodes = nodes.filter((n) => n.kind === 'server');
    expect(serverNodes).toHaveLength(300);
    const spots = new Set(serverNodes.map((n) => `${n.x},${n.y}`));
    expect(spots.size, 'no two servers share a position').toBe(300);
    expect(Math.max(...serverNodes.map((n) => n.x))).toBeLessThan(
      layout.colX.servers + layout.serverCols * layout.cellW,
    );
    expect(edges.filter((e) => e.source === 'subnet:sa')).toHaveLength(100);
    expect(
      edges.some((e) => e.source === 'external:ext' && e.target === 'network:n1'),
      'external network linked',
    ).toBe(true);
  });

  it('links floating IPs, public IPs and load balancer members to their servers', () => {
    const { nodes, edges } = buildTopology({
      networks: [net('ext', ['e1'], true), net('n1', ['sa'])],
      servers: [server('web', 'sa'), server('loose', null)],
      floatingIps: [
        {
          id: 'f1',
          floating_ip_address: '203.0.113.9',
          fixed_ip_address: '10.0.0.5',
          external_network_id: 'ext',
          port_id: 'port-web',
          port_details: { device_id: 'web', status: 'ACTIVE', name: '', network_id: 'n1', mac_address: '' },
        } as never,
      ],
      publicIps: [
        { id: 'p1', ip_address: '198.51.100.2', status: 'bound', server_id: 'web', private_ip: '10.0.0.5' } as never,
      ],
      loadBalancers: [
        {
          id: 'lb',
          name: 'lb',
          status: 'active',
          subnet_id: 'sa',
          ip_address: '10.0.0.100',
          listeners: [],
          members: [{ id: 'web', name: 'web', ip_address: '10.0.0.5', port: 80 }],
        } as never,
      ],
    });
    const ids = edges.map((e) => `${e.source}>${e.target}`);
    expect(ids).toEqual(
      expect.arrayContaining([
        'external:ext>floating-ip:f1',
        'floating-ip:f1>server:web',
        'public-ip:p1>server:web',
        'subnet:sa>load-balancer:lb',
        'load-balancer:lb>server:web',
      ]),
    );
    expect(
      nodes.find((n) => n.id === 'server:loose'),
      'a server without addresses is still shown',
    ).toBeDefined();
    expect(nodes.find((n) => n.id === 'load-balancer:lb')?.href).toBe('/load-balancers/lb');
  });

  it('colours by status', () => {
    expect([statusTone('active'), statusTone('building'), statusTone('error'), statusTone('stopped')]).toEqual([
      'green',
      'amber',
      'red',
      'gray',
    ]);
  });
});
