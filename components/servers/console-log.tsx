'use client';
import { useEffect, useRef, useState } from 'react';
import { UnsupportedNotice } from '@/components/feature/support-gate';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ErrorText } from '@/components/ui/error-text';
import { useSupport } from '@/lib/api/capabilities';
import { useConsoleLogQuery } from '@/lib/api/servers';
import { useSessionInfo } from '@/lib/api/session';
import { useI18n } from '@/lib/i18n/provider';

const sizes = [50, 200, 1000] as const;

/** The server's serial console: the last lines, following new ones every 5 s until paused, scrolled to the end. */
export function ConsoleLogCard({ serverId }: { serverId: string }) {
  const { t } = useI18n();
  const session = useSessionInfo();
  const support = useSupport('GET /servers/{id}/console-log');
  const [lines, setLines] = useState<number>(50);
  const [follow, setFollow] = useState(true);
  const q = useConsoleLogQuery(session.projectId, serverId, { lines, follow, enabled: support.supported });
  const pre = useRef<HTMLPreElement>(null);
  const output = q.data?.output;
  useEffect(() => {
    if (follow && pre.current) pre.current.scrollTop = pre.current.scrollHeight;
  }, [output, follow]);
  return (
    <Card title={t('servers.consoleLog')} className="col-span-2">
      <UnsupportedNotice requires="GET /servers/{id}/console-log" />
      {support.supported ? (
        <>
          <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
            <label className="flex items-center gap-1">
              {t('servers.consoleLines')}
              <select
                aria-label={t('servers.consoleLines')}
                className="h-7 rounded border border-line bg-surface px-1 text-sm"
                value={lines}
                onChange={(e) => setLines(Number(e.target.value))}
              >
                {sizes.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
            <Button size="sm" onClick={() => setFollow((f) => !f)} aria-pressed={follow}>
              {follow ? t('servers.consolePause') : t('servers.consoleFollow')}
            </Button>
            <Button size="sm" onClick={() => void q.refetch()}>
              {t('common.refresh')}
            </Button>
            <span className="text-xs text-muted">
              {q.data ? t('servers.consoleShown', { n: q.data.lines }) : t('common.loading')}
            </span>
          </div>
          <ErrorText error={q.error} />
          <pre
            ref={pre}
            aria-label={t('servers.consoleLog')}
            className="max-h-80 overflow-auto rounded bg-neutral-950 p-3 font-mono text-xs leading-5 whitespace-pre-wrap text-neutral-100"
          >
            {output || (q.data ? t('servers.consoleEmpty') : '')}
          </pre>
        </>
      ) : null}
    </Card>
  );
}
