import { describe, expect, it } from 'vitest';
import { cancellationTerms } from './policy.ts';

const start = new Date('2026-03-10T18:00:00Z');
const policy = { cancellationNoticeHours: 24, refundWindowHours: 48 };
const at = (iso: string) => cancellationTerms(new Date(iso), start, policy);

describe('cancellationTerms', () => {
  it('is inclusive at both deadlines and closed one millisecond later', () => {
    expect(at('2026-03-08T18:00:00.000Z')).toMatchObject({ allowed: true, withinRefundWindow: true });
    expect(at('2026-03-08T18:00:00.001Z')).toMatchObject({ allowed: true, withinRefundWindow: false });
    expect(at('2026-03-09T18:00:00.000Z')).toMatchObject({ allowed: true, withinRefundWindow: false });
    expect(at('2026-03-09T18:00:00.001Z')).toMatchObject({ allowed: false, withinRefundWindow: false });
  });

  it('reports the deadlines', () => {
    const terms = at('2026-03-01T00:00:00Z');
    expect(terms.deadline.toISOString()).toBe('2026-03-09T18:00:00.000Z');
    expect(terms.refundDeadline.toISOString()).toBe('2026-03-08T18:00:00.000Z');
  });

  it('a zero-hour notice allows cancelling until the start itself', () => {
    const t = cancellationTerms(start, start, { cancellationNoticeHours: 0, refundWindowHours: 0 });
    expect(t).toMatchObject({ allowed: true, withinRefundWindow: true });
  });

  it('a staff move’s free cancellation opens both deadlines until it ends (never narrows them)', () => {
    const free = (iso: string, until: Date) => cancellationTerms(new Date(iso), start, policy, until);
    expect(free('2026-03-10T17:59:59Z', start)).toMatchObject({ allowed: true, withinRefundWindow: true });
    expect(free('2026-03-10T18:00:00.001Z', start)).toMatchObject({
      allowed: false,
      withinRefundWindow: false,
    });
    const early = new Date('2026-03-01T00:00:00Z');
    expect(free('2026-03-08T12:00:00Z', early)).toMatchObject({ allowed: true, withinRefundWindow: true });
  });
});
