import { describe, expect, it } from 'vitest';
import { resolveSite } from './site.ts';

describe('resolveSite', () => {
  const path = { BOOKING_DOMAIN: undefined };
  const hosted = { BOOKING_DOMAIN: 'booking.example.com' };

  it('reads the tenant from the first path segment on the main host', () => {
    expect(resolveSite(path, 'localhost:3000', '/language-academy')).toEqual({
      tenantSlug: 'language-academy',
      rest: [],
      onTenantHost: false,
    });
    expect(resolveSite(path, 'localhost', '/Language-Academy/john-doe/english?x=1')?.rest).toEqual([
      'john-doe',
      'english',
    ]);
    expect(resolveSite(path, 'localhost', '/')).toBeNull();
  });

  it('reads the tenant from the host under BOOKING_DOMAIN, ignoring the port', () => {
    expect(resolveSite(hosted, 'school.booking.example.com:443', '/john-doe/english')).toEqual({
      tenantSlug: 'school',
      rest: ['john-doe', 'english'],
      onTenantHost: true,
    });
    expect(resolveSite(hosted, 'school.booking.example.com', '/')?.rest).toEqual([]);
    // Not a single label under the domain, or another domain: the path form.
    expect(resolveSite(hosted, 'a.b.booking.example.com', '/x')?.onTenantHost).toBe(false);
    expect(resolveSite(hosted, 'evilbooking.example.com', '/x')?.tenantSlug).toBe('x');
  });

  it('refuses segments that cannot be slugs', () => {
    expect(resolveSite(path, 'localhost', '/a/%E0%A4%A/b')).toBeNull();
    expect(resolveSite(path, 'localhost', '/a/<script>')).toBeNull();
    expect(resolveSite(path, 'localhost', '/.env')).toBeNull();
  });
});
