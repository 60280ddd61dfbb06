import { describe, expect, it } from 'vitest';
import { createSignInThrottle } from './sign-in-throttle';

describe('sign-in throttle', () => {
  it('blocks an email after 5 failures for the rest of the window, and a success clears it', () => {
    let now = 1_000_000;
    const throttle = createSignInThrottle({ now: () => now });
    for (let i = 0; i < 5; i++) {
      expect(throttle.retryAfterSeconds('A@x.com', '1.1.1.1')).toBe(0);
      throttle.recordFailure('a@x.com', '1.1.1.1');
    }
    expect(throttle.retryAfterSeconds('a@x.com', '2.2.2.2')).toBe(900);
    now += 600_000;
    expect(throttle.retryAfterSeconds('a@x.com', '2.2.2.2')).toBe(300);
    now += 300_001;
    expect(throttle.retryAfterSeconds('a@x.com', '2.2.2.2')).toBe(0);
    throttle.recordFailure('b@x.com', '3.3.3.3');
    throttle.recordSuccess('b@x.com', '3.3.3.3');
    expect(throttle.retryAfterSeconds('b@x.com', '3.3.3.3')).toBe(0);
  });

  it('blocks an IP that guesses across many emails', () => {
    const throttle = createSignInThrottle({ now: () => 0 });
    for (let i = 0; i < 20; i++) throttle.recordFailure(`user${i}@x.com`, '9.9.9.9');
    expect(throttle.retryAfterSeconds('new@x.com', '9.9.9.9')).toBeGreaterThan(0);
    expect(throttle.retryAfterSeconds('new@x.com', '8.8.8.8')).toBe(0);
  });
});
