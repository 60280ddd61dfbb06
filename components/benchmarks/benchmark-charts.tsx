'use client';

// Cost per call against quality (one dot per model; up and to the left is better), and latency
// per model. Animations are off so screenshots and tests see the final picture.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';

export interface ChartModel {
  model: string;
  baseline: boolean;
  /** dollars */
  costPerCall: number | null;
  quality: number | null;
  p50: number | null;
  p95: number | null;
  ttft: number | null;
}

const COLORS = ['#71717a', '#6366f1', '#10b981', '#f59e0b', '#ef4444', '#06b6d4', '#a855f7', '#84cc16', '#ec4899'];
const axis = { fontSize: 11, stroke: '#a1a1aa' };
const dollars = (v: number) => (v === 0 ? '$0' : v < 0.01 ? `$${v.toPrecision(2)}` : `$${v.toFixed(3)}`);

function Panel({ title, name, children }: { title: string; name: string; children: React.ReactElement }) {
  return (
    <section className="rounded-2xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <h3 className="mb-3 text-sm font-medium">{title}</h3>
      <div data-testid={`chart-${name}`} className="h-64">
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
    </section>
  );
}

export function BenchmarkCharts({ models, judged }: { models: ChartModel[]; judged: boolean }) {
  const qualityLabel = judged ? 'Judge score (1–10)' : 'Agreement with baseline';
  const short = (id: string) => id.split('/').pop() ?? id;
  const latency = models.map((m) => ({ name: short(m.model), p50: m.p50, p95: m.p95, ttft: m.ttft }));
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Panel title={`Cost per call vs ${judged ? 'judge score' : 'agreement'} (up and left is better)`} name="cost-quality">
        <ScatterChart margin={{ top: 10, right: 20, bottom: 0, left: 10 }}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
          <XAxis type="number" dataKey="costPerCall" tick={axis} tickFormatter={dollars} name="Cost per call" domain={[0, 'auto']} />
          <YAxis type="number" dataKey="quality" tick={axis} domain={judged ? [0, 10] : [0, 1]} tickFormatter={(v: number) => (judged ? String(v) : `${Math.round(v * 100)}%`)} name={qualityLabel} width={48} />
          <ZAxis range={[90, 90]} />
          <Tooltip formatter={(value, name) => (name === 'Cost per call' ? dollars(Number(value)) : judged ? Number(value).toFixed(1) : `${(Number(value) * 100).toFixed(0)}%`)} />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          {models
            .filter((m) => m.costPerCall !== null && m.quality !== null)
            .map((m, index) => (
              <Scatter key={m.model} name={`${short(m.model)}${m.baseline ? ' (baseline)' : ''}`} data={[{ costPerCall: m.costPerCall, quality: m.quality }]} fill={COLORS[m.baseline ? 0 : 1 + (index % (COLORS.length - 1))]} isAnimationActive={false} />
            ))}
        </ScatterChart>
      </Panel>
      <Panel title="Latency (ms)" name="latency">
        <BarChart data={latency} margin={{ top: 10, right: 10, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
          <XAxis dataKey="name" tick={axis} interval={0} />
          <YAxis tick={axis} width={56} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          <Bar dataKey="ttft" name="TTFT p50" fill="#a5b4fc" isAnimationActive={false} />
          <Bar dataKey="p50" name="p50" fill="#6366f1" isAnimationActive={false} />
          <Bar dataKey="p95" name="p95" fill="#312e81" isAnimationActive={false} />
        </BarChart>
      </Panel>
    </div>
  );
}
