'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { QuotaBar } from '@/components/overview/quota-bar';
import { Button } from '@/components/ui/button';
import { ErrorText } from '@/components/ui/error-text';
import { useCreateServerMutation } from '@/lib/api/servers';
import { formatMb } from '@/lib/format/units';
import { useI18n } from '@/lib/i18n/provider';
import { describeIssue } from '@/lib/i18n/zod-issue';
import { useTasksStore } from '@/lib/stores/tasks-store';
import { useWizardStore } from '@/lib/stores/wizard-store';
import type { StepProps } from './server-wizard';
import { buildRequest, validateRequest } from './wizard-schemas';

/** Shell-quotes a string for the copy-as-curl line. */
const sq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function ReviewStep({ refs }: StepProps) {
  const { t } = useI18n();
  const router = useRouter();
  const draft = useWizardStore((s) => s.draft);
  const reset = useWizardStore((s) => s.reset);
  const startTask = useTasksStore((s) => s.start);
  const create = useCreateServerMutation();
  const [copied, setCopied] = useState(false);
  const request = buildRequest(draft);
  const valid = validateRequest(draft);
  const json = JSON.stringify(request, null, 2);
  const flavor = refs.flavors.find((f) => f.id === draft.flavor_id);
  const q = refs.quota;
  const curl = `curl -X POST ${sq(`${typeof location === 'undefined' ? '' : location.origin}/api/v1/servers`)} \\\n  -H "X-Auth-Token: $TOKEN" -H 'Content-Type: application/json' \\\n  -H ${sq(`Idempotency-Key: ${draft.idempotency_key}`)} \\\n  -d ${sq(JSON.stringify(request))}`;

  const submit = async () => {
    if (!valid.success) return;
    const r = await create.mutateAsync({ input: valid.data, idempotencyKey: draft.idempotency_key }).catch(() => null);
    if (!r) return;
    startTask(t('wizard.created', { name: request.name }), { type: 'server', id: r.id });
    reset();
    router.push(`/servers/${r.id}`);
  };

  return (
    <div className="grid grid-cols-2 gap-4">
      <div className="flex flex-col gap-3">
        <h3 className="text-sm font-medium">{t('wizard.quotaAfter')}</h3>
        {q && flavor ? (
          <>
            <QuotaBar label={t('quota.instances')} used={q.used_instances + 1} total={q.total_instances} />
            <QuotaBar label={t('quota.vcpus')} used={q.used_vcpus + flavor.vcpus} total={q.total_vcpus} />
            <QuotaBar
              label={t('quota.ram')}
              used={q.used_memory_mb + flavor.ram_mb}
              total={q.total_memory_mb}
              format={formatMb}
            />
          </>
        ) : null}
        {!valid.success ? (
          <ErrorText error={valid.error.issues.map((i) => `${i.path.join('.')}: ${describeIssue(i, t)}`).join('; ')} />
        ) : null}
        <ErrorText error={create.error} />
        <div>
          <Button variant="primary" disabled={!valid.success || create.isPending} onClick={submit}>
            {create.isPending ? t('wizard.submitting') : t('wizard.submit')}
          </Button>
        </div>
      </div>
      <div className="flex flex-col gap-2">
        <div className="flex items-center justify-between">
          <h3 className="text-sm font-medium">{t('wizard.request')}: POST /api/v1/servers</h3>
          <Button
            size="sm"
            onClick={async () => {
              await navigator.clipboard?.writeText(curl).catch(() => undefined);
              setCopied(true);
            }}
          >
            {copied ? t('common.copied') : t('wizard.copyCurl')}
          </Button>
        </div>
        <pre
          aria-label={t('wizard.request')}
          tabIndex={0}
          className="max-h-96 overflow-auto rounded bg-surface-2 p-3 font-mono text-xs"
        >
          {json}
        </pre>
      </div>
    </div>
  );
}
