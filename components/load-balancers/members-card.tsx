'use client';
import Link from 'next/link';
import { useState } from 'react';
import { useStateReason } from '@/components/resource/state-reason';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ErrorText } from '@/components/ui/error-text';
import { Field, Input, Select } from '@/components/ui/field';
import { useLoadBalancerChangeMutation } from '@/lib/api/load-balancers';
import { useServersQuery } from '@/lib/api/servers';
import { useSessionInfo } from '@/lib/api/session';
import { loadBalancerRules, type LoadBalancer, type LoadBalancerMembersInput } from '@/lib/contract/load-balancer';
import { useI18n } from '@/lib/i18n/provider';
import { parseIp } from '@/lib/network/ip';

/** Members: add servers with a port; remove one by its server or by its IP (B.63 allows either). */
export function MembersCard({ lb, canWrite }: { lb: LoadBalancer; canWrite: boolean }) {
  const { t } = useI18n();
  const session = useSessionInfo();
  const servers = useServersQuery(session.projectId, { limit: 100, sort: 'name' });
  const change = useLoadBalancerChangeMutation();
  const [serverId, setServerId] = useState('');
  const [port, setPort] = useState('80');
  const [removeIp, setRemoveIp] = useState('');
  const [error, setError] = useState<unknown>(null);
  // The contract's table: a load balancer changes only while active; the disabled controls say why.
  const reason = useStateReason();
  const isBusy = !loadBalancerRules.allowed('change-members', lb.status);
  const busyReason = reason(loadBalancerRules.refusal('change-members', lb.status));
  const memberIds = new Set(lb.members.map((m) => m.id));
  const candidates = (servers.data?.items ?? []).filter((s) => !memberIds.has(s.id) && s.status !== 'deleting');
  const send = async (input: LoadBalancerMembersInput) => {
    setError(null);
    try {
      await change.mutateAsync({ id: lb.id, change: { kind: 'members', input } });
      return true;
    } catch (e) {
      setError(e);
      return false;
    }
  };
  const portNum = Number(port);
  const isPortOk = Number.isInteger(portNum) && portNum >= 1 && portNum <= 65535;
  return (
    <Card title={t('lb.members')} className="lg:col-span-2">
      <table className="mb-3 w-full text-sm" aria-label={t('lb.members')}>
        <thead className="text-left text-xs text-muted">
          <tr>
            <th className="font-medium">{t('fip.server')}</th>
            <th className="font-medium">{t('lb.memberAddress')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {lb.members.length === 0 ? (
            <tr>
              <td colSpan={3} className="py-1 text-muted">
                {t('lb.noMembers')}
              </td>
            </tr>
          ) : null}
          {lb.members.map((m) => (
            <tr key={m.id} className="border-t border-line">
              <td className="py-1">
                <Link href={`/servers/${m.id}`} className="text-blue-700 hover:underline dark:text-blue-300">
                  {m.name}
                </Link>
              </td>
              <td className="font-mono text-xs">
                {m.ip_address}:{m.port}
              </td>
              <td className="text-right">
                {canWrite ? (
                  <Button
                    size="sm"
                    disabled={isBusy}
                    title={busyReason}
                    aria-label={t('lb.removeMemberNamed', { name: m.name })}
                    onClick={() => send({ op: 'remove', server_id: m.id })}
                  >
                    {t('lb.removeMember')}
                  </Button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {canWrite ? (
        <div className="flex flex-wrap items-end gap-4">
          <form
            className="flex items-end gap-2"
            aria-label={t('lb.addMember')}
            onSubmit={async (e) => {
              e.preventDefault();
              if (serverId && isPortOk && (await send({ op: 'add', server_id: serverId, port: portNum })))
                setServerId('');
            }}
          >
            <Field label={t('fip.server')}>
              {(p) => (
                <Select {...p} value={serverId} onChange={(e) => setServerId(e.target.value)} className="w-64">
                  <option value="">{t('vol.pickServer')}</option>
                  {candidates.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name} ({s.addresses.map((a) => a.private_ip).join(', ') || '—'})
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label={t('lb.port')} error={isPortOk ? undefined : t('lb.portRange')}>
              {(p) => (
                <Input {...p} type="number" className="w-24" value={port} onChange={(e) => setPort(e.target.value)} />
              )}
            </Field>
            <Button type="submit" disabled={isBusy || !serverId || !isPortOk} title={busyReason}>
              {t('lb.addMember')}
            </Button>
          </form>
          <form
            className="flex items-end gap-2"
            aria-label={t('lb.removeByIp')}
            onSubmit={async (e) => {
              e.preventDefault();
              if (parseIp(removeIp) && (await send({ op: 'remove', server_ip: removeIp.trim() }))) setRemoveIp('');
            }}
          >
            <Field label={t('lb.memberIp')}>
              {(p) => (
                <Input
                  {...p}
                  className="w-44"
                  value={removeIp}
                  onChange={(e) => setRemoveIp(e.target.value)}
                  placeholder="192.168.10.5"
                />
              )}
            </Field>
            <Button type="submit" disabled={isBusy || !parseIp(removeIp)} title={busyReason}>
              {t('lb.removeByIp')}
            </Button>
          </form>
        </div>
      ) : null}
      <div className="mt-2">
        <ErrorText error={error} />
      </div>
    </Card>
  );
}
