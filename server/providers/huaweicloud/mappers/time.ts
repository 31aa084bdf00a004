import 'server-only';
import { isoTime } from '@/lib/contract/common';

/** Huawei answers ISO times with or without zone, and "2015-07-16 04:32:50" (UTC) in VPC/ELB v1. */
export function hwTime(t: string | null | undefined): string {
  if (!t) return isoTime(0);
  const s = t.includes('T') ? t : t.replace(' ', 'T');
  const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : s + 'Z');
  return Number.isNaN(d.getTime()) ? isoTime(0) : isoTime(d);
}
