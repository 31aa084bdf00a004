'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { SupportButton } from '@/components/feature/support-gate';
import { ErrorText } from '@/components/ui/error-text';
import { Field, Input, Select } from '@/components/ui/field';
import { FormDialog, useSubmitError } from '@/components/ui/form-dialog';
import { useHostActionMutation, useHostsQuery } from '@/lib/api/compute';
import { HostDisableInput, type Host, type HostMigrationResult } from '@/lib/contract/datacenter';
import { useI18n } from '@/lib/i18n/provider';

/** Asks why the host goes out of scheduling (the API requires a reason), then disables it. */
export function DisableHostDialog({ host, onClose }: { host: Host; onClose: () => void }) {
  const { t, tx } = useI18n();
  const form = useForm<{ reason: string }>({
    resolver: zodResolver(HostDisableInput),
    mode: 'onChange',
    defaultValues: { reason: '' },
  });
  const action = useHostActionMutation();
  const { error, attempt } = useSubmitError();
  const submit = form.handleSubmit(async (v) => {
    if (await attempt(() => action.mutateAsync({ kind: 'disable', hostId: host.id, reason: v.reason }))) onClose();
  });
  const msg = form.formState.errors.reason?.message;
  return (
    <FormDialog
      title={t('admin.hostDisableTitle', { name: host.name })}
      onClose={onClose}
      size="sm"
      onSubmit={submit}
      submitLabel={t('admin.hostDisable')}
      submitVariant="danger"
      error={error}
      pending={form.formState.isSubmitting}
    >
      <p className="text-sm text-muted">{t('admin.hostDisableHint')}</p>
      <Field label={t('admin.hostReason')} error={msg ? tx(`form.err.${msg}`, msg) : undefined}>
        {(p) => (
          <Input {...p} maxLength={255} placeholder={t('admin.hostReasonPlaceholder')} {...form.register('reason')} />
        )}
      </Field>
    </FormDialog>
  );
}

/** The per-server answer of a batch migration: started (to which host) or refused (why). */
export function MigrationResults({ results }: { results: HostMigrationResult[] }) {
  const { t } = useI18n();
  return (
    <table className="w-full text-sm" aria-label={t('admin.migrateResults')}>
      <thead className="text-left text-xs text-muted">
        <tr>
          <th className="py-1 font-medium">{t('common.name')}</th>
          <th className="font-medium">{t('common.status')}</th>
          <th className="font-medium">{t('admin.migrateTarget')}</th>
        </tr>
      </thead>
      <tbody>
        {results.length === 0 ? (
          <tr>
            <td colSpan={3} className="py-1 text-muted">
              {t('admin.hostNoServers')}
            </td>
          </tr>
        ) : null}
        {results.map((r) => (
          <tr key={r.server_id} className="border-t border-line">
            <td className="py-1 font-medium">{r.name}</td>
            <td
              className={
                r.outcome === 'started' ? 'text-green-700 dark:text-green-400' : 'text-red-700 dark:text-red-400'
              }
            >
              {r.outcome === 'started' ? t('admin.outcomeStarted') : t('admin.outcomeRefused')}
              {r.error ? <span className="block text-xs text-muted">{r.error}</span> : null}
            </td>
            <td>{r.target_host ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Migrate every server off the host: automatic placement or one enabled host; then the results, per server. */
export function MigrateAllDialog({ host, onClose }: { host: Host; onClose: () => void }) {
  const { t } = useI18n();
  const hosts = useHostsQuery(host.datacenter_id);
  const [target, setTarget] = useState('');
  const [results, setResults] = useState<HostMigrationResult[] | null>(null);
  const action = useHostActionMutation();
  const { error, attempt } = useSubmitError();
  return (
    <FormDialog
      title={t('admin.migrateAllTitle', { name: host.name })}
      onClose={onClose}
      onSubmit={() =>
        attempt(async () => {
          const r = await action.mutateAsync({ kind: 'migrate', hostId: host.id, target_host: target || undefined });
          setResults(r.results ?? []);
        })
      }
      submitLabel={t('admin.migrateAllOff')}
      error={error}
      pending={action.isPending}
      result={results ? <MigrationResults results={results} /> : undefined}
    >
      <p className="text-sm text-muted">{t('admin.migrateAllHint')}</p>
      <Field label={t('admin.migrateTarget')}>
        {(p) => (
          <Select {...p} value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="">{t('admin.migrateAuto')}</option>
            {(hosts.data ?? [])
              .filter((h) => h.id !== host.id)
              .map((h) => (
                <option key={h.id} value={h.name} disabled={h.status !== 'enabled'}>
                  {h.status === 'enabled'
                    ? h.name
                    : `${h.name} — ${t('servers.hostDisabled', { reason: h.disabled_reason ?? '' })}`}
                </option>
              ))}
          </Select>
        )}
      </Field>
    </FormDialog>
  );
}

/** Disable (asking the reason) or Enable, greyed with the reason where the backend cannot. */
export function HostToggle({ host }: { host: Host }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const action = useHostActionMutation();
  return (
    <>
      {host.status === 'enabled' ? (
        <SupportButton requires="POST /hosts/{id}/disable" size="sm" onClick={() => setAsking(true)}>
          {t('admin.hostDisable')}
        </SupportButton>
      ) : (
        <SupportButton
          requires="POST /hosts/{id}/enable"
          size="sm"
          disabled={action.isPending}
          onClick={() => action.mutate({ kind: 'enable', hostId: host.id })}
        >
          {t('admin.hostEnable')}
        </SupportButton>
      )}
      <ErrorText error={action.error} />
      {asking ? <DisableHostDialog host={host} onClose={() => setAsking(false)} /> : null}
    </>
  );
}
