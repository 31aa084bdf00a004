'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useCanWrite } from '@/components/feature/use-can-write';
import { useSupportGate } from '@/components/feature/support-gate';
import { useStateReason } from '@/components/resource/state-reason';
import { ConfirmDialog } from '@/components/resource/confirm-dialog';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { FormDialog, useSubmitError } from '@/components/ui/form-dialog';
import { usePatchImageMutation } from '@/lib/api/images';
import { useSessionInfo } from '@/lib/api/session';
import { imageRules, maxImageProperties, type Image } from '@/lib/contract/image';
import { imagePropertyFormSchema, propertyPatch, type ImagePropertyForm } from '@/lib/images/property-form';
import { useI18n } from '@/lib/i18n/provider';

/**
 * An image's custom properties (GIS metadata such as gis_crs) as a table, with add, edit and remove for whoever
 * may change the image. Each change is one B.34 JSON patch. Greyed with the reason when the backend has no custom
 * properties (its `PATCH /images/{id}#properties`), the image's status refuses updates, or the image is another
 * project's (the API would answer 403).
 */
export function ImagePropertiesTable({ image }: { image: Image }) {
  const { t } = useI18n();
  const session = useSessionInfo();
  const canWrite = useCanWrite();
  const support = useSupportGate('PATCH /images/{id}#properties');
  const stateReason = useStateReason();
  const patch = usePatchImageMutation(image.id);
  const [editing, setEditing] = useState<{ key: string | null } | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const entries = Object.entries(image.properties).sort(([a], [b]) => a.localeCompare(b));

  const stateRefusal = imageRules.refusal('update', image.status);
  const notOwner = !session.isAdmin && image.owner !== session.projectId;
  // The first reason decides, so the tooltip says the one thing to change. The backend's reason is also the
  // controls' accessible description (as every capability gate has it).
  const localReason = stateRefusal ? stateReason(stateRefusal) : notOwner ? t('images.propsNotOwner') : null;
  const reason = support.supported ? localReason : support.text;
  const gated = !support.supported
    ? { disabled: true, ...support.describedBy }
    : localReason
      ? { disabled: true, title: localReason }
      : {};

  return (
    <div className="flex flex-col gap-2">
      <table className="w-full text-sm" aria-label={t('images.properties')}>
        <thead className="text-left text-xs text-muted">
          <tr>
            <th className="py-1 font-medium">{t('images.propKey')}</th>
            <th className="font-medium">{t('images.propValue')}</th>
            {canWrite ? <th /> : null}
          </tr>
        </thead>
        <tbody>
          {entries.length === 0 ? (
            <tr>
              <td colSpan={3} className="py-1 text-muted">
                {t('images.noProperties')}
              </td>
            </tr>
          ) : null}
          {entries.map(([key, value]) => (
            <tr key={key} className="border-t border-line" data-property={key}>
              <td className="py-1 font-mono text-xs break-all">{key}</td>
              <td className="break-all">{value || '—'}</td>
              {canWrite ? (
                <td className="text-right whitespace-nowrap">
                  <Button {...gated} aria-label={t('images.propEditOne', { key })} onClick={() => setEditing({ key })}>
                    {t('common.edit')}
                  </Button>{' '}
                  <Button
                    variant="danger"
                    {...gated}
                    aria-label={t('images.propRemoveOne', { key })}
                    onClick={() => setRemoving(key)}
                  >
                    {t('common.delete')}
                  </Button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {canWrite ? (
        <div className="flex items-center gap-2">
          <Button {...gated} onClick={() => setEditing({ key: null })}>
            {t('images.propAdd')}
          </Button>
          <span className="text-xs text-muted">
            {t('images.propCount', { count: entries.length, max: maxImageProperties })}
          </span>
          {reason ? (
            <span className="text-xs text-muted" data-testid="image-properties-reason" aria-hidden={!support.supported}>
              {reason}
            </span>
          ) : null}
          {support.note}
        </div>
      ) : null}
      {editing ? (
        <PropertyDialog
          image={image}
          editing={editing.key}
          onClose={() => setEditing(null)}
          submit={(v) => patch.mutateAsync(propertyPatch(v, editing.key))}
        />
      ) : null}
      <ConfirmDialog
        open={removing !== null}
        title={t('images.propRemove')}
        message={t('images.propRemoveConfirm', { key: removing ?? '' })}
        confirmLabel={t('common.delete')}
        isDanger
        isPending={patch.isPending}
        error={patch.error}
        onClose={() => {
          patch.reset();
          setRemoving(null);
        }}
        onConfirm={async () => {
          if (removing === null) return;
          const done = await patch.mutateAsync([{ op: 'remove', path: `/${removing}` }]).then(
            () => true,
            () => false,
          );
          if (done) setRemoving(null);
        }}
      />
    </div>
  );
}

/** The form schema's codes (lib/images/property-form.ts) and their messages. */
const errorKeys = {
  required: 'images.propErr.required',
  keyLong: 'images.propErr.keyLong',
  keyPattern: 'images.propErr.keyPattern',
  reserved: 'images.propErr.reserved',
  exists: 'images.propErr.exists',
  tooMany: 'images.propErr.tooMany',
  valueLong: 'images.propErr.valueLong',
} as const;

function PropertyDialog({
  image,
  editing,
  onClose,
  submit,
}: {
  image: Image;
  /** The key being edited, or null to add a new one. */
  editing: string | null;
  onClose: () => void;
  submit: (v: ImagePropertyForm) => Promise<unknown>;
}) {
  const { t } = useI18n();
  const keys = Object.keys(image.properties);
  // Rebuilt only when the image's keys change (a refetch after another tab's change), not on every render.
  const keyList = keys.join('\n');
  const schema = useMemo(
    () => imagePropertyFormSchema(keyList ? keyList.split('\n') : [], editing),
    [keyList, editing],
  );
  const form = useForm<ImagePropertyForm>({
    resolver: zodResolver(schema),
    defaultValues: { key: editing ?? '', value: editing === null ? '' : (image.properties[editing] ?? '') },
  });
  const { error, attempt } = useSubmitError();
  const onSubmit = form.handleSubmit(async (v) => {
    if (await attempt(() => submit(v))) onClose();
  });
  const message = (m: string | undefined) =>
    m === undefined
      ? undefined
      : Object.hasOwn(errorKeys, m)
        ? t(errorKeys[m as keyof typeof errorKeys], { max: maxImageProperties })
        : m;
  return (
    <FormDialog
      title={editing === null ? t('images.propAdd') : t('images.propEditOne', { key: editing })}
      onClose={onClose}
      size="sm"
      onSubmit={onSubmit}
      submitLabel={t('common.save')}
      error={error}
      pending={form.formState.isSubmitting}
    >
      <Field
        label={t('images.propKey')}
        error={message(form.formState.errors.key?.message)}
        hint={editing === null ? t('images.propKeyHint') : undefined}
      >
        {(p) => (
          <Input {...p} {...form.register('key')} readOnly={editing !== null} autoComplete="off" spellCheck={false} />
        )}
      </Field>
      <Field label={t('images.propValue')} error={message(form.formState.errors.value?.message)}>
        {(p) => <Input {...p} {...form.register('value')} autoComplete="off" />}
      </Field>
    </FormDialog>
  );
}
