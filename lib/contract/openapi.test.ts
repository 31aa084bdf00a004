import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOpenApi } from './openapi';
import { operations } from './operations';

describe('OpenAPI document', () => {
  const doc = buildOpenApi();

  it('has every operation with a Chinese summary and an English description', () => {
    for (const op of operations) {
      const entry = (doc.paths[op.path] as Record<string, { summary: string; description: string }>)[op.method];
      expect(entry, `${op.method} ${op.path}`).toBeDefined();
      expect(entry!.summary, `${op.method} ${op.path} summary`).toMatch(/[\u4e00-\u9fff]/);
      expect(entry!.description).toMatch(/[A-Za-z]/);
    }
  });

  // Which route file serves each operation is server/http/routes.test.ts's concern.

  it('documents a body that accepts exactly what the parsed one accepts, where the two differ', () => {
    const samples: unknown[] = [
      { name: 'x' },
      { name: 'x', tags: ['a'], visibility: 'public', min_disk_gb: 1 },
      { name: '' },
      { name: 'x', colour: 'red' },
      { server_id: 's-1', name: 'snap' },
      { server_id: 's-1', name: 'snap', type: 'snapshot', description: 'd' },
      { server_id: 's-1' },
      { server_id: 's-1', name: 'snap', disk_format: 'raw' },
      {},
      [],
      'x',
      null,
    ];
    const documented = operations.filter((o) => o.documentedBody);
    expect(documented.length, 'operations with a documented body of their own').toBeGreaterThan(0);
    for (const o of documented)
      for (const v of samples)
        expect(o.body!.safeParse(v).success, `${o.method} ${o.path} with ${JSON.stringify(v)}`).toBe(o.documentedBody!.safeParse(v).success);
  });

  it('passes a real OpenAPI linter (redocly) without errors', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openapi-'));
    const file = path.join(dir, 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(doc, null, 2));
    fs.writeFileSync(path.join(dir, 'redocly.yaml'), 'extends:\n  - recommended\nrules:\n  operation-4xx-response: error\n  security-defined: error\n');
    let out = '';
    let code = 0;
    try {
      out = execFileSync(path.join(process.cwd(), 'node_modules/.bin/redocly'), ['lint', file, '--config', path.join(dir, 'redocly.yaml'), '--format', 'stylish'], {
        encoding: 'utf8',
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (e) {
      const err = e as { status: number; stdout: string; stderr: string };
      code = err.status;
      out = err.stdout + err.stderr;
    }
    expect(code, out).toBe(0);
  }, 120_000);
});
