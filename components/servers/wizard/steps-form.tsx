'use client';
import Link from 'next/link';
import { SupportButton, SupportChoice, useSupportGate } from '@/components/feature/support-gate';
import { ErrorText } from '@/components/ui/error-text';
import { Button } from '@/components/ui/button';
import { Field, Input, Select, Textarea } from '@/components/ui/field';
import { useDatacentersQuery, useHostsQuery } from '@/lib/api/compute';
import { useKeyPairsQuery } from '@/lib/api/key-pairs';
import { useSecurityGroupsQuery } from '@/lib/api/security-groups';
import { useSessionInfo } from '@/lib/api/session';
import { useSnapshotsQuery } from '@/lib/api/snapshots';
import { useVolumesQuery } from '@/lib/api/volumes';
import { formatBytes } from '@/lib/format/units';
import { useI18n } from '@/lib/i18n/provider';
import { useWizardStore } from '@/lib/stores/wizard-store';
import type { StepProps } from './server-wizard';
import { utf8Bytes } from './wizard-schemas';

export function BasicsStep({ errors }: StepProps) {
  const { t } = useI18n();
  const session = useSessionInfo();
  const draft = useWizardStore((s) => s.draft);
  const update = useWizardStore((s) => s.update);
  const dcs = useDatacentersQuery();
  return (
    <div className="grid max-w-xl gap-3">
      <Field label={t('common.name')} error={errors.name}>
        {(p) => <Input {...p} value={draft.name} onChange={(e) => update({ name: e.target.value })} autoFocus />}
      </Field>
      <Field label={t('common.description')} error={errors.description}>
        {(p) => <Input {...p} value={draft.description} onChange={(e) => update({ description: e.target.value })} />}
      </Field>
      <Field label={t('common.datacenter')} error={errors.datacenter_id}>
        {(p) => (
          <Select
            {...p}
            value={draft.datacenter_id}
            onChange={(e) => update({ datacenter_id: e.target.value, host: '' })}
          >
            <option value="">—</option>
            {(dcs.data ?? []).map((d) => (
              <option key={d.id} value={d.id} disabled={d.status !== 'available'}>
                {d.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      {session.isAdmin ? <PlacementChoice /> : null}
    </div>
  );
}

/**
 * Where the server goes (administrators only; tenants never see hosts): the scheduler, or one host of the chosen
 * datacenter. A disabled host is greyed with its reason; a backend that cannot pin a host greys the whole choice.
 */
function PlacementChoice() {
  const { t } = useI18n();
  const draft = useWizardStore((s) => s.draft);
  const update = useWizardStore((s) => s.update);
  const gate = useSupportGate('POST /servers#host');
  const hosts = useHostsQuery(draft.datacenter_id || undefined, gate.supported);
  const host = draft.host ?? '';
  return (
    <fieldset className="flex flex-col gap-1 text-sm">
      <legend className="mb-1 text-xs font-medium text-muted">{t('servers.placement')}</legend>
      <label className="flex items-center gap-1">
        <input type="radio" name="placement" checked={host === ''} onChange={() => update({ host: '' })} />
        {t('servers.placementAuto')}
      </label>
      {gate.supported ? (
        (hosts.data ?? []).map((h) => (
          <SupportChoice
            key={h.id}
            requires="POST /servers#host"
            type="radio"
            name="placement"
            checked={host === h.name}
            disabled={h.status !== 'enabled'}
            onChange={() => update({ host: h.name, datacenter_id: h.datacenter_id })}
            label={
              <span className={h.status !== 'enabled' ? 'text-muted' : undefined}>
                {h.name}
                {h.status !== 'enabled' ? (
                  <span className="ml-1 text-xs">
                    ({t('servers.hostDisabled', { reason: h.disabled_reason ?? '' })})
                  </span>
                ) : null}
              </span>
            }
          />
        ))
      ) : (
        <SupportChoice
          requires="POST /servers#host"
          type="radio"
          name="placement"
          checked={false}
          readOnly
          label={t('servers.placementHost')}
        />
      )}
      <ErrorText error={hosts.error} />
    </fieldset>
  );
}

export function StorageStep({ errors, refs }: StepProps) {
  const { t } = useI18n();
  const session = useSessionInfo();
  const draft = useWizardStore((s) => s.draft);
  const update = useWizardStore((s) => s.update);
  const volumes = useVolumesQuery(session.projectId, { limit: 100, status: 'available' });
  const image = refs.images.find((i) => i.id === draft.image_id);
  const extra = draft.extra_volumes;
  // Asked only once a disk from a snapshot is added (a backend without snapshots greys the button instead).
  const snapshots = useSnapshotsQuery(
    session.projectId,
    { limit: 100, status: 'available' },
    extra.some((x) => x.kind === 'snapshot'),
  );
  const set = (i: number, v: (typeof extra)[number]) =>
    update({ extra_volumes: extra.map((x, j) => (j === i ? v : x)) });
  return (
    <div className="flex max-w-2xl flex-col gap-4">
      <Field
        label={t('wizard.bootSize')}
        error={errors.boot_size_gb}
        hint={t('wizard.bootSizeMin', { min: Math.max(1, image?.min_disk_gb ?? 1) })}
        className="w-60"
      >
        {(p) => (
          <Input
            {...p}
            inputMode="numeric"
            value={draft.boot_size_gb}
            onChange={(e) => update({ boot_size_gb: e.target.value })}
          />
        )}
      </Field>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">{t('wizard.extraVolumes')}</legend>
        {extra.map((v, i) => (
          <div key={i} className="flex items-end gap-2">
            {v.kind === 'new' ? (
              <>
                <Field label={`${t('common.name')} ${i + 1}`} className="w-48">
                  {(p) => <Input {...p} value={v.name} onChange={(e) => set(i, { ...v, name: e.target.value })} />}
                </Field>
                <Field label={t('wizard.volumeSize')} error={errors[`extra_volumes.${i}.size_gb`]} className="w-32">
                  {(p) => (
                    <Input
                      {...p}
                      type="number"
                      min={1}
                      value={v.size_gb}
                      onChange={(e) => set(i, { ...v, size_gb: Number(e.target.value) })}
                    />
                  )}
                </Field>
              </>
            ) : v.kind === 'snapshot' ? (
              <Field
                label={`${t('wizard.fromSnapshot')} ${i + 1}`}
                error={errors[`extra_volumes.${i}.snapshot_id`]}
                className="w-80"
              >
                {(p) => (
                  <Select {...p} value={v.snapshot_id} onChange={(e) => set(i, { ...v, snapshot_id: e.target.value })}>
                    <option value="">—</option>
                    {(snapshots.data?.items ?? []).map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.name || s.id} ({s.size_gb} GB)
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
            ) : (
              <Field
                label={`${t('nav.volumes')} ${i + 1}`}
                error={errors[`extra_volumes.${i}.volume_id`]}
                className="w-80"
              >
                {(p) => (
                  <Select {...p} value={v.volume_id} onChange={(e) => set(i, { ...v, volume_id: e.target.value })}>
                    <option value="">—</option>
                    {(volumes.data?.items ?? []).map((vol) => (
                      <option key={vol.id} value={vol.id}>
                        {vol.name || vol.id} ({vol.size_gb} GB)
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
            )}
            <Button
              aria-label={t('wizard.removeVolume', { index: i + 1 })}
              onClick={() => update({ extra_volumes: extra.filter((_, j) => j !== i) })}
            >
              ✕
            </Button>
          </div>
        ))}
        <div className="flex gap-2">
          <SupportButton
            requires="POST /volumes"
            onClick={() => update({ extra_volumes: [...extra, { kind: 'new', size_gb: 10, name: '' }] })}
          >
            {t('wizard.addNewVolume')}
          </SupportButton>
          <SupportButton
            requires={['GET /volumes', 'POST /volumes/{id}/attach']}
            onClick={() => update({ extra_volumes: [...extra, { kind: 'existing', volume_id: '' }] })}
          >
            {t('wizard.addExistingVolume')}
          </SupportButton>
          <SupportButton
            requires={['GET /snapshots', 'POST /servers#block_devices.source_type=snapshot']}
            onClick={() => update({ extra_volumes: [...extra, { kind: 'snapshot', snapshot_id: '' }] })}
          >
            {t('wizard.addSnapshotVolume')}
          </SupportButton>
        </div>
      </fieldset>
    </div>
  );
}

export function SecurityStep({ errors }: StepProps) {
  const { t } = useI18n();
  const session = useSessionInfo();
  const draft = useWizardStore((s) => s.draft);
  const update = useWizardStore((s) => s.update);
  const groups = useSecurityGroupsQuery(session.projectId);
  const toggle = (id: string) =>
    update({
      security_group_ids: draft.security_group_ids.includes(id)
        ? draft.security_group_ids.filter((x) => x !== id)
        : [...draft.security_group_ids, id],
    });
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-2 text-sm text-muted">{t('servers.securityGroups')}</legend>
      {(groups.data?.items ?? []).map((g) => (
        <label key={g.id} className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={draft.security_group_ids.includes(g.id)} onChange={() => toggle(g.id)} />
          <span className="font-medium">{g.name}</span>
          <span className="text-xs text-muted">{g.description}</span>
        </label>
      ))}
      {errors.security_group_ids ? <p className="text-xs text-red-600">{errors.security_group_ids}</p> : null}
      <KeyPairPicker />
    </fieldset>
  );
}

/** The optional key pair (the user's own): greyed with the backend's reason where servers cannot take one. */
function KeyPairPicker() {
  const { t } = useI18n();
  const session = useSessionInfo();
  const draft = useWizardStore((s) => s.draft);
  const update = useWizardStore((s) => s.update);
  const gate = useSupportGate(['GET /key-pairs', 'POST /servers#key_name']);
  const pairs = useKeyPairsQuery(session.userId, { limit: 100, sort: 'name' }, gate.supported);
  return (
    <div className="mt-4 flex max-w-md flex-col gap-1">
      <Field label={t('kp.select')} hint={gate.text ?? t('kp.selectHint')}>
        {(p) => (
          <Select
            {...p}
            {...gate.describedBy}
            disabled={!gate.supported}
            value={draft.key_name ?? ''}
            onChange={(e) => update({ key_name: e.target.value })}
          >
            <option value="">{t('kp.selectNone')}</option>
            {(pairs.data?.items ?? []).map((k) => (
              <option key={k.name} value={k.name}>
                {k.name} ({k.fingerprint})
              </option>
            ))}
          </Select>
        )}
      </Field>
      {gate.note}
      {gate.supported ? (
        <Link href="/key-pairs" className="text-xs text-blue-700 hover:underline dark:text-blue-300">
          {t('kp.manage')}
        </Link>
      ) : null}
    </div>
  );
}

export function AdvancedStep({ errors }: StepProps) {
  const { t } = useI18n();
  const draft = useWizardStore((s) => s.draft);
  const update = useWizardStore((s) => s.update);
  const md = draft.metadata;
  const set = (i: number, patch: Partial<(typeof md)[number]>) =>
    update({ metadata: md.map((m, j) => (j === i ? { ...m, ...patch } : m)) });
  return (
    <div className="flex max-w-2xl flex-col gap-4">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">{t('wizard.metadata')}</legend>
        {md.map((m, i) => (
          <div key={i} className="flex items-end gap-2">
            <Field label={`${t('wizard.metadataKey')} ${i + 1}`} error={errors[`metadata.${i}.key`]} className="w-56">
              {(p) => <Input {...p} value={m.key} onChange={(e) => set(i, { key: e.target.value })} />}
            </Field>
            <Field
              label={`${t('wizard.metadataValue')} ${i + 1}`}
              error={errors[`metadata.${i}.value`]}
              className="w-72"
            >
              {(p) => <Input {...p} value={m.value} onChange={(e) => set(i, { value: e.target.value })} />}
            </Field>
            <Button
              aria-label={t('wizard.removeMetadata', { index: i + 1 })}
              onClick={() => update({ metadata: md.filter((_, j) => j !== i) })}
            >
              ✕
            </Button>
          </div>
        ))}
        <div>
          <Button onClick={() => update({ metadata: [...md, { key: '', value: '' }] })}>
            {t('wizard.addMetadata')}
          </Button>
        </div>
      </fieldset>
      <Field
        label={t('wizard.userData')}
        error={errors.user_data}
        hint={t('wizard.userDataSize', { size: formatBytes(utf8Bytes(draft.user_data)) })}
      >
        {(p) => (
          <Textarea {...p} rows={8} value={draft.user_data} onChange={(e) => update({ user_data: e.target.value })} />
        )}
      </Field>
    </div>
  );
}
