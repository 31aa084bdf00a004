'use client';
import { useState } from 'react';
import { PageTitle } from '@/components/feature/page-title';
import { QueryFailure } from '@/components/feature/unavailable';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ErrorText } from '@/components/ui/error-text';
import { Field, Input, Select } from '@/components/ui/field';
import { useDatacentersQuery, useHostsQuery } from '@/lib/api/compute';
import { useDemoFaultsMutation, useDemoQuery, useDemoResetMutation } from '@/lib/api/demo';
import { useAllProjectsQuery } from '@/lib/api/users';
import { DemoEstate, noFaults, type DemoFaults } from '@/lib/contract/demo';
import { formatDateTime } from '@/lib/format/dates';
import { useI18n } from '@/lib/i18n/provider';
import { describeFaults } from './demo-banner';

const opsList = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** The form's text of the switches (numbers and lists as typed), from the stored ones. */
function draftOf(f: DemoFaults) {
  return {
    latency_ms: String(f.latency_ms),
    latency_operations: f.latency_operations.join(', '),
    failure_rate: String(f.failure_rate),
    failure_operations: f.failure_operations.join(', '),
    host_down: f.host_down ?? '',
    datacenter_unavailable: f.datacenter_unavailable ?? '',
    quota_nearly_exhausted: f.quota_nearly_exhausted ?? '',
    slow_uploads: f.slow_uploads,
  };
}

/** Reset to the seed with an estate, and the fault switches (admins, simulator only). */
export function DemoPanel() {
  const { t, locale } = useI18n();
  const demo = useDemoQuery(true);
  const reset = useDemoResetMutation();
  const faults = useDemoFaultsMutation();
  const hosts = useHostsQuery();
  const datacenters = useDatacentersQuery();
  const projects = useAllProjectsQuery();
  // The form shows the stored switches until the presenter edits one, and again after each apply or reset.
  const [edited, setDraft] = useState<ReturnType<typeof draftOf> | null>(null);
  const [pickedEstate, setEstate] = useState<DemoEstate | null>(null);
  const draft = edited ?? draftOf(demo.data?.faults ?? noFaults);
  const estate = pickedEstate ?? demo.data?.estate ?? 'small';

  const apply = (change: Partial<DemoFaults>) => faults.mutate(change, { onSuccess: () => setDraft(null) });
  const applyDraft = () =>
    apply({
      latency_ms: Number(draft.latency_ms) || 0,
      latency_operations: opsList(draft.latency_operations),
      failure_rate: Number(draft.failure_rate) || 0,
      failure_operations: opsList(draft.failure_operations),
      host_down: draft.host_down || null,
      datacenter_unavailable: draft.datacenter_unavailable || null,
      quota_nearly_exhausted: draft.quota_nearly_exhausted || null,
      slow_uploads: draft.slow_uploads,
    });
  const on = demo.data ? describeFaults(demo.data.faults, t) : [];

  return (
    <div className="flex max-w-3xl flex-col gap-4">
      <PageTitle title={t('demo.title')} />
      {demo.error ? <QueryFailure error={demo.error} /> : null}
      <Card title={t('demo.reset.title')}>
        <div className="flex flex-col gap-3 p-4">
          <p className="text-sm text-muted">{t('demo.reset.help')}</p>
          <div className="flex items-end gap-3">
            <Field label={t('demo.estate')} className="w-72">
              {(p) => (
                <Select
                  {...p}
                  data-testid="demo-estate"
                  value={estate}
                  onChange={(e) => setEstate(DemoEstate.parse(e.target.value))}
                >
                  {DemoEstate.options.map((o) => (
                    <option key={o} value={o}>
                      {t(`demo.estate.${o}`)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Button
              variant="danger"
              data-testid="demo-reset"
              disabled={reset.isPending}
              onClick={() =>
                reset.mutate(estate, {
                  onSuccess: () => setDraft(null),
                })
              }
            >
              {reset.isPending ? t('demo.reset.running') : t('demo.reset.button')}
            </Button>
          </div>
          {reset.data ? (
            <p role="status" data-testid="demo-reset-result" className="text-sm">
              {t('demo.reset.done', { estate: t(`demo.estate.${reset.data.estate}`), ms: reset.data.took_ms })}
            </p>
          ) : null}
          <p className="text-xs text-muted">
            {demo.data?.reset_at
              ? t('demo.reset.last', {
                  at: formatDateTime(demo.data.reset_at, locale),
                  estate: t(`demo.estate.${demo.data.estate}`),
                })
              : t('demo.reset.never')}
          </p>
          {reset.error ? <ErrorText error={reset.error} /> : null}
        </div>
      </Card>
      <Card
        title={t('demo.faults.title')}
        actions={
          <Button size="sm" data-testid="demo-faults-clear" onClick={() => apply(noFaults)}>
            {t('demo.faults.clearAll')}
          </Button>
        }
      >
        <form
          className="grid grid-cols-2 gap-3 p-4"
          onSubmit={(e) => {
            e.preventDefault();
            applyDraft();
          }}
        >
          <p className="col-span-2 text-sm text-muted">{t('demo.faults.help')}</p>
          <Field label={t('demo.faults.latency')}>
            {(p) => (
              <Input
                {...p}
                data-testid="demo-fault-latency_ms"
                type="number"
                min={0}
                max={10000}
                value={draft.latency_ms}
                onChange={(e) => setDraft({ ...draft, latency_ms: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('demo.faults.latencyOps')}>
            {(p) => (
              <Input
                {...p}
                data-testid="demo-fault-latency_operations"
                value={draft.latency_operations}
                onChange={(e) => setDraft({ ...draft, latency_operations: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('demo.faults.failureRate')}>
            {(p) => (
              <Input
                {...p}
                data-testid="demo-fault-failure_rate"
                type="number"
                min={0}
                max={1}
                step={0.05}
                value={draft.failure_rate}
                onChange={(e) => setDraft({ ...draft, failure_rate: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('demo.faults.failureOps')}>
            {(p) => (
              <Input
                {...p}
                data-testid="demo-fault-failure_operations"
                value={draft.failure_operations}
                onChange={(e) => setDraft({ ...draft, failure_operations: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('demo.faults.hostDown')}>
            {(p) => (
              <Select
                {...p}
                data-testid="demo-fault-host_down"
                value={draft.host_down}
                onChange={(e) => setDraft({ ...draft, host_down: e.target.value })}
              >
                <option value="">{t('demo.faults.none')}</option>
                {(hosts.data ?? []).map((h) => (
                  <option key={h.id} value={h.id}>
                    {h.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t('demo.faults.datacenter')}>
            {(p) => (
              <Select
                {...p}
                data-testid="demo-fault-datacenter_unavailable"
                value={draft.datacenter_unavailable}
                onChange={(e) => setDraft({ ...draft, datacenter_unavailable: e.target.value })}
              >
                <option value="">{t('demo.faults.none')}</option>
                {(datacenters.data ?? []).map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t('demo.faults.quota')}>
            {(p) => (
              <Select
                {...p}
                data-testid="demo-fault-quota_nearly_exhausted"
                value={draft.quota_nearly_exhausted}
                onChange={(e) => setDraft({ ...draft, quota_nearly_exhausted: e.target.value })}
              >
                <option value="">{t('demo.faults.none')}</option>
                {(projects.data ?? []).map((pr) => (
                  <option key={pr.id} value={pr.id}>
                    {pr.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <label className="flex items-center gap-2 self-end text-sm">
            <input
              type="checkbox"
              data-testid="demo-fault-slow_uploads"
              checked={draft.slow_uploads}
              onChange={(e) => setDraft({ ...draft, slow_uploads: e.target.checked })}
            />
            {t('demo.faults.slowUploads')}
          </label>
          <div className="col-span-2 flex items-center gap-3">
            <Button type="submit" variant="primary" data-testid="demo-faults-apply" disabled={faults.isPending}>
              {t('demo.faults.apply')}
            </Button>
            {faults.isSuccess ? (
              <span role="status" className="text-sm text-muted">
                {t('demo.faults.applied')}
              </span>
            ) : null}
          </div>
          {faults.error ? (
            <div className="col-span-2">
              <ErrorText error={faults.error} showDetails />
            </div>
          ) : null}
          {on.length ? (
            <ul className="col-span-2 list-disc pl-5 text-sm" data-testid="demo-faults-on">
              {on.map((f) => (
                <li key={f.key}>{f.text}</li>
              ))}
            </ul>
          ) : null}
        </form>
      </Card>
    </div>
  );
}
