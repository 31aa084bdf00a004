'use client';
import { useSessionInfo } from '@/lib/api/session';
import { useI18n } from '@/lib/i18n/provider';

/** Admins only: list every project's resources (`all_projects=true`); absent for tenants. */
export function AllProjectsToggle({ checked, onChange }: { checked: boolean; onChange: (v: boolean) => void }) {
  const { t } = useI18n();
  const { isAdmin } = useSessionInfo();
  if (!isAdmin) return null;
  return (
    <label className="inline-flex h-8 items-center gap-2 rounded border border-line bg-surface px-2 text-sm">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {t('admin.allProjects')}
    </label>
  );
}
