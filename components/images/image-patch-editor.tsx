'use client';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorText } from '@/components/ui/error-text';
import { Field, Textarea } from '@/components/ui/field';
import { usePatchImageMutation } from '@/lib/api/images';
import { ImagePatchInput } from '@/lib/contract/image';
import { useI18n } from '@/lib/i18n/provider';

/** Edits an image with JSON-patch ops; the API's 409/403 message explains a refused op, next to the rule. */
export function ImagePatchEditor({ imageId }: { imageId: string }) {
  const { t } = useI18n();
  const patch = usePatchImageMutation(imageId);
  const [text, setText] = useState('[\n  { "op": "replace", "path": "/description", "value": "" }\n]');
  const [localError, setLocalError] = useState<string | null>(null);
  const [ok, setOk] = useState(false);
  const apply = async () => {
    setOk(false);
    setLocalError(null);
    let ops: unknown;
    try {
      ops = JSON.parse(text);
    } catch {
      return setLocalError(t('images.patchInvalid'));
    }
    const parsed = ImagePatchInput.safeParse(ops);
    if (!parsed.success)
      return setLocalError(
        `${t('images.patchInvalid')}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
      );
    if (
      await patch.mutateAsync(parsed.data).then(
        () => true,
        () => false,
      )
    )
      setOk(true);
  };
  return (
    <div className="flex flex-col gap-2">
      <p className="text-xs text-muted">{t('images.patchHelp')}</p>
      <Field label={t('images.patchOps')}>
        {(p) => <Textarea {...p} rows={6} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      {localError ? <ErrorText error={localError} /> : <ErrorText error={patch.error} />}
      {ok ? (
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
          {t('images.patchApplied')}
        </p>
      ) : null}
      <div>
        <Button variant="primary" onClick={apply} disabled={patch.isPending}>
          {t('images.patchApply')}
        </Button>
      </div>
    </div>
  );
}
