import { z } from 'zod';
import {
  ImagePropertyKey,
  ImagePropertyValue,
  isReservedImageProperty,
  maxImageProperties,
  type ImagePatchInput,
} from '@/lib/contract/image';

/**
 * The image page's custom-property form: the contract's own key and value rules (ImagePropertyKey,
 * ImagePropertyValue, the reserved names, the per-image limit), with B.35's presence rule checked against the
 * image as shown, so what the API would refuse is named under its field before anything is sent. Messages are
 * codes translated as `images.propErr.<code>`.
 */
export type ImagePropertyForm = { key: string; value: string };

export function imagePropertyFormSchema(existing: readonly string[], editing: string | null) {
  return z.object({ key: z.string(), value: z.string() }).superRefine((v, ctx) => {
    const keyIssue = (message: string) => ctx.addIssue({ code: 'custom', path: ['key'], message });
    if (editing === null) {
      if (!v.key) keyIssue('required');
      else if (v.key.length > 255) keyIssue('keyLong');
      else if (!ImagePropertyKey.safeParse(v.key).success) keyIssue('keyPattern');
      else if (isReservedImageProperty(v.key)) keyIssue('reserved');
      else if (existing.includes(v.key)) keyIssue('exists');
      else if (existing.length >= maxImageProperties) keyIssue('tooMany');
    }
    if (!ImagePropertyValue.safeParse(v.value).success)
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'valueLong' });
  });
}

/** The standard's JSON patch for the form: add a new key, replace an edited one (B.35). */
export const propertyPatch = (v: ImagePropertyForm, editing: string | null): ImagePatchInput => [
  { op: editing === null ? 'add' : 'replace', path: `/${editing ?? v.key}`, value: v.value },
];
