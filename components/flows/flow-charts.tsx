'use client';

// The flow page's charts. Data arrives as plain numbers (chart-data.ts); animations are off so
// screenshots and tests see the final picture.
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartPoint, ModelMix } from './chart-data';

const COLORS = ['#6366f1', '#10b981', '#f59e0b', '#ef4444', '#06b6d4', '#a855f7', '#71717a'];
const axis = { fontSize: 11, stroke: '#a1a1aa' };

function Panel({ title, name, children }: { title: string; name: string; children: React.ReactElement }) {
  return (
    <section className="rounded-2xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <h3 className="mb-3 text-sm font-medium">{title}</h3>
      <div data-testid={`chart-${name}`} className="h-56">
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
    </section>
  );
}

const dollars = (v: number) => (v === 0 ? '$0' : v < 0.01 ? `$${v.toPrecision(2)}` : `$${v.toFixed(2)}`);

export function FlowCharts({ points, mix }: { points: ChartPoint[]; mix: ModelMix }) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Panel title="Cost" name="cost">
        <AreaChart data={points}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
          <XAxis dataKey="label" tick={axis} minTickGap={24} />
          <YAxis tick={axis} tickFormatter={dollars} width={64} />
          <Tooltip formatter={(v) => dollars(Number(v))} />
          <Area type="monotone" dataKey="cost" name="Cost" stroke={COLORS[0]} fill={COLORS[0]} fillOpacity={0.2} isAnimationActive={false} />
        </AreaChart>
      </Panel>
      <Panel title="Calls" name="calls">
        <BarChart data={points}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
          <XAxis dataKey="label" tick={axis} minTickGap={24} />
          <YAxis tick={axis} allowDecimals={false} width={48} />
          <Tooltip />
          <Bar dataKey="calls" name="Calls" fill={COLORS[0]} isAnimationActive={false} />
        </BarChart>
      </Panel>
      <Panel title="Latency p50 / p95 (ms)" name="latency">
        <LineChart data={points}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
          <XAxis dataKey="label" tick={axis} minTickGap={24} />
          <YAxis tick={axis} width={56} />
          <Tooltip />
          <Legend />
          <Line type="monotone" dataKey="p50" name="p50" stroke={COLORS[1]} dot={{ r: 2.5 }} connectNulls isAnimationActive={false} />
          <Line type="monotone" dataKey="p95" name="p95" stroke={COLORS[2]} dot={{ r: 2.5 }} connectNulls isAnimationActive={false} />
        </LineChart>
      </Panel>
      <Panel title="Errors and fallbacks" name="errors">
        <BarChart data={points}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
          <XAxis dataKey="label" tick={axis} minTickGap={24} />
          <YAxis tick={axis} allowDecimals={false} width={48} />
          <Tooltip />
          <Legend />
          <Bar dataKey="errors" name="Errors" fill={COLORS[3]} isAnimationActive={false} />
          <Bar dataKey="fallbacks" name="Fallbacks" fill={COLORS[2]} isAnimationActive={false} />
        </BarChart>
      </Panel>
      <div className="lg:col-span-2">
        <Panel title="Model mix (calls)" name="model-mix">
          <AreaChart data={mix.rows}>
            <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
            <XAxis dataKey="label" tick={axis} minTickGap={24} />
            <YAxis tick={axis} allowDecimals={false} width={48} />
            <Tooltip />
            <Legend />
            {mix.models.map((model, i) => (
              <Area
                key={model}
                type="monotone"
                dataKey={model}
                stackId="mix"
                stroke={COLORS[i % COLORS.length]}
                fill={COLORS[i % COLORS.length]}
                fillOpacity={0.5}
                isAnimationActive={false}
              />
            ))}
          </AreaChart>
        </Panel>
      </div>
    </div>
  );
}
