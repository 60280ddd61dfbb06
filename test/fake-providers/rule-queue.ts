import type { FakeProviderName, FakeRule } from './fake-types';

/** Rules in arrival order; the first matching one applies and is used up after `times` requests. */
export class RuleQueue {
  private rules: Array<FakeRule & { remaining: number }> = [];

  add(rule: FakeRule): void {
    const times = rule.times ?? 1;
    if (!(times > 0)) throw new Error(`rule.times must be positive, got ${String(rule.times)}`);
    this.rules.push({ ...rule, remaining: times });
  }

  take(provider: FakeProviderName, model: string | undefined): FakeRule | undefined {
    // Fast path for benchmarks: no rules, nothing to scan.
    if (this.rules.length === 0) return undefined;
    const index = this.rules.findIndex((rule) => (rule.provider === undefined || rule.provider === provider) && (rule.model === undefined || rule.model === model));
    if (index === -1) return undefined;
    const rule = this.rules[index];
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules.splice(index, 1);
    return rule;
  }

  clear(): void {
    this.rules = [];
  }

  get size(): number {
    return this.rules.length;
  }
}
