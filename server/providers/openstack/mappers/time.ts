import 'server-only';
import { isoTime } from '@/lib/contract/common';

/** OpenStack's times come with or without a zone ("2026-11-22T16:55:52Z", "2026-11-22T16:55:52.000000"): all are UTC. */
export function osTime(t: string | null | undefined): string {
  if (!t) return isoTime(0);
  const withZone = /[zZ]|[+-]\d\d:?\d\d$/.test(t) ? t : t + 'Z';
  const d = new Date(withZone);
  return Number.isNaN(d.getTime()) ? isoTime(0) : isoTime(d);
}
