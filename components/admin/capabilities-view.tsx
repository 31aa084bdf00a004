'use client';
import { useState } from 'react';
import { PageTitle } from '@/components/feature/page-title';
import { QueryFailure } from '@/components/feature/unavailable';
import { useCapabilitiesQuery } from '@/lib/api/capabilities';
import { SelfTestPanel } from './self-test-panel';
import type { OperationSupport } from '@/lib/contract/capabilities';
import { useI18n } from '@/lib/i18n/provider';
import { TableNote } from '@/components/ui/table-note';

function SupportBadge({ supported }: { supported: boolean }) {
  const { t } = useI18n();
  return (
    <span
      className={
        supported
          ? 'rounded bg-emerald-100 px-1.5 py-0.5 text-xs text-emerald-800 dark:bg-emerald-900/40 dark:text-emerald-200'
          : 'rounded bg-red-100 px-1.5 py-0.5 text-xs text-red-800 dark:bg-red-900/40 dark:text-red-200'
      }
    >
      {supported ? t('caps.supported') : t('caps.unsupported')}
    </span>
  );
}

/** The conformance table: each operation of the standard and whether the configured backend performs it (admins). */
export function CapabilitiesView() {
  const { t, tx } = useI18n();
  const caps = useCapabilitiesQuery();
  const [onlyUnsupported, setOnlyUnsupported] = useState(false);
  const rows = (caps.data?.operations ?? []).filter(
    (o) => !onlyUnsupported || !o.supported || o.options.some((x) => !x.supported),
  );
  const groups = [...new Set(rows.map((o) => o.tag))];
  const groupLabel = (tag: string) => tx(`caps.group.${tag}`, tag);
  return (
    <div className="flex flex-col gap-3">
      <PageTitle title={t('caps.title')}>
        {caps.data ? (
          <span className="text-sm text-muted">
            {t('caps.backend')}: <code className="font-mono">{caps.data.backend}</code> ·{' '}
            {t('caps.summary', { supported: caps.data.supported_count, total: caps.data.total_count })}
          </span>
        ) : null}
        <label className="flex items-center gap-1.5 text-sm">
          <input type="checkbox" checked={onlyUnsupported} onChange={(e) => setOnlyUnsupported(e.target.checked)} />
          {t('caps.filter.unsupported')}
        </label>
      </PageTitle>
      <SelfTestPanel />
      <div className="overflow-auto rounded-lg border border-line bg-surface">
        {caps.error ? <QueryFailure error={caps.error} /> : null}
        <table className="w-full text-sm" aria-label={t('caps.title')}>
          <thead className="bg-surface-2 text-left text-xs text-muted">
            <tr>
              <th className="px-3 py-2 font-medium">{t('caps.operation')}</th>
              <th className="font-medium">{t('caps.path')}</th>
              <th className="font-medium">{t('caps.table')}</th>
              <th className="font-medium">{t('common.status')}</th>
              <th className="font-medium">{t('caps.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {caps.isPending ? <TableNote colSpan={5}>{t('common.loading')}</TableNote> : null}
            {groups.map((g) => (
              <Group key={g} label={groupLabel(g)} rows={rows.filter((o) => o.tag === g)} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Group({ label, rows }: { label: string; rows: OperationSupport[] }) {
  const { t } = useI18n();
  return (
    <>
      <tr className="border-t border-line bg-surface-2/50">
        <th colSpan={5} scope="rowgroup" className="px-3 py-1 text-left text-xs font-semibold">
          {label}
        </th>
      </tr>
      {rows.map((o) => (
        <tr key={`${o.method} ${o.path}`} className="border-t border-line align-top">
          <td className="px-3 py-1.5">
            <div className="font-medium">{o.summary}</div>
            <div className="text-xs text-muted">{o.description}</div>
          </td>
          <td className="py-1.5 font-mono text-xs whitespace-nowrap">
            {o.method} {o.path}
          </td>
          <td className="py-1.5 text-xs">{o.table ?? '—'}</td>
          <td className="py-1.5">
            <SupportBadge supported={o.supported} />
          </td>
          <td className="py-1.5 pr-3 text-xs">
            {o.reason ?? null}
            {o.options.length ? (
              <ul aria-label={t('caps.options')} className="flex flex-col gap-0.5">
                {o.options.map((x) => (
                  <li key={x.name} className={x.supported ? 'text-muted' : 'text-amber-700 dark:text-amber-300'}>
                    <span aria-hidden="true">{x.supported ? '✓' : '✗'}</span>{' '}
                    <code className="font-mono">{x.name}</code>
                    {x.reason ? <> — {x.reason}</> : null}
                    <span className="sr-only">{x.supported ? t('caps.supported') : t('caps.unsupported')}</span>
                  </li>
                ))}
              </ul>
            ) : null}
          </td>
        </tr>
      ))}
    </>
  );
}
