import 'server-only';
import { op } from '@/lib/contract/operations';
import { created, defineOperation, noContent, ok } from '../http/pipeline';
import { createProject, deleteProject, setProjectQuotas } from '../services/identity';

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
};
