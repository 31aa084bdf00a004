'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/field';
import { FormFrame, useSubmitError } from '@/components/ui/form-dialog';
import { useCreateRuleMutation } from '@/lib/api/security-groups';
import type { SecurityGroup } from '@/lib/contract/security-group';
import { useI18n } from '@/lib/i18n/provider';
import { RuleForm } from '@/lib/network/rule-form';
import { rulePresets } from './rule-presets';

type RuleInput = z.input<typeof RuleForm>;

const defaults: RuleInput = {
  direction: 'ingress',
  ethertype: 'IPv4',
  protocol: 'tcp',
  remote: 'cidr',
  remote_ip_prefix: '0.0.0.0/0',
  remote_group_id: '',
  port_range_min: 22,
  port_range_max: 22,
  description: '',
};

export function AddRuleForm({ group, groups }: { group: SecurityGroup; groups: SecurityGroup[] }) {
  const { t } = useI18n();
  const create = useCreateRuleMutation();
  const { error, attempt } = useSubmitError();
  const form = useForm<RuleInput, unknown, z.output<typeof RuleForm>>({
    resolver: zodResolver(RuleForm),
    defaultValues: defaults,
  });
  const [protocol, remote, ethertype] = useWatch({ control: form.control, name: ['protocol', 'remote', 'ethertype'] });
  const e = form.formState.errors;
  const submit = form.handleSubmit((v) => {
    const { isGroupMissing: _drop, ...rule } = v;
    void _drop;
    return attempt(() => create.mutateAsync({ security_group_id: group.id, ...rule }));
  });
  const applyPreset = (id: string) => {
    const p = rulePresets.find((x) => x.id === id);
    if (!p) return;
    form.setValue('protocol', p.fields.protocol ?? 'any');
    form.setValue('port_range_min', p.fields.port_range_min ?? Number.NaN);
    form.setValue('port_range_max', p.fields.port_range_max ?? Number.NaN);
    form.setValue('direction', 'ingress');
  };
  const isIcmp = protocol === 'icmp';
  const hasPorts = protocol !== 'any';
  return (
    <FormFrame
      aria-label={t('sg.addRule')}
      onSubmit={submit}
      submitLabel={t('sg.addRule')}
      error={error}
      pending={form.formState.isSubmitting}
    >
      <div className="flex flex-wrap items-center gap-1 text-xs">
        <span className="text-muted">{t('sg.presets')}:</span>
        {rulePresets.map((p) => (
          <Button key={p.id} size="sm" onClick={() => applyPreset(p.id)}>
            {p.id === 'all' ? t('sg.allTraffic') : p.label}
          </Button>
        ))}
      </div>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Field label={t('sg.direction')}>
          {(p) => (
            <Select {...p} {...form.register('direction')}>
              <option value="ingress">{t('sg.ingress')}</option>
              <option value="egress">{t('sg.egress')}</option>
            </Select>
          )}
        </Field>
        <Field label={t('sg.ethertype')}>
          {(p) => (
            <Select
              {...p}
              {...form.register('ethertype', {
                onChange: (ev: React.ChangeEvent<HTMLSelectElement>) => {
                  // Keep the world CIDR in step with the family, the usual reason for switching.
                  const world = form.getValues('remote_ip_prefix');
                  if (world === '0.0.0.0/0' || world === '::/0')
                    form.setValue('remote_ip_prefix', ev.target.value === 'IPv6' ? '::/0' : '0.0.0.0/0');
                },
              })}
            >
              <option value="IPv4">IPv4</option>
              <option value="IPv6">IPv6</option>
            </Select>
          )}
        </Field>
        <Field label={t('lb.protocol')}>
          {(p) => (
            <Select {...p} {...form.register('protocol')}>
              <option value="tcp">TCP</option>
              <option value="udp">UDP</option>
              <option value="icmp">ICMP</option>
              <option value="any">{t('sg.anyProtocol')}</option>
            </Select>
          )}
        </Field>
        <Field label={t('sg.remoteKind')}>
          {(p) => (
            <Select {...p} {...form.register('remote')}>
              <option value="cidr">CIDR</option>
              <option value="group">{t('sg.remoteGroup')}</option>
            </Select>
          )}
        </Field>
        {hasPorts ? (
          <>
            <Field label={isIcmp ? t('sg.icmpType') : t('sg.portMin')} error={e.port_range_min?.message}>
              {(p) => <Input {...p} type="number" {...form.register('port_range_min', { valueAsNumber: true })} />}
            </Field>
            <Field label={isIcmp ? t('sg.icmpCode') : t('sg.portMax')} error={e.port_range_max?.message}>
              {(p) => <Input {...p} type="number" {...form.register('port_range_max', { valueAsNumber: true })} />}
            </Field>
          </>
        ) : null}
        {remote === 'cidr' ? (
          <Field
            label={t('sg.remoteCidr')}
            error={e.remote_ip_prefix?.message}
            hint={t('sg.remoteCidrHint', { world: ethertype === 'IPv6' ? '::/0' : '0.0.0.0/0' })}
          >
            {(p) => <Input {...p} {...form.register('remote_ip_prefix')} />}
          </Field>
        ) : (
          <Field label={t('sg.remoteGroup')} error={e.remote_group_id?.message ? t('form.err.required') : undefined}>
            {(p) => (
              <Select {...p} {...form.register('remote_group_id')}>
                <option value="">{t('sg.pickGroup')}</option>
                {groups.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        )}
        <Field label={t('common.description')}>{(p) => <Input {...p} {...form.register('description')} />}</Field>
      </div>
    </FormFrame>
  );
}
