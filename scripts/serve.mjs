#!/usr/bin/env node
/**
 * The production server: `next start` with one addition. Next.js gives route handlers no socket, and the
 * X-Forwarded-For it adds keeps whatever a client sent under that name, so a client could pick its own address and
 * escape the per-client sign-in budget. This listener writes the socket's peer address into `x-yuntu-peer-address`
 * on every request (replacing any value a client sent), and server/http/client-address.ts reads it.
 *
 * Usage, as `next start`: node scripts/serve.mjs -H 127.0.0.1 -p 3000
 */
import http from 'node:http';
import path from 'node:path';
import next from 'next';
import { errorReply, streamingMethodRefusal } from './streaming-routes.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const arg = (flag, fallback) => {
  const i = args.indexOf(flag);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const hostname = arg('-H', '127.0.0.1');
const port = Number(arg('-p', process.env.PORT ?? '3000'));

const app = next({ dev: false, dir: root, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

/**
 * An API path with a dot segment (`..`, `%2e%2e`, `.`) names no resource: URL parsing would resolve it into another
 * path (`/api/v1/servers/%2e%2e` into `/api/v1/`, which Next.js then redirects), so an id can never be one. Refused
 * here with the contract's 400 before any parsing, rather than answered by whatever the resolved path is.
 */
function dotSegmentIn(rawUrl) {
  const pathname = (rawUrl ?? '').split('?')[0];
  if (!pathname.startsWith('/api/')) return false;
  return pathname.split('/').some((seg) => {
    const s = seg.replace(/%2e/gi, '.');
    return s === '.' || s === '..';
  });
}

/**
 * proxy.ts answers an undecodable path with the contract's 400, but the streaming uploads skip the proxy (it would
 * copy their bodies into memory), so their paths are checked here.
 */
function undecodableApiPath(rawUrl) {
  const pathname = (rawUrl ?? '').split('?')[0];
  if (!pathname.startsWith('/api/')) return false;
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

const server = http.createServer((req, res) => {
  req.headers['x-yuntu-peer-address'] = req.socket.remoteAddress ?? '';
  const refusal = dotSegmentIn(req.url)
    ? 'must not contain . or .. segments'
    : undecodableApiPath(req.url)
      ? 'is not valid percent-encoded UTF-8'
      : undefined;
  const reply = refusal
    ? errorReply(400, 'invalid', 'Bad Request', `path: ${refusal}`, { path: 'path', message: refusal })
    : streamingMethodRefusal(req.method, req.url);
  if (reply) {
    res.writeHead(reply.status, reply.headers);
    res.end(reply.body);
    return;
  }
  handle(req, res);
});
// Next.js installs an uncaughtException handler that only logs, so a taken port must end the process here.
server.on('error', (e) => {
  console.error(`Yuntu could not listen on ${hostname}:${port}: ${e.message}`);
  process.exit(1);
});
server.listen(port, hostname, () => console.log(`Yuntu listening on http://${hostname}:${port}`));
for (const sig of ['SIGINT', 'SIGTERM'])
  process.on(sig, () => {
    server.close(() => process.exit(0));
    // Open event streams keep connections alive: do not wait for them for ever.
    setTimeout(() => process.exit(0), 5000).unref();
  });
