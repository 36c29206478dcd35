/** A rendered public answer: the JSON bytes and their validator, shared by every request. */
export interface Rendered {
  tenantId: number;
  /** UTF-8 JSON, encoded once rather than on every response. */
  body: Buffer;
  etag: string;
  /** The validated answer itself, for the server-rendered pages (src/modules/web). */
  view: unknown;
  /** When the answer goes stale by itself (a session starts, or the safety TTL runs out). */
  expiresAt: number;
}

interface Entry {
  /** Known once rendered; an entry still rendering is dropped by any invalidation. */
  tenantId: number | undefined;
  expiresAt: number;
  value: Promise<Rendered>;
}

/**
 * Rendered public answers by key. Concurrent misses for one key share one render, failures
 * (404s) are not kept, and a tenant's entries are dropped when the cache bus says its catalogue
 * or landing page changed.
 */
export class RenderCache {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private readonly maxEntries: number;

  constructor(options: { now: () => number; maxEntries?: number }) {
    this.now = options.now;
    this.maxEntries = options.maxEntries ?? 5_000;
  }

  get(key: string, render: () => Promise<Rendered>): Promise<Rendered> {
    const hit = this.entries.get(key);
    if (hit && (hit.tenantId === undefined || hit.expiresAt > this.now())) return hit.value;
    const entry: Entry = {
      tenantId: undefined,
      expiresAt: Number.POSITIVE_INFINITY,
      value: Promise.resolve(null!),
    };
    entry.value = render().then(
      (rendered) => {
        entry.tenantId = rendered.tenantId;
        entry.expiresAt = rendered.expiresAt;
        return rendered;
      },
      (error: unknown) => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
        throw error;
      },
    );
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, entry);
    return entry.value;
  }

  invalidateTenant(tenantId: number): void {
    for (const [key, entry] of this.entries) {
      if (entry.tenantId === undefined || entry.tenantId === tenantId) this.entries.delete(key);
    }
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
