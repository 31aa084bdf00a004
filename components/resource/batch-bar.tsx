'use client';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { useI18n } from '@/lib/i18n/provider';

/**
 * A batch action of a ResourceTable: `label`, `run(rows)` (may return per-row results to report),
 * `isAllowed(row)` (rows it does not apply to are skipped; the button is disabled when none apply).
 */
export interface BatchAction<T> {
  id: string;
  label: string;
  run: (rows: T[]) => Promise<BatchOutcome[] | void>;
  isAllowed?: (row: T) => boolean;
  isDanger?: boolean;
}
export interface BatchOutcome {
  name: string;
  ok: boolean;
  message?: string;
}

export function BatchBar<T>({
  selected,
  actions,
  onDone,
}: {
  selected: T[];
  actions: Array<BatchAction<T>>;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [report, setReport] = useState<{ label: string; outcomes: BatchOutcome[] } | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="flex flex-col gap-1 border-b border-line px-3 py-2">
      <div role="toolbar" aria-label={t('common.actions')} className="flex flex-wrap items-center gap-2 text-xs">
        <span className="text-muted">{t('common.selected', { count: selected.length })}</span>
        {actions.map((a) => {
          const applicable = selected.filter((r) => a.isAllowed?.(r) ?? true);
          return (
            <Button
              key={a.id}
              size="sm"
              variant={a.isDanger ? 'danger' : 'secondary'}
              disabled={busy || applicable.length === 0}
              onClick={async () => {
                setBusy(true);
                try {
                  const outcomes = await a.run(applicable);
                  setReport(outcomes ? { label: a.label, outcomes } : null);
                  onDone();
                } finally {
                  setBusy(false);
                }
              }}
            >
              {a.label}
            </Button>
          );
        })}
      </div>
      {report ? (
        <div role="status" className="text-xs">
          <p className="font-medium">
            {t('servers.batchResult', {
              action: report.label,
              ok: report.outcomes.filter((o) => o.ok).length,
              failed: report.outcomes.filter((o) => !o.ok).length,
            })}
          </p>
          <ul className="mt-1 max-h-24 overflow-auto">
            {report.outcomes.map((o) => (
              <li
                key={o.name}
                className={o.ok ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-700 dark:text-red-400'}
              >
                {o.ok ? '✓' : '✗'} {o.name}
                {o.message ? `: ${o.message}` : ''}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
