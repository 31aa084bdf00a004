'use client';
import type { ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import { StatusBadge } from '@/components/resource/status-badge';
import type { Server } from '@/lib/contract/server';
import { formatDateTime } from '@/lib/format/dates';
import type { Locale } from '@/lib/i18n/config';
import type { Translate } from '@/lib/i18n/translate';

/** The server list's columns; `sortField` columns sort server-side. */
export function serverColumns(t: Translate, locale: Locale, isAdmin: boolean): Array<ColumnDef<Server, unknown>> {
  const cols: Array<ColumnDef<Server, unknown>> = [
    {
      id: 'name',
      header: t('common.name'),
      meta: { sortField: 'name', className: 'max-w-64' },
      cell: ({ row }) => (
        <Link
          href={`/servers/${row.original.id}`}
          className="font-medium text-blue-700 hover:underline dark:text-blue-300"
        >
          {row.original.name}
        </Link>
      ),
    },
    {
      id: 'status',
      header: t('common.status'),
      meta: { sortField: 'status' },
      cell: ({ row }) => <StatusBadge status={row.original.status} />,
    },
    { id: 'flavor', header: t('servers.flavor'), cell: ({ row }) => row.original.flavor_id },
    {
      id: 'addresses',
      header: t('servers.addresses'),
      cell: ({ row }) => (
        <span className="font-mono text-xs">
          {row.original.addresses.map((a) => a.private_ip + (a.floating_ip ? ` / ${a.floating_ip}` : '')).join(', ') ||
            '—'}
        </span>
      ),
    },
    {
      id: 'datacenter',
      header: t('common.datacenter'),
      meta: { sortField: 'datacenter_id' },
      cell: ({ row }) => row.original.datacenter_id,
    },
  ];
  if (isAdmin) cols.push({ id: 'host', header: t('common.host'), cell: ({ row }) => row.original.host ?? '—' });
  cols.push({
    id: 'created_at',
    header: t('common.createdAt'),
    meta: { sortField: 'created_at' },
    cell: ({ row }) => <span className="text-xs text-muted">{formatDateTime(row.original.created_at, locale)}</span>,
  });
  return cols;
}
