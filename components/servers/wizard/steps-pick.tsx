'use client';
import { Field, Input, Select } from '@/components/ui/field';
import { ErrorText } from '@/components/ui/error-text';
import { useNetworksQuery } from '@/lib/api/networks';
import { useSessionInfo } from '@/lib/api/session';
import { formatMb } from '@/lib/format/units';
import { useI18n } from '@/lib/i18n/provider';
import { useWizardStore } from '@/lib/stores/wizard-store';
import type { StepProps } from './server-wizard';
import { flavorQuotaProblem, imageFlavorProblem } from './wizard-schemas';

function Option({
  name,
  checked,
  disabled,
  reason,
  onChange,
  children,
}: {
  name: string;
  checked: boolean;
  disabled?: boolean;
  reason?: string | null;
  onChange: () => void;
  children: React.ReactNode;
}) {
  return (
    <label
      className={`flex items-center gap-3 rounded border px-3 py-2 text-sm ${checked ? 'border-blue-600 bg-blue-50 dark:bg-blue-950' : 'border-line'} ${disabled ? 'cursor-not-allowed opacity-60' : 'cursor-pointer hover:bg-surface-2'}`}
    >
      <input type="radio" name={name} checked={checked} disabled={disabled} onChange={onChange} />
      <span className="flex flex-1 items-center gap-4">{children}</span>
      {reason ? <span className="text-xs text-red-700 dark:text-red-400">{reason}</span> : null}
    </label>
  );
}

export function FlavorStep({ errors, refs }: StepProps) {
  const { t } = useI18n();
  const draft = useWizardStore((s) => s.draft);
  const update = useWizardStore((s) => s.update);
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-2 text-sm text-muted">{t('wizard.pickFlavor')}</legend>
      {refs.flavors.map((f) => {
        const problem = flavorQuotaProblem(f, refs.quota, t);
        return (
          <Option
            key={f.id}
            name="flavor"
            checked={draft.flavor_id === f.id}
            disabled={!!problem}
            reason={problem ? t('wizard.quotaExceeded', { what: problem }) : null}
            onChange={() => update({ flavor_id: f.id })}
          >
            <span className="w-28 font-medium">{f.name}</span>
            <span className="w-20">{f.vcpus} vCPU</span>
            <span className="w-24">{formatMb(f.ram_mb)}</span>
            <span className="w-20">{f.disk_gb} GB</span>
            <span className="text-xs text-muted">
              {t('wizard.quotaConsume', { vcpus: f.vcpus, ram: formatMb(f.ram_mb) })}
            </span>
          </Option>
        );
      })}
      {errors.flavor_id ? <ErrorText error={errors.flavor_id} /> : null}
    </fieldset>
  );
}

export function ImageStep({ errors, refs }: StepProps) {
  const { t } = useI18n();
  const draft = useWizardStore((s) => s.draft);
  const update = useWizardStore((s) => s.update);
  const flavor = refs.flavors.find((f) => f.id === draft.flavor_id);
  const images = refs.images.filter((i) => !draft.architecture || i.architecture === draft.architecture);
  return (
    <div className="flex flex-col gap-3">
      <Field label={t('common.architecture')} className="w-60">
        {(p) => (
          <Select
            {...p}
            value={draft.architecture}
            onChange={(e) => update({ architecture: e.target.value as typeof draft.architecture })}
          >
            <option value="">{t('wizard.allArch')}</option>
            <option value="x86_64">x86_64</option>
            <option value="aarch64">aarch64</option>
          </Select>
        )}
      </Field>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-sm text-muted">{t('wizard.pickImage')}</legend>
        {images.map((img) => {
          const problem = imageFlavorProblem(img, flavor, t);
          return (
            <Option
              key={img.id}
              name="image"
              checked={draft.image_id === img.id}
              disabled={!!problem}
              reason={
                problem ? t('wizard.imageTooBig', { ram: formatMb(img.min_ram_mb), disk: img.min_disk_gb }) : null
              }
              onChange={() => update({ image_id: img.id })}
            >
              <span className="w-48 font-medium">{img.name}</span>
              <span className="w-20 text-xs">{img.architecture}</span>
              <span className="text-xs text-muted">{img.description}</span>
            </Option>
          );
        })}
      </fieldset>
      {errors.image_id ? <ErrorText error={errors.image_id} /> : null}
    </div>
  );
}

export function NetworkStep({ errors }: StepProps) {
  const { t } = useI18n();
  const session = useSessionInfo();
  const draft = useWizardStore((s) => s.draft);
  const update = useWizardStore((s) => s.update);
  const networks = useNetworksQuery(session.projectId);
  const list = (networks.data?.items ?? []).filter((n) => !n.external);
  const network = list.find((n) => n.id === draft.network_id);
  const subnet = network?.subnets.find((s) => s.id === draft.subnet_id);
  return (
    <div className="grid max-w-2xl grid-cols-2 gap-3">
      <ErrorText error={networks.error} />
      <Field label={t('wizard.network')} error={errors.network_id}>
        {(p) => (
          <Select
            {...p}
            value={draft.network_id}
            onChange={(e) =>
              update({
                network_id: e.target.value,
                subnet_id: list.find((n) => n.id === e.target.value)?.subnets[0]?.id ?? '',
              })
            }
          >
            <option value="">{t('wizard.noNetwork')}</option>
            {list.map((n) => (
              <option key={n.id} value={n.id}>
                {n.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t('wizard.subnet')} error={errors.subnet_id}>
        {(p) => (
          <Select
            {...p}
            value={draft.subnet_id}
            disabled={!network}
            onChange={(e) => update({ subnet_id: e.target.value })}
          >
            {(network?.subnets ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.cidr})
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t('wizard.fixedIp')} error={errors.fixed_ip} hint={subnet ? subnet.cidr : undefined}>
        {(p) => (
          <Input
            {...p}
            value={draft.fixed_ip}
            disabled={!network}
            placeholder={subnet?.cidr}
            onChange={(e) => update({ fixed_ip: e.target.value })}
          />
        )}
      </Field>
    </div>
  );
}
