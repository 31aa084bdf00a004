import type { Operation } from '@/lib/contract/operations';
import type { RawRequest } from './raw';
import {
  exampleOf,
  fieldsOf,
  isUnion,
  jsonSchemaOf,
  numberRefused,
  typesOf,
  wrongTypeValues,
  type FieldValues,
  type JsonSchema,
} from './schema';

/**
 * One fuzz request and what it must get: `4xx` (a refusal with the contract's error body) or `any` (the input is
 * odd but may be valid: anything but a 5xx; a 4xx still needs the contract's body).
 */
export interface Case {
  name: string;
  req: RawRequest;
  expect: '4xx' | 'any';
  /** Fields the refusal must name (in `details[].path` or the message). */
  fields?: string[];
  /** Refused by Node's HTTP parser before the console sees it (a raw NUL in a header): no contract body is possible. */
  bare?: boolean;
}

/** What an operation is fuzzed with: real ids for its path, a signed-in principal, known field values. */
export interface Target {
  op: Operation;
  token: string;
  /** Real id for a path parameter of this path, by parameter name. */
  paramValue: (path: string, param: string) => string;
  known: FieldValues;
}

export const kb = (n: number, ch = 'a') => ch.repeat(n * 1024);

/**
 * Fuzzed only in ways that must be refused (bad ids, bad credentials), never with a live id or a body that could pass:
 * DELETE and its POST alias, and the presenter's panel (POST /demo/reset empties the cloud the fixtures live in, PUT
 * /demo/faults with a valid-looking body makes later operations fail 503 on purpose). tests/http/demo.test.ts checks
 * the panel's validation, field by field, on a console of its own.
 */
export const destructive = (op: Operation) =>
  op.method === 'delete' || op.path.endsWith('/delete') || op.path === '/demo/reset' || op.path === '/demo/faults';
export const paramsOf = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

export function fillPath(path: string, value: (param: string) => string): string {
  return '/api/v1' + path.replace(/\{(\w+)\}/g, (_, p: string) => value(p));
}

/** Bad path ids, written as they go on the wire (already percent-encoded where that is the point). */
export const badIds: [string, string][] = [
  ['unknown id', 'fuzz-no-such-id'],
  ['encoded traversal ..%2F..', '..%2F..'],
  ['encoded traversal ..%2F..%2Fhealth', '..%2F..%2F..%2Fhealth'],
  ['dot segment %2e%2e', '%2e%2e'],
  ['double-encoded %252e%252e', '%252e%252e'],
  ['very long id (8 KB)', kb(8, 'x')],
  ['bad escape 100%', '100%'],
  ['truncated escape %E0%A4%A', '%E0%A4%A'],
  ['invalid UTF-8 %FF%FE', '%FF%FE'],
  ['overlong UTF-8 %C0%AF', '%C0%AF'],
  ['encoded lone surrogate %ED%A0%80', '%ED%A0%80'],
  ['NUL %00', 'a%00b'],
  ['emoji', '%F0%9F%98%80'],
  ['RTL override', '%E2%80%AEdi'],
  ['encoded slash', 'a%2Fb'],
  ['space and quote', "a%20'%22"],
  ['percent-encoded percent', '%25'],
];

/** Strings that are valid JSON but odd text, each as JSON text (a lone surrogate can only be written escaped). */
export const oddTexts: { name: string; json: string; refuse: boolean }[] = [
  { name: 'NUL', json: '"a\\u0000b"', refuse: true },
  { name: 'emoji', json: JSON.stringify('😀🇨🇳👩‍👩‍👧'), refuse: false },
  { name: 'RTL', json: JSON.stringify('\u202Eabc\u202C עברית العربية'), refuse: false },
  { name: 'lone surrogate', json: '"a\\ud800b"', refuse: true },
  { name: 'reversed surrogates', json: '"\\udc00\\ud800"', refuse: true },
  { name: 'control characters', json: '"a\\u0001\\u001f\\r\\nb"', refuse: false },
  { name: 'quotes and backslashes', json: JSON.stringify(`o'brien "x" \\ % _ *`), refuse: false },
  { name: 'only spaces', json: '"   "', refuse: false },
];

/** Numbers as JSON text (1e400 parses to Infinity, which JSON.stringify cannot write). */
const numbers: string[] = [
  '-1',
  '0',
  '-9007199254740993',
  '9007199254740993',
  '2147483648',
  '1e308',
  '1e400',
  '-1e400',
  '1.5',
  '-0',
  '1e-400',
];

function authHeaders(t: Target): Record<string, string> {
  return { 'X-Auth-Token': t.token };
}

function contentTypeOf(op: Operation): string {
  return op.bodyType ?? 'application/json';
}

/** The operation's body schema as JSON Schema, and a valid-looking body for it. */
export function bodyModel(t: Target): { schema: JsonSchema; base: unknown } | undefined {
  if (!t.op.body) return undefined;
  const schema = jsonSchemaOf(t.op.body);
  return { schema, base: exampleOf(schema, 'body', t.known) };
}

/** Where a top-level field lives: the body itself, or (JSON-patch arrays) its first element. */
function withField(base: unknown, field: string, valueJson: string | undefined): string {
  const holder = Array.isArray(base) ? ((base[0] as Record<string, unknown>) ?? {}) : (base as Record<string, unknown>);
  const marker = '"__FUZZ_VALUE__"';
  const copy: Record<string, unknown> = { ...holder };
  if (valueJson === undefined) delete copy[field];
  else copy[field] = '__FUZZ_VALUE__';
  const text = JSON.stringify(Array.isArray(base) ? [copy, ...base.slice(1)] : copy);
  return valueJson === undefined ? text : text.replace(marker, valueJson);
}

/** The body with raw JSON members (`"k":v,...`) added to its object (JSON.stringify cannot write `__proto__` keys). */
function withExtra(base: unknown, members: string): string {
  const holder = Array.isArray(base) ? (base[0] ?? {}) : base;
  const text = JSON.stringify(holder);
  const obj = text === '{}' ? `{${members}}` : `{${members},${text.slice(1)}`;
  return Array.isArray(base) ? `[${[obj, ...base.slice(1).map((x) => JSON.stringify(x))].join(',')}]` : obj;
}

function itemSchema(schema: JsonSchema): JsonSchema {
  return schema.type === 'array' && schema.items ? schema.items : schema;
}

/** Path ids: each parameter in turn gets every bad id, the others their real id; the body is a valid one. */
export function pathCases(t: Target): Case[] {
  const params = paramsOf(t.op.path);
  const model = bodyModel(t);
  const out: Case[] = [];
  for (const p of params) {
    for (const [name, bad] of badIds) {
      const target = fillPath(t.op.path, (q) => (q === p ? bad : t.paramValue(t.op.path, q)));
      const body = model ? JSON.stringify(model.base) : t.op.bodyType ? 'fuzz' : undefined;
      const headers = { ...authHeaders(t), ...(body !== undefined ? { 'Content-Type': contentTypeOf(t.op) } : {}) };
      out.push({
        name: `path {${p}}: ${name}`,
        req: { method: t.op.method.toUpperCase(), target, headers, body },
        expect: '4xx',
      });
    }
  }
  return out;
}

/** Query strings: odd ones on every operation, and per field of its query schema. */
export function queryCases(t: Target): Case[] {
  if (destructive(t.op)) return [];
  const path = fillPath(t.op.path, (p) => t.paramValue(t.op.path, p));
  const headers = authHeaders(t);
  const model = bodyModel(t);
  const body = model ? JSON.stringify(model.base) : undefined;
  const h = body !== undefined ? { ...headers, 'Content-Type': contentTypeOf(t.op) } : headers;
  const mk = (name: string, qs: string, expect: Case['expect'], fields?: string[]): Case => ({
    name: `query ${name}`,
    req: { method: t.op.method.toUpperCase(), target: `${path}?${qs}`, headers: h, body },
    expect,
    fields,
  });
  if (t.op.method !== 'get') return [];
  const out: Case[] = [
    mk('NUL in a key', '%00=1', 'any'),
    mk('NUL in an unknown parameter', 'fuzz=a%00b', 'any'),
    mk('repeated parameter', 'fuzz=1&fuzz=2', 'any'),
    mk('key without value', 'fuzz', 'any'),
    mk('empty pairs', '=&=&&', 'any'),
    mk('bad escape 100%', 'fuzz=100%', 'any'),
    mk('truncated escape', 'fuzz=%E0%A4%A', 'any'),
    mk('huge unknown value (12 KB)', `fuzz=${kb(12)}`, 'any'),
  ];
  if (!t.op.query) return out;
  const schema = jsonSchemaOf(t.op.query);
  for (const [f, s] of fieldsOf(schema)) {
    const types = typesOf(s);
    const enc = encodeURIComponent(f);
    out.push(
      mk(
        `${f}: NUL`,
        `${enc}=a%00b`,
        types?.has('string') && !s.enum ? '4xx' : 'any',
        types?.has('string') && !s.enum ? [f] : undefined,
      ),
    );
    out.push(mk(`${f}: repeated`, `${enc}=1&${enc}=2`, 'any'));
    out.push(mk(`${f}: bad escapes`, `${enc}=100%25%E0%A4%A%`, 'any'));
    out.push(mk(`${f}: invalid UTF-8, emoji and RTL`, `${enc}=%FF%FE${encodeURIComponent('😀\u202Eab')}`, 'any'));
    const huge = s.maxLength !== undefined || !!s.enum || !types?.has('string');
    out.push(mk(`${f}: huge (12 KB)`, `${enc}=${kb(12, '9')}`, huge ? '4xx' : 'any', huge ? [f] : undefined));
    out.push(mk(`${f}: empty`, `${enc}=`, 'any'));
    if (s.enum || types?.has('boolean'))
      out.push(mk(`${f}: not one of its values`, `${enc}=zzz-not-a-value`, '4xx', [f]));
    if (types?.has('integer') || types?.has('number')) {
      for (const n of ['abc', '1.5', '-1', '1e400', '9007199254740993', '0x10']) {
        const refused = numberRefused(s, Number(n));
        out.push(
          mk(
            `${f}: number ${JSON.stringify(n)}`,
            `${enc}=${encodeURIComponent(n)}`,
            refused ? '4xx' : 'any',
            refused ? [f] : undefined,
          ),
        );
      }
    }
    if (f === 'sort') {
      for (const k of [
        'zzz_not_a_field',
        '-zzz_not_a_field',
        '-',
        '--name',
        'name;x',
        'NAME',
        'password_hash',
        'token_hash',
      ]) {
        out.push(mk(`sort by ${JSON.stringify(k)}`, `sort=${encodeURIComponent(k)}`, '4xx', ['sort']));
      }
    }
  }
  return out;
}

/** Bodies: malformed JSON, wrong shapes, per field wrong types, missing, huge and odd values. */
export function bodyCases(t: Target): Case[] {
  if (destructive(t.op) || (!t.op.body && !t.op.bodyType)) return [];
  const method = t.op.method.toUpperCase();
  const target = fillPath(t.op.path, (p) => t.paramValue(t.op.path, p));
  const ct = contentTypeOf(t.op);
  const mk = (
    name: string,
    body: string | Buffer,
    expect: Case['expect'],
    fields?: string[],
    contentType = ct,
  ): Case => ({
    name: `body ${name}`,
    req: { method, target, headers: { ...authHeaders(t), 'Content-Type': contentType }, body },
    expect,
    fields,
  });
  const out: Case[] = [];
  const model = bodyModel(t);
  if (!model) {
    // A byte stream (image upload): anything goes in; nothing may break.
    out.push(mk('bytes: JSON instead of a file', '{"a":1}', 'any'));
    out.push(mk('bytes: invalid UTF-8', Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0x00]), 'any'));
    out.push(mk('bytes: declared as JSON', '{', 'any', undefined, 'application/json'));
    return out;
  }
  const { schema, base } = model;
  for (const text of [
    '{',
    '{"a":',
    '[1,2',
    'nul',
    "{'a':1}",
    '{"a":1}}',
    '{"a":1,}',
    '\u0000',
    'NaN',
    '{"a":01}',
    '{"a":"\\x41"}',
    '{"a":"\\u12"}',
    '"unterminated',
  ]) {
    out.push(mk(`malformed JSON ${JSON.stringify(text)}`, text, '4xx', ['body']));
  }
  const item = itemSchema(schema);
  const topIsArray = schema.type === 'array';
  for (const v of topIsArray ? ['null', '1', '"s"', 'true', '{}'] : ['null', '1', '"s"', 'true', '[]', '[{}]']) {
    out.push(mk(`not ${topIsArray ? 'an array' : 'an object'}: ${v}`, v, '4xx'));
  }
  out.push(mk('deeply nested (10,000 levels)', '{"fuzz":' + '['.repeat(10_000) + ']'.repeat(10_000) + '}', '4xx'));
  out.push(mk('valid example', JSON.stringify(base), 'any'));
  out.push(
    mk(
      'unknown fields and prototype keys',
      withExtra(
        base,
        '"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"zz_unknown":[1,{"a":null}]',
      ),
      'any',
    ),
  );
  out.push(mk('duplicate keys', withExtra(base, '"zz_dup":1,"zz_dup":"two"'), 'any'));
  // Missing required fields: one at a time from the valid body (a union may then match another branch).
  if (!isUnion(item)) {
    for (const f of item.required ?? [])
      out.push(mk(`missing required ${f}`, withField(base, f, undefined), '4xx', [f]));
    if (item.required?.length) out.push(mk('empty object', topIsArray ? '[{}]' : '{}', '4xx', item.required));
  }
  for (const [f, s] of fieldsOf(item)) {
    const types = typesOf(s);
    const exact = !isUnion(item);
    for (const w of wrongTypeValues(s))
      out.push(
        mk(
          `${f}: wrong type ${JSON.stringify(w)}`,
          withField(base, f, JSON.stringify(w)),
          '4xx',
          exact ? [f] : undefined,
        ),
      );
    if (types?.has('string') || !types) {
      out.push(
        mk(
          `${f}: 100 KB string`,
          withField(base, f, JSON.stringify(kb(100))),
          types ? '4xx' : 'any',
          types ? [f] : undefined,
        ),
      );
      for (const o of oddTexts)
        out.push(
          mk(`${f}: ${o.name} text`, withField(base, f, o.json), o.refuse ? '4xx' : 'any', o.refuse ? [f] : undefined),
        );
    }
    if (types?.has('integer') || types?.has('number')) {
      for (const n of numbers) {
        const refused = numberRefused(s, Number(n));
        out.push(
          mk(`${f}: number ${n}`, withField(base, f, n), refused ? '4xx' : 'any', refused && exact ? [f] : undefined),
        );
      }
      if (s.maximum !== undefined)
        out.push(mk(`${f}: its maximum ${s.maximum}`, withField(base, f, String(s.maximum)), 'any'));
    }
    if (types?.has('array')) {
      out.push(
        mk(
          `${f}: 10,000 items`,
          withField(base, f, JSON.stringify(Array.from({ length: 10_000 }, () => 'x'))),
          s.maxItems !== undefined ? '4xx' : 'any',
          s.maxItems !== undefined && exact ? [f] : undefined,
        ),
      );
      out.push(mk(`${f}: items of the wrong type`, withField(base, f, '[null,1,true,{},[]]'), 'any'));
    }
    if (types?.has('object'))
      out.push(
        mk(
          `${f}: object with odd keys`,
          withField(base, f, '{"":"","a\\u0000":"x","😀":"y","__proto__":{"x":1}}'),
          'any',
        ),
      );
  }
  return out;
}

/** Content types and encodings around a valid body. */
export function headerCases(t: Target): Case[] {
  const model = bodyModel(t);
  if (destructive(t.op) || !model) return [];
  const method = t.op.method.toUpperCase();
  const target = fillPath(t.op.path, (p) => t.paramValue(t.op.path, p));
  const withName = (name: string) => {
    const b = model.base;
    if (Array.isArray(b)) return JSON.stringify(b);
    return JSON.stringify({ ...(b as object), ...(fieldsOf(model.schema).has('name') ? { name } : {}) });
  };
  const mk = (
    name: string,
    contentType: string | undefined,
    body: string | Buffer,
    expect: Case['expect'],
    fields?: string[],
  ): Case => ({
    name: `header ${name}`,
    req: {
      method,
      target,
      headers: { ...authHeaders(t), ...(contentType !== undefined ? { 'Content-Type': contentType } : {}) },
      body,
    },
    expect,
    fields,
  });
  const valid = withName('云图');
  // GBK bytes of 云图 (D4 C6 CD BC) are not UTF-8: the console speaks UTF-8 only.
  const gbk = Buffer.concat([
    Buffer.from(valid.split('云图')[0]!, 'utf8'),
    Buffer.from([0xd4, 0xc6, 0xcd, 0xbc]),
    Buffer.from(valid.split('云图')[1] ?? '', 'utf8'),
  ]);
  const invalidUtf8 = Buffer.concat([
    Buffer.from(valid.split('云图')[0]!, 'utf8'),
    Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xed, 0xa0, 0x80, 0xff]),
    Buffer.from(valid.split('云图')[1] ?? '', 'utf8'),
  ]);
  const hasName = valid.includes('云图');
  return [
    mk('no Content-Type', undefined, valid, 'any'),
    mk('Content-Type text/plain', 'text/plain', valid, '4xx', ['Content-Type']),
    mk('Content-Type form', 'application/x-www-form-urlencoded', 'name=x&a=1', '4xx'),
    mk(
      'Content-Type multipart',
      'multipart/form-data; boundary=zz',
      '--zz\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--zz--\r\n',
      '4xx',
    ),
    mk('Content-Type upper case', contentTypeOf(t.op).toUpperCase(), valid, 'any'),
    mk('Content-Type with odd parameters', `${contentTypeOf(t.op)};;; q="x;y"`, valid, 'any'),
    mk('Content-Type empty', '', valid, 'any'),
    mk('Content-Type garbage', '\u00ff/\u00fe', valid, 'any'),
    mk('charset=utf-8', `${contentTypeOf(t.op)}; charset=utf-8`, valid, 'any'),
    ...(hasName
      ? [
          mk('charset=gbk with GBK bytes', `${contentTypeOf(t.op)}; charset=gbk`, gbk, '4xx'),
          mk('invalid UTF-8 in a string', contentTypeOf(t.op), invalidUtf8, '4xx'),
        ]
      : []),
    mk(
      'GBK bytes declared as UTF-8',
      `${contentTypeOf(t.op)}; charset=utf-8`,
      hasName ? gbk : Buffer.from([0x7b, 0xd4, 0xc6, 0x7d]),
      '4xx',
    ),
    mk(
      'UTF-8 byte order mark',
      contentTypeOf(t.op),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(valid)]),
      'any',
    ),
    mk('UTF-16 body', `${contentTypeOf(t.op)}; charset=utf-16le`, Buffer.from(valid, 'utf16le'), '4xx'),
    mk(
      '20 MB body',
      contentTypeOf(t.op),
      Array.isArray(model.base)
        ? `[${JSON.stringify(model.base[0])},${'"x",'.repeat(5 * 1024 * 1024)}"x"]`
        : withExtra(model.base, `"zz_pad":"${kb(20 * 1024)}"`),
      '4xx',
    ),
  ];
}

/** Bad credentials: none of them authenticates, so even destructive operations get them with live ids. */
export function credentialCases(t: Target, index: number, perOp = 6): Case[] {
  const method = t.op.method.toUpperCase();
  const target = fillPath(t.op.path, (p) => t.paramValue(t.op.path, p));
  const publicOp = t.op.auth === 'public';
  const expect: Case['expect'] = publicOp ? 'any' : '4xx';
  const mk = (name: string, headers: Record<string, string>, bare = false): Case => ({
    name: `credentials ${name}`,
    req: { method, target, headers },
    expect,
    bare,
  });
  const all = [
    mk('empty X-Auth-Token', { 'X-Auth-Token': '' }),
    mk('garbage X-Auth-Token', { 'X-Auth-Token': 'not-a-token' }),
    mk('long X-Auth-Token (12 KB)', { 'X-Auth-Token': kb(12, 't') }),
    mk('UTF-8 X-Auth-Token', { 'X-Auth-Token': Buffer.from('令牌😀', 'utf8').toString('latin1') }),
    mk('Bearer token', { Authorization: 'Bearer not-a-token' }),
    mk('cookie yuntu_session=100%', { Cookie: 'yuntu_session=100%' }),
    mk('cookie truncated escape', { Cookie: 'yuntu_session=%E0%A4%A' }),
    mk('cookie invalid UTF-8 escape', { Cookie: 'yuntu_session=%FF%FE' }),
    mk('cookie escaped NUL', { Cookie: 'yuntu_session=a%00b' }),
    mk('cookie huge (12 KB)', { Cookie: `yuntu_session=${kb(12, 'c')}` }),
    mk('cookie without value', { Cookie: 'yuntu_session' }),
    mk('cookie empty and repeated', { Cookie: 'yuntu_session=; yuntu_session=x; =; ;;' }),
    mk('cookie quoted', { Cookie: 'yuntu_session="abc"' }),
    mk('cookie raw NUL', { Cookie: 'yuntu_session=a\u0000b' }, true),
    mk('cookie raw UTF-8', { Cookie: `yuntu_session=${Buffer.from('会话', 'utf8').toString('latin1')}` }),
  ];
  // Every operation gets no credentials and a rotating share of the bad ones (all go through the same check in
  // define-route); across the table every variant is sent several times.
  return [mk('none', {}), ...Array.from({ length: perOp }, (_, i) => all[(index * perOp + i) % all.length]!)];
}
