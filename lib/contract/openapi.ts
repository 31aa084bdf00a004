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
  404: "Not Found (also another project's resource)",
  406: 'Not Acceptable: the Accept header allows no type this operation answers with',
  409: 'Conflict: wrong state, quota exceeded, or in use',
  413: 'Content Too Large: the JSON body exceeds 1 MiB',
  415: 'Unsupported Media Type: the body is not declared with its media type, or not in UTF-8',
  429: 'Too Many Requests: see Retry-After',
  500: 'Internal Server Error',
  501: 'Not Implemented: the configured backend lacks this capability',
  503: 'Service Unavailable: the backend cannot be reached',
};

const changes = new Set<Operation['method']>(['post', 'put', 'patch', 'delete']);

/**
 * Every error status a call of `op` can answer. Besides its own (`errors`): 400 (a bad path, query or body), 401
 * unless public, 403 of any change (a reader's, or a foreign Origin's) and of an admin operation, 406 (Accept),
 * 413 and 415 of a JSON body (define-route.ts reads it), 429, 500, and 501 and 503 from the backend. A 405 belongs
 * to a path, not to an operation: the document's description says it.
 */
export function errorStatusesOf(op: Operation): number[] {
  const statuses = new Set([400, 406, 429, 500, 501, 503, ...(op.errors ?? [])]);
  if (op.auth !== 'public') statuses.add(401);
  if (op.auth === 'admin' || changes.has(op.method)) statuses.add(403);
  if (op.body) for (const s of [413, 415]) statuses.add(s);
  return [...statuses].sort((a, b) => a - b);
}

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
      for (const [k, val] of Object.entries(v))
        out[k] =
          k === '$ref' && typeof val === 'string' ? val.replace('#/$defs/', '#/components/schemas/') : rewrite(val);
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
    for (const m of op.path.matchAll(/\{(\w+)\}/g))
      parameters.push({ name: m[1], in: 'path', required: true, schema: { type: 'string' } });
    if (op.query) parameters.push(...queryParameters(op.query, components));
    const responses: Record<string, unknown> = {};
    const [status, body] = op.success;
    for (const s of op.otherSuccess === undefined ? [status] : [status, op.otherSuccess].sort((a, b) => a - b)) {
      // An operation with a JSON body and a `produces` type answers either (GET /usage: JSON, or CSV with format=csv).
      const content = body
        ? {
            'application/json': { schema: convert(body, 'output', components) },
            ...(op.produces ? { [op.produces]: { schema: { type: 'string' } } } : {}),
          }
        : op.produces && s !== 204
          ? {
              [op.produces]: {
                schema: { type: 'string', ...(op.produces === 'application/octet-stream' ? { format: 'binary' } : {}) },
              },
            }
          : undefined;
      responses[String(s)] = { description: statusText[s] ?? 'OK', ...(content ? { content } : {}) };
    }
    for (const s of errorStatusesOf(op))
      responses[String(s)] = {
        description: statusText[s] ?? 'Error',
        content: { 'application/json': { schema: errorRef } },
      };
    const entry: Record<string, unknown> = {
      operationId: operationId(op),
      summary: op.summary,
      description:
        op.description +
        (op.table ? ` (standard table ${op.table})` : '') +
        (op.auth === 'admin' ? ' Administrators only.' : ''),
      tags: [op.tag],
      ...(parameters.length ? { parameters } : {}),
      responses,
      ...(op.auth === 'public' ? { security: [] } : {}),
    };
    const requestBody = op.documentedBody ?? op.body;
    if (requestBody)
      entry.requestBody = {
        required: !op.optionalBody,
        content: { [op.bodyType ?? 'application/json']: { schema: convert(requestBody, 'input', components) } },
      };
    else if (op.bodyType)
      entry.requestBody = {
        required: true,
        content: { [op.bodyType]: { schema: { type: 'string', format: 'binary' } } },
      };
    (paths[op.path] ??= {})[op.method] = entry;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: '云图 Yuntu IaaS API',
      version: '1.0.0',
      description:
        'Interfaces of CH/Z 云计算服务地理信息系统接口规范 第1部分：基础设施即服务 (Appendix B), over HTTP. ' +
        'A method a path does not have answers 405 with the Error body and an Allow header listing the ones it has; OPTIONS answers 204 with Allow.',
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
        token: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Auth-Token',
          description: 'Token from POST /auth/tokens (X-Subject-Token)',
        },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'yuntu_session',
          description: "The browser console's session cookie",
        },
      },
    },
  };
}
