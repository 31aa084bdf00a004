import type { Locale } from '@/lib/i18n/config';

/** Dates in the viewer's locale; a fixed time zone keeps server and client renders identical. */
export function formatDateTime(iso: string, locale: Locale): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Asia/Shanghai' }).format(
    d,
  );
}
