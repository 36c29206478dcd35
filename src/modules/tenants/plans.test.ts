import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors.ts';
import { assertFeature, assertWithinLimit, PLANS, planView } from './plans.ts';

describe('plans', () => {
  it('growth is the spec example', () => {
    expect(planView('growth')).toMatchObject({
      type: 'growth',
      maxTeachers: 5,
      maxBookingsPerMonth: 200,
      maxEventTypes: -1,
      features: { whitelist: true, immersioSync: true, customEmails: true },
    });
  });

  it('a hit limit names the limit and the plan', () => {
    expect(() => assertWithinLimit(PLANS.growth, 'maxTeachers', 5)).toThrowError(
      /growth.*5 teachers.*maxTeachers/,
    );
    expect(() => assertWithinLimit(PLANS.growth, 'maxTeachers', 4)).not.toThrow();
    expect(() => assertWithinLimit(PLANS.growth, 'maxEventTypes', 10_000)).not.toThrow();
    try {
      assertWithinLimit(PLANS.lite, 'maxEventTypes', 3);
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(403);
    }
  });

  it('features gate by plan', () => {
    expect(() => assertFeature(PLANS.lite, 'whitelist')).toThrowError(
      /lite plan does not include the whitelist/,
    );
    expect(() => assertFeature(PLANS.starter, 'whitelist')).not.toThrow();
  });

  it('plans grow monotonically', () => {
    const order = ['lite', 'starter', 'growth', 'pro', 'enterprise'] as const;
    const big = (n: number) => (n === -1 ? Number.POSITIVE_INFINITY : n);
    for (let i = 1; i < order.length; i++) {
      const a = PLANS[order[i - 1]!];
      const b = PLANS[order[i]!];
      expect(big(b.maxTeachers)).toBeGreaterThanOrEqual(big(a.maxTeachers));
      expect(big(b.maxBookingsPerMonth)).toBeGreaterThanOrEqual(big(a.maxBookingsPerMonth));
      expect(big(b.maxEventTypes)).toBeGreaterThanOrEqual(big(a.maxEventTypes));
    }
  });
});
