import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Drivers are pluggable only while none leans on another: a helper two drivers need lives in `shared/` (or
 * `public-cloud/`, `lib/`), never in one driver's folder for the other to import. Tests are exempt, since a test
 * may compare drivers on purpose (public-cloud/docs-table.test.ts reads both public clouds' tables).
 */
const drivers = ['sim', 'openstack', 'huaweicloud', 'shanhe'] as const;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const providers = path.join(root, 'server/providers');

/** Every module a source text names: static imports and re-exports, side-effect imports, import() and require(). */
function specifiers(source: string): string[] {
  const out: string[] = [];
  const patterns = [
    /\bfrom\s+['"]([^'"]+)['"]/g,
    /\bimport\s+['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const p of patterns) for (const m of source.matchAll(p)) out.push(m[1]!);
  return out;
}

/** The driver folder a module specifier of `file` lands in, if any. */
function driverOf(file: string, spec: string): string | null {
  let target: string;
  if (spec.startsWith('.')) target = path.resolve(path.dirname(file), spec);
  else if (spec.startsWith('@/')) target = path.join(root, spec.slice(2));
  else return null;
  const rel = path.relative(providers, target).split(path.sep);
  return rel[0] && rel[0] !== '..' && (drivers as readonly string[]).includes(rel[0]) ? rel[0] : null;
}

/** The imports of `file` (a path under a driver folder) that reach into another driver's folder. */
function foreignDriverImports(file: string, source: string): string[] {
  const own = path.relative(providers, file).split(path.sep)[0];
  return specifiers(source).filter((spec) => {
    const d = driverOf(file, spec);
    return d !== null && d !== own;
  });
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('driver folders', () => {
  it('recognises an import of another driver, however it is spelled', () => {
    const file = path.join(providers, 'openstack/networks.ts');
    const source = [
      "import { planSubnet } from '../sim/networks';",
      "import type { X } from '@/server/providers/shanhe/mappers/x';",
      "export { y } from '../huaweicloud/y';",
      "const z = await import('../sim/ipam');",
      "import { os } from './rest';",
      "import { planSubnet } from '../shared/subnet-plan';",
      "import { ipInCidr } from '@/lib/network/ip';",
      "import { CloudError } from '../errors';",
    ].join('\n');
    expect(foreignDriverImports(file, source)).toEqual([
      '../sim/networks',
      '@/server/providers/shanhe/mappers/x',
      '../huaweicloud/y',
      '../sim/ipam',
    ]);
    expect(
      foreignDriverImports(path.join(providers, 'sim/networks.ts'), "import { a } from './ipam';"),
      'its own folder is fine',
    ).toEqual([]);
  });

  it.each(drivers)('%s imports from no other driver folder', (driver) => {
    const files = sourceFiles(path.join(providers, driver));
    expect(files.length, `${driver} has source files`).toBeGreaterThan(0);
    const offending = files.flatMap((f) =>
      foreignDriverImports(f, fs.readFileSync(f, 'utf8')).map((spec) => `${path.relative(root, f)} imports ${spec}`),
    );
    expect(offending, 'move what two drivers share to server/providers/shared/').toEqual([]);
  });
});
