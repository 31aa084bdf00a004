'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { Button } from '@/components/ui/button';
import { Field, Input, Textarea } from '@/components/ui/field';
import { FormDialog, useSubmitError } from '@/components/ui/form-dialog';
import { useCreateKeyPairMutation } from '@/lib/api/key-pairs';
import { KeyPairName, SshPublicKey, type KeyPairCreated } from '@/lib/contract/key-pair';
import { useI18n } from '@/lib/i18n/provider';

/** The form's own shape: the mode decides whether the public key is asked for (and checked) at all. */
const KeyPairForm = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('generate'), name: KeyPairName, public_key: z.string().optional() }),
  z.object({ mode: z.literal('import'), name: KeyPairName, public_key: SshPublicKey }),
]);
type KeyPairForm = z.infer<typeof KeyPairForm>;

/** Saves the private key as `<name>.pem` in the browser: it never goes back to the server. */
function downloadPem(name: string, privateKey: string) {
  const url = URL.createObjectURL(new Blob([privateKey], { type: 'application/x-pem-file' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${name}.pem`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Generate a pair (the private key then shown once, with a download) or import a pasted public key. */
export function CreateKeyPairDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const create = useCreateKeyPairMutation();
  const { error, attempt } = useSubmitError();
  // Held only in this dialog's state: gone when it closes, never in React Query's cache.
  const [created, setCreated] = useState<KeyPairCreated | null>(null);
  const form = useForm<KeyPairForm>({
    resolver: zodResolver(KeyPairForm),
    defaultValues: { mode: 'generate', name: '', public_key: '' },
  });
  const mode = useWatch({ control: form.control, name: 'mode' });
  const submit = form.handleSubmit(async (v) => {
    const input = v.mode === 'import' ? { name: v.name, public_key: v.public_key.trim() } : { name: v.name };
    await attempt(async () => {
      const pair = await create.mutateAsync(input);
      if (pair.private_key) setCreated(pair);
      else onClose();
    });
  });
  const errors = form.formState.errors;
  return (
    <FormDialog
      title={t('kp.create')}
      onClose={onClose}
      size="md"
      onSubmit={submit}
      submitLabel={t('common.create')}
      error={error}
      pending={form.formState.isSubmitting}
      result={
        created?.private_key ? (
          <div className="flex flex-col gap-3">
            <p className="text-sm font-medium">{t('kp.created', { name: created.name })}</p>
            <p
              role="alert"
              className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
            >
              {t('kp.onceWarning')}
            </p>
            <Field label={t('kp.privateKey')}>
              {(p) => <Textarea {...p} readOnly rows={8} value={created.private_key} className="text-xs" />}
            </Field>
            <div>
              <Button variant="primary" onClick={() => downloadPem(created.name, created.private_key!)}>
                {t('kp.download', { file: `${created.name}.pem` })}
              </Button>
            </div>
          </div>
        ) : null
      }
    >
      <fieldset className="flex flex-col gap-1">
        <legend className="text-xs font-medium text-muted">{t('kp.mode')}</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" value="generate" {...form.register('mode')} />
          {t('kp.generate')}
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" value="import" {...form.register('mode')} />
          {t('kp.import')}
        </label>
      </fieldset>
      <Field label={t('common.name')} error={errors.name?.message}>
        {(p) => <Input {...p} autoComplete="off" {...form.register('name')} />}
      </Field>
      {mode === 'import' ? (
        <Field label={t('kp.publicKey')} error={errors.public_key?.message} hint={t('kp.publicKeyHint')}>
          {(p) => <Textarea {...p} rows={5} spellCheck={false} {...form.register('public_key')} />}
        </Field>
      ) : null}
    </FormDialog>
  );
}
