// Child processes of the bench: started pinned to a core with taskset, ready when they print
// their first JSON line (or a marker), sampled for CPU and RSS from /proc, stopped by pid.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Child {
  name: string;
  process: ChildProcess;
  pid: number;
  output: string[];
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<void>;
}

/** Starts `command args` on the given cores; resolves with the first line matching `ready`. */
export function startChild(
  name: string,
  cores: string | null,
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; ready: RegExp; timeoutMs?: number },
): Promise<{ child: Child; match: RegExpMatchArray }> {
  const [cmd, argv] = cores ? ['taskset', ['-c', cores, command, ...args]] : [command, args];
  const proc = spawn(cmd, argv, { env: options.env ?? process.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const child: Child = {
    name,
    process: proc,
    pid: proc.pid!,
    output,
    stop(signal = 'SIGTERM', timeoutMs = 20_000) {
      if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          proc.kill('SIGKILL');
        }, timeoutMs);
        proc.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        proc.kill(signal);
      });
    },
  };
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      proc.kill('SIGKILL');
      reject(new Error(`${name} did not start in time:\n${output.slice(-20).join('\n')}`));
    }, options.timeoutMs ?? 120_000);
    const onLine = (line: string) => {
      output.push(line);
      if (output.length > 500) output.shift();
      const match = line.match(options.ready);
      if (match && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve({ child, match });
      }
    };
    for (const stream of [proc.stdout!, proc.stderr!]) {
      let rest = '';
      stream.on('data', (data: Buffer) => {
        rest += data.toString();
        const lines = rest.split('\n');
        rest = lines.pop()!;
        for (const line of lines) onLine(line);
      });
    }
    proc.once('exit', (code) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before it was ready:\n${output.slice(-30).join('\n')}`));
    });
  });
}

const TICKS = 100; // USER_HZ

/** CPU seconds (user + system) a process used so far; children excluded. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return NaN;
  }
}

/** Resident set size in MB. */
export function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Samples RSS every intervalMs while running; stop() returns the peak. */
export function rssSampler(pid: number, intervalMs = 200): { stop(): number; peak(): number } {
  let peak = rssMb(pid);
  const timer = setInterval(() => {
    const now = rssMb(pid);
    if (now > peak) peak = now;
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
    peak: () => peak,
  };
}
