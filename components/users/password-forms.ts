import { z } from 'zod';
import { Role } from '@/lib/contract/auth';

/**
 * The forms' schemas: the contract's password policy (8–256 characters, not the user name), with message codes
 * the pages translate (`pw.err.*`); the API checks the same again.
 */
const newPassword = z.string().min(1, 'required').min(8, 'min').max(256, 'max');

export const changePasswordSchema = (userName: string) =>
  z
    .object({ current_password: z.string().min(1, 'required'), new_password: newPassword, confirm: z.string() })
    .refine((v) => v.new_password !== userName, { path: ['new_password'], message: 'userName' })
    .refine((v) => v.new_password !== v.current_password, { path: ['new_password'], message: 'same' })
    .refine((v) => v.confirm === v.new_password, { path: ['confirm'], message: 'mismatch' });
export type ChangePasswordForm = z.infer<ReturnType<typeof changePasswordSchema>>;

export const resetPasswordSchema = (userName: string) =>
  z
    .object({ password: newPassword })
    .refine((v) => v.password !== userName, { path: ['password'], message: 'userName' });
export type ResetPasswordForm = z.infer<ReturnType<typeof resetPasswordSchema>>;

const userName = z
  .string()
  .trim()
  .min(1, 'required')
  .max(64)
  .regex(/^[\w.@-]+$/, 'name');

/** With `setup: 'link'` no password is asked: the user chooses it with the one-time link. */
export const createUserSchema = z
  .object({
    name: userName,
    setup: z.enum(['password', 'link']),
    password: z.string(),
    project_id: z.string().min(1, 'required'),
    role: Role,
  })
  .superRefine((v, ctx) => {
    if (v.setup === 'link') return;
    const checked = newPassword.safeParse(v.password);
    if (!checked.success)
      ctx.addIssue({ code: 'custom', path: ['password'], message: checked.error.issues[0]?.message ?? 'min' });
    else if (v.password === v.name) ctx.addIssue({ code: 'custom', path: ['password'], message: 'userName' });
  });
export type CreateUserForm = z.infer<typeof createUserSchema>;

export const editUserSchema = z.object({ name: userName });
export type EditUserForm = z.infer<typeof editUserSchema>;

export const membershipSchema = z.object({ project_id: z.string().min(1, 'required'), role: Role });
export type MembershipForm = z.infer<typeof membershipSchema>;

/** The set-up page: the name is not known there, so "not the user name" is the API's to say (400 naming password). */
export const setupPasswordSchema = z
  .object({ password: newPassword, confirm: z.string() })
  .refine((v) => v.confirm === v.password, { path: ['confirm'], message: 'mismatch' });
export type SetupPasswordForm = z.infer<typeof setupPasswordSchema>;
