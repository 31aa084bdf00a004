'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { QueryFailure } from '@/components/feature/unavailable';
import { useCanWrite } from '@/components/feature/use-can-write';
import { ConfirmDialog } from '@/components/resource/confirm-dialog';
import { DetailHeader } from '@/components/resource/detail-header';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import {
  useDeleteSecurityGroupMutation,
  useSecurityGroupQuery,
  useSecurityGroupsQuery,
} from '@/lib/api/security-groups';
import { useServersQuery } from '@/lib/api/servers';
import { useSessionInfo } from '@/lib/api/session';
import { useI18n } from '@/lib/i18n/provider';
import { ExposureView } from './exposure-view';
import { AddRuleForm } from './rule-form';
import { RulesTable } from './rules-table';

export function SecurityGroupDetail({ id }: { id: string }) {
  const { t } = useI18n();
  const session = useSessionInfo();
  const canWrite = useCanWrite();
  const router = useRouter();
  const q = useSecurityGroupQuery(session.projectId, id);
  const groups = useSecurityGroupsQuery(session.projectId, { limit: 100 });
  const servers = useServersQuery(session.projectId, { limit: 100 });
  const del = useDeleteSecurityGroupMutation();
  const [isDeleting, setIsDeleting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (q.isPending) return <p className="text-sm text-muted">{t('common.loading')}</p>;
  if (q.error) return <QueryFailure error={q.error} />;
  const g = q.data;
  const allGroups = groups.data?.items ?? [g];
  const users = (servers.data?.items ?? []).filter((s) => g.server_ids.includes(s.id));
  return (
    <div className="flex flex-col gap-4">
      <DetailHeader
        backHref="/security-groups"
        backLabel={t('sg.title')}
        title={g.name}
        subtitle={g.id}
        actions={
          canWrite ? (
            <Button variant="danger" onClick={() => setIsDeleting(true)}>
              {t('sg.delete')}
            </Button>
          ) : null
        }
      />
      {g.description ? <p className="-mt-3 text-sm text-muted">{g.description}</p> : null}
      <Card title={t('sg.rules')}>
        <RulesTable group={g} groups={allGroups} canWrite={canWrite} />
      </Card>
      {canWrite ? (
        <Card title={t('sg.addRule')}>
          <AddRuleForm group={g} groups={allGroups} />
        </Card>
      ) : null}
      <Card title={t('sg.usedByServers', { count: g.server_ids.length })}>
        <ul className="flex flex-wrap gap-2 text-sm" aria-label={t('sg.usedBy')}>
          {g.server_ids.length === 0 ? <li className="text-muted">{t('sg.noServers')}</li> : null}
          {g.server_ids.map((sid) => (
            <li key={sid}>
              <Link
                href={`/servers/${sid}`}
                className="rounded border border-line px-2 py-0.5 text-blue-700 hover:underline dark:text-blue-300"
              >
                {servers.data?.items.find((s) => s.id === sid)?.name ?? sid}
              </Link>
            </li>
          ))}
        </ul>
      </Card>
      <Card title={t('sg.exposure')}>
        <p className="mb-2 text-xs text-muted">{t('sg.exposureHint')}</p>
        <ExposureView servers={users} groups={allGroups} />
      </Card>
      <ConfirmDialog
        open={isDeleting}
        title={t('sg.delete')}
        message={
          g.server_ids.length
            ? t('sg.deleteInUse', { name: g.name, count: g.server_ids.length })
            : t('sg.deleteConfirm', { name: g.name })
        }
        confirmLabel={t('common.delete')}
        isDanger
        isPending={del.isPending}
        error={error}
        onClose={() => {
          setIsDeleting(false);
          setError(null);
        }}
        onConfirm={async () => {
          try {
            await del.mutateAsync(g.id);
            router.push('/security-groups');
          } catch (e) {
            setError(e);
          }
        }}
      />
    </div>
  );
}
