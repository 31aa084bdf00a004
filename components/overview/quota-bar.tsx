'use client';
import { percent } from '@/lib/format/units';
import { useI18n } from '@/lib/i18n/provider';

/** One quota as a labelled meter with numbers; turns amber past 80 % and red at 100 %. */
export function QuotaBar({
  label,
  used,
  total,
  format = String,
}: {
  label: string;
  used: number;
  total: number;
  format?: (n: number) => string;
}) {
  const { t } = useI18n();
  const p = percent(used, total);
  const colour = p >= 100 ? 'bg-red-500' : p >= 80 ? 'bg-amber-500' : 'bg-blue-600 dark:bg-blue-400';
  return (
    <div className="flex flex-col gap-1">
      <div className="flex justify-between text-xs">
        <span className="font-medium">{label}</span>
        <span className="text-muted tabular-nums">
          {format(used)} / {format(total)}
        </span>
      </div>
      <div
        role="meter"
        aria-label={t('quota.usage', { name: label, used: format(used), total: format(total) })}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={used}
        className="h-2 overflow-hidden rounded bg-surface-2 ring-1 ring-line"
      >
        <div className={`h-full ${colour}`} style={{ width: `${p}%` }} />
      </div>
    </div>
  );
}
