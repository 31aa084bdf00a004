import type { FormsKey } from './zh-CN';

export const formsEn: Record<FormsKey, string> = {
  'form.err.required': 'Required',
  'form.err.whole': 'Must be a whole number',
  'form.err.min1': 'Must be at least 1',
  'form.err.max': 'Must be at most 16384',
  'form.err.quota': 'Exceeds the remaining quota',
  'form.err.quotaCount': 'The volume count quota is used up',
  'form.err.imageMin': 'Smaller than the image’s minimum disk',
  'form.err.snapshotMin': 'Smaller than the snapshot',
  'form.err.notLarger': 'The new size must exceed the current size',
  'form.err.device': 'A device looks like /dev/vdb',
  'form.err.not_ip': 'Not a valid IP address',
  'form.err.minLength': 'At least {min} characters',
  'form.err.maxLength': 'At most {max} characters',
  'form.err.maxItems': 'At most {max} items',
  'form.err.atLeast': 'Must be at least {min}',
  'form.err.atMost': 'Must be at most {max}',
  'form.err.number': 'Must be a number',
  'form.err.invalid': 'Invalid value',
};
