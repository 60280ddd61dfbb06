// A counting semaphore, FIFO. Benchmark calls take a permit of the process-wide semaphore (and
// their run's own) before they go upstream, so all benchmarks together never have more than the
// global cap in flight; production calls never wait on it.

export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly permits: number) {
    if (!Number.isInteger(permits) || permits < 1) throw new Error('Semaphore needs at least one permit');
  }

  get inUse(): number {
    return this.active;
  }

  /** Resolves with a release function (call it exactly once). */
  async acquire(): Promise<() => void> {
    if (this.active < this.permits) this.active++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The permit passes straight to the next waiter (active stays the same).
      if (next) next();
      else this.active--;
    };
  }
}
