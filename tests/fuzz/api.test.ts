import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { operations, type Operation } from '@/lib/contract/operations';
import { baseUrl, demo, signIn, type Client } from '../http/client';
import {
  bodyCases,
  bodyModel,
  credentialCases,
  destructive,
  fillPath,
  headerCases,
  pathCases,
  queryCases,
  type Case,
  type Target,
} from './cases';
import { describeFailure, problemOf } from './check';
import { countsOf, createFixtures, creatingOps, paramValueFrom, type Fixtures } from './fixtures';
import { rawRequest, type RawResponse } from './raw';
import { fieldsOf, jsonSchemaOf } from './schema';

/**
 * The fuzz stage: every operation of the operation table (a new one is covered without touching this file), as a
 * tenant and as the admin, with bad path ids, bad query values, bad bodies, bad headers and bad credentials, plus a
 * seeded property-based part. Nothing may answer 5xx, leak internals or create what it refused; refusals carry the
 * contract's error body naming the field.
 */

const runs = Number(process.env.FUZZ_RUNS ?? 15);
const seed = Number(process.env.FUZZ_SEED ?? 20261130);
const concurrency = 4;
// For a quicker look while fixing: FUZZ_PRINCIPALS=alice FUZZ_OPS='audit|quotas' (a regex on "METHOD /path").
const principals = (process.env.FUZZ_PRINCIPALS ?? 'alice,admin').split(',') as ('alice' | 'admin')[];
const only = process.env.FUZZ_OPS ? new RegExp(process.env.FUZZ_OPS) : undefined;
/** Where the time goes, by kind of case, printed at the end of each pass. */
const timeByKind: Record<string, number> = {};

const key = (op: Operation) => `${op.method.toUpperCase()} ${op.path}`;
/** A seed per operation, so adding one does not change what the others get. */
const seedOf = (op: Operation) => [...key(op)].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) | 0, seed);

let fixtures: Fixtures;
const clients: Record<'alice' | 'admin', Client> = {} as Record<'alice' | 'admin', Client>;
const notes = new Set<string>();

beforeAll(async () => {
  clients.alice = await signIn(demo.alice);
  clients.admin = await signIn(demo.admin);
  fixtures = await createFixtures(clients.alice, clients.admin);
}, 120_000);

async function pool<T, R>(items: T[], n: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

/** Percent-encodes every byte of a string's UTF-8 (lone surrogates become U+FFFD, as a browser would send them). */
const encodeAll = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => '%' + b.toString(16).padStart(2, '0')).join('');

/** The property-based part: seeded random bodies (around a valid one) and query strings; anything but a 5xx. */
function propertyCases(t: Target): fc.Arbitrary<Case> | undefined {
  const op = t.op;
  if (destructive(op)) return undefined;
  const method = op.method.toUpperCase();
  const path = fillPath(op.path, (p) => t.paramValue(op.path, p));
  const headers = { 'X-Auth-Token': t.token, 'Content-Type': op.bodyType ?? 'application/json' };
  const model = bodyModel(t);
  const arbs: fc.Arbitrary<Case>[] = [];
  if (model) {
    const fields = [
      ...fieldsOf(model.schema.type === 'array' && model.schema.items ? model.schema.items : model.schema).keys(),
    ];
    const value = fc.oneof(
      fc.jsonValue(),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.integer(),
      fc.double(),
      fc.constant(null),
    );
    const mutated = fc
      .record({
        field: fields.length
          ? fc.oneof(fc.constantFrom(...fields), fc.string({ maxLength: 12 }))
          : fc.string({ maxLength: 12 }),
        value,
      })
      .map(({ field, value: v }) => {
        const b = model.base;
        const holder = { ...(Array.isArray(b) ? (b[0] as object) : (b as object)), [field]: v };
        return JSON.stringify(Array.isArray(b) ? [holder] : holder);
      });
    const anything = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null');
    arbs.push(
      fc.oneof(mutated, anything).map((body) => ({
        name: 'property: body',
        req: { method, target: path, headers, body },
        expect: 'any' as const,
      })),
    );
  }
  if (method === 'GET') {
    const names = op.query ? [...fieldsOf(jsonSchemaOf(op.query)).keys()] : [];
    const qkey = names.length
      ? fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 8 }))
      : fc.string({ maxLength: 8 });
    const qvalue = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.integer().map(String),
      fc.double().map(String),
      fc.constantFrom('', '-', 'true', 'null', '%', '%%', '&'),
    );
    const query = fc
      .array(fc.tuple(qkey, qvalue, fc.boolean()), { maxLength: 5 })
      .map((pairs) =>
        pairs
          .map(
            ([k, v, raw]) =>
              `${encodeAll(k)}=${raw ? v.replace(/[\s#]/g, '').replace(/[^\x21-\x7e]/g, (c) => encodeAll(c)) : encodeAll(v)}`,
          )
          .join('&'),
      );
    arbs.push(
      query.map((qs) => ({
        name: 'property: query',
        req: { method, target: `${path}?${qs}`, headers: { 'X-Auth-Token': t.token } },
        expect: 'any' as const,
      })),
    );
  }
  return arbs.length ? fc.oneof(...arbs) : undefined;
}

for (const who of principals) {
  describe(`fuzz as ${who}`, () => {
    let before: Record<string, number> = {};
    const accepted: Record<string, number> = {};
    let sent = 0;
    const started = Date.now();

    beforeAll(async () => {
      before = await countsOf(clients[who]);
    });

    const send = async (c: Case): Promise<RawResponse> => {
      const t0 = Date.now();
      const r = await rawRequest(baseUrl(), c.req);
      const kind = c.name.replace(/^(\S+ \S+).*/, '$1');
      timeByKind[kind] = (timeByKind[kind] ?? 0) + Date.now() - t0;
      sent++;
      const created = creatingOps.find(
        (o) => c.req.method === 'POST' && c.req.target.split('?')[0] === `/api/v1${o.path}`,
      );
      if (created && r.status >= 200 && r.status < 300) accepted[created.path] = (accepted[created.path] ?? 0) + 1;
      return r;
    };

    for (const op of operations.filter((o) => !only || only.test(key(o)))) {
      it(key(op), async () => {
        const t: Target = {
          op,
          token: clients[who].token!,
          paramValue: paramValueFrom(fixtures, notes),
          known: fixtures.fields,
        };
        // Parsing (bodies, content types) and credentials are checked in define-route before any authorization, the
        // same for every principal: the tenant's pass sends all of it; the admin's adds what reaches the handlers as
        // the admin (valid-looking bodies with odd values, path ids, queries, the property-based part).
        const all = [
          ...pathCases(t),
          ...queryCases(t),
          ...bodyCases(t),
          ...(who === 'alice' ? [...headerCases(t), ...credentialCases(t, operations.indexOf(op))] : []),
        ];
        const cases = who === 'alice' ? all : all.filter((c) => !(c.name.startsWith('body') && c.expect === '4xx'));
        const failures: string[] = [];
        await pool(cases, concurrency, async (c) => {
          const r = await send(c);
          const problem = problemOf(c, r);
          if (problem) failures.push(describeFailure(key(op), who, c, r, problem));
        });

        const arb = propertyCases(t);
        if (arb) {
          let last: string | undefined;
          const result = await fc.check(
            fc.asyncProperty(arb, async (c) => {
              const r = await send(c);
              const problem = problemOf(c, r);
              if (problem) last = describeFailure(key(op), who, c, r, problem);
              return !problem;
            }),
            { seed: seedOf(op), numRuns: runs, endOnFailure: true },
          );
          if (result.failed)
            failures.push(
              `${last ?? 'property failed'}\n    (fast-check seed ${seedOf(op)}, FUZZ_SEED=${seed}, run ${result.numRuns})`,
            );
        }

        const health = await rawRequest(baseUrl(), { method: 'GET', target: '/api/v1/health' });
        if (health.status !== 200)
          failures.push(
            `[${who}] ${key(op)}: /api/v1/health answered ${health.status} afterwards: ${health.text.slice(0, 300)}`,
          );
        if (failures.length)
          throw new Error(
            `${failures.length} of ${cases.length} cases (+${arb ? runs : 0} property runs) failed:\n${failures.slice(0, 40).join('\n')}${failures.length > 40 ? `\n… and ${failures.length - 40} more` : ''}`,
          );
        // The admin's pass adds only what reaches handlers as the admin; an operation with no path, query or body
        // (DELETE /auth/tokens, DELETE /auth/sessions) was sent all its header and credential cases as alice.
        if (who === 'alice') expect(cases.length).toBeGreaterThan(0);
      });
    }

    it('created nothing it refused; the console is healthy', async () => {
      const after = await countsOf(clients[who]);
      const wrong = Object.keys(after)
        .filter((k) => after[k]! - (before[k] ?? 0) !== (accepted[k] ?? 0))
        .map((k) => `${k}: ${before[k]} before, ${after[k]} after, but ${accepted[k] ?? 0} creations were accepted`);
      expect(wrong, wrong.join('\n')).toEqual([]);
      expect(Object.keys(after).length).toBeGreaterThan(3);
      const health = await rawRequest(baseUrl(), { method: 'GET', target: '/api/v1/health' });
      expect(health.status, health.text).toBe(200);
      console.log(
        `fuzz as ${who}: ${sent} requests in ${((Date.now() - started) / 1000).toFixed(1)} s; accepted creations: ${JSON.stringify(accepted)}\nslowest kinds (ms, summed over concurrent requests): ${JSON.stringify(
          Object.entries(timeByKind)
            .sort((a, b) => b[1] - a[1])
            .slice(0, 15),
        )}${notes.size ? `\nnotes:\n${[...notes].join('\n')}` : ''}`,
      );
    });
  });
}
