'use client';
import { createContext, useContext, useMemo } from 'react';
import type { Locale } from './config';
import { hasMessage, translator, type Translate } from './translate';

interface I18n {
  locale: Locale;
  t: Translate;
  /** Translates a run-time key like `status.${s}`, showing the raw value when there is no message. */
  tx: (key: string, fallback: string) => string;
}
const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  const value = useMemo<I18n>(() => {
    const t = translator(locale);
    return { locale, t, tx: (key, fallback) => (hasMessage(key) ? t(key) : fallback) };
  }, [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n needs an I18nProvider');
  return v;
}
