'use client';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { UsagePoint } from '@/lib/contract/usage';

/** One series of the usage page (loaded lazily by usage-view.tsx: recharts stays out of the first load). */
export default function UsageChart({
  points,
  dataKey,
  name,
  color,
  tick,
  label,
}: {
  points: UsagePoint[];
  dataKey: keyof Omit<UsagePoint, 'at'>;
  name: string;
  color: string;
  tick: (iso: string) => string;
  label: (iso: string) => string;
}) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={points} margin={{ left: 0, right: 8, top: 8, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--line)" />
        <XAxis dataKey="at" tickFormatter={tick} minTickGap={24} tick={{ fontSize: 11, fill: 'var(--muted)' }} />
        <YAxis allowDecimals tick={{ fontSize: 11, fill: 'var(--muted)' }} width={48} />
        <Tooltip
          labelFormatter={(l) => label(String(l))}
          contentStyle={{ background: 'var(--surface)', border: '1px solid var(--line)' }}
        />
        <Line type="stepAfter" dataKey={dataKey} name={name} stroke={color} dot={false} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}
