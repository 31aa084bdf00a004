/** Locales the console speaks; zh-CN is the default, as the standard is Chinese. */
export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'zh-CN';
export const localeCookie = 'yuntu_locale';
export const themeCookie = 'yuntu_theme';
export type Theme = 'light' | 'dark';

export const isLocale = (v: string | undefined): v is Locale => !!v && (locales as readonly string[]).includes(v);
