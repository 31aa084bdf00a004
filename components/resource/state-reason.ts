'use client';
import { useCallback } from 'react';
import type { StateRefusal } from '@/lib/contract/state-rules';
import { useI18n } from '@/lib/i18n/provider';

/**
 * Turns a state table's refusal into the sentence a greyed control shows as its tooltip, statuses translated;
 * undefined when the action is allowed, so `title={reason(...)}` adds nothing to an enabled control.
 */
export function useStateReason() {
  const { t, tx } = useI18n();
  return useCallback(
    (refusal: StateRefusal<string> | null): string | undefined => {
      if (!refusal) return undefined;
      const label = (status: string) => tx(`status.${status}`, status);
      return t(refusal.key, {
        status: label(refusal.status),
        allowed: refusal.allowedIn.map(label).join(t('stateRules.or')),
      });
    },
    [t, tx],
  );
}
