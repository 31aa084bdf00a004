/**
 * What a list shows when it has nothing: a title, a hint and an optional primary action.
 * Props: `title`, `hint?`, `action?` (a button or link).
 */
export function EmptyState({ title, hint, action }: { title: string; hint?: string; action?: React.ReactNode }) {
  return (
    <div className="flex flex-col items-center justify-center gap-2 px-4 py-12 text-center" data-empty-state>
      <p className="text-sm font-medium">{title}</p>
      {hint ? <p className="text-sm text-muted">{hint}</p> : null}
      {action}
    </div>
  );
}
