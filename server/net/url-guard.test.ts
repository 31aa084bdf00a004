import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressRefusal, checkUrl, guardedFetch, parseAllowList, type FetchLimits, type Resolver } from './url-guard';

const none = parseAllowList('');
const publicOnly = parseAllowList('public');
/** A resolver answering fixed addresses per name: DNS answers we cannot otherwise make on a loopback-only machine. */
const fixed =
  (answers: Record<string, string[]>): Resolver =>
  async (host) => {
    const list = answers[host];
    if (!list) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    return list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

describe('parseAllowList', () => {
  it('reads public, addresses, CIDRs and host names, and refuses anything else', () => {
    expect(parseAllowList(' public, 127.0.0.1 ,10.1.0.0/16,[::1],images.example.com,*.mirror.example.org')).toEqual({
      public: true,
      cidrs: ['127.0.0.1/32', '10.1.0.0/16', '::1/128'],
      hosts: ['images.example.com', '*.mirror.example.org'],
    });
    expect(() => parseAllowList('10.0.0.0/99')).toThrow(/not a CIDR/);
    expect(() => parseAllowList('exa mple.com')).toThrow(/neither/);
  });
});

describe('addressRefusal', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['169.254.169.254', 'metadata'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['10.0.0.5', 'private'],
    ['172.20.1.1', 'private'],
    ['192.168.1.1', 'private'],
    ['fd00:ec2::254', 'private'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['100.64.0.1', 'carrier-grade'],
    ['224.0.0.1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'metadata'],
    ['::ffff:10.0.0.1', 'private'],
  ])('refuses %s (%s)', (ip, what) => {
    expect(addressRefusal(ip, none)).toContain(what);
  });
  it('lets public addresses through, and refused ones the allow-list names', () => {
    expect(addressRefusal('93.184.216.34', none)).toBeNull();
    expect(addressRefusal('2606:2800:220:1::1', none)).toBeNull();
    expect(addressRefusal('127.0.0.1', parseAllowList('127.0.0.1'))).toBeNull();
    expect(addressRefusal('10.2.3.4', parseAllowList('10.2.0.0/16'))).toBeNull();
    expect(addressRefusal('10.3.3.4', parseAllowList('10.2.0.0/16'))).toContain('private');
    // Allowing loopback does not allow the metadata address.
    expect(addressRefusal('169.254.169.254', parseAllowList('127.0.0.0/8'))).toContain('metadata');
  });
});

describe('checkUrl', () => {
  it('refuses other schemes, credentials in the URL and shorthand addresses, naming source_url', async () => {
    await expect(checkUrl('ftp://example.com/x', publicOnly)).rejects.toThrow(/^source_url: only http and https/);
    await expect(checkUrl('file:///etc/passwd', publicOnly)).rejects.toThrow(/source_url: only http and https/);
    await expect(checkUrl('not a url', publicOnly)).rejects.toThrow(/source_url: must be an absolute/);
    await expect(checkUrl('http://u:p@example.com/', publicOnly)).rejects.toThrow(/user name or password/);
    // WHATWG URL parsing turns these into 127.0.0.1 already; they are refused as loopback either way.
    await expect(checkUrl('http://2130706433/', publicOnly)).rejects.toThrow(/loopback/);
    await expect(checkUrl('http://0x7f.1/', publicOnly)).rejects.toThrow(/loopback/);
  });

  it('refuses loopback, link-local, metadata, private and unspecified literals unless allow-listed', async () => {
    for (const [url, what] of [
      ['http://127.0.0.1:8080/a', 'loopback'],
      ['http://[::1]/a', 'loopback'],
      ['http://169.254.169.254/latest/meta-data/', 'metadata'],
      ['http://[fe80::1]/', 'link-local'],
      ['http://10.1.2.3/', 'private'],
      ['http://0.0.0.0/', 'unspecified'],
      ['http://[::]/', 'unspecified'],
    ] as const)
      await expect(checkUrl(url, publicOnly), url).rejects.toThrow(new RegExp(`^source_url: .*${what}`));
    await expect(checkUrl('http://127.0.0.1:8080/a', parseAllowList('127.0.0.1'))).resolves.toMatchObject({
      addresses: [{ address: '127.0.0.1', family: 4 }],
    });
  });

  it('checks every address a name resolves to: a private one among public ones refuses the name', async () => {
    // `localhost` resolves through the machine's own resolver (/etc/hosts) to loopback.
    await expect(checkUrl('http://localhost/x', publicOnly)).rejects.toThrow(/host localhost resolves to .*loopback/);
    const resolve = fixed({
      'mixed.example': ['93.184.216.34', '10.0.0.7'],
      'meta.example': ['169.254.169.254'],
      'ok.example': ['93.184.216.34', '2606:2800:220:1::1'],
    });
    await expect(checkUrl('http://mixed.example/', publicOnly, resolve)).rejects.toThrow(/10\.0\.0\.7 is a private/);
    await expect(checkUrl('http://meta.example/', publicOnly, resolve)).rejects.toThrow(/metadata/);
    await expect(checkUrl('http://nowhere.example/', publicOnly, resolve)).rejects.toThrow(/does not resolve/);
    const never: Resolver = () => new Promise(() => undefined);
    await expect(checkUrl('http://slow.example/', publicOnly, never, 'source_url', 200)).rejects.toThrow(
      /slow\.example does not resolve \(ETIMEOUT\)/,
    );
    const ok = await checkUrl('https://ok.example/disk.qcow2', publicOnly, resolve);
    expect(ok.addresses.map((a) => a.address)).toEqual(['93.184.216.34', '2606:2800:220:1::1']);
  });

  it('without `public`, fetches only the named hosts and networks', async () => {
    const resolve = fixed({ 'images.example.com': ['93.184.216.34'], 'other.example.com': ['93.184.216.35'] });
    const allow = parseAllowList('images.example.com');
    await expect(checkUrl('http://images.example.com/a', allow, resolve)).resolves.toBeTruthy();
    await expect(checkUrl('http://other.example.com/a', allow, resolve)).rejects.toThrow(/not in the allow-list/);
    await expect(checkUrl('http://93.184.216.36/a', none, resolve)).rejects.toThrow(/not in the allow-list/);
    // A name in the list that resolves to a private address stays refused: names can be re-pointed.
    const rebound = fixed({ 'images.example.com': ['10.0.0.9'] });
    await expect(checkUrl('http://images.example.com/a', allow, rebound)).rejects.toThrow(/private/);
  });
});

describe('guardedFetch against a loopback server', () => {
  let server: http.Server;
  let base: string;
  let port: number;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://x');
      switch (u.pathname) {
        case '/file':
          res.writeHead(200, { 'content-length': '5' }).end('hello');
          return;
        case '/to-file':
          res.writeHead(302, { location: '/file' }).end();
          return;
        case '/to-other-loopback':
          res.writeHead(302, { location: `http://127.0.0.3:${port}/file` }).end();
          return;
        case '/to-metadata':
          res.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
          return;
        case '/loop':
          res.writeHead(302, { location: '/loop' }).end();
          return;
        case '/big-announced':
          res.writeHead(200, { 'content-length': String(1024 * 1024) });
          res.end(Buffer.alloc(1024 * 1024));
          return;
        case '/big-chunked':
          // No Content-Length: the cap has to stop it while streaming.
          res.writeHead(200);
          for (let i = 0; i < 64; i++) res.write(Buffer.alloc(16 * 1024));
          res.end();
          return;
        case '/stall':
          res.writeHead(200, { 'content-length': '10' });
          res.write('abc');
          return; // never ends
        case '/silent':
          return; // never answers
        case '/short':
          res.writeHead(200, { 'content-length': '10' });
          res.end('abc');
          req.socket.destroy();
          return;
        case '/missing':
          res.writeHead(404).end();
          return;
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  const limits = (over: Partial<FetchLimits> = {}): FetchLimits => ({
    allow: parseAllowList('127.0.0.1'),
    maxBytes: 256 * 1024,
    timeoutMs: 10_000,
    idleTimeoutMs: 2_000,
    ...over,
  });
  const read = async (r: { body: AsyncIterable<Buffer> }) => {
    const parts: Buffer[] = [];
    for await (const c of r.body) parts.push(c);
    return Buffer.concat(parts).toString();
  };

  it('fetches an allowed URL, following a redirect it re-checks', async () => {
    const r = await guardedFetch(`${base}/to-file`, limits());
    expect(r.total).toBe(5);
    expect(r.url).toBe(`${base}/file`);
    expect(await read(r)).toBe('hello');
  });

  it('refuses a redirect to another loopback address or the metadata address', async () => {
    await expect(guardedFetch(`${base}/to-other-loopback`, limits())).rejects.toThrow(/127\.0\.0\.3 is a loopback/);
    await expect(guardedFetch(`${base}/to-metadata`, limits())).rejects.toThrow(/metadata/);
    await expect(guardedFetch(`${base}/loop`, limits())).rejects.toThrow(/more than 5 redirects/);
  });

  it('refuses the loopback server itself without the allow-list', async () => {
    await expect(guardedFetch(`${base}/file`, limits({ allow: publicOnly }))).rejects.toThrow(/loopback/);
  });

  it('refuses a Content-Length over the cap before reading, and stops a chunked body at the cap', async () => {
    await expect(guardedFetch(`${base}/big-announced`, limits())).rejects.toThrow(
      /1048576 bytes, more than the 262144 bytes/,
    );
    const r = await guardedFetch(`${base}/big-chunked`, limits());
    expect(r.total).toBeNull();
    await expect(read(r)).rejects.toThrow(/grew past the 262144 bytes/);
  });

  it('times out a stalled body, a silent server and a slow whole fetch', async () => {
    const stalled = await guardedFetch(`${base}/stall`, limits({ idleTimeoutMs: 300 }));
    await expect(read(stalled)).rejects.toThrow(/no bytes arrived for 0 s \(after 3 bytes\)/);
    const t0 = Date.now();
    await expect(guardedFetch(`${base}/silent`, limits({ idleTimeoutMs: 300 }))).rejects.toThrow(/did not answer/);
    expect(Date.now() - t0).toBeLessThan(2_000);
    const slow = await guardedFetch(`${base}/stall`, limits({ timeoutMs: 400, idleTimeoutMs: 5_000 }));
    await expect(read(slow)).rejects.toThrow(/took longer than/);
  });

  it('fails a body cut short and names an error status', async () => {
    const short = await guardedFetch(`${base}/short`, limits());
    await expect(read(short)).rejects.toThrow(/source_url: /);
    await expect(guardedFetch(`${base}/missing`, limits())).rejects.toThrow(/answered HTTP 404/);
  });
});
