import 'server-only';

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

/** `text/html;level=1;q=0.5` → its type, subtype and weight; parameters other than q do not narrow the match here. */
function parseRange(part: string): MediaRange | undefined {
  const [range, ...params] = part.split(';').map((p) => p.trim().toLowerCase());
  const [type, subtype] = (range ?? '').split('/');
  if (!type || !subtype) return undefined;
  let q = 1;
  for (const p of params) {
    const [name, value] = p.split('=').map((x) => x.trim());
    if (name !== 'q') continue;
    const weight = Number(value);
    // RFC 9110 §12.4.2: a weight is 0 to 1 with at most three decimals; a malformed one is read as 1 rather than
    // turning a caller away for a typo.
    if (value && /^[01](\.\d{0,3})?$/.test(value) && weight <= 1) q = weight;
  }
  return { type, subtype, q };
}

/**
 * Whether an Accept header lets the answer be `mediaType` (e.g. `application/json`): RFC 9110 §12.5.1, where the
 * most specific range matching the type gives its weight (`application/json;q=0, *\/*` refuses JSON) and a weight
 * of 0 means "not acceptable". No header, an empty one, or one with no readable range accepts anything.
 */
export function accepts(acceptHeader: string | null, mediaType: string): boolean {
  if (acceptHeader === null || !acceptHeader.trim()) return true;
  const [type, subtype] = mediaType.toLowerCase().split('/');
  const ranges = acceptHeader
    .split(',')
    .map(parseRange)
    .filter((r): r is MediaRange => r !== undefined);
  if (ranges.length === 0) return true;
  let best: { specificity: number; q: number } | undefined;
  for (const r of ranges) {
    const specificity =
      r.type === type && r.subtype === subtype
        ? 3
        : r.type === type && r.subtype === '*'
          ? 2
          : r.type === '*' && r.subtype === '*'
            ? 1
            : 0;
    if (specificity === 0) continue;
    // Of two equally specific ranges (`application/json;q=0, application/json`) the more generous one wins.
    if (!best || specificity > best.specificity || (specificity === best.specificity && r.q > best.q))
      best = { specificity, q: r.q };
  }
  return best !== undefined && best.q > 0;
}
