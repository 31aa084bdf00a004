'use client';
import { ApiError } from '@/lib/api/client';
import { useI18n } from '@/lib/i18n/provider';

/** Shows a failure with the API's own message, prefixed by the translated error type. */
export function ErrorText({ error }: { error: unknown }) {
  const { tx } = useI18n();
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const prefix = error instanceof ApiError ? tx(`errors.${error.type}`, error.type) : null;
  return (
    <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
      {prefix ? <strong className="mr-1">{prefix}:</strong> : null}
      {message}
    </p>
  );
}
