import 'server-only';
import type { KeyPair } from '@/lib/contract/key-pair';
import { CloudError, conflict, invalid, notFound } from '../errors';
import type { CloudProvider } from '../types';
import { mapLimit, type OsDeps } from './context';
import { osTime } from './mappers/time';
import type { Rest } from './rest';

/** Nova's key pair as os-keypairs answers it (a list item has no user_id nor created_at: those come from its GET). */
interface NovaKeyPair {
  name: string;
  public_key: string;
  fingerprint: string;
  type?: string;
  user_id?: string;
  created_at?: string;
}

/** 2.2 added `type`, 2.35 paging with limit and marker (the name); 2.92 would refuse a create without public_key. */
const microversion = { 'X-OpenStack-Nova-API-Version': '2.35', 'OpenStack-API-Version': 'compute 2.35' };

const toKeyPair = (k: NovaKeyPair, userId: string): KeyPair => ({
  name: k.name,
  type: 'ssh',
  fingerprint: k.fingerprint,
  public_key: k.public_key.trim(),
  user_id: k.user_id ?? userId,
  created_at: osTime(k.created_at),
});

const kind = (e: unknown, k: CloudError['kind']) => e instanceof CloudError && e.kind === k;

async function getNova(rest: Rest, name: string): Promise<NovaKeyPair> {
  try {
    const r = await rest.call<{ keypair: NovaKeyPair }>('compute', 'GET', `os-keypairs/${encodeURIComponent(name)}`, {
      headers: microversion,
    });
    return r.body.keypair;
  } catch (e) {
    if (kind(e, 'not_found')) throw notFound('key pair', name);
    throw e;
  }
}

/** Every key pair of the caller, following Nova's pages (marker = the last name). */
async function listNova(rest: Rest): Promise<NovaKeyPair[]> {
  const all: NovaKeyPair[] = [];
  let marker: string | undefined;
  for (let i = 0; i < 100; i++) {
    const r = await rest.call<{ keypairs: { keypair: NovaKeyPair }[] }>('compute', 'GET', 'os-keypairs', {
      query: { limit: 1000, marker },
      headers: microversion,
    });
    const page = (r.body.keypairs ?? []).map((k) => k.keypair);
    all.push(...page);
    if (page.length < 1000) break;
    marker = page.at(-1)!.name;
  }
  return all;
}

/** Nova os-keypairs, always importing: the console generated the key when the caller gave none. */
export function osKeyPairs(d: OsDeps): CloudProvider['keyPairs'] {
  return {
    async create(ctx, input) {
      const rest = d.rest(ctx);
      try {
        const r = await rest.call<{ keypair: NovaKeyPair }>('compute', 'POST', 'os-keypairs', {
          body: { keypair: { name: input.name, public_key: input.public_key, type: 'ssh' } },
          headers: microversion,
        });
        // The answer to a create has no created_at: read it back.
        return toKeyPair(await getNova(rest, r.body.keypair.name), ctx.principal.userId);
      } catch (e) {
        if (kind(e, 'conflict')) throw conflict(`key pair ${input.name} already exists`);
        if (kind(e, 'invalid')) throw invalid('public_key', 'was refused by the compute service as key pair data');
        throw e;
      }
    },

    async get(ctx, name) {
      return toKeyPair(await getNova(d.rest(ctx), name), ctx.principal.userId);
    },

    async list(ctx, q) {
      const rest = d.rest(ctx);
      let items = await listNova(rest);
      if (q.name) items = items.filter((k) => k.name.toLowerCase().includes(q.name!.toLowerCase()));
      const desc = q.sort?.startsWith('-') ?? false;
      const field = q.sort ? q.sort.replace(/^-/, '') : 'name';
      if (field !== 'name' && field !== 'created_at')
        throw invalid('sort', `cannot sort by "${field}"; sortable fields: name, created_at`);
      // Nova's list carries no created_at: each pair is read for it (a page's worth, or all to sort by it).
      const withTimes = async (ks: NovaKeyPair[]) =>
        mapLimit(ks, 8, async (k) => toKeyPair(await getNova(rest, k.name).catch(() => k), ctx.principal.userId));
      const byName = (a: KeyPair, b: KeyPair) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
      let page: KeyPair[];
      if (field === 'created_at') {
        const all = await withTimes(items);
        all.sort((a, b) => (desc ? -1 : 1) * (a.created_at.localeCompare(b.created_at) || byName(a, b)));
        page = all.slice(q.offset, q.offset + q.limit);
      } else {
        items.sort((a, b) => (desc ? -1 : 1) * (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        page = await withTimes(items.slice(q.offset, q.offset + q.limit));
      }
      return { items: page, total: items.length };
    },

    async remove(ctx, name) {
      try {
        await d
          .rest(ctx)
          .call('compute', 'DELETE', `os-keypairs/${encodeURIComponent(name)}`, { headers: microversion });
      } catch (e) {
        if (kind(e, 'not_found')) throw notFound('key pair', name);
        throw e;
      }
    },
  };
}
