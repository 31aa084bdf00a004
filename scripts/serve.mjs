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

let stopping = false;
const server = http.createServer((req, res) => {
  // Draining: a call arriving on a kept-alive connection is turned away (the load balancer retries it elsewhere).
  if (stopping) {
    const r = errorReply(
      503,
      'unavailable',
      'Service Unavailable',
      'the console is shutting down; retry',
      {
        path: 'server',
        message: 'is shutting down',
      },
      { Connection: 'close', 'Retry-After': '1' },
    );
    res.writeHead(r.status, r.headers);
    res.end(r.body);
    return;
  }
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
/**
 * Graceful shutdown: stop listening, turn away new calls, end event streams with a retry hint (browsers reconnect,
 * to another replica, and replay with Last-Event-ID), let calls in flight finish (at most YUNTU_SHUTDOWN_GRACE_MS),
 * then close the database (PGlite writes its files) and exit. The hooks are set by server/boot.ts.
 */
const graceMs = Number(process.env.YUNTU_SHUTDOWN_GRACE_MS ?? 10_000);
async function shutdown(sig) {
  if (stopping) return;
  stopping = true;
  console.log(`Yuntu: ${sig}, draining (at most ${graceMs} ms)`);
  const closed = new Promise((resolve) => server.close(resolve));
  await globalThis[Symbol.for('yuntu.drain')]?.().catch(() => undefined);
  // A kept-alive connection becomes idle when its call ends: close each as soon as it does.
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), graceMs);
  await closed;
  clearTimeout(timer);
  clearInterval(idle);
  await Promise.race([
    globalThis[Symbol.for('yuntu.close')]?.().catch(() => undefined),
    new Promise((r) => setTimeout(r, 5000).unref()),
  ]);
  console.log('Yuntu: stopped');
  process.exit(0);
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => void shutdown(sig));
