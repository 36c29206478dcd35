import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { safeParseSyncFirst } from './parse-sync-first.ts';

describe('safeParseSyncFirst', () => {
  it('parses a plain schema synchronously, with the same result as safeParse', async () => {
    const schema = z.object({ id: z.number(), at: z.date() }).strict();
    const at = new Date();
    expect(await safeParseSyncFirst(schema, { id: 1, at })).toEqual({ success: true, data: { id: 1, at } });
    const refused = await safeParseSyncFirst(schema, { id: 'x', at, extra: 1 });
    expect(refused.success).toBe(false);
  });

  it('falls back to the async parse for a schema with an async refinement, and remembers it', async () => {
    let checks = 0;
    const schema = z.string().refine(async (value) => {
      checks += 1;
      return value.length > 2;
    });
    expect(await safeParseSyncFirst(schema, 'long')).toMatchObject({ success: true, data: 'long' });
    const afterFirst = checks;
    expect(await safeParseSyncFirst(schema, 'no')).toMatchObject({ success: false });
    // From the second parse on, the refinement runs exactly once per parse.
    expect(checks).toBe(afterFirst + 1);
  });
});

describe('safeParseSyncFirst with an async transform inside a pipe', () => {
  it('answers as the async parse does', async () => {
    const schema = z
      .object({ file: z.unknown().transform(async (value) => String(value).length) })
      .pipe(z.object({ file: z.number() }))
      .transform(({ file }) => ({ size: file }));
    expect(await safeParseSyncFirst(schema, { file: 'abcd' })).toEqual({ success: true, data: { size: 4 } });
    expect(await safeParseSyncFirst(schema, { file: 'ab' })).toEqual({ success: true, data: { size: 2 } });
  });
});
