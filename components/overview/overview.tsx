'use client';
import dynamic from 'next/dynamic';
import { useSessionInfo } from '@/lib/api/session';
import { useI18n } from '@/lib/i18n/provider';
import { ActivityCard, DatacentersCard, QuotaCard, ServerStatusCard } from './overview-cards';
import { ProjectUsageCard } from './project-usage-card';

const AdminCharts = dynamic(() => import('./admin-charts'), { ssr: false });

export function Overview() {
  const { t } = useI18n();
  const { isAdmin } = useSessionInfo();
  return (
    <div className="flex flex-col gap-4" data-tour="overview">
      <h1 className="text-xl font-semibold">{t('overview.title')}</h1>
      <div className="grid grid-cols-3 gap-4">
        <DatacentersCard />
        <div className="col-span-2">
          <QuotaCard />
        </div>
        <div className="col-span-2">
          <ServerStatusCard />
        </div>
        <ActivityCard />
        <ProjectUsageCard />
      </div>
      {isAdmin ? <AdminCharts /> : null}
    </div>
  );
}
