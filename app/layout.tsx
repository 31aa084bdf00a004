import type { Metadata } from 'next';
import { QueryProvider } from '@/components/providers';
import { I18nProvider } from '@/lib/i18n/provider';
import { getLocale, getTheme } from '@/lib/i18n/server';
import { messagesFor } from '@/lib/i18n/translate';
import './globals.css';

export const metadata: Metadata = { title: '云图 Yuntu', description: 'IaaS cloud console (CH/Z IaaS interfaces)' };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [locale, theme] = await Promise.all([getLocale(), getTheme()]);
  return (
    <html lang={locale} className={theme === 'dark' ? 'dark' : undefined}>
      <body className="antialiased">
        <I18nProvider locale={locale} messages={messagesFor(locale)}>
          <QueryProvider>{children}</QueryProvider>
        </I18nProvider>
      </body>
    </html>
  );
}
