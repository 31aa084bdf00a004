'use client';
import { useRouter } from 'next/navigation';
import { createContext, useCallback, useContext, useState } from 'react';
import { localeCookie, themeCookie, type Locale, type Theme } from '@/lib/i18n/config';

/** Shell preferences kept in plain cookies so the server renders the right language, theme and filter. */
interface Prefs {
  theme: Theme;
  setTheme: (t: Theme) => void;
  setLocale: (l: Locale) => void;
  /** The global datacenter filter; lists use it unless their URL names another. */
  datacenterId: string;
  setDatacenterId: (id: string) => void;
}
const PrefsContext = createContext<Prefs | null>(null);
export const datacenterCookie = 'yuntu_dc';

function writeCookie(name: string, value: string) {
  document.cookie = `${name}=${encodeURIComponent(value)}; Path=/; Max-Age=31536000; SameSite=Lax`;
}

export function PrefsProvider({
  initialTheme,
  initialDatacenterId,
  children,
}: {
  initialTheme: Theme;
  initialDatacenterId: string;
  children: React.ReactNode;
}) {
  const router = useRouter();
  const [theme, setThemeState] = useState(initialTheme);
  const [datacenterId, setDc] = useState(initialDatacenterId);
  const setTheme = useCallback((t: Theme) => {
    writeCookie(themeCookie, t);
    document.documentElement.classList.toggle('dark', t === 'dark');
    setThemeState(t);
  }, []);
  const setLocale = useCallback(
    (l: Locale) => {
      writeCookie(localeCookie, l);
      document.documentElement.lang = l;
      router.refresh();
    },
    [router],
  );
  const setDatacenterId = useCallback((id: string) => {
    writeCookie(datacenterCookie, id);
    setDc(id);
  }, []);
  return (
    <PrefsContext.Provider value={{ theme, setTheme, setLocale, datacenterId, setDatacenterId }}>
      {children}
    </PrefsContext.Provider>
  );
}

export function usePrefs(): Prefs {
  const v = useContext(PrefsContext);
  if (!v) throw new Error('usePrefs needs a PrefsProvider');
  return v;
}
