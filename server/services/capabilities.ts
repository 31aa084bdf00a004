import 'server-only';
import type { CapabilitiesResponse, OperationSupport } from '@/lib/contract/capabilities';
import { operations, type OperationKey } from '@/lib/contract/operations';
import { optionsOf } from '@/lib/contract/options';
import { provider } from '../providers/registry';
import type { Capabilities } from '../providers/types';
import { scope, type RequestContext } from './context';

/** What a capability flag switches off, for backends that declare flags only (the simulator, OpenStack). */
const byFlag: { flag: keyof Omit<Capabilities, 'unsupported'>; match: (key: string) => boolean; reason: string }[] = [
  {
    flag: 'liveMigrate',
    match: (k) => k === 'POST /servers/{id}/live-migrate',
    reason: 'this cloud has no live migration',
  },
  {
    flag: 'resize',
    match: (k) => k === 'POST /servers/{id}/resize',
    reason: "this cloud cannot change a server's flavor",
  },
  { flag: 'loadBalancers', match: (k) => k.includes(' /load-balancers'), reason: 'this cloud has no load balancers' },
  { flag: 'volumes', match: (k) => k.includes(' /volumes'), reason: 'this cloud has no block storage' },
  { flag: 'publicIps', match: (k) => k.includes(' /public-ips'), reason: 'this cloud has no public IPs' },
  { flag: 'imageUpload', match: (k) => k.endsWith(' /images/{id}/file'), reason: 'this cloud takes no image files' },
  {
    flag: 'imageImport',
    match: (k) => k === 'POST /images/{id}/import',
    reason: 'this cloud cannot import an image from a URL (Glance has no web-download import method enabled)',
  },
  // Ending a user's console sessions needs no identity service: it stays on every backend.
  {
    flag: 'identityAdmin',
    match: (k) => k.includes(' /projects') || (k.includes(' /users') && !k.endsWith('/sessions')),
    reason: 'identity is managed outside the console',
  },
];

/**
 * The conformance table: every operation of the public API, supported or not by the configured backend, and why.
 * Every signed-in user may read it (the defineRoute session check is the gate): it holds no secret, and it is what
 * tells a tenant's console which actions to grey out instead of letting them fail with 501.
 */
export async function listCapabilities(ctx: RequestContext): Promise<CapabilitiesResponse> {
  const p = provider();
  const caps = await p.capabilities(scope(ctx));
  const declared: Partial<Record<string, string>> = caps.unsupported ?? {};
  const rows: OperationSupport[] = operations.map((op) => {
    const method = op.method.toUpperCase() as OperationSupport['method'];
    const key = `${method} ${op.path}` as OperationKey;
    const reason = declared[key] ?? byFlag.find((f) => !caps[f.flag] && f.match(key))?.reason ?? null;
    // Every option the catalog knows for this operation, supported unless the driver's table names it.
    const options = optionsOf(key).map(({ name, description }) => {
      const why = declared[`${key}#${name}`] ?? null;
      return { name, description, supported: why === null, reason: why };
    });
    const refused = options.filter((o) => !o.supported);
    return {
      method,
      path: op.path,
      summary: op.summary,
      description: op.description,
      tag: op.tag,
      table: op.table ?? null,
      supported: reason === null,
      reason,
      options,
      limitations: refused.map((o) => o.reason!),
      parts: Object.fromEntries(refused.map((o) => [o.name, o.reason!])),
    };
  });
  return {
    backend: p.kind,
    operations: rows,
    total_count: rows.length,
    supported_count: rows.filter((r) => r.supported).length,
  };
}
