'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useStateReason } from '@/components/resource/state-reason';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ErrorText } from '@/components/ui/error-text';
import { Field, Input, Select } from '@/components/ui/field';
import { useLoadBalancerChangeMutation } from '@/lib/api/load-balancers';
import {
  ListenerCreateInput,
  ListenerProtocol,
  loadBalancerRules,
  type LoadBalancer,
} from '@/lib/contract/load-balancer';
import { useI18n } from '@/lib/i18n/provider';

/** Listeners: protocol + port; a port already taken is refused by the API, whose message is shown. */
export function ListenersCard({ lb, canWrite }: { lb: LoadBalancer; canWrite: boolean }) {
  const { t } = useI18n();
  const change = useLoadBalancerChangeMutation();
  const [error, setError] = useState<unknown>(null);
  const form = useForm<{ protocol: 'TCP' | 'HTTP' | 'HTTPS' | 'UDP'; port: number }>({
    resolver: zodResolver(ListenerCreateInput),
    defaultValues: { protocol: 'HTTP', port: 80 },
  });
  // The contract's table: a load balancer changes only while active; the disabled controls say why.
  const reason = useStateReason();
  const isBusy = !loadBalancerRules.allowed('change-listeners', lb.status);
  const busyReason = reason(loadBalancerRules.refusal('change-listeners', lb.status));
  const run = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e);
    }
  };
  const submit = form.handleSubmit((v) =>
    run(() => change.mutateAsync({ id: lb.id, change: { kind: 'listener-add', input: v } })),
  );
  return (
    <Card title={t('lb.listeners')}>
      <table className="mb-3 w-full text-sm" aria-label={t('lb.listeners')}>
        <thead className="text-left text-xs text-muted">
          <tr>
            <th className="font-medium">{t('lb.protocol')}</th>
            <th className="font-medium">{t('lb.port')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {lb.listeners.length === 0 ? (
            <tr>
              <td colSpan={3} className="py-1 text-muted">
                {t('lb.noListeners')}
              </td>
            </tr>
          ) : null}
          {lb.listeners.map((l) => (
            <tr key={l.id} className="border-t border-line">
              <td className="py-1">{l.protocol}</td>
              <td className="font-mono">{l.port}</td>
              <td className="text-right">
                {canWrite ? (
                  <Button
                    size="sm"
                    aria-label={t('lb.removeListenerNamed', { name: `${l.protocol}:${l.port}` })}
                    disabled={isBusy}
                    title={busyReason}
                    onClick={() =>
                      run(() =>
                        change.mutateAsync({ id: lb.id, change: { kind: 'listener-remove', listenerId: l.id } }),
                      )
                    }
                  >
                    {t('common.delete')}
                  </Button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {canWrite ? (
        <form onSubmit={submit} className="flex items-end gap-2" noValidate aria-label={t('lb.addListener')}>
          <Field label={t('lb.protocol')}>
            {(p) => (
              <Select {...p} {...form.register('protocol')}>
                {ListenerProtocol.options.map((o) => (
                  <option key={o}>{o}</option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t('lb.port')} error={form.formState.errors.port?.message}>
            {(p) => <Input {...p} type="number" className="w-28" {...form.register('port', { valueAsNumber: true })} />}
          </Field>
          <Button type="submit" disabled={isBusy || change.isPending} title={busyReason}>
            {t('lb.addListener')}
          </Button>
        </form>
      ) : null}
      <div className="mt-2">
        <ErrorText error={error} />
      </div>
    </Card>
  );
}
