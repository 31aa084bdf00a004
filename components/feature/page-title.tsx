import Link from 'next/link';

/** A list page's heading with its primary action (a link to a create page, or a button). */
export function PageTitle({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-2">
      <h1 className="text-xl font-semibold">{title}</h1>
      <div className="flex items-center gap-2">{children}</div>
    </div>
  );
}

export function PrimaryLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <Link href={href} className="inline-flex h-8 items-center rounded bg-brand px-3 text-sm font-medium text-brand-ink hover:opacity-90">
      {children}
    </Link>
  );
}
