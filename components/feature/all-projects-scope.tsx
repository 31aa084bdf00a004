'use client';
import type { ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import { useCallback, useMemo } from 'react';
import { AllProjectsToggle } from '@/components/feature/all-projects-toggle';
import { useSupportGate } from '@/components/feature/support-gate';
import { FilterSelect } from '@/components/resource/list-toolbar';
import type { OperationKey } from '@/lib/api/capabilities';
import type { ListParams } from '@/lib/api/list';
import { useSessionInfo } from '@/lib/api/session';
import { useAllProjectsQuery } from '@/lib/api/users';
import { useI18n } from '@/lib/i18n/provider';
import type { MessageKey, Translate } from '@/lib/i18n/translate';

/** The URL parameters of the all-projects scope; a list page adds them to its useListParams filters. */
export const allProjectsParams = ['all_projects', 'project_id'] as const;

export interface AllProjectsScope {
  /** Every project's resources (all_projects=true, or a project_id naming one project): admins only. */
  isAllProjects: boolean;
  /** The one project the admin narrowed the list to, if any. */
  projectId: string | undefined;
  /** The list's query with the scope applied: for tenants all_projects and project_id are dropped. */
  query: (params: ListParams) => ListParams;
  /** A project's name from GET /projects (its id's start while that loads or for a project not listed). */
  projectName: (id: string | null | undefined) => string;
  setParams: (patch: Record<string, string | undefined>) => void;
}

/**
 * The all-projects scope of a list page, from its URL (`?all_projects=true`, `?project_id=…`), so a link such as
 * `/volumes?all_projects=true&project_id=…` opens the same view. Only admins get it: a tenant opening an admin's
 * link gets their own project's list, not the API's 403.
 */
export function useAllProjectsScope(
  params: ListParams,
  setParams: (patch: Record<string, string | undefined>) => void,
): AllProjectsScope {
  const { isAdmin } = useSessionInfo();
  const projectId = isAdmin && typeof params.project_id === 'string' ? params.project_id : undefined;
  const isAllProjects = isAdmin && (params.all_projects === 'true' || projectId !== undefined);
  const projects = useAllProjectsQuery(isAllProjects);
  const names = useMemo(() => new Map((projects.data ?? []).map((p) => [p.id, p.name])), [projects.data]);
  const query = useCallback(
    (p: ListParams): ListParams => ({
      ...p,
      all_projects: isAllProjects && projectId === undefined ? 'true' : undefined,
      project_id: projectId,
    }),
    [isAllProjects, projectId],
  );
  const projectName = useCallback(
    (id: string | null | undefined) => (id ? (names.get(id) ?? id.slice(0, 8)) : '—'),
    [names],
  );
  return { isAllProjects, projectId, query, projectName, setParams };
}

/** The toggle and, when it is on, the project filter: absent for tenants. */
export function AllProjectsFilter({ scope, requires }: { scope: AllProjectsScope; requires: OperationKey }) {
  const { t } = useI18n();
  const { isAdmin } = useSessionInfo();
  const projects = useAllProjectsQuery(scope.isAllProjects);
  // A backend that works in one project (Huawei Cloud, Shanhe) cannot list another: the filter is greyed with why.
  const gate = useSupportGate(requires);
  if (!isAdmin) return null;
  return (
    <>
      <AllProjectsToggle
        checked={scope.isAllProjects}
        onChange={(v) => scope.setParams({ all_projects: v ? 'true' : undefined, project_id: undefined })}
      />
      {scope.isAllProjects ? (
        <FilterSelect
          label={t('admin.project')}
          value={scope.projectId ?? ''}
          options={(projects.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          // Back to every project keeps the all-projects view on.
          onChange={(v) => scope.setParams({ project_id: v || undefined, all_projects: 'true' })}
          disabled={!gate.supported}
          describedBy={gate.describedBy}
        />
      ) : null}
      {scope.isAllProjects ? gate.note : null}
    </>
  );
}

/** The Project column of an all-projects list, the project's name resolved from GET /projects. */
export function projectColumn<T>(
  t: Translate,
  scope: AllProjectsScope,
  projectOf: (row: T) => string | null | undefined,
): ColumnDef<T, unknown> {
  return {
    id: 'project',
    header: t('admin.project'),
    cell: ({ row }) => {
      const id = projectOf(row.original);
      return (
        <span className="text-xs" title={id ?? undefined}>
          {scope.projectName(id)}
        </span>
      );
    },
  };
}

/** Columns with the Project column after the first (the name) when the list shows every project. */
export function withProjectColumn<T>(
  cols: Array<ColumnDef<T, unknown>>,
  t: Translate,
  scope: AllProjectsScope,
  projectOf: (row: T) => string | null | undefined,
): Array<ColumnDef<T, unknown>> {
  if (!scope.isAllProjects) return cols;
  const out = [...cols];
  out.splice(1, 0, projectColumn(t, scope, projectOf));
  return out;
}

/** The list pages that have the all-projects scope, with their sidebar labels. */
const scopedLists = [
  { href: '/servers', label: 'nav.servers' },
  { href: '/volumes', label: 'nav.volumes' },
  { href: '/networks', label: 'nav.networks' },
  { href: '/floating-ips', label: 'nav.floatingIps' },
  { href: '/public-ips', label: 'nav.publicIps' },
  { href: '/load-balancers', label: 'nav.loadBalancers' },
  { href: '/security-groups', label: 'nav.securityGroups' },
  { href: '/images', label: 'nav.images' },
] as const satisfies ReadonlyArray<{ href: string; label: MessageKey }>;

/** Links to every list page in the all-projects view: of every project, or of one (`projectId`). */
export function AllProjectsLinks({ projectId, label }: { projectId?: string; label: string }) {
  const { t } = useI18n();
  const query = projectId ? `project_id=${encodeURIComponent(projectId)}` : 'all_projects=true';
  return (
    <nav aria-label={label} className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
      {scopedLists.map((l) => (
        <Link key={l.href} href={`${l.href}?${query}`} className="text-blue-700 hover:underline dark:text-blue-300">
          {t(l.label)}
        </Link>
      ))}
    </nav>
  );
}
