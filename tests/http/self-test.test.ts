import { beforeAll, describe, expect, it } from 'vitest';
import { contractChecks, signInCheck } from '@/server/providers/contract/checks';
import { backend, demo, expectError, newTenant, signIn, type Client } from './client';

/**
 * POST /capabilities/self-test runs the driver contract (the same checks as server/providers/contract) against
 * the console's own backend in a scratch project, and removes that project afterwards.
 */
let admin: Client;
beforeAll(async () => {
  admin = await signIn(demo.admin);
});

describe(`POST /capabilities/self-test on ${backend}`, () => {
  it('is for administrators only', async () => {
    const t = await newTenant(admin);
    expectError(await t.member.post('/capabilities/self-test'), 403, 'forbidden');
    expectError(await t.reader.post('/capabilities/self-test'), 403, 'forbidden');
  });

  it(
    'passes every check of the driver contract and leaves no scratch project behind',
    { timeout: 600_000 },
    async () => {
      const before = (await admin.get('/projects')).body.projects.length as number;
      const r = await admin.post('/capabilities/self-test');
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const report = r.body;
      expect(report.backend).toBe(backend);
      expect(report.checks.map((c: { name: string }) => c.name)).toEqual([
        signInCheck.name,
        ...contractChecks.map((c) => c.name),
      ]);
      const failed = report.checks.filter((c: { outcome: string }) => c.outcome !== 'passed');
      expect(failed, 'every check passes on a conforming backend').toEqual([]);
      expect(report.passed).toBe(contractChecks.length + 1);
      expect(report.operations.length).toBeGreaterThan(20);
      expect(
        report.operations.find((o: { method: string; path: string }) => o.method === 'POST' && o.path === '/servers'),
      ).toMatchObject({ outcome: 'passed', errors: [] });
      expect(report.scratch).toMatchObject({ removed: true, error: null });
      const projects = (await admin.get('/projects')).body.projects as { name: string }[];
      expect(projects.map((p) => p.name)).not.toContain(report.scratch.project);
      expect(projects.length).toBe(before);
      // The audit log records who ran it, naming the scratch project.
      const audit = await admin.get('/audit?action=capabilities.self_test&limit=5');
      expect(audit.status).toBe(200);
      expect(audit.body.records.some((e: { resource_id: string }) => e.resource_id === report.scratch.project)).toBe(
        true,
      );
    },
  );
});

describe('DELETE /projects/{id}', () => {
  it('removes an empty project, and is for administrators only', async () => {
    const t = await newTenant(admin);
    expectError(await t.member.delete(`/projects/${t.projectId}`), 403, 'forbidden');
    const r = await admin.delete(`/projects/${t.projectId}`);
    expect(r.status, JSON.stringify(r.body)).toBe(204);
    const projects = (await admin.get('/projects')).body.projects as { id: string }[];
    expect(projects.map((p) => p.id)).not.toContain(t.projectId);
    expectError(await admin.delete(`/projects/${t.projectId}`), 404, 'not_found');
  });

  it('refuses a project that still holds volumes, naming them', async () => {
    const t = await newTenant(admin);
    const v = await t.member.post('/volumes', { name: 'keeps-the-project', size_gb: 1 });
    expect(v.status, JSON.stringify(v.body)).toBe(202);
    const e = expectError(await admin.delete(`/projects/${t.projectId}`), 409, 'conflict');
    expect(e.message).toMatch(/1 volumes/);
    expect((await admin.get('/projects')).body.projects.map((p: { id: string }) => p.id)).toContain(t.projectId);
  });

  it("refuses the project the admin's own session works in", async () => {
    const me = await admin.get('/auth/tokens');
    const projectId: string | undefined = me.body?.token?.project?.id;
    expect(projectId, JSON.stringify(me.body)).toBeTruthy();
    expectError(await admin.delete(`/projects/${projectId}`), 409, 'conflict');
  });
});
