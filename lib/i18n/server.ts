import 'server-only';
import { cookies } from 'next/headers';
import { defaultLocale, isLocale, localeCookie, themeCookie, type Locale, type Theme } from './config';
import { translator } from './translate';

export async function getLocale(): Promise<Locale> {
  const v = (await cookies()).get(localeCookie)?.value;
  return isLocale(v) ? v : defaultLocale;
}
export async function getTheme(): Promise<Theme> {
  return (await cookies()).get(themeCookie)?.value === 'dark' ? 'dark' : 'light';
}
export async function getTranslator() {
  return translator(await getLocale());
}
