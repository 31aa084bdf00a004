import { z } from 'zod';
import { Id, Timestamp } from './common';

export const Role = z.enum(['admin', 'member', 'reader']);
export type Role = z.infer<typeof Role>;

/** B.1.1 鉴权 request. */
export const TokenCreateInput = z
  .object({
    username: z.string().min(1, 'is required').max(255).meta({ description: '用户名/AK' }),
    password: z.string().min(1, 'is required').max(1024).meta({ description: '密码/SK' }),
    user_domain: z.string().max(255).optional(),
    project_domain: z.string().max(255).optional(),
    project_name: z.string().max(255).optional(),
    project_id: z.string().max(128).optional(),
  })
  .meta({ id: 'TokenCreateInput' });
export type TokenCreateInput = z.infer<typeof TokenCreateInput>;

/** Switching project: the target project's id, bounded like every id (a 20 MB value took 2.6 s to refuse). */
export const ProjectSwitchInput = z
  .object({ project_id: Id.meta({ description: "one of the user's projects" }) })
  .meta({ id: 'ProjectSwitchInput' });

export const Token = z
  .object({
    expires_at: Timestamp,
    user: z.object({ id: Id, name: z.string() }),
    project: z.object({ id: Id, name: z.string() }),
    roles: z.array(Role),
  })
  .meta({ id: 'Token' });
export type Token = z.infer<typeof Token>;
export const TokenResponse = z.object({ token: Token });

/** The kinds of what a project holds, in the order "delete everything in it" removes them (a real cloud needs it). */
export const ProjectResourceType = z.enum([
  'load_balancer',
  'floating_ip',
  'public_ip',
  'server',
  'snapshot',
  'volume',
  'image',
  'network',
  'security_group',
]);
export type ProjectResourceType = z.infer<typeof ProjectResourceType>;
export const ProjectResource = z
  .object({ type: ProjectResourceType, id: z.string(), name: z.string() })
  .meta({ id: 'ProjectResource' });
export type ProjectResource = z.infer<typeof ProjectResource>;

export const PurgeStep = ProjectResource.extend({
  state: z.enum(['pending', 'done', 'failed']),
  error: z.string().optional().meta({ description: "the backend's reason a removal failed" }),
});
export type PurgeStep = z.infer<typeof PurgeStep>;
export const PurgeStatus = z.enum(['running', 'failed', 'done']);
export type PurgeStatus = z.infer<typeof PurgeStatus>;
/** A "delete everything in it" task: kept in the console's database, so a restart shows and resumes it. */
export const ProjectPurge = z
  .object({
    project_id: Id,
    project_name: z.string(),
    status: PurgeStatus,
    steps: z
      .array(PurgeStep)
      .meta({ description: 'each resource, in the order of removal (the project itself goes after the last)' }),
    done: z.number().int(),
    total: z.number().int(),
    error: z.string().optional().meta({ description: 'why the task stopped (failed)' }),
    started_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: 'ProjectPurge' });
export type ProjectPurge = z.infer<typeof ProjectPurge>;
export const ProjectPurgeSummary = z.object({
  status: PurgeStatus,
  done: z.number().int(),
  total: z.number().int(),
  error: z.string().optional(),
});

export const Project = z
  .object({
    id: Id,
    name: z.string(),
    description: z.string(),
    role: Role.optional(),
    enabled: z.boolean().optional().meta({ description: 'false: its members cannot sign in to it or switch to it' }),
    member_count: z.number().int().min(0).optional().meta({ description: 'users with a role in it (GET /projects)' }),
    purge: ProjectPurgeSummary.optional().meta({
      description: 'the last "delete everything in it" task of the project, while it is not finished',
    }),
  })
  .meta({ id: 'Project' });
export type Project = z.infer<typeof Project>;

export const QuotaLimits = z
  .object({
    instances: z.number().int().min(0),
    vcpus: z.number().int().min(0),
    ram_mb: z.number().int().min(0),
    volumes: z.number().int().min(0),
    volume_gb: z.number().int().min(0),
    floating_ips: z.number().int().min(0),
    public_ips: z.number().int().min(0),
    security_groups: z.number().int().min(0),
  })
  .meta({ id: 'QuotaLimits' });
export type QuotaLimits = z.infer<typeof QuotaLimits>;

export const ProjectCreateInput = z.object({
  name: z.string().trim().min(1, 'is required').max(64),
  description: z.string().max(1024).default(''),
  quotas: QuotaLimits.partial().optional(),
});
export const QuotaUpdateInput = QuotaLimits.partial();

/** `PATCH /projects/{id}`: a new name, a new description or both. */
export const ProjectUpdateInput = z
  .object({
    name: z.string().trim().min(1, 'is required').max(64).optional(),
    description: z.string().max(1024).optional(),
  })
  .refine((b) => b.name !== undefined || b.description !== undefined, {
    path: ['name'],
    message: 'name or description is required',
  });

/** Disable/enable answer: the project and how many console sessions in it ended. */
export const ProjectEnabledResponse = z.object({ project: Project, ended_sessions: z.number().int() });

/** The password policy of every new password (creation, change, reset); "not the user name" is checked with the name. */
export const NewPassword = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(256, 'must be at most 256 characters');

/** A user name: what Keystone and the simulator both accept, and what the console's forms check. */
export const UserName = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(64)
  .regex(/^[\w.@-]+$/, 'may use letters, digits, . _ @ -');

/**
 * A new user gets exactly one of an initial `password` or `setup: 'link'`: a one-time set-up link, answered once as
 * `setup_link` (the console keeps only its SHA-256), with which the user chooses their own password.
 */
export const UserCreateInput = z
  .object({
    name: UserName,
    password: NewPassword.optional().meta({ description: 'the initial password; or omit it and send setup: link' }),
    setup: z
      .literal('link')
      .optional()
      .meta({ description: 'link: answer a one-time set-up link instead of taking a password' }),
    project_id: Id,
    role: Role.default('member'),
  })
  .refine((u) => u.password !== u.name, { path: ['password'], message: 'must not be the user name' })
  .refine((u) => (u.password === undefined) !== (u.setup === undefined), {
    path: ['password'],
    message: 'give exactly one of password or setup: "link"',
  });
export type UserCreateInput = z.infer<typeof UserCreateInput>;

/** What an administrator may change of a user: the name they sign in with. */
export const UserUpdateInput = z.object({ name: UserName }).meta({ id: 'UserUpdateInput' });

/** A one-time set-up link as answered once, at creation or when an administrator issues a new one. */
export const SetupLink = z
  .object({
    url: z.string().meta({ description: 'the page where the user chooses a password; the token is its fragment' }),
    expires_at: z.string(),
  })
  .meta({ id: 'SetupLink' });
export type SetupLink = z.infer<typeof SetupLink>;

/** Consuming a set-up link: its token and the password chosen (the same policy as every new password). */
export const SetupLinkConsumeInput = z
  .object({ token: z.string().min(1, 'is required').max(256), password: NewPassword })
  .meta({ id: 'SetupLinkConsumeInput' });
export const User = z
  .object({
    id: Id,
    name: z.string(),
    projects: z.array(Project),
    enabled: z.boolean().optional().meta({ description: 'false: the user cannot sign in' }),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

/** Change one's own password: the current one proves it is the user, not someone at an unlocked screen. */
export const PasswordChangeInput = z
  .object({
    current_password: z.string().min(1, 'is required').max(1024),
    new_password: NewPassword,
  })
  .refine((b) => b.new_password !== b.current_password, {
    path: ['new_password'],
    message: 'must differ from the current password',
  })
  .meta({ id: 'PasswordChangeInput' });
export type PasswordChangeInput = z.infer<typeof PasswordChangeInput>;

/** An administrator sets a user's password (the user's sessions end). */
export const PasswordResetInput = z.object({ password: NewPassword }).meta({ id: 'PasswordResetInput' });

/** Adds a user to a project with a role, or changes the role they have there. */
export const MembershipInput = z.object({ role: Role }).meta({ id: 'MembershipInput' });

/** How many console sessions an operation ended (their next request answers 401). */
export const SessionsEnded = z.object({ ended_sessions: z.number().int().min(0) }).meta({ id: 'SessionsEnded' });
