'use client';
import { useState } from 'react';
import { Field, Input } from '@/components/ui/field';
import { FormDialog } from '@/components/ui/form-dialog';
import { useI18n } from '@/lib/i18n/provider';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  /** What will happen, in a sentence. */
  message: React.ReactNode;
  confirmLabel: string;
  /** When set, the user must type this (the resource name) before confirming, for destructive actions. */
  typeToConfirm?: string;
  isDanger?: boolean;
  isPending?: boolean;
  error?: unknown;
  onConfirm: () => void;
  onClose: () => void;
}

/** Asks before acting; destructive actions can require typing the resource's name. */
export function ConfirmDialog({
  open,
  title,
  message,
  confirmLabel,
  typeToConfirm,
  isDanger,
  isPending,
  error,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const isBlocked = typeToConfirm !== undefined && typed !== typeToConfirm;
  const close = () => {
    setTyped('');
    onClose();
  };
  return (
    <FormDialog
      open={open}
      title={title}
      onClose={close}
      size="sm"
      onSubmit={onConfirm}
      submitLabel={confirmLabel}
      submitVariant={isDanger ? 'danger' : 'primary'}
      canSubmit={!isBlocked}
      error={error ?? null}
      pending={isPending ?? false}
    >
      <div className="text-sm">{message}</div>
      {typeToConfirm !== undefined ? (
        <Field label={t('servers.typeName')}>
          {(p) => (
            <Input {...p} value={typed} autoFocus autoComplete="off" onChange={(e) => setTyped(e.target.value)} />
          )}
        </Field>
      ) : null}
    </FormDialog>
  );
}
