'use client';
import { SupportButton } from '@/components/feature/support-gate';
import { ErrorText } from '@/components/ui/error-text';
import { useSelfTestMutation } from '@/lib/api/capabilities';
import type { SelfTestCheck, SelfTestReport } from '@/lib/contract/capabilities';
import { useI18n } from '@/lib/i18n/provider';

/** The self-test makes and removes a scratch project and user: a backend without those cannot run it. */
const requires = [
  'POST /capabilities/self-test',
  'POST /projects',
  'DELETE /projects/{id}',
  'POST /users',
  'DELETE /users/{id}',
] as const;

function OutcomeBadge({ outcome }: { outcome: SelfTestCheck['outcome'] }) {
  const { t } = useI18n();
  const tone = {
    passed: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-900/40 dark:text-emerald-200',
    failed: 'bg-red-100 text-red-800 dark:bg-red-900/40 dark:text-red-200',
    skipped: 'bg-surface-2 text-muted',
  }[outcome];
  return <span className={`rounded px-1.5 py-0.5 text-xs ${tone}`}>{t(`caps.selfTest.${outcome}`)}</span>;
}

/**
 * The capabilities page's conformance self-test: an administrator runs the driver contract against the live
 * backend and reads, per operation and per check, what passed and the backend's own error for what did not.
 */
export function SelfTestPanel() {
  const { t } = useI18n();
  const run = useSelfTestMutation();
  return (
    <section
      aria-labelledby="self-test-title"
      className="flex flex-col gap-2 rounded-lg border border-line bg-surface p-3"
    >
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="self-test-title" className="text-sm font-semibold">
          {t('caps.selfTest.title')}
        </h2>
        <SupportButton requires={requires} onClick={() => run.mutate()} disabled={run.isPending}>
          {run.isPending ? t('caps.selfTest.running') : t('caps.selfTest.run')}
        </SupportButton>
      </div>
      <p className="text-xs text-muted">{t('caps.selfTest.explain')}</p>
      {run.isPending ? (
        <p role="status" className="text-sm">
          {t('caps.selfTest.running')}
        </p>
      ) : null}
      {run.error ? <ErrorText error={run.error} /> : null}
      {run.data ? <SelfTestResult report={run.data} /> : null}
    </section>
  );
}

function SelfTestResult({ report }: { report: SelfTestReport }) {
  const { t } = useI18n();
  return (
    <div className="flex flex-col gap-3">
      <p role="status" className="text-sm font-medium">
        {t('caps.selfTest.summary', {
          passed: report.passed,
          failed: report.failed,
          skipped: report.skipped,
          seconds: (report.duration_ms / 1000).toFixed(1),
          backend: report.backend,
        })}
      </p>
      <p className={`text-xs ${report.scratch.removed ? 'text-muted' : 'text-red-700 dark:text-red-300'}`}>
        {report.scratch.removed
          ? t('caps.selfTest.removed', { project: report.scratch.project })
          : t('caps.selfTest.leftBehind', { project: report.scratch.project, error: report.scratch.error ?? '' })}
      </p>
      <table className="w-full text-sm" aria-label={t('caps.selfTest.byOperation')}>
        <thead className="bg-surface-2 text-left text-xs text-muted">
          <tr>
            <th className="px-2 py-1 font-medium">{t('caps.path')}</th>
            <th className="font-medium">{t('caps.selfTest.outcome')}</th>
            <th className="font-medium">{t('caps.selfTest.error')}</th>
          </tr>
        </thead>
        <tbody>
          {report.operations.map((o) => (
            <tr key={`${o.method} ${o.path}`} className="border-t border-line align-top">
              <td className="px-2 py-1 font-mono text-xs whitespace-nowrap">
                {o.method} {o.path}
              </td>
              <td className="py-1">
                <OutcomeBadge outcome={o.outcome} />
              </td>
              <td className="py-1 pr-2 text-xs break-words">
                {o.errors.map((e) => (
                  <div key={e}>{e}</div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="w-full text-sm" aria-label={t('caps.selfTest.byCheck')}>
        <thead className="bg-surface-2 text-left text-xs text-muted">
          <tr>
            <th className="px-2 py-1 font-medium">{t('caps.selfTest.check')}</th>
            <th className="font-medium">{t('caps.selfTest.outcome')}</th>
            <th className="font-medium">{t('caps.selfTest.duration')}</th>
            <th className="font-medium">{t('caps.selfTest.error')}</th>
          </tr>
        </thead>
        <tbody>
          {report.checks.map((c) => (
            <tr key={c.name} className="border-t border-line align-top">
              <td className="px-2 py-1">{c.name}</td>
              <td className="py-1">
                <OutcomeBadge outcome={c.outcome} />
              </td>
              <td className="py-1 text-xs whitespace-nowrap">{(c.duration_ms / 1000).toFixed(1)} s</td>
              <td className="py-1 pr-2 text-xs break-words">{c.error ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
