import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zodArbitrary } from './zod-arbitrary.ts';

const fields = {
  title: z.string().trim().min(3).max(100),
  email: z.email(),
  id: z.number().int().positive(),
  price: z.number().min(0).max(10),
  kind: z.enum(['a', 'b']),
  tag: z.literal('x').optional(),
  when: z.date(),
  day: z.iso.date(),
  slug: z.string().regex(/^[a-z0-9-]{3,20}$/),
  flags: z.array(z.boolean()).min(1).max(3),
  choice: z.discriminatedUnion('t', [
    z.object({ t: z.literal('n'), n: z.number() }),
    z.object({ t: z.literal('s') }),
  ]),
  extra: z.record(z.string(), z.number()).nullable(),
  count: z.number().int().default(1),
  piped: z.string().trim().pipe(z.email()),
  yes: z.stringbool(),
};
const schema = z.object(fields);

describe('zodArbitrary', () => {
  it('without hostility, produces mostly values each field accepts', () => {
    for (const [name, field] of Object.entries(fields)) {
      const values = fc.sample(zodArbitrary(field, { hostility: 0 }), { seed: 1, numRuns: 100 });
      const accepted = values.filter((v) => field.safeParse(v).success).length;
      // A pipe's input side is a plain string half of the time; everything else is nearly always valid.
      expect(accepted, name).toBeGreaterThanOrEqual(40);
    }
  });

  it('mixes hostile values and wrong types into the leaves', () => {
    const values = fc.sample(zodArbitrary(schema), { seed: 1, numRuns: 300 });
    const text = values
      .map((v) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? 'n' : x)))
      .join('\n');
    expect(text).toContain('\\u0000');
    expect(text).toContain('\\ud800');
    expect(values.some((v) => v === null || typeof v !== 'object')).toBe(true);
    expect(values.filter((v) => !schema.safeParse(v).success).length).toBeGreaterThan(100);
  });

  it('uses the pool for real ids and slugs, and is reproducible from its seed', () => {
    const arb = zodArbitrary(z.object({ workshopId: z.number().int(), slug: z.string() }), {
      pool: { numbers: [424242], strings: ['real-slug'] },
    });
    const first = fc.sample(arb, { seed: 7, numRuns: 100 });
    expect(fc.sample(arb, { seed: 7, numRuns: 100 })).toEqual(first);
    expect(first.some((v) => (v as { workshopId?: number } | null)?.workshopId === 424242)).toBe(true);
    expect(first.some((v) => (v as { slug?: string } | null)?.slug === 'real-slug')).toBe(true);
  });

  it('uses a hint only where the field accepts it', () => {
    const arb = zodArbitrary(z.object({ startTime: z.date(), currency: z.string().length(3) }), {
      hostility: 0,
      hints: { startTime: ['2030-01-01T00:00:00Z', new Date(0)], currency: ['USD', 'not a code'] },
    });
    const values = fc.sample(arb, { seed: 5, numRuns: 100 }) as Array<{
      startTime?: unknown;
      currency?: unknown;
    }>;
    expect(values.some((v) => v.startTime instanceof Date && v.startTime.getTime() === 0)).toBe(true);
    expect(values.some((v) => v.startTime === '2030-01-01T00:00:00Z' || v.currency === 'not a code')).toBe(
      false,
    );
  });

  it('follows lazy schemas only to a bounded depth', () => {
    type Tree = { children: Tree[] };
    const tree: z.ZodType<Tree> = z.lazy(() => z.object({ children: z.array(tree) }));
    expect(() => fc.sample(zodArbitrary(tree), { seed: 3, numRuns: 50 })).not.toThrow();
  });
});
