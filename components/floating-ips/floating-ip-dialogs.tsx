'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { Field, Input, Select } from '@/components/ui/field';
import { FormDialog, useSubmitError } from '@/components/ui/form-dialog';
import { useAllocateFloatingIpMutation, useUpdateFloatingIpMutation } from '@/lib/api/floating-ips';
import { useNetworksQuery } from '@/lib/api/networks';
import { useSessionInfo } from '@/lib/api/session';
import type { FloatingIp } from '@/lib/contract/floating-ip';
import { useI18n } from '@/lib/i18n/provider';
import { parseIp } from '@/lib/network/ip';
import { useServerPorts } from './use-server-ports';

const AllocateForm = z.object({
  external_network_id: z.string().min(1, 'required'),
  floating_ip_address: z.string().refine((s) => s.trim() === '' || parseIp(s) !== null, 'not_ip'),
});

export function AllocateDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, tx } = useI18n();
  const session = useSessionInfo();
  const nets = useNetworksQuery(session.projectId, { limit: 100, external: 'true' });
  const externals = (nets.data?.items ?? []).filter((n) => n.external);
  const allocate = useAllocateFloatingIpMutation();
  const { error, attempt } = useSubmitError();
  const form = useForm<z.infer<typeof AllocateForm>>({
    resolver: zodResolver(AllocateForm),
    values: { external_network_id: externals[0]?.id ?? '', floating_ip_address: '' },
  });
  const e = form.formState.errors;
  const submit = form.handleSubmit(async (v) => {
    const address = v.floating_ip_address.trim();
    if (
      await attempt(() =>
        allocate.mutateAsync({
          external_network_id: v.external_network_id,
          description: '',
          ...(address ? { floating_ip_address: address } : {}),
        }),
      )
    )
      onClose();
  });
  return (
    <FormDialog
      open={open}
      title={t('fip.allocate')}
      onClose={onClose}
      size="sm"
      onSubmit={submit}
      submitLabel={t('fip.allocate')}
      error={error}
      pending={form.formState.isSubmitting}
    >
      <Field
        label={t('fip.externalNetwork')}
        error={
          e.external_network_id?.message
            ? tx(`form.err.${e.external_network_id.message}`, e.external_network_id.message)
            : undefined
        }
      >
        {(p) => (
          <Select {...p} {...form.register('external_network_id')}>
            {externals.map((n) => (
              <option key={n.id} value={n.id}>
                {n.name} ({n.subnets.map((s) => s.cidr).join(', ')})
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field
        label={t('fip.addressOptional')}
        error={
          e.floating_ip_address?.message
            ? tx(`form.err.${e.floating_ip_address.message}`, e.floating_ip_address.message)
            : undefined
        }
      >
        {(p) => <Input {...p} placeholder="203.0.113.50" {...form.register('floating_ip_address')} />}
      </Field>
    </FormDialog>
  );
}

/** Associate with a server's port: the picker lists each server's private addresses (each on its own port). */
export function AssociateDialog({ fip, onClose }: { fip: FloatingIp; onClose: () => void }) {
  const { t } = useI18n();
  const ports = useServerPorts();
  const update = useUpdateFloatingIpMutation();
  const [choice, setChoice] = useState('');
  const { error, attempt } = useSubmitError();
  const picked = ports.items.find((p) => p.key === choice);
  const submit = async () => {
    if (
      picked &&
      (await attempt(() =>
        update.mutateAsync({ id: fip.id, input: { port_id: picked.portId, fixed_ip_address: picked.ip } }),
      ))
    )
      onClose();
  };
  return (
    <FormDialog
      title={t('fip.associateTitle', { ip: fip.floating_ip_address })}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('fip.associate')}
      canSubmit={!!picked}
      error={error}
      pending={update.isPending}
    >
      <Field label={t('fip.serverPort')} hint={t('fip.serverPortHint')}>
        {(p) => (
          <Select {...p} value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="">{ports.isPending ? t('common.loading') : t('fip.pickPort')}</option>
            {ports.items.map((o) => (
              <option key={o.key} value={o.key} disabled={!!o.floatingIp}>
                {o.serverName} — {o.ip}
                {o.floatingIp ? ` (${t('fip.hasFloating', { ip: o.floatingIp })})` : ''}
              </option>
            ))}
          </Select>
        )}
      </Field>
    </FormDialog>
  );
}
