import { describe, expect, it } from 'vitest';
import { seal, unseal } from './sealed.ts';

const secret = 'a'.repeat(40);

describe('sealed secrets', () => {
  it('round-trips, with a fresh IV each time', () => {
    const a = seal(secret, 'api-key', 'imm_live_123');
    const b = seal(secret, 'api-key', 'imm_live_123');
    expect(a).not.toBe(b);
    expect(a).not.toContain('imm_live_123');
    expect(unseal(secret, 'api-key', a)).toBe('imm_live_123');
  });

  it('refuses another purpose, another secret and any tampering', () => {
    const sealed = seal(secret, 'api-key', 'imm_live_123');
    expect(() => unseal(secret, 'webhook-secret', sealed)).toThrow();
    expect(() => unseal('b'.repeat(40), 'api-key', sealed)).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('imm_live_124').toString('base64url');
    expect(() => unseal(secret, 'api-key', parts.join('.'))).toThrow();
    expect(() => unseal(secret, 'api-key', 'garbage')).toThrow();
  });
});
