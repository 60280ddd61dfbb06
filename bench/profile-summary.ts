// Summarises a .cpuprofile (node --cpu-prof): self time by package/file and by function, and the
// inclusive time of the project's own functions, optionally within a time window.
//   node --import tsx bench/profile-summary.ts <file.cpuprofile> [--from 12.5] [--to 30] [--top 40]
import { readFileSync } from 'node:fs';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }

export function summarise(file: string, options: { fromS?: number; toS?: number; top?: number } = {}): string {
  const top = options.top ?? 40;
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let at = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    at += dt;
    const s = at / 1e6;
    if ((options.fromS !== undefined && s < options.fromS) || (options.toS !== undefined && s > options.toS)) return;
    self.set(id, (self.get(id) ?? 0) + dt);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const isIdle = (id: number) => byId.get(id)!.callFrame.functionName === '(idle)';
  const busy = [...self].filter(([id]) => !isIdle(id)).reduce((a, [, t]) => a + t, 0);
  const fn = new Map<string, number>();
  const files = new Map<string, number>();
  const short = (url: string) => url.replace(/^file:\/\/.*?\/(node_modules|lib|bench|app|\.next)\//, '$1/');
  for (const [id, t] of self) {
    if (isIdle(id)) continue;
    const n = byId.get(id)!;
    const url = short(n.callFrame.url);
    fn.set(`${n.callFrame.functionName || '(anon)'} ${url}:${n.callFrame.lineNumber + 1}`, (fn.get(`${n.callFrame.functionName || '(anon)'} ${url}:${n.callFrame.lineNumber + 1}`) ?? 0) + t);
    const f = url || `(${n.callFrame.functionName})`;
    const group = f.includes('node_modules/') ? f.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, 'npm:$1') : f.startsWith('wasm://') ? 'wasm' : f;
    files.set(group, (files.get(group) ?? 0) + t);
  }
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, number>();
  for (const [id, t] of self) {
    if (isIdle(id)) continue;
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur)!;
      const url = n.callFrame.url;
      if (!/\/(lib|app)\/|server\.ts/.test(url) || url.includes('node_modules')) continue;
      const key = `${n.callFrame.functionName || '(anon)'} ${short(url)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + t);
    }
  }
  const lines: string[] = [`${file}: ${(total / 1e6).toFixed(1)} s in the window, ${(busy / 1e6).toFixed(1)} s busy (${((100 * busy) / total).toFixed(0)} %)`];
  const print = (title: string, m: Map<string, number>) => {
    lines.push('', `${title} (% of busy time)`);
    for (const [k, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`${((100 * t) / busy).toFixed(1).padStart(5)} %  ${k}`);
  };
  print('self time by package / file', files);
  print('self time by function', fn);
  print('inclusive time of project functions', inclusive);
  return lines.join('\n');
}

if (process.argv[1]?.endsWith('profile-summary.ts')) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : undefined;
  };
  console.log(summarise(process.argv[2]!, { fromS: arg('from'), toS: arg('to'), top: arg('top') }));
}
