import 'server-only';
import { config } from '../config';

/**
 * The address of the client a request came from, for per-client limits. The socket's peer address is written by
 * scripts/serve.mjs into `x-yuntu-peer-address` (replacing whatever a client sent). Only when that peer is a
 * configured trusted proxy (YUNTU_TRUSTED_PROXIES) is X-Forwarded-For believed, read from the right: the first
 * address that is not itself a trusted proxy is the client. A server started without serve.mjs has no peer
 * address: every client then shares the budget of `unknown`, which fails closed rather than open.
 */
export function clientAddress(request: { headers: Pick<Headers, 'get'> }): string {
  const peer = normalise(request.headers.get('x-yuntu-peer-address') ?? '') || 'unknown';
  const trusted = config().YUNTU_TRUSTED_PROXIES.map(normalise);
  if (!trusted.includes(peer)) return peer;
  const hops = (request.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((h) => normalise(h.trim()))
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) if (!trusted.includes(hops[i]!)) return hops[i]!.slice(0, 64);
  return peer;
}

/** IPv4 clients of a dual-stack socket appear as ::ffff:a.b.c.d. */
function normalise(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
