import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors.ts';
import { provisionTenant, RESERVED_TENANT_SLUGS, tenantSlugProblem } from './provisioning.ts';

describe('tenant slugs', () => {
  it('accepts ordinary slugs', () => {
    for (const slug of ['language-academy', 'a', 'escuela-sol-2', 'api-school', 'my-assets']) {
      expect(tenantSlugProblem(slug)).toBeNull();
    }
  });

  it('refuses malformed slugs', () => {
    for (const slug of ['', 'Upper', '-dash', 'dash-', 'x'.repeat(64), 'a_b', 'a/b']) {
      expect(tenantSlugProblem(slug)).toMatch(/^slug: lower-case letters/);
    }
  });

  it("refuses the first path segment of the service's own routes and other reserved names", () => {
    for (const slug of [
      'api',
      'assets',
      'uploads',
      'bookings',
      'invite',
      'health',
      'oauth',
      'www',
      'admin',
    ]) {
      expect(RESERVED_TENANT_SLUGS.has(slug)).toBe(true);
      expect(tenantSlugProblem(slug)).toBe(
        `slug: "${slug}" is reserved for the service's own pages, choose another`,
      );
    }
  });

  it('provisionTenant throws VALIDATION_ERROR before touching the database', async () => {
    const db = new Proxy(
      {},
      {
        get() {
          throw new Error('the database must not be used');
        },
      },
    ) as Parameters<typeof provisionTenant>[0];
    const owner = { email: 'owner@example.test', name: 'Owner', password: 'owner-password-123' };
    const attempt = provisionTenant(db, { name: 'Uploads', slug: 'uploads', plan: 'lite', owner });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: 'VALIDATION_ERROR', status: 400 });
  });
});
