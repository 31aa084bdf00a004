/**
 * Which methods an /api/v1 path has, from the operation table: proxy.ts answers any other with the contract's 405
 * and an Allow header, where Next.js would answer a method a route file does not export with a bare 405. A new
 * operation needs nothing here: its row is its path's method.
 *
 * No `server-only` import here: proxy.ts is compiled outside the react-server condition, where that guard throws.
 */
import { operations } from '@/lib/contract/operations';

interface RouteMethods {
  /** `/servers/{id}`: the operation table's path, the route folder `servers/[id]`. */
  template: string;
  segments: string[];
  methods: Set<string>;
}

const routes: RouteMethods[] = [];
for (const o of operations) {
  let route = routes.find((r) => r.template === o.path);
  if (!route)
    routes.push((route = { template: o.path, segments: o.path.split('/').filter(Boolean), methods: new Set() }));
  route.methods.add(o.method.toUpperCase());
}

const isParam = (segment: string) => segment.startsWith('{');

/**
 * Next.js's precedence among route folders: at the first segment where two differ, a static one (`status-counts`)
 * wins over a dynamic one (`[id]`), so `/servers/status-counts` is that route's and never `/servers/{id}`'s.
 */
function morePrecise(a: RouteMethods, b: RouteMethods): number {
  for (let i = 0; i < a.segments.length; i++) {
    const pa = isParam(a.segments[i]!);
    const pb = isParam(b.segments[i]!);
    if (pa !== pb) return pa ? 1 : -1;
  }
  return 0;
}

/**
 * The route an /api/v1 path reaches and the methods its file answers (HEAD with GET and OPTIONS come with every
 * route file, from Next.js), or undefined for a path no operation has (the catch-all's JSON 404 answers those).
 */
export function routeMethodsOf(apiPath: string): { template: string; allow: string[] } | undefined {
  let segments: string[];
  try {
    segments = apiPath.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined;
  }
  const candidates = routes.filter(
    (r) => r.segments.length === segments.length && r.segments.every((s, i) => isParam(s) || s === segments[i]),
  );
  const route = candidates.sort(morePrecise)[0];
  if (!route) return undefined;
  const allow = new Set([...route.methods, 'OPTIONS']);
  if (allow.has('GET')) allow.add('HEAD');
  return { template: route.template, allow: [...allow].sort() };
}
