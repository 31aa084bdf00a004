import type { Locale } from './config';
import { en } from './messages/en';
import { zhCN, type MessageKey } from './messages/zh-CN';

export type { MessageKey };
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

const dictionaries: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

/** A translator for one locale; `{name}` placeholders are filled from vars. Works on server and client. */
export function translator(locale: Locale): Translate {
  const dict = dictionaries[locale];
  return (key, vars) => {
    const text = dict[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : text;
  };
}

/** For keys built at run time (statuses, error types): falls back to the raw value when unknown. */
export function hasMessage(key: string): key is MessageKey {
  return key in zhCN;
}
