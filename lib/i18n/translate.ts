import type { Locale } from './config';
import { en } from './messages/en';
import { zhCN } from './messages/zh-CN';
import { translatorOf, type MessageKey, type Messages, type Translate } from './translator';

export type { MessageKey, Messages, Translate, Vars } from './translator';

const dictionaries: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

/** A translator for one locale (server side, and tests): both dictionaries are imported here. */
export function translator(locale: Locale): Translate {
  return translatorOf(dictionaries[locale]);
}

/** One locale's messages: what the root layout hands the browser (the bundle carries no dictionary of its own). */
export function messagesFor(locale: Locale): Messages {
  return dictionaries[locale];
}

/** For keys built at run time (statuses, error types): falls back to the raw value when unknown. */
export function hasMessage(key: string): key is MessageKey {
  return key in zhCN;
}
