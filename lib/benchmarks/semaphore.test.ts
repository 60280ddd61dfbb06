import { describe, expect, it } from 'vitest';
import { Semaphore } from './semaphore';

describe('Semaphore', () => {
  it('never lets more than its permits through, first come first served', async () => {
    const semaphore = new Semaphore(2);
    const order: number[] = [];
    const a = await semaphore.acquire();
    const b = await semaphore.acquire();
    const waiting = [semaphore.acquire().then((r) => (order.push(3), r)), semaphore.acquire().then((r) => (order.push(4), r))];
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(order).toEqual([]);
    a();
    a(); // a second release is ignored
    const c = await waiting[0]!;
    expect(order).toEqual([3]);
    expect(semaphore.inUse).toBe(2);
    b();
    c();
    (await waiting[1]!)();
    expect(semaphore.inUse).toBe(0);
  });
});
