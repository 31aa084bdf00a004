'use client';
import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { Button } from '@/components/ui/button';
import { api } from '@/lib/api/client';
import { useI18n } from '@/lib/i18n/provider';
import { useTourStore, type TourRun } from '@/lib/stores/tour-store';
import { openDialog, panelAttr, runActions, TourActionError } from '@/lib/tours/dom';
import { tourById } from '@/lib/tours';
import type { StepProblem, Tour, TourContext } from '@/lib/tours/types';

const pathOf = (href: string) => href.split('?')[0]!;

/** The running tour's overlay, if one runs; mounted once in the console shell. */
export function TourEngine() {
  const [isHydrated, setHydrated] = useState(false);
  useEffect(() => {
    // After mount: the server render had no localStorage, so the first client render must not read it either.
    void Promise.resolve(useTourStore.persist.rehydrate()).then(() => setHydrated(true));
  }, []);
  const run = useTourStore((s) => s.run);
  const tour = run ? tourById(run.tourId) : undefined;
  if (!isHydrated || !run || !tour) return null;
  // Keyed by the step: each step starts with its own checks, error and highlight.
  return <TourOverlay key={`${run.tourId}-${run.suffix}-${run.step}`} tour={tour} run={run} />;
}

interface Check {
  isChecked: boolean;
  problem: StepProblem | null;
  isDone: boolean;
}
const unchecked: Check = { isChecked: false, problem: null, isDone: false };

function TourOverlay({ tour, run }: { tour: Tour; run: TourRun }) {
  const { t } = useI18n();
  const router = useRouter();
  const pathname = usePathname();
  const qc = useQueryClient();
  const { goto, close, remember } = useTourStore.getState();
  const steps = useMemo(() => tour.steps(run.suffix), [tour, run.suffix]);
  const index = Math.min(run.step, steps.length - 1);
  const step = steps[index]!;
  const isLast = index === steps.length - 1;

  const [check, setCheck] = useState<Check>(unchecked);
  const [isBusy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [href, setHref] = useState<string | null>(null);
  const [container, setContainer] = useState<Element | null>(null);
  const [rect, setRect] = useState<{ top: number; left: number; width: number; height: number } | null>(null);
  /** The step's outcome was missing at some check: only then does its appearance move the tour on. */
  const sawUndone = useRef(false);
  const actionTarget = useRef<Element | null>(null);

  const context = useCallback(
    (): TourContext => ({
      pathname: window.location.pathname,
      // Through React Query, like the pages' own reads; half a second of caching keeps the polling cheap.
      read: <T,>(path: string) =>
        qc.fetchQuery({ queryKey: ['tour-check', path], queryFn: () => api<T>(path), staleTime: 500 }),
      memo: useTourStore.getState().run?.memo ?? {},
      remember,
    }),
    [qc, remember],
  );

  // Entering a step (or resuming it after a reload): open its page.
  useEffect(() => {
    let isCancelled = false;
    void (async () => {
      const route = typeof step.route === 'function' ? await step.route(context()).catch(() => null) : step.route;
      if (isCancelled) return;
      setHref(route ?? null);
      if (route && pathOf(route) !== window.location.pathname) router.push(route);
    })();
    return () => {
      isCancelled = true;
    };
  }, [step, context, router]);

  // The step's checks, polled: what it needs, and whether its outcome is there.
  useEffect(() => {
    let isCancelled = false;
    const evaluate = async () => {
      try {
        const ctx = context();
        const problem = step.needs ? await step.needs(ctx) : null;
        const isDone = step.done ? await step.done(ctx) : false;
        if (isCancelled) return;
        if (!isDone) sawUndone.current = true;
        setCheck({ isChecked: true, problem, isDone });
      } catch {
        // A failed read (a blip, a resource being deleted) is retried at the next poll.
      }
    };
    void evaluate();
    const timer = setInterval(evaluate, 1000);
    return () => {
      isCancelled = true;
      clearInterval(timer);
    };
  }, [step, context]);

  // The state appeared: on to the next step (not while "Do it for me" is still at work).
  useEffect(() => {
    if (check.isDone && sawUndone.current && !isBusy && !isLast) goto(index + 1);
  }, [check.isDone, isBusy, isLast, index, goto]);

  // Where the overlay lives (inside an open modal dialog, else the rest of the page is inert) and what it points at.
  useEffect(() => {
    const place = () => {
      setContainer((c) => {
        const next = openDialog() ?? document.body;
        return c === next ? c : next;
      });
      const el =
        (actionTarget.current?.isConnected ? actionTarget.current : null) ??
        (step.target
          ? Array.from(document.querySelectorAll(step.target)).find((e) => !e.closest(`[${panelAttr}]`))
          : null);
      const r = el?.getBoundingClientRect();
      setRect((old) => {
        if (!r || r.width === 0) return null;
        const next = { top: r.top, left: r.left, width: r.width, height: r.height };
        return old && JSON.stringify(old) === JSON.stringify(next) ? old : next;
      });
    };
    place();
    const timer = setInterval(place, 250);
    return () => clearInterval(timer);
  }, [step]);

  const doIt = async () => {
    if (!step.doIt) return;
    setBusy(true);
    setActionError(null);
    try {
      const own = typeof step.doIt === 'function' ? await step.doIt(context()) : step.doIt;
      // First the step's page, if the visitor (or a navigation still settling from the last step) is elsewhere.
      const actions = href && pathOf(href) !== window.location.pathname ? [{ goto: href }, ...own] : own;
      await runActions(actions, { t, navigate: (p) => router.push(p), onTarget: (el) => (actionTarget.current = el) });
    } catch (e) {
      setActionError(
        e instanceof TourActionError ? t('tours.engine.notFound', { what: e.message }) : t('tours.engine.failed'),
      );
    } finally {
      actionTarget.current = null;
      setBusy(false);
    }
  };

  if (!container) return null;
  const isElsewhere = href !== null && pathOf(href) !== pathname;
  const canDoIt = !!step.doIt && !check.isDone;
  return createPortal(
    <>
      {rect ? (
        <div
          aria-hidden
          className="pointer-events-none fixed z-[60] rounded-md ring-4 ring-brand/70 transition-all"
          style={{ top: rect.top - 4, left: rect.left - 4, width: rect.width + 8, height: rect.height + 8 }}
        />
      ) : null}
      <aside
        {...{ [panelAttr]: '' }}
        data-tour-checked={check.isChecked}
        aria-label={t('tours.engine.label', { tour: t(tour.title) })}
        className="fixed right-4 bottom-4 z-[61] flex w-[26rem] flex-col gap-2 rounded-lg border border-line bg-surface p-4 text-sm text-ink shadow-2xl"
      >
        <div className="flex items-center justify-between text-xs text-muted">
          <span>{t(tour.title)}</span>
          <span data-tour-progress>{t('tours.engine.progress', { n: index + 1, total: steps.length })}</span>
        </div>
        <h2 className="text-base font-semibold">{t(step.title)}</h2>
        <p className="whitespace-pre-line">{t(step.body, step.bodyVars)}</p>
        {check.problem ? (
          <div
            role="alert"
            className="flex flex-col gap-1 rounded border border-amber-500 p-2 text-amber-800 dark:text-amber-300"
          >
            <span>{t(check.problem.key, check.problem.vars)}</span>
            {check.problem.backTo !== undefined ? (
              <Button size="sm" className="self-start" onClick={() => goto(check.problem!.backTo!)}>
                {t('tours.engine.backTo', { n: check.problem.backTo + 1 })}
              </Button>
            ) : null}
          </div>
        ) : null}
        {step.done && check.isChecked && !check.problem ? (
          <p role="status" className={check.isDone ? 'text-green-700 dark:text-green-400' : 'text-muted'}>
            {check.isDone ? t('tours.engine.stepDone') : isBusy ? t('tours.engine.working') : t('tours.engine.waiting')}
          </p>
        ) : null}
        {actionError ? (
          <p role="alert" className="text-red-600 dark:text-red-400">
            {actionError}
          </p>
        ) : null}
        {isElsewhere ? (
          <Link href={href} className="self-start text-blue-700 hover:underline dark:text-blue-300">
            {t('tours.engine.openPage')}
          </Link>
        ) : null}
        <div className="mt-1 flex items-center gap-2">
          <Button variant="ghost" onClick={close}>
            {t('tours.engine.close')}
          </Button>
          <span className="flex-1" />
          <Button disabled={index === 0 || isBusy} onClick={() => goto(index - 1)}>
            {t('tours.engine.back')}
          </Button>
          {canDoIt ? (
            <Button variant="primary" disabled={isBusy || !check.isChecked || !!check.problem} onClick={doIt}>
              {isBusy ? t('tours.engine.working') : t('tours.engine.doIt')}
            </Button>
          ) : null}
          {isLast ? (
            <Button variant="primary" onClick={close}>
              {t('tours.engine.finish')}
            </Button>
          ) : (
            <Button variant={canDoIt ? 'secondary' : 'primary'} disabled={isBusy} onClick={() => goto(index + 1)}>
              {t('tours.engine.next')}
            </Button>
          )}
        </div>
      </aside>
    </>,
    container,
  );
}
