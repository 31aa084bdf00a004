'use client';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { useI18n } from '@/lib/i18n/provider';
import { formatBytes } from '@/lib/format/units';
import { useTasksStore } from '@/lib/stores/tasks-store';

/** Bytes so far of a task that reports them; a bar only when the total is known. */
function TaskProgress({ bytes, total }: { bytes: number | null; total: number | null }) {
  const { t } = useI18n();
  if (bytes === null) return null;
  const pct = total ? Math.min(100, Math.floor((bytes / total) * 100)) : null;
  return (
    <div className="mt-1 flex items-center gap-2">
      {pct !== null ? (
        <div
          role="progressbar"
          aria-label={t('shell.taskProgress')}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
          className="h-1.5 flex-1 overflow-hidden rounded bg-surface-2 ring-1 ring-line"
        >
          <div className="h-full bg-blue-600 transition-[width]" style={{ width: `${pct}%` }} />
        </div>
      ) : null}
      <span className="text-xs text-muted tabular-nums">
        {formatBytes(bytes)}
        {total ? ` / ${formatBytes(total)}` : ''}
      </span>
    </div>
  );
}

/** Operations in flight and how they ended; a button in the top bar opens it. */
export function TaskTray() {
  const { t } = useI18n();
  const tasks = useTasksStore((s) => s.tasks);
  const clear = useTasksStore((s) => s.clearFinished);
  const [open, setOpen] = useState(false);
  const running = tasks.filter((x) => x.state === 'running').length;
  return (
    <div className="relative" data-tour="task-tray">
      <Button variant="ghost" aria-expanded={open} aria-controls="task-tray" onClick={() => setOpen((o) => !o)}>
        {t('shell.tasks')}
        {running ? <span className="rounded-full bg-amber-500 px-1.5 text-xs text-white">{running}</span> : null}
      </Button>
      <section
        id="task-tray"
        aria-label={t('shell.tasks')}
        hidden={!open}
        className="absolute right-0 z-30 mt-1 w-96 rounded-lg border border-line bg-surface shadow-lg"
      >
        <header className="flex items-center justify-between border-b border-line px-3 py-2">
          <h2 className="text-sm font-semibold">{t('shell.tasks')}</h2>
          <Button size="sm" onClick={clear}>
            {t('shell.tasksClear')}
          </Button>
        </header>
        <ul className="max-h-80 overflow-auto" aria-live="polite">
          {tasks.length === 0 ? <li className="p-3 text-sm text-muted">{t('shell.tasksEmpty')}</li> : null}
          {tasks.map((task) => (
            <li
              key={task.id}
              data-task-state={task.state}
              className="border-b border-line px-3 py-2 text-sm last:border-0"
            >
              <div className="flex justify-between gap-2">
                <span className="truncate">{task.label}</span>
                <span
                  className={
                    task.state === 'failed'
                      ? 'text-red-600'
                      : task.state === 'done'
                        ? 'text-emerald-600'
                        : 'text-amber-600'
                  }
                >
                  {t(
                    task.state === 'running'
                      ? 'shell.taskRunning'
                      : task.state === 'done'
                        ? 'shell.taskDone'
                        : 'shell.taskFailed',
                  )}
                </span>
              </div>
              {task.progress && task.state === 'running' ? <TaskProgress {...task.progress} /> : null}
              {task.message && task.state === 'failed' ? <p className="text-xs text-red-600">{task.message}</p> : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
