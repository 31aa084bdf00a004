'use client';
import Link from 'next/link';
import { useMemo } from 'react';
import type { SecurityGroup } from '@/lib/contract/security-group';
import type { Server } from '@/lib/contract/server';
import { useI18n } from '@/lib/i18n/provider';
import { formatRanges, serverExposure } from '@/lib/network/exposure';

/** Per server: what is open to the whole Internet across all its groups, and which rules are redundant. */
export function ExposureView({ servers, groups }: { servers: Server[]; groups: SecurityGroup[] }) {
  const { t } = useI18n();
  const byId = useMemo(() => new Map(groups.map((g) => [g.id, g])), [groups]);
  const rows = useMemo(() => servers.map((s) => serverExposure(s, byId)), [servers, byId]);
  const groupName = (id: string) => byId.get(id)?.name ?? id;
  const ruleText = (groupId: string, ruleId: string) => {
    const r = byId.get(groupId)?.rules.find((x) => x.id === ruleId);
    if (!r) return ruleId;
    const ports =
      r.port_range_min === null
        ? '*'
        : r.port_range_min === r.port_range_max
          ? r.port_range_min
          : `${r.port_range_min}-${r.port_range_max}`;
    return `${groupName(groupId)}: ${r.direction} ${r.protocol ?? 'any'} ${ports} ${r.remote_ip_prefix ?? (r.remote_group_id ? groupName(r.remote_group_id) : '*')}`;
  };
  if (!servers.length) return <p className="text-sm text-muted">{t('sg.noServers')}</p>;
  return (
    <table className="w-full text-sm" aria-label={t('sg.exposure')}>
      <thead className="text-left text-xs text-muted">
        <tr>
          <th className="py-1 font-medium">{t('fip.server')}</th>
          <th className="font-medium">{t('sg.openToWorld')}</th>
          <th className="font-medium">{t('sg.redundantRules')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((x) => (
          <tr key={x.serverId} className="border-t border-line align-top" data-server-id={x.serverId}>
            <td className="py-1">
              <Link href={`/servers/${x.serverId}`} className="text-blue-700 hover:underline dark:text-blue-300">
                {x.serverName}
              </Link>
            </td>
            <td>
              {x.open.length === 0 ? (
                <span className="text-emerald-700 dark:text-emerald-400">{t('sg.nothingOpen')}</span>
              ) : null}
              <ul>
                {x.open.map((e) => (
                  <li key={e.ethertype + e.protocol} className="font-mono text-xs text-amber-800 dark:text-amber-300">
                    {e.ethertype}{' '}
                    {e.protocol === 'any'
                      ? t('sg.allTraffic')
                      : `${e.protocol.toUpperCase()} ${e.isAll ? t('sg.allPorts') : formatRanges(e)}`}
                  </li>
                ))}
              </ul>
            </td>
            <td>
              <ul>
                {x.redundant.map((r) => (
                  <li key={r.groupId + r.ruleId} className="text-xs">
                    <span className="font-mono">{ruleText(r.groupId, r.ruleId)}</span>{' '}
                    <span className="text-muted">{t('sg.coveredBy')}</span>{' '}
                    <span className="font-mono">{ruleText(r.coveredBy.groupId, r.coveredBy.ruleId)}</span>
                  </li>
                ))}
              </ul>
              {x.redundant.length === 0 ? '—' : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
