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

export const Project = z
  .object({ id: Id, name: z.string(), description: z.string(), role: Role.optional() })
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

export const UserCreateInput = z.object({
  name: z.string().trim().min(1, 'is required').max(64).regex(/^[\w.@-]+$/, 'may use letters, digits, . _ @ -'),
  password: z.string().min(8, 'must be at least 8 characters').max(1024),
  project_id: Id,
  role: Role.default('member'),
});
export const User = z.object({ id: Id, name: z.string(), projects: z.array(Project) }).meta({ id: 'User' });
export type User = z.infer<typeof User>;
