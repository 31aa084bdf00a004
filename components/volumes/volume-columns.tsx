'use client';
import type { ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import { StatusBadge } from '@/components/resource/status-badge';
import type { Volume } from '@/lib/contract/volume';
import { formatDateTime } from '@/lib/format/dates';
import type { Locale } from '@/lib/i18n/config';
import type { Translate } from '@/lib/i18n/translate';
import { volumeTypeLabel } from './volume-type-label';

/** The volume list's columns; `serverName` resolves attachment ids to names when the server is known. */
export function volumeColumns(
  t: Translate,
  locale: Locale,
  opts: {
    isAdmin: boolean;
    isAllProjects: boolean;
    projectName: (id: string) => string;
    serverName: (id: string) => string;
  },
): Array<ColumnDef<Volume, unknown>> {
  const cols: Array<ColumnDef<Volume, unknown>> = [
    {
      id: 'name',
      header: t('common.name'),
      meta: { sortField: 'name', className: 'max-w-64' },
      cell: ({ row }) => (
        <Link
          href={`/volumes/${row.original.id}`}
          className="font-medium text-blue-700 hover:underline dark:text-blue-300"
        >
          {row.original.name || row.original.id.slice(0, 8)}
        </Link>
      ),
    },
    {
      id: 'status',
      header: t('common.status'),
      meta: { sortField: 'status' },
      cell: ({ row }) => <StatusBadge status={row.original.status} />,
    },
    {
      id: 'size',
      header: t('vol.size'),
      meta: { sortField: 'size_gb' },
      cell: ({ row }) => `${row.original.size_gb} GB`,
    },
    {
      id: 'type',
      header: t('vol.type'),
      cell: ({ row }) => volumeTypeLabel(t, row.original.volume_type),
    },
    {
      id: 'attachments',
      header: t('vol.attachedTo'),
      cell: ({ row }) =>
        row.original.attachments.map((a) => `${opts.serverName(a.server_id)} (${a.device})`).join(', ') || '—',
    },
    {
      id: 'shareable',
      header: t('vol.shareable'),
      cell: ({ row }) => (row.original.multiattach ? t('common.yes') : t('common.no')),
    },
    { id: 'datacenter', header: t('common.datacenter'), cell: ({ row }) => row.original.datacenter_id },
  ];
  if (opts.isAllProjects)
    cols.push({
      id: 'project',
      header: t('admin.project'),
      cell: ({ row }) => (
        <span className="text-xs" title={row.original.project_id}>
          {opts.projectName(row.original.project_id)}
        </span>
      ),
    });
  if (opts.isAdmin) cols.push({ id: 'host', header: t('common.host'), cell: ({ row }) => row.original.host ?? '—' });
  cols.push({
    id: 'created_at',
    header: t('common.createdAt'),
    meta: { sortField: 'created_at' },
    cell: ({ row }) => <span className="text-xs text-muted">{formatDateTime(row.original.created_at, locale)}</span>,
  });
  return cols;
}
