import net from 'node:net';

/**
 * A raw HTTP/1.1 request over a loopback socket. fetch (and node:http) would normalise the path (`%2e%2e` becomes a
 * `..` segment and is removed), refuse NUL bytes in headers and re-encode bodies, which is exactly what the fuzz
 * stage must be able to send; so every byte here goes out as written.
 */
export interface RawRequest {
  method: string;
  /** The request target exactly as sent, e.g. `/api/v1/servers/%2e%2e?limit=1`. */
  target: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface RawResponse {
  /** 0 when the server answered nothing (closed or timed out): always a failure. */
  status: number;
  headers: Record<string, string>;
  text: string;
  /** Why there is no status, for the report. */
  error?: string;
}

const maxRead = 1024 * 1024;

function dechunk(buf: Buffer): Buffer {
  const out: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = buf.indexOf('\r\n', at);
    if (eol < 0) break;
    const size = parseInt(buf.subarray(at, eol).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    out.push(buf.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(out);
}

export function rawRequest(base: string, req: RawRequest, timeoutMs = 30_000): Promise<RawResponse> {
  const url = new URL(base);
  const body =
    req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, 'utf8');
  const lines = [`${req.method} ${req.target} HTTP/1.1`, `Host: ${url.host}`, 'Connection: close'];
  for (const [k, v] of Object.entries(req.headers ?? {})) lines.push(`${k}: ${v}`);
  if (body !== undefined) lines.push(`Content-Length: ${body.byteLength}`);
  const head = Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1');

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    let parsedHead: { status: number; headers: Record<string, string>; bodyAt: number } | undefined;
    const socket = net.connect({ host: url.hostname, port: Number(url.port) });

    const parseHead = (): void => {
      if (parsedHead) return;
      const all = Buffer.concat(chunks);
      const end = all.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [statusLine, ...headerLines] = all.subarray(0, end).toString('latin1').split('\r\n');
      const headers: Record<string, string> = {};
      for (const l of headerLines) {
        const i = l.indexOf(':');
        if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
      }
      parsedHead = { status: Number(statusLine!.split(' ')[1]), headers, bodyAt: end + 4 };
    };
    const finish = (error?: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      parseHead();
      if (!parsedHead)
        return resolve({ status: 0, headers: {}, text: '', error: error ?? 'connection closed without a response' });
      let raw: Buffer = Buffer.concat(chunks).subarray(parsedHead.bodyAt);
      if (/chunked/i.test(parsedHead.headers['transfer-encoding'] ?? '')) raw = dechunk(raw);
      resolve({ status: parsedHead.status, headers: parsedHead.headers, text: raw.toString('utf8') });
    };
    const timer = setTimeout(() => finish(`no complete answer in ${timeoutMs} ms`), timeoutMs);

    socket.on('data', (d: Buffer) => {
      chunks.push(d);
      size += d.byteLength;
      parseHead();
      // An event stream never ends, and a file download may be large: the head (and a first part) is enough.
      if (parsedHead && (/text\/event-stream/.test(parsedHead.headers['content-type'] ?? '') || size > maxRead))
        finish();
    });
    socket.on('end', () => finish());
    socket.on('close', () => finish());
    // The server may answer (413, 400) and close before a large body is written: what it answered counts.
    socket.on('error', (e) => finish(`socket error: ${e.message}`));
    socket.write(head);
    if (body !== undefined) socket.write(body);
  });
}
