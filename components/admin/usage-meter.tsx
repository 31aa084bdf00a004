import { percent } from '@/lib/format/units';

/** A used-of-total bar (hosts' capacity, projects' quotas): green, amber above 70 %, red above 90 %. */
export function Usage({ used, total, text }: { used: number; total: number; text: string }) {
  const p = percent(used, total);
  return (
    <div className="w-40">
      <div className="text-xs">{text}</div>
      <div
        className="mt-0.5 h-1.5 overflow-hidden rounded bg-surface-2"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={used}
        aria-label={text}
      >
        <div
          className={p > 90 ? 'h-full bg-red-500' : p > 70 ? 'h-full bg-amber-500' : 'h-full bg-emerald-500'}
          style={{ width: `${p}%` }}
        />
      </div>
    </div>
  );
}
