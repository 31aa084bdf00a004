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

export const createUserSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'required')
      .max(64)
      .regex(/^[\w.@-]+$/, 'name'),
    password: newPassword,
    project_id: z.string().min(1, 'required'),
    role: Role,
  })
  .refine((v) => v.password !== v.name, { path: ['password'], message: 'userName' });
export type CreateUserForm = z.infer<typeof createUserSchema>;

export const membershipSchema = z.object({ project_id: z.string().min(1, 'required'), role: Role });
export type MembershipForm = z.infer<typeof membershipSchema>;
