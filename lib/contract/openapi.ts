import { z } from 'zod';
import { ErrorBody } from './common';
import { operations, type Operation } from './operations';

type JsonSchema = Record<string, unknown>;

const statusText: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  400: 'Bad Request: the message and details name the field',
  401: 'Unauthorized: no token, or an invalid or expired one',
  403: 'Forbidden: an admin-only operation, or a change by a reader',
  404: 'Not Found (also another project\'s resource)',
  409: 'Conflict: wrong state, quota exceeded, or in use',
  429: 'Too Many Requests: see Retry-After',
  500: 'Internal Server Error',
  503: 'Service Unavailable: the backend cannot be reached',
};

/** Converts one schema, hoisting named sub-schemas into components so each is described once. */
function convert(schema: z.ZodType, io: 'input' | 'output', components: Record<string, JsonSchema>): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  const defs = (json.$defs ?? {}) as Record<string, JsonSchema>;
  delete json.$defs;
  delete json.$schema;
  const rewrite = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(rewrite);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, val] of Object.entries(v)) out[k] = k === '$ref' && typeof val === 'string' ? val.replace('#/$defs/', '#/components/schemas/') : rewrite(val);
      return out;
    }
    return v;
  };
  for (const [name, def] of Object.entries(defs)) components[name] ??= rewrite(def) as JsonSchema;
  // A named schema at the top is itself hoisted and referenced.
  const id = z.globalRegistry.get(schema)?.id;
  if (id) {
    components[id] ??= rewrite(json) as JsonSchema;
    return { $ref: `#/components/schemas/${id}` };
  }
  return rewrite(json) as JsonSchema;
}

function queryParameters(schema: z.ZodType, components: Record<string, JsonSchema>) {
  const json = convert(schema, 'input', components);
  const props = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, s]) => ({
    name,
    in: 'query',
    required: required.has(name) && !('default' in s),
    schema: s,
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
  }));
}

function operationId(op: Operation): string {
  const words = op.path
    .split('/')
    .filter(Boolean)
    .map((p) => (p.startsWith('{') ? 'by-' + p.slice(1, -1) : p))
    .join('-');
  return `${op.method}-${words}`.replace(/[^a-zA-Z0-9]+(.)/g, (_, c: string) => c.toUpperCase());
}

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function buildOpenApi(serverUrl = '/api/v1') {
  const components: Record<string, JsonSchema> = {};
  const paths: Record<string, Record<string, unknown>> = {};
  const errorRef = convert(ErrorBody, 'output', components);
  for (const op of operations) {
    const parameters: unknown[] = [];
    for (const m of op.path.matchAll(/\{(\w+)\}/g)) parameters.push({ name: m[1], in: 'path', required: true, schema: { type: 'string' } });
    if (op.query) parameters.push(...queryParameters(op.query, components));
    const responses: Record<string, unknown> = {};
    const [status, body] = op.success;
    responses[String(status)] = body
      ? { description: statusText[status] ?? 'OK', content: { 'application/json': { schema: convert(body, 'output', components) } } }
      : { description: statusText[status] ?? 'OK' };
    const errorStatuses = new Set([400, 429, 500, ...(op.auth === 'public' ? [] : [401]), ...(op.errors ?? [])]);
    for (const s of [...errorStatuses].sort())
      responses[String(s)] = { description: statusText[s] ?? 'Error', content: { 'application/json': { schema: errorRef } } };
    const entry: Record<string, unknown> = {
      operationId: operationId(op),
      summary: op.summary,
      description: op.description + (op.table ? ` (standard table ${op.table})` : '') + (op.auth === 'admin' ? ' Administrators only.' : ''),
      tags: [op.tag],
      ...(parameters.length ? { parameters } : {}),
      responses,
      ...(op.auth === 'public' ? { security: [] } : {}),
    };
    const requestBody = op.documentedBody ?? op.body;
    if (requestBody)
      entry.requestBody = { required: true, content: { [op.bodyType ?? 'application/json']: { schema: convert(requestBody, 'input', components) } } };
    else if (op.bodyType)
      entry.requestBody = { required: true, content: { [op.bodyType]: { schema: { type: 'string', format: 'binary' } } } };
    (paths[op.path] ??= {})[op.method] = entry;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: '云图 Yuntu IaaS API',
      version: '1.0.0',
      description: 'Interfaces of CH/Z 云计算服务地理信息系统接口规范 第1部分：基础设施即服务 (Appendix B), over HTTP.',
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: serverUrl }],
    tags: [
      { name: 'basic', description: '基础类接口 (authentication, datacenters, quotas)' },
      { name: 'compute', description: '计算类接口 (servers, flavors, images)' },
      { name: 'network', description: '网络类接口 (networks, floating/public IPs, load balancers, security groups)' },
      { name: 'storage', description: '存储类接口 (cloud disks)' },
      { name: 'admin', description: 'Beyond the standard: console needs' },
    ],
    security: [{ token: [] }, { session: [] }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        token: { type: 'apiKey', in: 'header', name: 'X-Auth-Token', description: 'Token from POST /auth/tokens (X-Subject-Token)' },
        session: { type: 'apiKey', in: 'cookie', name: 'yuntu_session', description: "The browser console's session cookie" },
      },
    },
  };
}
