'use client';
import { useServersQuery } from '@/lib/api/servers';
import { useSessionInfo } from '@/lib/api/session';

export interface ServerPortOption {
  key: string;
  serverId: string;
  serverName: string;
  portId: string;
  ip: string;
  floatingIp: string | null;
}

/** Every private address of the project's servers that sits on a port (what a floating IP can be bound to). */
export function useServerPorts() {
  const session = useSessionInfo();
  const servers = useServersQuery(session.projectId, { limit: 100, sort: 'name' });
  const items: ServerPortOption[] = (servers.data?.items ?? [])
    .filter((s) => s.status !== 'deleting')
    .flatMap((s) =>
      s.addresses
        .filter((a) => a.port_id)
        .map((a) => ({
          key: `${a.port_id}|${a.private_ip}`,
          serverId: s.id,
          serverName: s.name,
          portId: a.port_id!,
          ip: a.private_ip,
          floatingIp: a.floating_ip,
        })),
    );
  return { items, isPending: servers.isPending };
}
