'use client';
import { createContext, useContext, useMemo } from 'react';
import type { Locale } from './config';
import { translatorOf, type MessageKey, type Messages, type Translate } from './translator';

interface I18n {
  locale: Locale;
  t: Translate;
  /** Translates a run-time key like `status.${s}`, showing the raw value when there is no message. */
  tx: (key: string, fallback: string) => string;
}
const I18nContext = createContext<I18n | null>(null);

/** `messages`: the locale's dictionary, from the server (lib/i18n/translate.ts messagesFor), not from the bundle. */
export function I18nProvider({
  locale,
  messages,
  children,
}: {
  locale: Locale;
  messages: Messages;
  children: React.ReactNode;
}) {
  const value = useMemo<I18n>(() => {
    const t = translatorOf(messages);
    const has = (key: string): key is MessageKey => Object.hasOwn(messages, key);
    return { locale, t, tx: (key, fallback) => (has(key) ? t(key) : fallback) };
  }, [locale, messages]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n needs an I18nProvider');
  return v;
}
