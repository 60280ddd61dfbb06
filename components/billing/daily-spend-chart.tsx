'use client';

// Spend per day this month. Values arrive as dollars (numbers) for the chart only; every figure
// shown as text on the page is formatted from integer micros.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface DailySpendPoint {
  day: string;
  label: string;
  cost: number;
  calls: number;
}

const axis = { fontSize: 11, stroke: '#a1a1aa' };
const dollars = (v: number) => (v === 0 ? '$0' : v < 0.01 ? `$${v.toPrecision(2)}` : `$${v.toFixed(2)}`);

export function DailySpendChart({ points }: { points: DailySpendPoint[] }) {
  return (
    <div data-testid="chart-daily-spend" className="h-56">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={points}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
          <XAxis dataKey="label" tick={axis} minTickGap={16} />
          <YAxis tick={axis} tickFormatter={dollars} width={64} />
          <Tooltip formatter={(v) => dollars(Number(v))} />
          <Bar dataKey="cost" name="Spend" fill="#6366f1" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
