'use client';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { useSessionInfo } from '@/lib/api/session';
import { useI18n } from '@/lib/i18n/provider';
import { useTourStore } from '@/lib/stores/tour-store';
import { tours } from '@/lib/tours';

/** The top bar's "Tours": the guided scenarios, each with what it shows; starting one opens its overlay. */
export function ToursMenu() {
  const { t } = useI18n();
  const { isAdmin } = useSessionInfo();
  const [isOpen, setOpen] = useState(false);
  const start = useTourStore((s) => s.start);
  return (
    <>
      <Button variant="ghost" onClick={() => setOpen(true)} data-tour="tours-menu">
        {t('tours.menu')}
      </Button>
      <Dialog open={isOpen} title={t('tours.menuTitle')} onClose={() => setOpen(false)}>
        <ul className="flex flex-col gap-3" aria-label={t('tours.menuTitle')}>
          {tours.map((tour) => {
            const isAllowed = !tour.isAdminOnly || isAdmin;
            return (
              <li key={tour.id} aria-label={t(tour.title)} className="flex items-start gap-3">
                <div className="flex-1">
                  <p className="font-medium">{t(tour.title)}</p>
                  <p className="text-sm text-muted">{t(tour.summary)}</p>
                  {!isAllowed ? <p className="text-xs text-muted">{t('tours.adminOnly')}</p> : null}
                </div>
                <Button
                  variant="primary"
                  disabled={!isAllowed}
                  title={isAllowed ? undefined : t('tours.adminOnly')}
                  onClick={() => {
                    start(tour.id);
                    setOpen(false);
                  }}
                >
                  {t('tours.start')}
                </Button>
              </li>
            );
          })}
        </ul>
      </Dialog>
    </>
  );
}
