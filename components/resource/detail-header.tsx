import Link from 'next/link';

/**
 * The top of a detail page: breadcrumb back to the list, the resource's name and status, and its actions.
 * Props: `backHref`, `backLabel`, `title`, `subtitle?` (e.g. the id), `status?` (a StatusBadge), `actions?`.
 */
export function DetailHeader({
  backHref,
  backLabel,
  title,
  subtitle,
  status,
  actions,
}: {
  backHref: string;
  backLabel: string;
  title: string;
  subtitle?: string;
  status?: React.ReactNode;
  actions?: React.ReactNode;
}) {
  return (
    <div className="mb-4 flex flex-col gap-1">
      <nav aria-label="breadcrumb" className="text-xs text-muted">
        <Link href={backHref} className="hover:underline">
          {backLabel}
        </Link>
        <span aria-hidden> / </span>
        <span>{title}</span>
      </nav>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex items-center gap-3">
          <h1 className="text-xl font-semibold">{title}</h1>
          {status}
          {subtitle ? <code className="text-xs text-muted">{subtitle}</code> : null}
        </div>
        <div className="flex flex-wrap items-center gap-2">{actions}</div>
      </div>
    </div>
  );
}
