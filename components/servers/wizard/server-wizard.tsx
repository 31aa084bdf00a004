'use client';
import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { useComputeQuotaQuery } from '@/lib/api/compute';
import { useFlavorsQuery } from '@/lib/api/flavors';
import { useImagesQuery } from '@/lib/api/images';
import { useNetworksQuery } from '@/lib/api/networks';
import { useSessionInfo } from '@/lib/api/session';
import { useI18n } from '@/lib/i18n/provider';
import { useWizardStore, wizardSteps, type WizardStep } from '@/lib/stores/wizard-store';
import { AdvancedStep, BasicsStep, SecurityStep, StorageStep } from './steps-form';
import { FlavorStep, ImageStep, NetworkStep } from './steps-pick';
import { ReviewStep } from './step-review';
import { validateStep, type WizardRefs } from './wizard-schemas';

export interface StepProps {
  errors: Record<string, string>;
  refs: WizardRefs;
}

const stepViews: Record<WizardStep, (p: StepProps) => React.ReactNode> = {
  basics: BasicsStep,
  flavor: FlavorStep,
  image: ImageStep,
  network: NetworkStep,
  storage: StorageStep,
  security: SecurityStep,
  advanced: AdvancedStep,
  review: ReviewStep,
};

/** The create-server wizard: the step is in the URL, the draft in a (session-persisted) store. */
export function ServerWizard() {
  const { t } = useI18n();
  const router = useRouter();
  const search = useSearchParams();
  const session = useSessionInfo();
  const draft = useWizardStore((s) => s.draft);
  const reset = useWizardStore((s) => s.reset);
  const [hydrated, setHydrated] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    void Promise.resolve(useWizardStore.persist.rehydrate()).then(() => setHydrated(true));
  }, []);

  const flavors = useFlavorsQuery();
  const images = useImagesQuery(session.projectId, { limit: 100, status: 'active' });
  const quota = useComputeQuotaQuery(session.projectId);
  const networks = useNetworksQuery(session.projectId);
  const refs = useMemo<WizardRefs>(
    () => ({
      flavors: flavors.data?.items ?? [],
      images: images.data?.items ?? [],
      quota: quota.data,
      subnets: (networks.data?.items ?? []).flatMap((n) => n.subnets),
    }),
    [flavors.data, images.data, quota.data, networks.data],
  );

  const requested = search.get('step') as WizardStep | null;
  const step: WizardStep = requested && wizardSteps.includes(requested) ? requested : 'basics';
  const index = wizardSteps.indexOf(step);
  const goto = (s: WizardStep) => {
    setErrors({});
    router.push(`/servers/new?step=${s}`, { scroll: false });
  };
  const next = () => {
    const e = validateStep(step, draft, refs, t);
    setErrors(e);
    if (Object.keys(e).length === 0 && index < wizardSteps.length - 1) goto(wizardSteps[index + 1]!);
  };
  const View = stepViews[step];

  return (
    <div className="flex flex-col gap-4">
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-semibold">{t('wizard.title')}</h1>
        <Button
          onClick={() => {
            reset();
            goto('basics');
          }}
        >
          {t('wizard.reset')}
        </Button>
      </div>
      <nav aria-label={t('wizard.steps')}>
        <ol className="flex flex-wrap gap-1">
          {wizardSteps.map((s, i) => (
            <li key={s}>
              <button
                type="button"
                aria-current={s === step ? 'step' : undefined}
                // Jumping ahead is allowed only to steps already passed, so validation cannot be skipped.
                disabled={i > index}
                onClick={() => goto(s)}
                className={`rounded-full border px-3 py-1 text-xs ${s === step ? 'border-blue-600 bg-blue-600 text-white' : i < index ? 'border-blue-300 text-blue-800 dark:text-blue-200' : 'border-line text-muted'}`}
              >
                {i + 1}. {t(`wizard.step.${s}`)}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <section aria-label={t(`wizard.step.${step}`)} className="rounded-lg border border-line bg-surface p-4">
        <h2 className="mb-3 text-base font-semibold">{t(`wizard.step.${step}`)}</h2>
        {hydrated ? <View errors={errors} refs={refs} /> : <p className="text-sm text-muted">{t('common.loading')}</p>}
      </section>
      {step !== 'review' ? (
        <div className="flex justify-between">
          <Button disabled={index === 0} onClick={() => goto(wizardSteps[index - 1]!)}>
            {t('common.back')}
          </Button>
          <Button variant="primary" onClick={next} disabled={!hydrated}>
            {t('common.next')}
          </Button>
        </div>
      ) : (
        <div>
          <Button onClick={() => goto('advanced')}>{t('common.back')}</Button>
        </div>
      )}
    </div>
  );
}
