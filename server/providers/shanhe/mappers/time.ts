import 'server-only';
import { isoTime } from '@/lib/contract/common';

/** Shanhe times are `2013-08-28T14:26:03Z`. */
export const shTime = (t: string | null | undefined) => (t && !Number.isNaN(Date.parse(t)) ? isoTime(t) : isoTime(0));
