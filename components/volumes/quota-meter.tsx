'use client';
import { percent } from '@/lib/format/units';
import { useI18n } from '@/lib/i18n/provider';

/** A quota bar with what a request would add on top of current use; red when it would not fit. */
export function QuotaMeter({
  used,
  adding,
  total,
  label,
  unit = '',
}: {
  used: number;
  adding: number;
  total: number;
  label: string;
  unit?: string;
}) {
  const { t } = useI18n();
  const after = used + adding;
  const isOver = after > total;
  return (
    <div className="mb-3 text-sm" data-testid={`quota-${label}`}>
      <div className="flex justify-between">
        <span>{label}</span>
        <span className={isOver ? 'font-medium text-red-600 dark:text-red-400' : ''}>
          {t('vol.quotaLine', { used, adding, total, unit })}
        </span>
      </div>
      <div
        className="mt-1 flex h-2 overflow-hidden rounded bg-surface-2"
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={after}
      >
        <div className="bg-blue-600" style={{ width: `${percent(used, total)}%` }} />
        <div
          className={isOver ? 'bg-red-500' : 'bg-blue-300'}
          style={{ width: `${Math.max(0, percent(after, total) - percent(used, total))}%` }}
        />
      </div>
    </div>
  );
}
