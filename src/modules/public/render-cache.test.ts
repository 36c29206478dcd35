import { describe, expect, it } from 'vitest';
import { RenderCache, type Rendered } from './render-cache.ts';

const rendered = (tenantId: number, expiresAt = Number.POSITIVE_INFINITY): Rendered => ({
  tenantId,
  body: Buffer.from(`{"t":${tenantId}}`),
  view: { t: tenantId },
  etag: `"${tenantId}"`,
  expiresAt,
});

describe('RenderCache', () => {
  it('concurrent misses share one render; hits do not render again', async () => {
    const cache = new RenderCache({ now: () => 0 });
    let renders = 0;
    const render = async () => {
      renders += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return rendered(1);
    };
    const [a, b] = await Promise.all([cache.get('k', render), cache.get('k', render)]);
    expect(a).toBe(b);
    await cache.get('k', render);
    expect(renders).toBe(1);
  });

  it('failures are not kept', async () => {
    const cache = new RenderCache({ now: () => 0 });
    await expect(cache.get('k', () => Promise.reject(new Error('404')))).rejects.toThrow('404');
    expect(cache.size).toBe(0);
    expect((await cache.get('k', async () => rendered(1))).tenantId).toBe(1);
  });

  it('an entry expires at its own time', async () => {
    let now = 0;
    const cache = new RenderCache({ now: () => now });
    await cache.get('k', async () => rendered(1, 100));
    now = 99;
    expect((await cache.get('k', async () => rendered(2))).tenantId).toBe(1);
    now = 100;
    expect((await cache.get('k', async () => rendered(2))).tenantId).toBe(2);
  });

  it("invalidating a tenant drops its entries and any still rendering, not other tenants'", async () => {
    const cache = new RenderCache({ now: () => 0 });
    await cache.get('a', async () => rendered(1));
    await cache.get('b', async () => rendered(2));
    let finish: (value: Rendered) => void = () => {};
    const pending = cache.get('c', () => new Promise<Rendered>((resolve) => (finish = resolve)));
    cache.invalidateTenant(1);
    expect(cache.size).toBe(1);
    finish(rendered(3));
    await pending;
    // The render that was in flight during the invalidation is not served afterwards.
    expect((await cache.get('c', async () => rendered(4))).tenantId).toBe(4);
    expect((await cache.get('b', async () => rendered(5))).tenantId).toBe(2);
  });

  it('keeps at most maxEntries, dropping the oldest', async () => {
    const cache = new RenderCache({ now: () => 0, maxEntries: 2 });
    for (const key of ['a', 'b', 'c']) await cache.get(key, async () => rendered(1));
    expect(cache.size).toBe(2);
    expect((await cache.get('a', async () => rendered(9))).tenantId).toBe(9);
  });
});
