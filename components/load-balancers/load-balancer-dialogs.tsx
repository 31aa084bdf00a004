'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { Field, Input, Select } from '@/components/ui/field';
import { FormDialog, useSubmitError } from '@/components/ui/form-dialog';
import { useCreateLoadBalancerMutation } from '@/lib/api/load-balancers';
import { useNetworksQuery } from '@/lib/api/networks';
import { useSessionInfo } from '@/lib/api/session';
import { LoadBalancerCreateInput } from '@/lib/contract/load-balancer';
import { useI18n } from '@/lib/i18n/provider';

const CreateForm = LoadBalancerCreateInput.pick({ name: true }).extend({
  subnet_id: z.string(),
  description: z.string().max(1024),
});

export function CreateLoadBalancerDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const router = useRouter();
  const session = useSessionInfo();
  const nets = useNetworksQuery(session.projectId, { limit: 100 });
  const subnets = (nets.data?.items ?? [])
    .filter((n) => !n.external)
    .flatMap((n) => n.subnets.map((s) => ({ ...s, networkName: n.name })));
  const create = useCreateLoadBalancerMutation();
  const { error, attempt } = useSubmitError();
  const form = useForm<z.infer<typeof CreateForm>>({
    resolver: zodResolver(CreateForm),
    defaultValues: { name: '', subnet_id: '', description: '' },
  });
  const submit = form.handleSubmit(async (v) => {
    await attempt(async () => {
      const lb = await create.mutateAsync({
        name: v.name,
        description: v.description,
        ...(v.subnet_id ? { subnet_id: v.subnet_id } : {}),
      });
      onClose();
      router.push(`/load-balancers/${lb.id}`);
    });
  });
  return (
    <FormDialog
      open={open}
      title={t('lb.create')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('common.create')}
      error={error}
      pending={form.formState.isSubmitting}
    >
      <Field label={t('common.name')} error={form.formState.errors.name?.message}>
        {(p) => <Input {...p} {...form.register('name')} />}
      </Field>
      <Field label={t('wizard.subnet')} hint={t('lb.subnetHint')}>
        {(p) => (
          <Select {...p} {...form.register('subnet_id')}>
            <option value="">{t('lb.defaultSubnet')}</option>
            {subnets.map((s) => (
              <option key={s.id} value={s.id}>
                {s.networkName} / {s.name} ({s.cidr})
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t('common.description')}>{(p) => <Input {...p} {...form.register('description')} />}</Field>
    </FormDialog>
  );
}
