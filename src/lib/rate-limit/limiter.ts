import {
  type RateLimitDecision,
  type RateLimitRule,
  type RateLimitStore,
  unlimitedDecision,
} from './types.ts';

/** The API spec's limits. Keys are the callers' business: IP, user id, tenant id, IP+email. */
export const DEFAULT_RULES = {
  public: { name: 'public', limit: 100, windowMs: 60_000 },
  authenticated: { name: 'authenticated', limit: 1000, windowMs: 60_000 },
  webhook: { name: 'webhook', limit: 500, windowMs: 60_000 },
  upload: { name: 'upload', limit: 10, windowMs: 60_000 },
  sync: { name: 'sync', limit: 5, windowMs: 3_600_000 },
  signIn: { name: 'signIn', limit: 10, windowMs: 60_000 },
  // Beyond the spec. A new school per IP is rare: an hour's budget stops scripted sign-ups
  // without getting in the way of a school's office behind one address.
  signUp: { name: 'signUp', limit: 20, windowMs: 3_600_000 },
  // Reset e-mails per address (not per IP), so nobody can flood someone's inbox.
  passwordReset: { name: 'passwordReset', limit: 5, windowMs: 3_600_000 },
} as const satisfies Record<string, RateLimitRule>;

export type RuleName = keyof typeof DEFAULT_RULES;

export interface RateLimitEnv {
  RATE_LIMIT_PUBLIC?: number;
  RATE_LIMIT_AUTHENTICATED?: number;
  RATE_LIMIT_WEBHOOK?: number;
  RATE_LIMIT_UPLOAD?: number;
  RATE_LIMIT_SYNC?: number;
  RATE_LIMIT_SIGN_IN?: number;
  RATE_LIMIT_SIGN_UP?: number;
  RATE_LIMIT_PASSWORD_RESET?: number;
}

/** DEFAULT_RULES with the limits from the environment; the windows are the spec's. */
export function rulesFromEnv(env: RateLimitEnv): Record<RuleName, RateLimitRule> {
  const limits: Record<RuleName, number | undefined> = {
    public: env.RATE_LIMIT_PUBLIC,
    authenticated: env.RATE_LIMIT_AUTHENTICATED,
    webhook: env.RATE_LIMIT_WEBHOOK,
    upload: env.RATE_LIMIT_UPLOAD,
    sync: env.RATE_LIMIT_SYNC,
    signIn: env.RATE_LIMIT_SIGN_IN,
    signUp: env.RATE_LIMIT_SIGN_UP,
    passwordReset: env.RATE_LIMIT_PASSWORD_RESET,
  };
  const rules = {} as Record<RuleName, RateLimitRule>;
  for (const name of Object.keys(DEFAULT_RULES) as RuleName[]) {
    rules[name] = { ...DEFAULT_RULES[name], limit: limits[name] ?? DEFAULT_RULES[name].limit };
  }
  return rules;
}

export interface RateLimiter {
  check(ruleName: string, key: string): Promise<RateLimitDecision>;
}

export interface RateLimiterOptions {
  store: RateLimitStore;
  rules: Record<string, RateLimitRule>;
  /** false (RATE_LIMITS=off, for benchmarks) admits everything without touching the store. */
  enabled: boolean;
}

export function createRateLimiter({ store, rules, enabled }: RateLimiterOptions): RateLimiter {
  // Checked at start-up: a zero limit or a ':' in a name would otherwise surface as
  // refused requests or colliding counters long after deployment.
  for (const [name, rule] of Object.entries(rules)) {
    if (!/^[\w.-]+$/.test(rule.name))
      throw new Error(`rate limit ${name}: invalid name ${JSON.stringify(rule.name)}`);
    if (!Number.isSafeInteger(rule.limit) || rule.limit < 1)
      throw new Error(`rate limit ${name}: limit must be a positive integer`);
    if (!Number.isSafeInteger(rule.windowMs) || rule.windowMs < 1)
      throw new Error(`rate limit ${name}: windowMs must be a positive integer`);
  }
  return {
    async check(ruleName, key) {
      const rule = Object.hasOwn(rules, ruleName) ? rules[ruleName] : undefined;
      if (!rule) throw new Error(`unknown rate limit rule: ${ruleName}`);
      return enabled ? store.hit(key, rule) : unlimitedDecision(rule);
    },
  };
}
