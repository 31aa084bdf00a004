import type { Translate } from '@/lib/i18n/translate';

/** A volume type's name as a reader sees it: the simulator's two common types translated, any other as the backend names it. */
export function volumeTypeLabel(t: Translate, name: string): string {
  if (name === 'standard') return t('vol.type.standard');
  if (name === 'ssd') return t('vol.type.ssd');
  return name;
}
