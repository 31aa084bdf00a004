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

  it('lists every status each operation of the table can answer, each error with the Error body', () => {
    const problems: string[] = [];
    for (const op of operations) {
      const key = `${op.method.toUpperCase()} ${op.path}`;
      const responses = (
        doc.paths[op.path] as Record<
          string,
          { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }
        >
      )[op.method]!.responses;
      const expected = new Set<number>([op.success[0], 400, 406, 429, 500, 501, 503, ...(op.errors ?? [])]);
      if (op.otherSuccess !== undefined) expected.add(op.otherSuccess);
      if (op.auth !== 'public') expected.add(401);
      // A change can be refused to a reader or to a foreign Origin, an admin operation to everyone else.
      if (op.method !== 'get' || op.auth === 'admin') expected.add(403);
      // define-route.ts caps a JSON body at 1 MiB and refuses one without its media type.
      if (op.body) for (const s of [413, 415]) expected.add(s);
      const listed = Object.keys(responses)
        .map(Number)
        .sort((a, b) => a - b);
      const missing = [...expected].filter((s) => !listed.includes(s));
      const extra = listed.filter((s) => !expected.has(s));
      if (missing.length || extra.length)
        problems.push(`${key}: missing ${missing.join(', ') || 'none'}, unexpected ${extra.join(', ') || 'none'}`);
      for (const s of listed.filter((n) => n >= 400))
        if (
          JSON.stringify(responses[String(s)]!.content?.['application/json']?.schema) !==
          JSON.stringify({ $ref: '#/components/schemas/Error' })
        )
          problems.push(`${key} ${s}: not the Error body`);
    }
    expect(problems).toEqual([]);
  });

  it('documents the statuses the handlers answer beyond the usual ones: 202 of a create or delete still running, 401 of a wrong password', () => {
    const responsesOf = (method: string, p: string) =>
      Object.keys((doc.paths[p] as Record<string, { responses: object }>)[method]!.responses);
    for (const p of ['/servers/{id}', '/volumes/{id}', '/load-balancers/{id}'])
      expect(responsesOf('delete', p), `DELETE ${p}`).toEqual(expect.arrayContaining(['202', '204']));
    expect(responsesOf('post', '/images'), 'POST /images: saved from a server (202) or queued (201)').toEqual(
      expect.arrayContaining(['201', '202']),
    );
    expect(responsesOf('post', '/auth/tokens'), 'sign-in with a wrong password').toContain('401');
    expect(responsesOf('get', '/health'), 'a public read').not.toContain('401');
    const download = (
      doc.paths['/images/{id}/file'] as Record<string, { responses: Record<string, { content?: object }> }>
    ).get!.responses['200']!.content;
    expect(download, 'the image file').toEqual({
      'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
    });
    expect(doc.info.description, 'the 405 of a path').toContain('405');
  });

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
        expect(o.body!.safeParse(v).success, `${o.method} ${o.path} with ${JSON.stringify(v)}`).toBe(
          o.documentedBody!.safeParse(v).success,
        );
  });

  it('passes a real OpenAPI linter (redocly) without errors', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openapi-'));
    const file = path.join(dir, 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(doc, null, 2));
    fs.writeFileSync(
      path.join(dir, 'redocly.yaml'),
      'extends:\n  - recommended\nrules:\n  operation-4xx-response: error\n  security-defined: error\n',
    );
    let out = '';
    let code = 0;
    try {
      out = execFileSync(
        path.join(process.cwd(), 'node_modules/.bin/redocly'),
        ['lint', file, '--config', path.join(dir, 'redocly.yaml'), '--format', 'stylish'],
        {
          encoding: 'utf8',
          env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
    } catch (e) {
      const err = e as { status: number; stdout: string; stderr: string };
      code = err.status;
      out = err.stdout + err.stderr;
    }
    expect(code, out).toBe(0);
  }, 120_000);
});
