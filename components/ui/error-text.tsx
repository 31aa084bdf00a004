'use client';
import { ApiError } from '@/lib/api/client';
import { useI18n } from '@/lib/i18n/provider';

/**
 * Shows a failure with the API's own message, prefixed by the translated error type. With `showDetails`, an
 * ApiError's per-field details are listed (`path: message`); the API joins the same details into its message for
 * a refused request body, so then the list stands in for the message instead of repeating it.
 */
export function ErrorText({ error, showDetails = false }: { error: unknown; showDetails?: boolean }) {
  const { tx } = useI18n();
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  // The visitor's refusals (server/http/pipeline.ts) are named in the reader's language: "read-only demo", 只读演示.
  const prefix =
    error instanceof ApiError
      ? message.startsWith('read-only demo:')
        ? tx('demo.readOnly', 'read-only demo')
        : tx(`errors.${error.type}`, error.type)
      : null;
  const details = showDetails && error instanceof ApiError ? error.details : [];
  const isMessageTheDetails =
    details.length > 0 && message === details.map((d) => `${d.path}: ${d.message}`).join('; ');
  const box =
    'rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200';
  const head = prefix ? <strong className="mr-1">{prefix}:</strong> : null;
  if (!details.length) {
    return (
      <p role="alert" className={box}>
        {head}
        {message}
      </p>
    );
  }
  return (
    <div role="alert" className={box}>
      <p>
        {head}
        {isMessageTheDetails ? null : message}
      </p>
      <ul className="mt-1 list-disc pl-5">
        {details.map((d) => (
          <li key={`${d.path}:${d.message}`}>
            {d.path ? <code className="mr-1 text-xs">{d.path}:</code> : null}
            {d.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
