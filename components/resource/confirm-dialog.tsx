'use client';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field, Input } from '@/components/ui/field';
import { ErrorText } from '@/components/ui/error-text';
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
export function ConfirmDialog({ open, title, message, confirmLabel, typeToConfirm, isDanger, isPending, error, onConfirm, onClose }: ConfirmDialogProps) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const isBlocked = typeToConfirm !== undefined && typed !== typeToConfirm;
  const close = () => {
    setTyped('');
    onClose();
  };
  return (
    <Dialog open={open} title={title} onClose={close} size="sm">
      <form
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (!isBlocked) onConfirm();
        }}
      >
        <div className="text-sm">{message}</div>
        {typeToConfirm !== undefined ? (
          <Field label={t('servers.typeName')}>{(p) => <Input {...p} value={typed} autoFocus autoComplete="off" onChange={(e) => setTyped(e.target.value)} />}</Field>
        ) : null}
        <ErrorText error={error} />
        <div className="flex justify-end gap-2">
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="submit" variant={isDanger ? 'danger' : 'primary'} disabled={isBlocked || isPending}>
            {confirmLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
