'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ErrorText } from '@/components/ui/error-text';
import { Field, Input } from '@/components/ui/field';
import { useCreateNetworkMutation, useCreateSubnetMutation } from '@/lib/api/networks';
import { NetworkCreateInput, SubnetCreateInput, type Network, type Subnet } from '@/lib/contract/network';
import { useI18n } from '@/lib/i18n/provider';
import { findOverlaps, validateSubnet } from '@/lib/network/subnet-form';

export function CreateNetworkDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const create = useCreateNetworkMutation();
  const [error, setError] = useState<unknown>(null);
  const form = useForm<{ name: string }>({ resolver: zodResolver(NetworkCreateInput.pick({ name: true })), defaultValues: { name: '' } });
  const submit = form.handleSubmit(async (v) => {
    setError(null);
    try {
      await create.mutateAsync({ name: v.name, external: false });
      form.reset();
      onClose();
    } catch (e) {
      setError(e);
    }
  });
  return (
    <Dialog open={open} title={t('net.create')} onClose={onClose} size="sm">
      <form onSubmit={submit} className="flex flex-col gap-3">
        <Field label={t('common.name')} error={form.formState.errors.name?.message}>{(p) => <Input {...p} {...form.register('name')} />}</Field>
        <ErrorText error={error} />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" disabled={form.formState.isSubmitting}>
            {t('common.create')}
          </Button>
        </div>
      </form>
    </Dialog>
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
export function SubnetDialog({ network, projectSubnets, onClose }: { network: Network; projectSubnets: Array<Subnet & { networkName: string }>; onClose: () => void }) {
  const { t, tx } = useI18n();
  const create = useCreateSubnetMutation();
  const [error, setError] = useState<unknown>(null);
  const [warnings, setWarnings] = useState<string[] | null>(null);
  const form = useForm<SubnetValues>({ resolver: zodResolver(SubnetForm), mode: 'onChange', defaultValues: { name: '', cidr: '', gateway_ip: '' } });
  const cidr = useWatch({ control: form.control, name: 'cidr' });
  const overlaps = findOverlaps(cidr ?? '', projectSubnets);
  const e = form.formState.errors;
  const err = (m?: string) => (m ? tx(`net.err.${m}`, m) : undefined);
  const submit = form.handleSubmit(async (v) => {
    setError(null);
    try {
      const r = await create.mutateAsync({ networkId: network.id, input: { name: v.name, cidr: v.cidr.trim(), ...(v.gateway_ip.trim() ? { gateway_ip: v.gateway_ip.trim() } : {}) } });
      // The API's warnings are worth a moment's attention; without any, the dialog just closes.
      if (r.warnings.length) setWarnings(r.warnings);
      else onClose();
    } catch (x) {
      setError(x);
    }
  });
  return (
    <Dialog open title={t('net.addSubnetTo', { name: network.name })} onClose={onClose}>
      {warnings ? (
        <div className="flex flex-col gap-3">
          <p className="text-sm">{t('net.subnetCreatedWithWarnings')}</p>
          <ul role="status" className="list-disc rounded border border-amber-300 bg-amber-50 py-2 pr-3 pl-6 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
          <div className="flex justify-end">
            <Button variant="primary" onClick={onClose}>
              {t('common.close')}
            </Button>
          </div>
        </div>
      ) : (
        <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
          <Field label={t('common.name')} error={e.name?.message}>{(p) => <Input {...p} {...form.register('name')} />}</Field>
          <Field label="CIDR" error={err(e.cidr?.message)} hint={t('net.cidrHint')}>{(p) => <Input {...p} placeholder="10.0.1.0/24" {...form.register('cidr')} />}</Field>
          <Field label={t('net.gateway')} error={err(e.gateway_ip?.message)} hint={t('net.gatewayHint')}>{(p) => <Input {...p} {...form.register('gateway_ip')} />}</Field>
          {overlaps.length ? (
            <p role="status" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
              {t('net.overlapWarn', { list: overlaps.map((s) => `${s.name} (${s.cidr}, ${s.networkName})`).join('; ') })}
            </p>
          ) : null}
          <ErrorText error={error} />
          <div className="flex justify-end gap-2">
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" variant="primary" disabled={form.formState.isSubmitting}>
              {t('net.addSubnet')}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
