'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { useSupportGate } from '@/components/feature/support-gate';
import { Field, Input, Select } from '@/components/ui/field';
import { FormDialog, useSubmitError } from '@/components/ui/form-dialog';
import { useBindPublicIpMutation, useCreatePublicIpMutation } from '@/lib/api/public-ips';
import { useServersQuery } from '@/lib/api/servers';
import { useSessionInfo } from '@/lib/api/session';
import { PublicIpBindInput, type PublicIp } from '@/lib/contract/public-ip';
import { useI18n } from '@/lib/i18n/provider';
import { parseIp } from '@/lib/network/ip';

export function CreatePublicIpDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const create = useCreatePublicIpMutation();
  const v6 = useSupportGate('POST /public-ips#ip_version=IPv6');
  const { error, attempt } = useSubmitError();
  const form = useForm<{ name: string; ip_version: '4' | '6' }>({ defaultValues: { name: '', ip_version: '4' } });
  const submit = form.handleSubmit(async (v) => {
    if (await attempt(() => create.mutateAsync({ name: v.name.trim(), ip_version: v.ip_version === '6' ? 6 : 4 }))) {
      form.reset();
      onClose();
    }
  });
  return (
    <FormDialog
      open={open}
      title={t('pip.create')}
      onClose={onClose}
      size="sm"
      onSubmit={submit}
      submitLabel={t('common.create')}
      error={error}
      pending={form.formState.isSubmitting}
    >
      <Field label={t('common.name')}>{(p) => <Input {...p} maxLength={255} {...form.register('name')} />}</Field>
      <Field label={t('net.ipVersion')}>
        {(p) => (
          <Select {...p} {...form.register('ip_version')}>
            <option value="4">IPv4</option>
            <option value="6" disabled={!v6.supported} {...v6.describedBy}>
              {v6.supported ? 'IPv6' : `IPv6 — ${v6.reason ?? v6.text}`}
            </option>
          </Select>
        )}
      </Field>
    </FormDialog>
  );
}

/** The form picks a target kind; what is sent is the contract's exactly-one-of input. */
const BindForm = z
  .object({ target: z.enum(['server', 'private_ip']), server_id: z.string(), private_ip: z.string() })
  .superRefine((v, ctx) => {
    if (v.target === 'server' && !v.server_id)
      ctx.addIssue({ code: 'custom', path: ['server_id'], message: 'required' });
    if (v.target === 'private_ip' && !parseIp(v.private_ip))
      ctx.addIssue({ code: 'custom', path: ['private_ip'], message: 'not_ip' });
  });
type BindValues = z.infer<typeof BindForm>;
export const toBindInput = (v: BindValues) =>
  PublicIpBindInput.parse(v.target === 'server' ? { server_id: v.server_id } : { private_ip: v.private_ip.trim() });

export function BindDialog({ pip, onClose }: { pip: PublicIp; onClose: () => void }) {
  const { t, tx } = useI18n();
  const session = useSessionInfo();
  const servers = useServersQuery(session.projectId, { limit: 100, sort: 'name' });
  const bind = useBindPublicIpMutation();
  const { error, attempt } = useSubmitError();
  const form = useForm<BindValues>({
    resolver: zodResolver(BindForm),
    defaultValues: { target: 'server', server_id: '', private_ip: '' },
  });
  const target = useWatch({ control: form.control, name: 'target' });
  const e = form.formState.errors;
  const err = (m?: string) => (m ? tx(`form.err.${m}`, m) : undefined);
  const submit = form.handleSubmit(async (v) => {
    if (await attempt(() => bind.mutateAsync({ id: pip.id, op: 'bind', input: toBindInput(v) }))) onClose();
  });
  return (
    <FormDialog
      title={t('pip.bindTitle', { ip: pip.ip_address })}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('pip.bind')}
      error={error}
      pending={form.formState.isSubmitting}
    >
      <fieldset className="flex gap-4 text-sm">
        <legend className="mb-1 text-xs font-medium text-muted">{t('pip.bindTo')}</legend>
        <label className="flex items-center gap-1">
          <input type="radio" value="server" {...form.register('target')} /> {t('pip.toServer')}
        </label>
        <label className="flex items-center gap-1">
          <input type="radio" value="private_ip" {...form.register('target')} /> {t('pip.toPrivateIp')}
        </label>
      </fieldset>
      {target === 'server' ? (
        <Field label={t('fip.server')} error={err(e.server_id?.message)}>
          {(p) => (
            <Select {...p} {...form.register('server_id')}>
              <option value="">{t('vol.pickServer')}</option>
              {(servers.data?.items ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.addresses.map((a) => a.private_ip).join(', ') || '—'})
                </option>
              ))}
            </Select>
          )}
        </Field>
      ) : (
        <Field label={t('pip.privateIp')} error={err(e.private_ip?.message)} hint={t('pip.privateIpHint')}>
          {(p) => <Input {...p} placeholder="192.168.10.5" list="pip-private-ips" {...form.register('private_ip')} />}
        </Field>
      )}
      <datalist id="pip-private-ips">
        {(servers.data?.items ?? []).flatMap((s) =>
          s.addresses.map((a) => <option key={`${s.id}${a.private_ip}`} value={a.private_ip} label={s.name} />),
        )}
      </datalist>
    </FormDialog>
  );
}
