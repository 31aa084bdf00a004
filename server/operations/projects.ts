import 'server-only';
import { op } from '@/lib/contract/operations';
import { accepted, created, defineOperation, noContent, ok } from '../http/pipeline';
import {
  createProject,
  deleteProject,
  setDefaultQuotas,
  setProjectEnabled,
  setProjectQuotas,
  updateProject,
} from '../services/identity';
import { startPurge } from '../services/project-purge';

/** The projects' changes (creation, removal, quotas), each declared once for its route handler and its server action (server/operations/README.md). */
export const projectOperations = {
  create: defineOperation(op('POST /projects'), {
    audit: { action: 'project.create', resourceType: 'project' },
    handler: async ({ ctx, body }) => created({ project: await createProject(ctx, body) }),
  }),
  remove: defineOperation(op('DELETE /projects/{id}'), {
    audit: { action: 'project.delete', resourceType: 'project' },
    handler: async ({ ctx, params }) => {
      await deleteProject(ctx, params.id);
      return noContent();
    },
  }),
  setQuotas: defineOperation(op('PUT /projects/{id}/quotas'), {
    audit: { action: 'project.set_quotas', resourceType: 'project' },
    handler: async ({ ctx, params, body }) => ok({ quotas: await setProjectQuotas(ctx, params.id, body) }),
  }),
  update: defineOperation(op('PATCH /projects/{id}'), {
    audit: { action: 'project.update', resourceType: 'project' },
    handler: async ({ ctx, params, body }) => ok({ project: await updateProject(ctx, params.id, body) }),
  }),
  disable: defineOperation(op('POST /projects/{id}/disable'), {
    audit: { action: 'project.disable', resourceType: 'project' },
    handler: async ({ ctx, params }) => ok(await setProjectEnabled(ctx, params.id, false)),
  }),
  enable: defineOperation(op('POST /projects/{id}/enable'), {
    audit: { action: 'project.enable', resourceType: 'project' },
    handler: async ({ ctx, params }) => ok(await setProjectEnabled(ctx, params.id, true)),
  }),
  purge: defineOperation(op('POST /projects/{id}/purge'), {
    audit: { action: 'project.purge', resourceType: 'project' },
    handler: async ({ ctx, params }) => accepted({ purge: await startPurge(ctx, params.id) }),
  }),
  setDefaultQuotas: defineOperation(op('PUT /quotas/defaults'), {
    audit: { action: 'quota.set_defaults', resourceType: 'quota' },
    handler: async ({ ctx, body }) => ok({ quotas: await setDefaultQuotas(ctx, body) }),
  }),
};
