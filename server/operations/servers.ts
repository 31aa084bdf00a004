import 'server-only';
import { op } from '@/lib/contract/operations';
import { accepted, defineOperation, noContent, ok } from '../http/pipeline';
import {
  createServer,
  deleteServer,
  liveMigrateServer,
  rebootServer,
  resizeServer,
  startServer,
  stopServer,
  updateServer,
} from '../services/servers';

/** The servers' changes, each declared once for its route handler and its server action (server/operations/README.md). */
export const serverOperations = {
  create: defineOperation(op('POST /servers'), {
    idempotent: true,
    audit: { action: 'server.create', resourceType: 'server' },
    handler: async ({ ctx, body }) => {
      const server = await createServer(ctx, body);
      return accepted({ id: server.id, server });
    },
  }),
  update: defineOperation(op('PUT /servers/{id}'), {
    audit: { action: 'server.update', resourceType: 'server' },
    handler: async ({ ctx, params, body }) => ok({ server: await updateServer(ctx, params.id, body) }),
  }),
  remove: defineOperation(op('DELETE /servers/{id}'), {
    audit: { action: 'server.delete', resourceType: 'server' },
    handler: async ({ ctx, params }) => ((await deleteServer(ctx, params.id)).pending ? accepted() : noContent()),
  }),
  start: defineOperation(op('POST /servers/{id}/start'), {
    audit: { action: 'server.start', resourceType: 'server' },
    handler: async ({ ctx, params }) => accepted({ server: await startServer(ctx, params.id) }),
  }),
  stop: defineOperation(op('POST /servers/{id}/stop'), {
    audit: { action: 'server.stop', resourceType: 'server' },
    handler: async ({ ctx, params }) => accepted({ server: await stopServer(ctx, params.id) }),
  }),
  reboot: defineOperation(op('POST /servers/{id}/reboot'), {
    audit: { action: 'server.reboot', resourceType: 'server' },
    handler: async ({ ctx, params, body }) => accepted({ server: await rebootServer(ctx, params.id, body.type) }),
  }),
  resize: defineOperation(op('POST /servers/{id}/resize'), {
    audit: { action: 'server.resize', resourceType: 'server' },
    handler: async ({ ctx, params, body }) => accepted({ server: await resizeServer(ctx, params.id, body.flavor_id) }),
  }),
  liveMigrate: defineOperation(op('POST /servers/{id}/live-migrate'), {
    audit: { action: 'server.live_migrate', resourceType: 'server' },
    handler: async ({ ctx, params, body }) => accepted({ server: await liveMigrateServer(ctx, params.id, body.host) }),
  }),
};
