import 'server-only';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { Transform, type Readable } from 'node:stream';
import { canonicalIp, formatIpv4, ipInCidr, normaliseCidr, parseIp } from '@/lib/network/ip';

/*
 * The one guard for every URL the console fetches on a caller's behalf (B.30 上传镜像 from its 源镜像路径).
 * A caller must not be able to make the console reach what only the console can reach: its own loopback, the
 * cloud's metadata service, the private network it sits in. So: http(s) only; every address the name resolves to
 * is checked, and the connection goes to one of those checked addresses (the socket's `lookup` answers them, so
 * a second, rebound answer is never asked for); each redirect is checked again; size and time are capped.
 */

/** Why a URL is refused: the message names the field, so the console shows it under the URL box. */
export class UrlRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UrlRefused';
  }
}

/**
 * The configured allow-list (YUNTU_IMAGE_IMPORT_ALLOW, comma-separated): `public` lets any public address be
 * fetched; a CIDR or an address lets those addresses be fetched even when they are loopback, private or
 * link-local; a host name (`images.example.com`, `*.example.com`) lets that name be fetched, its addresses
 * still being checked (a name alone never opens a private address: it could be re-pointed at one).
 */
export interface AllowList {
  public: boolean;
  cidrs: string[];
  hosts: string[];
}

export function parseAllowList(spec: string): AllowList {
  const list: AllowList = { public: false, cidrs: [], hosts: [] };
  for (const raw of spec.split(',')) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === 'public') {
      list.public = true;
      continue;
    }
    const bare = entry.startsWith('[') && entry.endsWith(']') ? entry.slice(1, -1) : entry;
    const ip = parseIp(bare);
    if (ip) {
      list.cidrs.push(`${canonicalIp(bare)}/${ip.version === 4 ? 32 : 128}`);
      continue;
    }
    if (bare.includes('/')) {
      const cidr = normaliseCidr(bare);
      if (!cidr) throw new Error(`"${raw.trim()}" is not a CIDR`);
      list.cidrs.push(cidr);
      continue;
    }
    if (!/^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(bare))
      throw new Error(`"${raw.trim()}" is neither public, a CIDR, an address nor a host name`);
    list.hosts.push(bare);
  }
  return list;
}

/** Address classes refused unless the allow-list names them, most specific first (the reason says which). */
const refusedRanges: { cidr: string; what: string }[] = [
  { cidr: '169.254.169.254/32', what: 'the cloud metadata address' },
  { cidr: '0.0.0.0/8', what: 'an unspecified ("this network") address' },
  { cidr: '127.0.0.0/8', what: 'a loopback address' },
  { cidr: '169.254.0.0/16', what: 'a link-local address' },
  { cidr: '10.0.0.0/8', what: 'a private address' },
  { cidr: '172.16.0.0/12', what: 'a private address' },
  { cidr: '192.168.0.0/16', what: 'a private address' },
  { cidr: '100.64.0.0/10', what: 'a shared (carrier-grade NAT) address' },
  { cidr: '192.0.0.0/24', what: 'an IETF protocol address' },
  { cidr: '198.18.0.0/15', what: 'a benchmarking address' },
  { cidr: '224.0.0.0/4', what: 'a multicast address' },
  { cidr: '240.0.0.0/4', what: 'a reserved address' },
  { cidr: '::/128', what: 'an unspecified address' },
  { cidr: '::1/128', what: 'a loopback address' },
  { cidr: 'fe80::/10', what: 'a link-local address' },
  { cidr: 'fc00::/7', what: 'a private (unique local) address' },
  { cidr: 'ff00::/8', what: 'a multicast address' },
];

/** What is wrong with fetching from one address, or null when the allow-list lets it through. */
export function addressRefusal(address: string, allow: AllowList): string | null {
  // Resolvers may answer an IPv4-mapped address in its dotted form, which ip.ts does not parse: judge the IPv4 one.
  const dotted = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (dotted?.[1]) {
    const inner = addressRefusal(dotted[1], allow);
    return inner === null ? null : `${address} embeds ${inner}`;
  }
  const ip = canonicalIp(address);
  if (!ip) return `${address} is not an IP address`;
  if (allow.cidrs.some((c) => ipInCidr(ip, c))) return null;
  const parsed = parseIp(ip)!;
  // An IPv4 address written as IPv6 (::ffff:a.b.c.d, or NAT64's 64:ff9b::a.b.c.d) is judged as the IPv4 one.
  if (parsed.version === 6 && (ipInCidr(ip, '::ffff:0:0/96') || ipInCidr(ip, '64:ff9b::/96'))) {
    const v4 = formatIpv4(parsed.n & 0xffffffffn);
    const inner = addressRefusal(v4, allow);
    return inner === null ? null : `${ip} embeds ${inner}`;
  }
  const hit = refusedRanges.find((r) => ipInCidr(ip, r.cidr));
  if (hit) return `${ip} is ${hit.what}`;
  return null;
}

const hostAllowed = (host: string, allow: AllowList) =>
  allow.hosts.some((h) => (h.startsWith('*.') ? host.endsWith(h.slice(1)) && host.length > h.length - 1 : host === h));

export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;
const systemResolver: Resolver = (host) => dns.promises.lookup(host, { all: true, verbatim: true });

export interface CheckedUrl {
  url: URL;
  /** The addresses the host resolved to, every one of them allowed: the only ones the fetch may connect to. */
  addresses: { address: string; family: number }[];
}

/**
 * Refuses (UrlRefused) a URL the console must not fetch; answers the checked addresses otherwise. Every
 * resolved address must pass, so a name that also resolves to a private address is refused as a whole.
 */
export async function checkUrl(
  raw: string,
  allow: AllowList,
  resolve: Resolver = systemResolver,
  field = 'source_url',
  resolveTimeoutMs = 10_000,
): Promise<CheckedUrl> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UrlRefused(`${field}: must be an absolute http or https URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UrlRefused(`${field}: only http and https URLs are fetched, not ${url.protocol.slice(0, -1)}`);
  if (url.username || url.password)
    throw new UrlRefused(`${field}: must not carry a user name or password (they would be stored and logged)`);
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (!host) throw new UrlRefused(`${field}: has no host`);
  const literal = parseIp(host);
  let addresses: { address: string; family: number }[];
  if (literal) addresses = [{ address: host, family: literal.version }];
  else {
    if (/^[\d.]+$/.test(host) || /^0x/i.test(host))
      // 2130706433, 127.1, 0x7f.1: shorthand addresses the resolver would turn into loopback.
      throw new UrlRefused(`${field}: host ${host} is a shorthand address; write it as a dotted quad`);
    // getaddrinfo has no time-out of its own: a resolver that never answers must not hold the request.
    let timer: NodeJS.Timeout | undefined;
    const slow = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('timed out'), { code: 'ETIMEOUT' })), resolveTimeoutMs);
    });
    try {
      addresses = await Promise.race([resolve(host), slow]);
    } catch (e) {
      throw new UrlRefused(`${field}: host ${host} does not resolve (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    } finally {
      clearTimeout(timer);
    }
    if (!addresses.length) throw new UrlRefused(`${field}: host ${host} resolves to no address`);
  }
  for (const a of addresses) {
    const why = addressRefusal(a.address, allow);
    if (why)
      throw new UrlRefused(
        literal
          ? `${field}: ${why}; the console does not fetch from it unless YUNTU_IMAGE_IMPORT_ALLOW names it`
          : `${field}: host ${host} resolves to ${why}; the console does not fetch from it unless YUNTU_IMAGE_IMPORT_ALLOW names it`,
      );
  }
  const byCidr = addresses.every((a) => allow.cidrs.some((c) => ipInCidr(canonicalIp(a.address)!, c)));
  if (!allow.public && !byCidr && !hostAllowed(host, allow))
    throw new UrlRefused(`${field}: host ${host} is not in the allow-list (YUNTU_IMAGE_IMPORT_ALLOW)`);
  return { url, addresses: addresses.map((a) => ({ address: canonicalIp(a.address)!, family: a.family })) };
}

export interface FetchLimits {
  allow: AllowList;
  /** Bytes at most: refused from Content-Length before the body, and stopped while streaming. */
  maxBytes: number;
  /** The whole fetch, headers to last byte. */
  timeoutMs: number;
  /** Longest wait for the next bytes (or the headers). */
  idleTimeoutMs: number;
  maxRedirects?: number;
  resolve?: Resolver;
}

export interface GuardedResponse {
  /** The body, counted, capped and timed: it errors (UrlRefused or a time-out Error) rather than run past a limit. */
  body: Readable;
  /** What Content-Length announced, when it did. */
  total: number | null;
  /** The URL the body came from after redirects. */
  url: string;
}

/** Pins the connection to the checked addresses: Node asks this instead of the resolver. */
function pinnedLookup(addresses: CheckedUrl['addresses']): LookupFunction {
  return (_hostname, options, callback) => {
    const family = typeof options === 'object' ? options.family : undefined;
    const usable = addresses.filter((a) => !family || a.family === family);
    const list = usable.length ? usable : addresses;
    if (typeof options === 'object' && options.all) (callback as (e: null, a: typeof list) => void)(null, list);
    else callback(null, list[0]!.address, list[0]!.family);
  };
}

/**
 * Fetches a URL through the guard: each hop (the first and every redirect) is checked and connected to by its
 * checked addresses; a body longer than the cap, a Content-Length over it, a stall longer than the idle
 * time-out or a fetch longer than the overall one end it with a reason naming `source_url`.
 */
export async function guardedFetch(raw: string, limits: FetchLimits, signal?: AbortSignal): Promise<GuardedResponse> {
  const deadline = Date.now() + limits.timeoutMs;
  const maxRedirects = limits.maxRedirects ?? 5;
  let current = raw;
  for (let hop = 0; ; hop++) {
    const checked = await checkUrl(current, limits.allow, limits.resolve);
    const res = await request(checked, Math.min(limits.idleTimeoutMs, deadline - Date.now()), signal);
    const status = res.statusCode ?? 0;
    if ([301, 302, 303, 307, 308].includes(status)) {
      res.resume();
      const location = res.headers.location;
      if (!location) throw new UrlRefused(`source_url: answered ${status} without a Location to go to`);
      if (hop >= maxRedirects) throw new UrlRefused(`source_url: more than ${maxRedirects} redirects`);
      current = new URL(location, checked.url).toString();
      continue;
    }
    if (status < 200 || status > 299) {
      res.resume();
      throw new UrlRefused(`source_url: ${redact(checked.url)} answered HTTP ${status}`);
    }
    const length = res.headers['content-length'];
    const total = length !== undefined && /^\d+$/.test(length) ? Number(length) : null;
    if (total !== null && total > limits.maxBytes) {
      res.destroy();
      throw new UrlRefused(
        `source_url: the file is ${total} bytes, more than the ${limits.maxBytes} bytes an import may bring (YUNTU_IMAGE_IMPORT_MAX_BYTES)`,
      );
    }
    return { body: limit(res, limits, deadline, total, signal), total, url: redact(checked.url) };
  }
}

/** The URL as logs and errors may show it: no query string (signed URLs carry their credential there). */
export function redact(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}${url.search ? '?…' : ''}`;
}

function request(checked: CheckedUrl, timeoutMs: number, signal?: AbortSignal): Promise<http.IncomingMessage> {
  const { url } = checked;
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    if (timeoutMs <= 0) return reject(new UrlRefused('source_url: the import took longer than its time-out'));
    const req = lib.request(url, {
      method: 'GET',
      lookup: pinnedLookup(checked.addresses),
      headers: { 'user-agent': 'yuntu-image-import', accept: '*/*', 'accept-encoding': 'identity' },
      signal,
      // No connection pool: a pooled socket could have been opened for another (unchecked) host.
      agent: false,
    });
    const timer = setTimeout(() => {
      req.destroy(new UrlRefused(`source_url: ${redact(url)} did not answer within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    req.on('response', (res) => {
      clearTimeout(timer);
      resolve(res);
    });
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(
        e instanceof UrlRefused ? e : new UrlRefused(`source_url: fetching ${redact(url)} failed: ${describe(e)}`),
      );
    });
    req.end();
  });
}

const describe = (e: unknown) => {
  const err = e as NodeJS.ErrnoException;
  return err.code ? `${err.code}` : err.message;
};

/** Counts the body and ends it with a reason when it grows past the cap or the announced length, or stalls. */
function limit(
  res: http.IncomingMessage,
  limits: FetchLimits,
  deadline: number,
  total: number | null,
  signal?: AbortSignal,
): Readable {
  let bytes = 0;
  let idle: NodeJS.Timeout | undefined;
  let failed = false;
  // The first reason wins: destroying the response makes it report its own, vaguer, error afterwards.
  const fail = (message: string) => {
    if (failed) return;
    failed = true;
    clearTimeout(idle);
    clearTimeout(overall);
    const err = new UrlRefused(message);
    meter.destroy(err);
    res.destroy(err);
  };
  const armIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(
      () =>
        fail(`source_url: no bytes arrived for ${Math.round(limits.idleTimeoutMs / 1000)} s (after ${bytes} bytes)`),
      limits.idleTimeoutMs,
    );
  };
  const overall = setTimeout(
    () =>
      fail(`source_url: the import took longer than ${Math.round(limits.timeoutMs / 1000)} s (after ${bytes} bytes)`),
    Math.max(0, deadline - Date.now()),
  );
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > limits.maxBytes) {
        done(
          new UrlRefused(
            `source_url: the file grew past the ${limits.maxBytes} bytes an import may bring (YUNTU_IMAGE_IMPORT_MAX_BYTES)`,
          ),
        );
        return;
      }
      armIdle();
      done(null, chunk);
    },
    flush(done) {
      clearTimeout(idle);
      clearTimeout(overall);
      if (total !== null && bytes !== total)
        return done(new UrlRefused(`source_url: the body ended after ${bytes} of the ${total} bytes announced`));
      done();
    },
  });
  meter.on('close', () => {
    clearTimeout(idle);
    clearTimeout(overall);
  });
  signal?.addEventListener('abort', () => fail('source_url: the import was stopped'), { once: true });
  res.on('error', (e) => fail(e instanceof UrlRefused ? e.message : `source_url: ${describe(e)}`));
  res.on('aborted', () => fail('source_url: the connection closed before the body ended'));
  armIdle();
  res.pipe(meter);
  return meter;
}
