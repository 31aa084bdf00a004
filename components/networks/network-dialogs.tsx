'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { Field, Input } from '@/components/ui/field';
import { FormDialog, useSubmitError } from '@/components/ui/form-dialog';
import { useCreateNetworkMutation, useCreateSubnetMutation } from '@/lib/api/networks';
import { NetworkCreateInput, SubnetCreateInput, type Network, type Subnet } from '@/lib/contract/network';
import { useI18n } from '@/lib/i18n/provider';
import { findOverlaps, validateSubnet } from '@/lib/network/subnet-form';

export function CreateNetworkDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const create = useCreateNetworkMutation();
  const { error, attempt } = useSubmitError();
  const form = useForm<{ name: string }>({
    resolver: zodResolver(NetworkCreateInput.pick({ name: true })),
    defaultValues: { name: '' },
  });
  const submit = form.handleSubmit(async (v) => {
    if (await attempt(() => create.mutateAsync({ name: v.name, external: false }))) {
      form.reset();
      onClose();
    }
  });
  return (
    <FormDialog
      open={open}
      title={t('net.create')}
      onClose={onClose}
      size="sm"
      onSubmit={submit}
      submitLabel={t('common.create')}
      error={error}
      pending={form.formState.isSubmitting}
    >
      <Field label={t('common.name')} error={form.formState.errors.name?.message}>
        {(p) => <Input {...p} {...form.register('name')} />}
      </Field>
    </FormDialog>
  );
}

/** The contract's subnet schema plus the address checks the API would make (CIDR, gateway inside it). */
const SubnetForm = SubnetCreateInput.pick({ name: true, cidr: true })
  .extend({ gateway_ip: z.string().max(64) })
  .superRefine((v, ctx) => {
    for (const i of validateSubnet(v)) ctx.addIssue({ code: 'custom', path: [i.path], message: i.code });
  });
type SubnetValues = z.infer<typeof SubnetForm>;

/** Add a subnet: validated as typed; overlaps with the project's other subnets are warned about, not refused. */
export function SubnetDialog({
  network,
  projectSubnets,
  onClose,
}: {
  network: Network;
  projectSubnets: Array<Subnet & { networkName: string }>;
  onClose: () => void;
}) {
  const { t, tx } = useI18n();
  const create = useCreateSubnetMutation();
  const { error, attempt } = useSubmitError();
  const [warnings, setWarnings] = useState<string[] | null>(null);
  const form = useForm<SubnetValues>({
    resolver: zodResolver(SubnetForm),
    mode: 'onChange',
    defaultValues: { name: '', cidr: '', gateway_ip: '' },
  });
  const cidr = useWatch({ control: form.control, name: 'cidr' });
  const overlaps = findOverlaps(cidr ?? '', projectSubnets);
  const e = form.formState.errors;
  const err = (m?: string) => (m ? tx(`net.err.${m}`, m) : undefined);
  const submit = form.handleSubmit((v) =>
    attempt(async () => {
      const r = await create.mutateAsync({
        networkId: network.id,
        input: {
          name: v.name,
          cidr: v.cidr.trim(),
          ...(v.gateway_ip.trim() ? { gateway_ip: v.gateway_ip.trim() } : {}),
        },
      });
      // The API's warnings are worth a moment's attention; without any, the dialog just closes.
      if (r.warnings.length) setWarnings(r.warnings);
      else onClose();
    }),
  );
  return (
    <FormDialog
      title={t('net.addSubnetTo', { name: network.name })}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('net.addSubnet')}
      error={error}
      pending={form.formState.isSubmitting}
      result={
        warnings ? (
          <>
            <p className="text-sm">{t('net.subnetCreatedWithWarnings')}</p>
            <ul
              role="status"
              className="list-disc rounded border border-amber-300 bg-amber-50 py-2 pr-3 pl-6 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"
            >
              {warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </>
        ) : null
      }
    >
      <Field label={t('common.name')} error={e.name?.message}>
        {(p) => <Input {...p} {...form.register('name')} />}
      </Field>
      <Field label="CIDR" error={err(e.cidr?.message)} hint={t('net.cidrHint')}>
        {(p) => <Input {...p} placeholder="10.0.1.0/24" {...form.register('cidr')} />}
      </Field>
      <Field label={t('net.gateway')} error={err(e.gateway_ip?.message)} hint={t('net.gatewayHint')}>
        {(p) => <Input {...p} {...form.register('gateway_ip')} />}
      </Field>
      {overlaps.length ? (
        <p
          role="status"
          className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"
        >
          {t('net.overlapWarn', { list: overlaps.map((s) => `${s.name} (${s.cidr}, ${s.networkName})`).join('; ') })}
        </p>
      ) : null}
    </FormDialog>
  );
}
