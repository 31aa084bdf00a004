'use client';
import { useQuery } from '@tanstack/react-query';
import type { Edge, Node } from '@xyflow/react';
import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { useMemo } from 'react';
import { PageTitle } from '@/components/feature/page-title';
import { Button } from '@/components/ui/button';
import { ErrorText } from '@/components/ui/error-text';
import { isNotSupported } from '@/lib/api/capabilities';
import { fetchFloatingIps } from '@/lib/api/floating-ips';
import { fetchAllPages } from '@/lib/api/list';
import { fetchLoadBalancers } from '@/lib/api/load-balancers';
import { fetchNetworks } from '@/lib/api/networks';
import { fetchPublicIps } from '@/lib/api/public-ips';
import { fetchServers } from '@/lib/api/servers';
import { useSessionInfo } from '@/lib/api/session';
import { useI18n } from '@/lib/i18n/provider';
import { buildTopology, statusTone, type TopoInput, type TopoKind } from '@/lib/network/topology-layout';

/** The graph library loads beside the data, not as part of the page's first-load JS (~50 KB gzip less). */
const TopologyCanvas = dynamic(() => import('./topology-canvas'), { ssr: false });

export const topologyKeys = {
  all: ['topology'] as const,
  view: (projectId: string) => [...topologyKeys.all, projectId] as const,
};

const toneClass = { green: '#10b981', amber: '#f59e0b', red: '#ef4444', gray: '#94a3b8', blue: '#3b82f6' } as const;
const kindBg: Record<TopoKind, string> = {
  external: '#ede9fe',
  network: '#e0f2fe',
  subnet: '#f0f9ff',
  server: '#ffffff',
  'floating-ip': '#fef9c3',
  'public-ip': '#fce7f3',
  'load-balancer': '#dcfce7',
};

// Optional features (public IPs, load balancers) that the backend lacks are drawn as absent, not as a failure.
const optional = <T,>(p: Promise<{ items: T[] }>) =>
  p.then((r) => r.items).catch((e: unknown) => (isNotSupported(e) ? [] : Promise.reject(e)));

async function fetchTopology(): Promise<TopoInput> {
  const [networks, servers, floatingIps, publicIps, loadBalancers] = await Promise.all([
    fetchAllPages(fetchNetworks).then((r) => r.items),
    fetchAllPages(fetchServers, { sort: 'name' }).then((r) => r.items),
    optional(fetchAllPages(fetchFloatingIps)),
    optional(fetchAllPages(fetchPublicIps)),
    optional(fetchAllPages(fetchLoadBalancers)),
  ]);
  return { networks, servers, floatingIps, publicIps, loadBalancers };
}

/** The project's network topology; each node opens its resource's page. */
export function TopologyView() {
  const { t, tx } = useI18n();
  const router = useRouter();
  const session = useSessionInfo();
  const q = useQuery({
    queryKey: topologyKeys.view(session.projectId),
    queryFn: fetchTopology,
    refetchInterval: 10_000,
  });
  const { nodes, edges } = useMemo(() => {
    if (!q.data) return { nodes: [] as Node[], edges: [] as Edge[] };
    const topo = buildTopology(q.data);
    return {
      nodes: topo.nodes.map<Node>((n) => ({
        id: n.id,
        position: { x: n.x, y: n.y },
        data: {
          href: n.href,
          label: (
            <div className="text-left" data-kind={n.kind} data-status={n.status}>
              <div className="flex items-center gap-1 text-[10px] text-slate-500">
                <span
                  className="inline-block size-2 rounded-full"
                  style={{ background: toneClass[statusTone(n.status)] }}
                />
                {t(`topo.kind.${n.kind}`)} · {tx(`status.${n.status}`, n.status)}
              </div>
              <div className="truncate text-xs font-semibold text-slate-900">{n.label}</div>
              {n.detail ? <div className="truncate font-mono text-[10px] text-slate-600">{n.detail}</div> : null}
            </div>
          ),
        },
        ariaLabel: `${t(`topo.kind.${n.kind}`)} ${n.label}`,
        draggable: false,
        connectable: false,
        style: {
          width: 190,
          padding: 6,
          background: kindBg[n.kind],
          border: `2px solid ${toneClass[statusTone(n.status)]}`,
          borderRadius: 6,
        },
        sourcePosition: 'right' as Node['sourcePosition'],
        targetPosition: 'left' as Node['targetPosition'],
      })),
      edges: topo.edges.map<Edge>((e) => ({ ...e, style: { stroke: '#94a3b8' } })),
    };
  }, [q.data, t, tx]);

  return (
    <div className="flex h-[calc(100vh-120px)] flex-col gap-3">
      <PageTitle title={t('topo.title')}>
        <span className="text-xs text-muted">
          {q.data ? t('topo.counts', { servers: q.data.servers.length, networks: q.data.networks.length }) : null}
        </span>
        <Button onClick={() => q.refetch()}>{t('common.refresh')}</Button>
      </PageTitle>
      <ErrorText error={q.error} />
      {q.isPending ? <p className="text-sm text-muted">{t('common.loading')}</p> : null}
      <div className="min-h-0 flex-1 rounded-lg border border-line bg-white" aria-label={t('topo.title')} role="region">
        {q.data ? <TopologyCanvas nodes={nodes} edges={edges} onOpen={(href) => router.push(href)} /> : null}
      </div>
    </div>
  );
}
