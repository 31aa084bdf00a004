import type { OperationKey } from '@/lib/api/capabilities';
import { SupportLink } from './support-gate';

/** A list page's heading with its primary action (a link to a create page, or a button). */
export function PageTitle({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-2">
      <h1 className="text-xl font-semibold">{title}</h1>
      <div className="flex items-center gap-2">{children}</div>
    </div>
  );
}

/** The primary "create" link; `requires` greys it out, with the reason, on a backend that lacks the operation. */
export function PrimaryLink({
  href,
  requires = [],
  children,
}: {
  href: string;
  requires?: OperationKey | readonly OperationKey[];
  children: React.ReactNode;
}) {
  return (
    <SupportLink
      href={href}
      requires={requires}
      className="inline-flex h-8 items-center rounded bg-brand px-3 text-sm font-medium text-brand-ink hover:opacity-90"
    >
      {children}
    </SupportLink>
  );
}
