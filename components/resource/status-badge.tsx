'use client';
import { isTransitionalAnywhere } from '@/lib/contract/lifecycles';
import { useI18n } from '@/lib/i18n/provider';

type Tone = 'green' | 'blue' | 'gray' | 'red' | 'amber';
const tones: Record<Tone, string> = {
  green: 'bg-emerald-50 text-emerald-800 ring-emerald-600/30 dark:bg-emerald-950 dark:text-emerald-300',
  blue: 'bg-blue-50 text-blue-800 ring-blue-600/30 dark:bg-blue-950 dark:text-blue-300',
  gray: 'bg-slate-100 text-slate-700 ring-slate-500/30 dark:bg-slate-800 dark:text-slate-300',
  red: 'bg-red-50 text-red-800 ring-red-600/30 dark:bg-red-950 dark:text-red-300',
  amber: 'bg-amber-50 text-amber-800 ring-amber-600/30 dark:bg-amber-950 dark:text-amber-300',
};

/** The default status → tone map across resources; pass `tone` to override for a resource of your own. */
const defaultTones: Record<string, Tone> = {
  active: 'green',
  available: 'green',
  enabled: 'green',
  success: 'green',
  bound: 'green',
  'in-use': 'blue',
  stopped: 'gray',
  queued: 'gray',
  disabled: 'gray',
  deleted: 'gray',
  killed: 'gray',
  unavailable: 'red',
  error: 'red',
  failure: 'red',
};

/**
 * A status pill: translated label (`status.<value>`, falls back to the raw value), a tone, and a pulsing dot
 * while the status is transitional (by the resources' state tables).
 * Props: `status` (the API value), `tone` (optional override).
 */
export function StatusBadge({ status, tone }: { status: string; tone?: Tone }) {
  const { tx } = useI18n();
  const isMoving = isTransitionalAnywhere(status);
  const t = tone ?? defaultTones[status] ?? (isMoving ? 'amber' : 'gray');
  return (
    <span
      data-status={status}
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[t]}`}
    >
      <span aria-hidden className={`size-1.5 rounded-full bg-current ${isMoving ? 'animate-pulse' : ''}`} />
      {tx(`status.${status}`, status)}
    </span>
  );
}
