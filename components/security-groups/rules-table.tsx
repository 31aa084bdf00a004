'use client';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorText } from '@/components/ui/error-text';
import { useDeleteRuleMutation } from '@/lib/api/security-groups';
import type { SecurityGroup, SecurityGroupRule } from '@/lib/contract/security-group';
import { useI18n } from '@/lib/i18n/provider';
import { findRedundantRules, isWorldOpen } from '@/lib/network/exposure';

const portsText = (r: SecurityGroupRule, any: string) => {
  if (r.protocol === null) return any;
  if (r.protocol === 'icmp')
    return r.port_range_min === null
      ? any
      : `type ${r.port_range_min}${r.port_range_max === null ? '' : ` code ${r.port_range_max}`}`;
  if (r.port_range_min === null) return any;
  return r.port_range_min === r.port_range_max ? String(r.port_range_min) : `${r.port_range_min}-${r.port_range_max}`;
};

/** The group's rules, ingress then egress; rules another rule of the group already covers are flagged. */
export function RulesTable({
  group,
  groups,
  canWrite,
}: {
  group: SecurityGroup;
  groups: SecurityGroup[];
  canWrite: boolean;
}) {
  const { t } = useI18n();
  const del = useDeleteRuleMutation();
  const [error, setError] = useState<unknown>(null);
  const redundant = new Map(
    findRedundantRules(group.rules.map((r) => ({ ...r, groupId: group.id }))).map((x) => [
      x.ruleId,
      x.coveredBy.ruleId,
    ]),
  );
  const groupName = (id: string) => groups.find((g) => g.id === id)?.name ?? id;
  return (
    <div className="flex flex-col gap-4">
      {(['ingress', 'egress'] as const).map((dir) => {
        const rules = group.rules.filter((r) => r.direction === dir);
        return (
          <section key={dir} aria-label={t(dir === 'ingress' ? 'sg.ingressRules' : 'sg.egressRules')}>
            <h3 className="mb-1 text-sm font-semibold">
              {t(dir === 'ingress' ? 'sg.ingressRules' : 'sg.egressRules')}{' '}
              <span className="text-xs font-normal text-muted">({rules.length})</span>
            </h3>
            <table className="w-full text-sm" aria-label={t(dir === 'ingress' ? 'sg.ingressRules' : 'sg.egressRules')}>
              <thead className="text-left text-xs text-muted">
                <tr>
                  <th className="py-1 font-medium">{t('sg.ethertype')}</th>
                  <th className="font-medium">{t('lb.protocol')}</th>
                  <th className="font-medium">{t('sg.ports')}</th>
                  <th className="font-medium">{t('sg.remote')}</th>
                  <th className="font-medium">{t('common.description')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {rules.length === 0 ? (
                  <tr>
                    <td colSpan={6} className="py-1 text-muted">
                      {t('sg.noRules')}
                    </td>
                  </tr>
                ) : null}
                {rules.map((r) => {
                  const coveredBy = redundant.get(r.id);
                  return (
                    <tr key={r.id} className="border-t border-line" data-rule-id={r.id}>
                      <td className="py-1">{r.ethertype}</td>
                      <td>{r.protocol?.toUpperCase() ?? t('sg.anyProtocol')}</td>
                      <td className="font-mono text-xs">{portsText(r, t('sg.any'))}</td>
                      <td className="font-mono text-xs">
                        {r.remote_group_id
                          ? `${t('sg.remoteGroup')}: ${groupName(r.remote_group_id)}`
                          : (r.remote_ip_prefix ?? t('sg.any'))}
                        {isWorldOpen(r) ? (
                          <span className="ml-1 rounded bg-amber-100 px-1 text-amber-900 dark:bg-amber-950 dark:text-amber-200">
                            {t('sg.world')}
                          </span>
                        ) : null}
                      </td>
                      <td className="text-xs">
                        {r.description}
                        {coveredBy ? (
                          <span className="ml-1 rounded bg-slate-200 px-1 text-slate-800 dark:bg-slate-700 dark:text-slate-100">
                            {t('sg.redundant')}
                          </span>
                        ) : null}
                      </td>
                      <td className="text-right">
                        {canWrite ? (
                          <Button
                            size="sm"
                            aria-label={t('sg.deleteRuleNamed', {
                              what: `${r.protocol ?? 'any'} ${portsText(r, '*')}`,
                            })}
                            disabled={del.isPending}
                            onClick={() => del.mutateAsync(r.id).then(() => setError(null), setError)}
                          >
                            {t('common.delete')}
                          </Button>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        );
      })}
      <ErrorText error={error} />
    </div>
  );
}
