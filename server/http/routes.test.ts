import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { op, operationKey, operations, type OperationOf } from '@/lib/contract/operations';
import { routeMethodsOf } from './allowed-methods';
import { outsideContract } from './outside-contract';
import type { OperationSpec, Reply } from './pipeline';

const apiRoot = path.join(process.cwd(), 'app/api/v1');
const httpMethods = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'];

function routeFolders(dir = apiRoot): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const sub = path.join(dir, entry.name);
    if (fs.existsSync(path.join(sub, 'route.ts'))) out.push(path.relative(apiRoot, sub).split(path.sep).join('/'));
    out.push(...routeFolders(sub));
  }
  return out.sort();
}

type Binding = { kind: 'operation'; key: string } | { kind: 'outside'; name: string };
interface RouteExport {
  folder: string;
  method: string;
  binding?: Binding;
}

/** The HTTP methods a route file exports and what each is bound to: `defineRoute(op('…'), …)`, an outside-contract entry, or an alias of one. */
function exportsOf(folder: string): RouteExport[] {
  const source = fs.readFileSync(path.join(apiRoot, folder, 'route.ts'), 'utf8');
  const defined = new Map<string, Binding>();
  for (const m of source.matchAll(
    /(?:export )?const (\w+) = defineRoute\(\s*(?:op\('([^']+)'\)|outsideContract\.(\w+))/g,
  ))
    defined.set(m[1]!, m[2] !== undefined ? { kind: 'operation', key: m[2] } : { kind: 'outside', name: m[3]! });
  const out: RouteExport[] = [];
  for (const m of source.matchAll(/export const (\w+)\s*=\s*(\w+)/g)) {
    const [, name, value] = m;
    if (!httpMethods.includes(name!)) continue;
    out.push({ folder, method: name!, binding: defined.get(name!) ?? defined.get(value!) });
  }
  return out;
}

/** `/servers/{id}/reboot` → `servers/[id]/reboot`, the folder Next.js routes it from. */
const folderOf = (template: string) => template.slice(1).replace(/\{(\w+)\}/g, '[$1]');

const all = routeFolders().flatMap(exportsOf);

describe('route handlers and the operation table', () => {
  it('finds the route files', () => {
    expect(all.length, 'exported methods under app/api/v1').toBeGreaterThan(operations.length);
  });

  it('binds every exported method to an operation of that method and path, or to an entry of outside-contract.ts', () => {
    const problems: string[] = [];
    for (const e of all) {
      const where = `app/api/v1/${e.folder}/route.ts ${e.method}`;
      if (!e.binding) {
        problems.push(
          `${where}: not defined with defineRoute(op('${e.method} …')) nor with an entry of outsideContract`,
        );
        continue;
      }
      if (e.binding.kind === 'operation') {
        const row = operations.find((o) => operationKey(o) === (e.binding as { key: string }).key);
        if (!row) problems.push(`${where}: ${e.binding.key} is no operation of the table`);
        else if (row.method.toUpperCase() !== e.method || folderOf(row.path) !== e.folder)
          problems.push(
            `${where}: bound to ${e.binding.key}, which is served from ${folderOf(row.path)} ${row.method.toUpperCase()}`,
          );
      } else {
        const entry = (outsideContract as Record<string, { route: string; methods: readonly string[] }>)[
          e.binding.name
        ];
        if (!entry) problems.push(`${where}: outsideContract.${e.binding.name} is not in outside-contract.ts`);
        else if (entry.route !== e.folder || !entry.methods.includes(e.method))
          problems.push(
            `${where}: outsideContract.${e.binding.name} declares ${entry.methods.join(', ')} of ${entry.route}`,
          );
      }
    }
    expect(problems).toEqual([]);
  });

  it('serves every operation of the table from exactly one exported method', () => {
    const problems: string[] = [];
    for (const o of operations) {
      const key = operationKey(o);
      const serving = all.filter((e) => e.binding?.kind === 'operation' && e.binding.key === key);
      if (serving.length !== 1)
        problems.push(
          `${key}: served by ${serving.length} route exports (${serving.map((e) => `${e.folder} ${e.method}`).join(', ') || `none; expected app/api/v1/${folderOf(o.path)}/route.ts ${o.method.toUpperCase()}`})`,
        );
    }
    expect(problems).toEqual([]);
  });

  it('exports every method outside-contract.ts declares, from the folder it names', () => {
    const problems: string[] = [];
    for (const [name, entry] of Object.entries(outsideContract))
      for (const method of entry.methods)
        if (
          !all.some(
            (e) =>
              e.folder === entry.route &&
              e.method === method &&
              e.binding?.kind === 'outside' &&
              e.binding.name === name,
          )
        )
          problems.push(
            `outsideContract.${name}: app/api/v1/${entry.route}/route.ts does not export ${method} defined with it`,
          );
    expect(problems).toEqual([]);
  });

  it('keeps outside the contract only what the table does not document', () => {
    for (const entry of Object.values(outsideContract))
      for (const method of entry.methods)
        expect(
          operations.some((o) => folderOf(o.path) === entry.route && o.method.toUpperCase() === method),
          `${method} ${entry.route} is an operation of the table and must be defined with op()`,
        ).toBe(false);
  });

  it("gives proxy.ts's 405 exactly the methods each route file exports, so a method a file lacks is refused with Allow", () => {
    const problems: string[] = [];
    const folders = [...new Set(all.filter((e) => e.binding?.kind === 'operation').map((e) => e.folder))];
    for (const folder of folders) {
      const exported = new Set(all.filter((e) => e.folder === folder).map((e) => e.method));
      // What Next.js adds to every route file: HEAD answered by GET, OPTIONS with Allow.
      if (exported.has('GET')) exported.add('HEAD');
      exported.add('OPTIONS');
      const samplePath = '/' + folder.replace(/\[(\w+)\]/g, 'sample-$1');
      const route = routeMethodsOf(samplePath);
      if (!route) problems.push(`${samplePath}: proxy.ts finds no route, so a wrong method gets Next.js's bare 405`);
      else if (folderOf(route.template) !== folder)
        problems.push(`${samplePath}: proxy.ts resolves it to ${route.template}, Next.js to ${folder}`);
      else if (route.allow.join(', ') !== [...exported].sort().join(', '))
        problems.push(
          `${samplePath}: proxy.ts allows ${route.allow.join(', ')}, the route file ${[...exported].sort().join(', ')}`,
        );
    }
    expect(problems).toEqual([]);
  });

  it('resolves paths as Next.js routes them: a static segment first, a path of no operation left to the catch-all', () => {
    expect(routeMethodsOf('/servers/status-counts')).toEqual({
      template: '/servers/status-counts',
      allow: ['GET', 'HEAD', 'OPTIONS'],
    });
    expect(routeMethodsOf('/servers/s-1')).toEqual({
      template: '/servers/{id}',
      allow: ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PUT'],
    });
    expect(routeMethodsOf('/servers/s-1/reboot')?.allow).toEqual(['OPTIONS', 'POST']);
    expect(routeMethodsOf('/servers/s%2D1')?.template, 'a percent-encoded id').toBe('/servers/{id}');
    for (const unknown of ['/servers/s-1/explode', '/nothing', '/servers/s-1/reboot/again', '/'])
      expect(routeMethodsOf(unknown), unknown).toBeUndefined();
  });

  it('looks operations up by key, and refuses a key the table lacks', () => {
    expect(op('POST /servers/{id}/reboot')).toBe(
      operations.find((o) => o.method === 'post' && o.path === '/servers/{id}/reboot'),
    );
    // @ts-expect-error: the key type names only the table's operations, so this fails the typecheck first.
    expect(() => op('POST /servers/{id}/explode')).toThrow(
      'no operation POST /servers/{id}/explode in the operation table',
    );
  });

  it('types the handler from the row (checked by tsc: each @ts-expect-error must meet an error)', () => {
    type Spec<K extends Parameters<typeof op>[0]> = OperationSpec<OperationOf<K>, { request: Request }>;
    const server = { id: 's-1', name: 'web' };
    const specs: Array<Spec<'GET /servers/{id}'>> = [
      // @ts-expect-error: the success body of GET /servers/{id} is { server }, not a list.
      { handler: async () => ({ status: 200, body: { servers: [server], total_count: 1 } }) },
      // @ts-expect-error: GET /servers/{id} has the path parameter id only.
      { handler: async ({ params }) => ({ status: 200, body: { server: params.server_id } }) },
    ];
    const membership: Spec<'PUT /users/{id}/projects/{project_id}'> = {
      // Both path parameters are plain strings (no `!`), the body is the parsed MembershipInput.
      handler: async ({ params, body }): Promise<Reply<never>> => {
        const ids: [string, string, 'admin' | 'member' | 'reader'] = [params.id, params.project_id, body.role];
        throw new Error(ids.join(' '));
      },
    };
    expect(specs).toHaveLength(2);
    expect(membership.handler).toBeTypeOf('function');
  });
});
