'use client';
import { useCallback, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ErrorText } from '@/components/ui/error-text';
import { useI18n } from '@/lib/i18n/provider';

export interface FormFrameProps {
  /** Called on submit (button or Enter) unless `pending` or `canSubmit` is false; the default action is prevented. */
  onSubmit: (event: React.FormEvent<HTMLFormElement>) => unknown;
  submitLabel: string;
  /**
   * The failure of the last submit, null when there is none. Required, like `pending`: a form that forgets to
   * show why the cloud refused leaves the user clicking a button that does nothing.
   */
  error: unknown;
  /** True while the submit is in flight: the button is disabled, so a double click sends one request. */
  pending: boolean;
  /** False while the input is not complete enough to send (nothing picked yet). */
  canSubmit?: boolean;
  submitVariant?: 'primary' | 'danger';
  /** When given, a Cancel button before the submit button calls it. */
  onCancel?: () => void;
  /** The accessible name of a form that stands in a page (a dialog's form is named by the dialog's title). */
  'aria-label'?: string;
  children: React.ReactNode;
}

/**
 * The body every resource form shares: its fields, the failure with the API's per-field details, then the buttons.
 * Fields are validated by their zod schemas (translated messages), so the browser's own validation is off.
 */
export function FormFrame({
  onSubmit,
  submitLabel,
  error,
  pending,
  canSubmit = true,
  submitVariant = 'primary',
  onCancel,
  'aria-label': ariaLabel,
  children,
}: FormFrameProps) {
  const { t } = useI18n();
  return (
    <form
      aria-label={ariaLabel}
      className="flex flex-col gap-3"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (canSubmit && !pending) void onSubmit(e);
      }}
    >
      {children}
      <ErrorText error={error} showDetails />
      <div className="flex justify-end gap-2">
        {onCancel ? <Button onClick={onCancel}>{t('common.cancel')}</Button> : null}
        <Button type="submit" variant={submitVariant} disabled={pending || !canSubmit}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

interface FormDialogProps extends Omit<FormFrameProps, 'onCancel' | 'aria-label'> {
  title: string;
  /** Most form dialogs are mounted only while shown, so open by default. */
  open?: boolean;
  /** Escape, the backdrop and Cancel call it. */
  onClose: () => void;
  size?: 'sm' | 'md' | 'lg';
  /**
   * What the submit achieved, when it is worth reading before the dialog closes (warnings the API returned with
   * a success): shown instead of the form, with a Close button.
   */
  result?: React.ReactNode;
}

/** A modal form: title, fields, failure, Cancel and submit. Focus and Escape come from the native dialog. */
export function FormDialog({ title, open = true, onClose, size, result, ...frame }: FormDialogProps) {
  const { t } = useI18n();
  return (
    <Dialog open={open} title={title} onClose={onClose} size={size}>
      {result ? (
        <div className="flex flex-col gap-3">
          {result}
          <div className="flex justify-end">
            <Button variant="primary" onClick={onClose}>
              {t('common.close')}
            </Button>
          </div>
        </div>
      ) : (
        <FormFrame {...frame} onCancel={onClose} />
      )}
    </Dialog>
  );
}

/**
 * The failure state of a form's submit: `attempt(call)` clears the last failure, runs the call and keeps what it
 * threw (for the frame's `error`); it resolves true when the call succeeded, so the caller then closes or resets.
 */
export function useSubmitError() {
  const [error, setError] = useState<unknown>(null);
  const attempt = useCallback(async (call: () => Promise<unknown>) => {
    setError(null);
    try {
      await call();
      return true;
    } catch (e) {
      setError(e);
      return false;
    }
  }, []);
  return { error, attempt };
}
