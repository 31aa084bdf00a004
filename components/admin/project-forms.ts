import { z } from 'zod';
import { ProjectCreateInput, QuotaLimits } from '@/lib/contract/auth';

/**
 * The Projects page's schemas: the contract's (ProjectCreateInput, QuotaLimits) field for field, with message codes
 * the page translates (`projects.err.*`). The API checks the same again, and also what a form cannot know: a quota
 * below the project's usage (its message is shown under the field it names).
 */
export const quotaFields = QuotaLimits.keyof().options;
export type QuotaField = (typeof quotaFields)[number];

const wholeNumber = z.number({ error: 'wholeNumber' }).int('wholeNumber').min(0, 'wholeNumber');

export const quotasSchema = z.object(
  Object.fromEntries(quotaFields.map((k) => [k, wholeNumber])) as Record<QuotaField, typeof wholeNumber>,
) satisfies z.ZodType<QuotaLimits>;
export type QuotasForm = z.infer<typeof quotasSchema>;

const optionalQuotas = z.object(
  Object.fromEntries(quotaFields.map((k) => [k, wholeNumber.optional()])) as Record<
    QuotaField,
    z.ZodOptional<typeof wholeNumber>
  >,
);

export const createProjectSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'required')
    .max(ProjectCreateInput.shape.name.maxLength ?? 64, 'tooLong'),
  description: z.string().max(1024, 'tooLong'),
  quotas: optionalQuotas,
}) satisfies z.ZodType<z.input<typeof ProjectCreateInput>>;
export type CreateProjectForm = z.infer<typeof createProjectSchema>;

/** An empty number box is "not given" (create: the default), not 0 and not NaN. */
export const numberOrUndefined = (v: unknown) => (v === '' || v === null || v === undefined ? undefined : Number(v));

/** PATCH /projects/{id}'s fields, as the create form checks them. */
export const editProjectSchema = z.object({
  name: createProjectSchema.shape.name,
  description: createProjectSchema.shape.description,
});
export type EditProjectForm = z.infer<typeof editProjectSchema>;
