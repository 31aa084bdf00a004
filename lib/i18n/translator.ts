import type { MessageKey } from './messages/zh-CN';

export type { MessageKey };
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;
export type Messages = Record<MessageKey, string>;

/**
 * A translator over one dictionary; `{name}` placeholders are filled from vars. Imports no dictionary (types only),
 * so the browser bundle stays free of both languages' messages: the root layout passes the one in use.
 */
export function translatorOf(dict: Messages): Translate {
  return (key, vars) => {
    const text = dict[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : text;
  };
}
