import { describe, expect, it } from 'vitest';
import { enrolmentPrice } from './enrolment-price.ts';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('enrolmentPrice', () => {
  it('without a course price: every session at its own price', () => {
    expect(
      enrolmentPrice({ sessionPriceCents: 2500, coursePriceCents: null, remaining: 3, total: 8 }),
    ).toEqual({
      amountCents: 7500,
      shares: [2500, 2500, 2500],
    });
  });

  it('the whole course price when every session is still to come', () => {
    expect(
      enrolmentPrice({ sessionPriceCents: 2500, coursePriceCents: 16000, remaining: 8, total: 8 }),
    ).toEqual({
      amountCents: 16000,
      shares: Array(8).fill(2000),
    });
  });

  it('pro-rated by sessions left, half a cent rounding up, shares adding up to the amount', () => {
    // 10000 × 2 / 3 = 6666.67 → 6667, split 3334 + 3333.
    expect(enrolmentPrice({ sessionPriceCents: 0, coursePriceCents: 10000, remaining: 2, total: 3 })).toEqual(
      {
        amountCents: 6667,
        shares: [3334, 3333],
      },
    );
    // 999 × 1 / 2 = 499.5 → 500.
    expect(
      enrolmentPrice({ sessionPriceCents: 0, coursePriceCents: 999, remaining: 1, total: 2 }).amountCents,
    ).toBe(500);
    // 1000 × 7 / 9 = 777.78 → 778 over 7 sessions: 112 ×1, 111 ×6.
    const odd = enrolmentPrice({ sessionPriceCents: 0, coursePriceCents: 1000, remaining: 7, total: 9 });
    expect(odd.amountCents).toBe(778);
    expect(odd.shares).toEqual([112, 111, 111, 111, 111, 111, 111]);
    for (const total of [1, 3, 7, 12, 104]) {
      for (let remaining = 1; remaining <= total; remaining++) {
        const price = enrolmentPrice({ sessionPriceCents: 0, coursePriceCents: 12345, remaining, total });
        expect(sum(price.shares)).toBe(price.amountCents);
        expect(price.amountCents).toBe(Math.round((12345 * remaining) / total));
      }
    }
  });

  it('a free course price is free', () => {
    expect(enrolmentPrice({ sessionPriceCents: 2500, coursePriceCents: 0, remaining: 2, total: 4 })).toEqual({
      amountCents: 0,
      shares: [0, 0],
    });
  });

  it('refuses an enrolment with no session', () => {
    expect(() =>
      enrolmentPrice({ sessionPriceCents: 1, coursePriceCents: null, remaining: 0, total: 3 }),
    ).toThrow(RangeError);
  });
});
