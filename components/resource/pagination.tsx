'use client';
import { Button } from '@/components/ui/button';
import { useI18n } from '@/lib/i18n/provider';
import { pageSizes } from './use-list-params';

/**
 * Page controls for server-side pagination. Props: `page` (1-based), `pageSize` (the size the rows were fetched with:
 * useListParams' `pageSize`, already clamped to what the API allows), `total` (the list's total_count), `onChange`.
 */
export function Pagination({
  page,
  pageSize,
  total,
  onChange,
}: {
  page: number;
  pageSize: number;
  total: number;
  onChange: (patch: { page?: number; limit?: number }) => void;
}) {
  const { t } = useI18n();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  // A size the URL gave that is not one of the choices (e.g. limit=30) is still the one in use: show it as such.
  const sizes = (pageSizes as readonly number[]).includes(pageSize)
    ? pageSizes
    : [...pageSizes, pageSize].sort((a, b) => a - b);
  return (
    <nav
      aria-label={t('common.page', { page, pages })}
      className="flex items-center justify-end gap-2 border-t border-line px-3 py-2 text-xs text-muted"
    >
      <span>{t('common.total', { count: total })}</span>
      <label className="flex items-center gap-1">
        {t('common.pageSize')}
        <select
          className="h-7 rounded border border-line bg-surface px-1 text-ink"
          value={pageSize}
          onChange={(e) => onChange({ limit: Number(e.target.value), page: 1 })}
        >
          {sizes.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <Button
        size="sm"
        aria-label={t('common.prevPage')}
        disabled={page <= 1}
        onClick={() => onChange({ page: page - 1 })}
      >
        ‹
      </Button>
      <span aria-live="polite">{t('common.page', { page, pages })}</span>
      <Button
        size="sm"
        aria-label={t('common.nextPage')}
        disabled={page >= pages}
        onClick={() => onChange({ page: page + 1 })}
      >
        ›
      </Button>
    </nav>
  );
}
