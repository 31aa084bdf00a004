import 'server-only';
import { op } from '@/lib/contract/operations';
import { accepted, defineOperation, ok } from '../http/pipeline';
import { disableHost, enableHost, migrateServersOff } from '../services/hosts';

/** Host maintenance (admins), each declared once for its route handler and its server action (server/operations/README.md). */
export const hostOperations = {
  disable: defineOperation(op('POST /hosts/{id}/disable'), {
    audit: { action: 'host.disable', resourceType: 'host' },
    handler: async ({ ctx, params, body }) => ok({ host: await disableHost(ctx, params.id, body.reason) }),
  }),
  enable: defineOperation(op('POST /hosts/{id}/enable'), {
    audit: { action: 'host.enable', resourceType: 'host' },
    handler: async ({ ctx, params }) => ok({ host: await enableHost(ctx, params.id) }),
  }),
  migrateServers: defineOperation(op('POST /hosts/{id}/migrate-servers'), {
    audit: { action: 'host.migrate_servers', resourceType: 'host' },
    handler: async ({ ctx, params, body }) => accepted(await migrateServersOff(ctx, params.id, body)),
  }),
};
