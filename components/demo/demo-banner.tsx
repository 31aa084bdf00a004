'use client';
import { useDemoQuery } from '@/lib/api/demo';
import { useSessionInfo } from '@/lib/api/session';
import { activeFaults, type DemoFaults } from '@/lib/contract/demo';
import { useI18n } from '@/lib/i18n/provider';
import type { Translate } from '@/lib/i18n/translate';

/** The shell's "demo data" marker (simulator only), and "read-only demo" for the visitor. */
export function DemoMarker() {
  const { t } = useI18n();
  const { simulator, readOnly } = useSessionInfo();
  if (!simulator && !readOnly) return null;
  return (
    <span className="flex items-center gap-1">
      {simulator ? (
        <Marker
          testId="demo-marker"
          hint={t('demo.markerHint')}
          tone="bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100"
        >
          {t('demo.marker')}
        </Marker>
      ) : null}
      {readOnly ? (
        <Marker
          testId="read-only-marker"
          hint={t('demo.readOnlyHint')}
          tone="bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100"
        >
          {t('demo.readOnly')}
        </Marker>
      ) : null}
    </span>
  );
}

function Marker({ testId, hint, tone, children }: { testId: string; hint: string; tone: string; children: string }) {
  return (
    <span data-testid={testId} title={hint} className={`rounded px-1.5 py-0.5 text-[11px] font-medium ${tone}`}>
      {children}
    </span>
  );
}

/** Each fault that is on, in words (the banner, and the panel's summary). */
export function describeFaults(f: DemoFaults, t: Translate): { key: keyof DemoFaults; text: string }[] {
  const ops = (list: string[]) => (list.length ? list.join(', ') : t('demo.everyOperation'));
  return activeFaults(f).map((key) => {
    switch (key) {
      case 'latency_ms':
        return { key, text: t('demo.fault.latency_ms', { ms: f.latency_ms, ops: ops(f.latency_operations) }) };
      case 'failure_rate':
        return {
          key,
          text: t('demo.fault.failure_rate', {
            pct: Math.round(f.failure_rate * 100),
            ops: ops(f.failure_operations),
          }),
        };
      case 'host_down':
        return { key, text: t('demo.fault.host_down', { host: f.host_down ?? '' }) };
      case 'datacenter_unavailable':
        return { key, text: t('demo.fault.datacenter_unavailable', { dc: f.datacenter_unavailable ?? '' }) };
      case 'quota_nearly_exhausted':
        return { key, text: t('demo.fault.quota_nearly_exhausted', { project: f.quota_nearly_exhausted ?? '' }) };
      default:
        return { key, text: t('demo.fault.slow_uploads') };
    }
  });
}

/** A banner for everyone while any presenter's fault is on, naming each (polled: lib/api/demo.ts). */
export function DemoFaultBanner() {
  const { t } = useI18n();
  const { simulator } = useSessionInfo();
  const demo = useDemoQuery(simulator);
  if (!simulator || !demo.data) return null;
  const on = describeFaults(demo.data.faults, t);
  if (!on.length) return null;
  return (
    <div
      role="status"
      data-testid="demo-fault-banner"
      className="flex shrink-0 flex-wrap items-center gap-2 border-b border-red-300 bg-red-50 px-4 py-1.5 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
    >
      <strong>{t('demo.banner')}</strong>
      {on.map((f) => (
        <span key={f.key} data-fault={f.key} className="rounded bg-red-100 px-1.5 dark:bg-red-900">
          {f.text}
        </span>
      ))}
    </div>
  );
}
