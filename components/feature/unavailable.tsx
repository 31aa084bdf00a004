'use client';
import { EmptyState } from '@/components/resource/empty-state';
import { ErrorText } from '@/components/ui/error-text';
import { isNotSupported } from '@/lib/api/capabilities';
import { errorMessage } from '@/lib/api/client';
import { useI18n } from '@/lib/i18n/provider';

/**
 * A failed query: a feature the backend lacks (501 not_supported) is shown as unavailable with the backend's
 * reason, anything else as an error.
 */
export function QueryFailure({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (isNotSupported(error)) return <EmptyState title={t('support.notOffered')} hint={errorMessage(error)} />;
  return (
    <div className="p-4">
      <ErrorText error={error} />
    </div>
  );
}
