import type { z } from 'zod';
import type { Translate } from './translate';

/**
 * A zod issue in the console's language. The contract's schemas speak English to API callers (their messages
 * are part of the API's answers), so a form that reuses them shows their issues by code and bounds instead;
 * a `custom` issue carries the message its form already wrote in the user's language.
 */
export function describeIssue(issue: z.core.$ZodIssue, t: Translate): string {
  const isInclusive = (i: { inclusive?: boolean }) => i.inclusive !== false;
  switch (issue.code) {
    case 'custom':
      return issue.message;
    case 'too_small': {
      if (!isInclusive(issue)) break;
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? t('form.err.required') : t('form.err.minLength', { min });
      if (issue.origin === 'array' && min <= 1) return t('form.err.required');
      if (issue.origin === 'number' || issue.origin === 'int') return t('form.err.atLeast', { min });
      break;
    }
    case 'too_big': {
      if (!isInclusive(issue)) break;
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return t('form.err.maxLength', { max });
      if (issue.origin === 'array') return t('form.err.maxItems', { max });
      if (issue.origin === 'number' || issue.origin === 'int') return t('form.err.atMost', { max });
      break;
    }
    case 'invalid_type':
      if (issue.expected === 'int') return t('form.err.whole');
      if (issue.expected === 'number') return t('form.err.number');
      break;
  }
  return t('form.err.invalid');
}
