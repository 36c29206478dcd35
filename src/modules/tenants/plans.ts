import { AppError } from '../../lib/errors.ts';

export const PLAN_TYPES = ['lite', 'starter', 'growth', 'pro', 'enterprise'] as const;
export type PlanType = (typeof PLAN_TYPES)[number];

export const FEATURES = [
  'whitelist',
  'immersioSync',
  'customEmails',
  'customBranding',
  'platformFeeWaived',
] as const;
export type Feature = (typeof FEATURES)[number];

export interface Plan {
  type: PlanType;
  maxTeachers: number;
  maxBookingsPerMonth: number;
  maxEventTypes: number;
  /** Stripe application fee the platform keeps, in basis points of the booking price. */
  platformFeeBps: number;
  features: Record<Feature, boolean>;
}

const UNLIMITED = -1;

const features = (...enabled: Feature[]): Record<Feature, boolean> =>
  Object.fromEntries(FEATURES.map((f) => [f, enabled.includes(f)])) as Record<Feature, boolean>;

/**
 * Every plan in one place; docs/plans.md explains the choices. Growth is the spec's example.
 * -1 means unlimited.
 */
export const PLANS: Record<PlanType, Plan> = {
  lite: {
    type: 'lite',
    maxTeachers: 1,
    maxBookingsPerMonth: 30,
    maxEventTypes: 3,
    platformFeeBps: 0,
    features: features(),
  },
  starter: {
    type: 'starter',
    maxTeachers: 2,
    maxBookingsPerMonth: 100,
    maxEventTypes: 10,
    platformFeeBps: 0,
    features: features('whitelist'),
  },
  growth: {
    type: 'growth',
    maxTeachers: 5,
    maxBookingsPerMonth: 200,
    maxEventTypes: UNLIMITED,
    platformFeeBps: 0,
    features: features('whitelist', 'immersioSync', 'customEmails'),
  },
  pro: {
    type: 'pro',
    maxTeachers: 20,
    maxBookingsPerMonth: 1000,
    maxEventTypes: UNLIMITED,
    platformFeeBps: 0,
    features: features('whitelist', 'immersioSync', 'customEmails', 'customBranding'),
  },
  enterprise: {
    type: 'enterprise',
    maxTeachers: UNLIMITED,
    maxBookingsPerMonth: UNLIMITED,
    maxEventTypes: UNLIMITED,
    platformFeeBps: 0,
    features: features('whitelist', 'immersioSync', 'customEmails', 'customBranding', 'platformFeeWaived'),
  },
};

export type PlanLimit = 'maxTeachers' | 'maxBookingsPerMonth' | 'maxEventTypes';

const LIMIT_LABELS: Record<PlanLimit, string> = {
  maxTeachers: 'teachers',
  maxBookingsPerMonth: 'bookings per month',
  maxEventTypes: 'event types',
};

/** Throws 403 FORBIDDEN naming the limit and the plan when `used` already fills it. */
export function assertWithinLimit(plan: Plan, limit: PlanLimit, used: number): void {
  const max = plan[limit];
  if (max !== UNLIMITED && used >= max) {
    throw new AppError(
      'FORBIDDEN',
      `Plan limit reached: the ${plan.type} plan allows ${max} ${LIMIT_LABELS[limit]} (${limit}); upgrade the plan to add more`,
    );
  }
}

export function assertFeature(plan: Plan, feature: Feature): void {
  if (!plan.features[feature]) {
    throw new AppError('FORBIDDEN', `The ${plan.type} plan does not include the ${feature} feature`);
  }
}

/** The spec's `plan` object: features restricted to what a client needs to know. */
export function planView(type: PlanType) {
  const plan = PLANS[type];
  return {
    type: plan.type,
    maxTeachers: plan.maxTeachers,
    maxBookingsPerMonth: plan.maxBookingsPerMonth,
    maxEventTypes: plan.maxEventTypes,
    features: { ...plan.features },
  };
}
