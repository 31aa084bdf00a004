import 'server-only';
import { op } from '@/lib/contract/operations';
import { created, defineOperation, noContent, ok } from '../http/pipeline';
import {
  deleteUser,
  removeMembership,
  resetPassword,
  setMembership,
  setUserEnabled,
  signOutUser,
} from '../services/identity';
import { createUserWithSetup, issueSetupLink, renameUser } from '../services/setup-links';

/** The users' (and their memberships') changes, each declared once for its route handler and its server action (server/operations/README.md). */
export const userOperations = {
  create: defineOperation(op('POST /users'), {
    audit: { action: 'user.create', resourceType: 'user' },
    handler: async ({ ctx, body, caller }) => created(await createUserWithSetup(ctx, body, caller.origin)),
  }),
  update: defineOperation(op('PATCH /users/{id}'), {
    audit: { action: 'user.update', resourceType: 'user' },
    handler: async ({ ctx, params, body }) => ok({ user: await renameUser(ctx, params.id, body.name) }),
  }),
  issueSetupLink: defineOperation(op('POST /users/{id}/setup-link'), {
    audit: { action: 'user.issue_setup_link', resourceType: 'user' },
    handler: async ({ ctx, params, caller }) => ok(await issueSetupLink(ctx, params.id, caller.origin)),
  }),
  remove: defineOperation(op('DELETE /users/{id}'), {
    audit: { action: 'user.delete', resourceType: 'user' },
    handler: async ({ ctx, params }) => {
      await deleteUser(ctx, params.id);
      return noContent();
    },
  }),
  enable: defineOperation(op('POST /users/{id}/enable'), {
    audit: { action: 'user.enable', resourceType: 'user' },
    handler: async ({ ctx, params }) => ok(await setUserEnabled(ctx, params.id, true)),
  }),
  disable: defineOperation(op('POST /users/{id}/disable'), {
    audit: { action: 'user.disable', resourceType: 'user' },
    handler: async ({ ctx, params }) => ok(await setUserEnabled(ctx, params.id, false)),
  }),
  resetPassword: defineOperation(op('PUT /users/{id}/password'), {
    audit: { action: 'user.reset_password', resourceType: 'user' },
    handler: async ({ ctx, params, body }) => ok(await resetPassword(ctx, params.id, body.password)),
  }),
  signOutEverywhere: defineOperation(op('DELETE /users/{id}/sessions'), {
    audit: { action: 'user.sign_out_everywhere', resourceType: 'user' },
    handler: async ({ ctx, params }) => ok(await signOutUser(ctx, params.id)),
  }),
  setMembership: defineOperation(op('PUT /users/{id}/projects/{project_id}'), {
    audit: { action: 'user.set_membership', resourceType: 'user' },
    handler: async ({ ctx, params, body }) => ok(await setMembership(ctx, params.id, params.project_id, body.role)),
  }),
  removeMembership: defineOperation(op('DELETE /users/{id}/projects/{project_id}'), {
    audit: { action: 'user.remove_membership', resourceType: 'user' },
    handler: async ({ ctx, params }) => {
      await removeMembership(ctx, params.id, params.project_id);
      return noContent();
    },
  }),
};
