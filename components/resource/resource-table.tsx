'use client';
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type RowSelectionState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ErrorText } from '@/components/ui/error-text';
import { useI18n } from '@/lib/i18n/provider';
import { BatchBar, type BatchAction } from './batch-bar';

export type { BatchAction };

/** Per-column extras: `sortField` makes the header sort the list by that API field. */
declare module '@tanstack/react-table' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData, TValue> {
    sortField?: string;
    className?: string;
  }
}

export interface ResourceTableProps<T> {
  /** The rows of the current page (server-side pagination) or all rows (client-side lists). */
  rows: T[];
  columns: Array<ColumnDef<T, unknown>>;
  getRowId: (row: T) => string;
  /** Accessible name of a row's checkbox, e.g. the resource name. */
  getRowLabel: (row: T) => string;
  /** The list's accessible name. */
  label: string;
  isLoading?: boolean;
  error?: unknown;
  /** Current sort, `field` or `-field`, and its setter (usually the URL via useListParams). */
  sort?: string;
  onSortChange?: (sort: string | undefined) => void;
  /** Multi-select with these batch actions; omit for a read-only table. */
  batchActions?: Array<BatchAction<T>>;
  /** Shown instead of the table when there are no rows. */
  empty?: React.ReactNode;
  /** Row height in px (fixed, for virtualisation). */
  rowHeight?: number;
  /** Max height of the scrolling body; rows beyond it are virtualised. */
  maxHeight?: string;
}

/**
 * The generic list: sortable headers (server-side), row selection with batch actions, and virtualised rows
 * so 10,000 rows scroll as smoothly as 20. Pair with useListParams + Pagination for server-side paging.
 */
export function ResourceTable<T>({
  rows,
  columns,
  getRowId,
  getRowLabel,
  label,
  isLoading,
  error,
  sort,
  onSortChange,
  batchActions,
  empty,
  rowHeight = 36,
  maxHeight = 'calc(100vh - 250px)',
}: ResourceTableProps<T>) {
  const { t } = useI18n();
  const [selection, setSelection] = useState<RowSelectionState>({});
  const isSelectable = !!batchActions?.length;
  // A page change or refetch may drop selected rows; keep only ids still shown.
  const ids = useMemo(() => new Set(rows.map(getRowId)), [rows, getRowId]);
  useEffect(() => {
    setSelection((s) => {
      const kept = Object.fromEntries(Object.entries(s).filter(([id]) => ids.has(id)));
      return Object.keys(kept).length === Object.keys(s).length ? s : kept;
    });
  }, [ids]);

  const allColumns = useMemo<Array<ColumnDef<T, unknown>>>(() => {
    if (!isSelectable) return columns;
    const select: ColumnDef<T, unknown> = {
      id: '_select',
      meta: { className: 'w-9' },
      header: ({ table }) => (
        <input
          type="checkbox"
          aria-label={t('common.selectAll')}
          checked={table.getIsAllRowsSelected()}
          ref={(el) => {
            if (el) el.indeterminate = table.getIsSomeRowsSelected();
          }}
          onChange={table.getToggleAllRowsSelectedHandler()}
        />
      ),
      cell: ({ row }) => (
        <input
          type="checkbox"
          aria-label={t('common.selectRow', { name: getRowLabel(row.original) })}
          checked={row.getIsSelected()}
          onChange={row.getToggleSelectedHandler()}
        />
      ),
    };
    return [select, ...columns];
  }, [columns, isSelectable, getRowLabel, t]);

  // TanStack Table/Virtual return functions the React Compiler cannot memoise; that is expected here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns: allColumns,
    getRowId: (r) => getRowId(r),
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    enableRowSelection: isSelectable,
    state: { rowSelection: selection },
    onRowSelectionChange: setSelection,
  });

  const scrollRef = useRef<HTMLDivElement>(null);
  const tableRows = table.getRowModel().rows;
  const virtualizer = useVirtualizer({
    count: tableRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  const selected = table.getSelectedRowModel().rows.map((r) => r.original);

  if (error)
    return (
      <div className="p-4">
        <ErrorText error={error} />
      </div>
    );
  return (
    <div className="flex min-h-0 flex-col">
      {isSelectable ? <BatchBar selected={selected} actions={batchActions!} onDone={() => setSelection({})} /> : null}
      <div ref={scrollRef} className="overflow-auto" style={{ maxHeight }}>
        <table
          className="w-full border-collapse text-sm"
          aria-label={label}
          aria-busy={isLoading}
          aria-rowcount={rows.length + 1}
        >
          <thead className="sticky top-0 z-10 bg-surface-2 text-left text-xs text-muted">
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => {
                  const field = h.column.columnDef.meta?.sortField;
                  const dir =
                    field && sort === field ? 'ascending' : field && sort === `-${field}` ? 'descending' : undefined;
                  const content = h.isPlaceholder ? null : flexRender(h.column.columnDef.header, h.getContext());
                  return (
                    <th
                      key={h.id}
                      scope="col"
                      aria-sort={field ? (dir ?? 'none') : undefined}
                      className={`border-b border-line px-3 py-2 font-medium ${h.column.columnDef.meta?.className ?? ''}`}
                    >
                      {field && onSortChange ? (
                        <button
                          type="button"
                          className="inline-flex items-center gap-1 hover:text-ink"
                          onClick={() =>
                            onSortChange(dir === 'ascending' ? `-${field}` : dir === 'descending' ? undefined : field)
                          }
                        >
                          {content}
                          <span aria-hidden>{dir === 'ascending' ? '▲' : dir === 'descending' ? '▼' : '↕'}</span>
                        </button>
                      ) : (
                        content
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {padTop > 0 ? <tr aria-hidden style={{ height: padTop }} /> : null}
            {items.map((vi) => {
              const row = tableRows[vi.index]!;
              return (
                <tr
                  key={row.id}
                  data-row-id={row.id}
                  aria-selected={isSelectable ? row.getIsSelected() : undefined}
                  style={{ height: rowHeight }}
                  className="border-b border-line hover:bg-surface-2 aria-selected:bg-blue-50 dark:aria-selected:bg-blue-950/40"
                >
                  {row.getVisibleCells().map((c) => (
                    <td
                      key={c.id}
                      className={`px-3 py-1 whitespace-nowrap ${c.column.columnDef.meta?.className ?? ''}`}
                    >
                      {flexRender(c.column.columnDef.cell, c.getContext())}
                    </td>
                  ))}
                </tr>
              );
            })}
            {padBottom > 0 ? <tr aria-hidden style={{ height: padBottom }} /> : null}
          </tbody>
        </table>
        {!isLoading && rows.length === 0 ? empty : null}
        {isLoading && rows.length === 0 ? <p className="p-4 text-sm text-muted">{t('common.loading')}</p> : null}
      </div>
    </div>
  );
}
