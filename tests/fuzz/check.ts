import type { Case } from './cases';
import type { RawResponse } from './raw';

/** Text that only an internal error would put in a response: a stack frame, a module path, SQL, the database. */
const leaks: [string, RegExp][] = [
  ['a stack frame', /(^|\n|\\n)\s*at \S+ \(|(^|\n|\\n)\s*at (async )?[/\w.]+:\d+:\d+/],
  ['node_modules', /node_modules/],
  ['SQL', /\bSELECT\b|\bINSERT INTO\b|\bsyntax error\b/i],
  ['the database', /postgres|pglite/i],
];

/** What is wrong with the answer to a case, or undefined when it is what the contract promises. */
export function problemOf(c: Case, r: RawResponse): string | undefined {
  if (r.status === 0) return `no answer: ${r.error}`;
  if (r.status >= 500) return `answered ${r.status}`;
  if (c.expect === '4xx' && (r.status < 400 || r.status > 499)) return `expected a 4xx refusal, got ${r.status}`;
  if (r.status < 400) return undefined;
  const sent = `${c.req.target} ${JSON.stringify(c.req.headers ?? {})} ${typeof c.req.body === 'string' ? c.req.body.slice(0, 200_000) : ''}`;
  for (const [what, re] of leaks) if (re.test(r.text) && !re.test(sent)) return `the refusal leaks ${what}`;
  // Node's HTTP parser refuses some bytes before any handler runs; its bare 400 is all that can come back.
  if (c.bare && r.status === 400 && !r.headers['x-request-id']) return undefined;
  let body: { error?: { code?: unknown; type?: unknown; message?: unknown; request_id?: unknown; details?: unknown } };
  try {
    body = JSON.parse(r.text);
  } catch {
    return `the ${r.status} is not JSON (Content-Type ${r.headers['content-type'] ?? 'none'})`;
  }
  const e = body?.error;
  if (
    !e ||
    e.code !== r.status ||
    typeof e.type !== 'string' ||
    typeof e.message !== 'string' ||
    typeof e.request_id !== 'string'
  )
    return `the ${r.status} is not the contract's error body`;
  if (e.request_id !== r.headers['x-request-id'])
    return `request_id ${String(e.request_id)} differs from X-Request-Id ${r.headers['x-request-id'] ?? 'none'}`;
  const details = e.details;
  if (
    details !== undefined &&
    !(Array.isArray(details) && details.every((d) => d && typeof d.path === 'string' && typeof d.message === 'string'))
  )
    return 'details is not a list of {path, message}';
  if (c.fields?.length && r.status === 400) {
    const paths = Array.isArray(details) ? details.map((d: { path: string }) => d.path) : [];
    const named = (f: string) =>
      paths.some((p) => p === f || p.startsWith(`${f}.`) || p.endsWith(`.${f}`) || p.includes(`.${f}.`)) ||
      (e.message as string).includes(f);
    const missing = c.fields.filter((f) => !named(f));
    if (missing.length) return `the 400 does not name ${missing.join(', ')}`;
  }
  return undefined;
}

/** One failure, readable on its own: the operation, the case, what went out and what came back. */
export function describeFailure(op: string, principal: string, c: Case, r: RawResponse, problem: string): string {
  const body =
    c.req.body === undefined
      ? ''
      : Buffer.isBuffer(c.req.body)
        ? `<${c.req.body.byteLength} bytes>`
        : c.req.body.length > 300
          ? `${c.req.body.slice(0, 300)}… (${c.req.body.length} chars)`
          : c.req.body;
  const target =
    c.req.target.length > 200 ? `${c.req.target.slice(0, 200)}… (${c.req.target.length} chars)` : c.req.target;
  const headers = Object.entries(c.req.headers ?? {})
    .filter(([k]) => k.toLowerCase() !== 'x-auth-token' || c.name.startsWith('credentials'))
    .map(([k, v]) => `${k}: ${v.length > 80 ? v.slice(0, 80) + '…' : v}`)
    .join('; ');
  const answer = r.text.length > 500 ? r.text.slice(0, 500) + '…' : r.text;
  return `[${principal}] ${op} — ${c.name}: ${problem}\n    ${c.req.method} ${target}${headers ? `\n    headers: ${headers}` : ''}${body ? `\n    body: ${body}` : ''}\n    → ${r.status}${r.error ? ` (${r.error})` : ''} ${answer}`;
}
