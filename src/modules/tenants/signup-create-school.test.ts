import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors.ts';
import { asFieldError } from './signup-create-school.ts';

// Which field a lost race lands on. On PGlite the transactions run one after another and the
// in-transaction checks answer; on PostgreSQL the unique constraints do, wrapped by Drizzle.
const violation = (constraint: string) =>
  Object.assign(new Error('Failed query'), { cause: { code: '23505', constraint } });

describe('asFieldError', () => {
  it('maps the slug and e-mail unique constraints to their fields', () => {
    expect(asFieldError(violation('tenants_slug_unique'))).toMatchObject({
      code: 'CONFLICT',
      issues: [{ path: 'slug' }],
    });
    expect(asFieldError(violation('users_email_lower_uq'))).toMatchObject({
      code: 'CONFLICT',
      issues: [{ path: 'email' }],
    });
  });

  it("maps provisioning's own answers: slug taken, and an account whose password does not match", () => {
    expect(asFieldError(new AppError('CONFLICT', 'A tenant with slug x already exists'))).toMatchObject({
      issues: [{ path: 'slug' }],
    });
    expect(asFieldError(new AppError('UNAUTHORIZED'))).toMatchObject({
      code: 'CONFLICT',
      issues: [{ path: 'email' }],
    });
  });

  it('leaves anything else alone', () => {
    const other = violation('memberships_tenant_user_uq');
    expect(asFieldError(other)).toBe(other);
    const plain = new Error('connection lost');
    expect(asFieldError(plain)).toBe(plain);
  });
});
