import { z } from 'zod';

// What the public class-pass API answers, for the OpenAPI document and its drift test.

const tenantRef = z.strictObject({ name: z.string(), slug: z.string() });
const buyer = z.strictObject({ name: z.string(), email: z.string() });

export const passesOnSaleResponse = z.strictObject({
  tenant: tenantRef,
  onSale: z.boolean(),
  passes: z.array(
    z.looseObject({
      id: z.number(),
      name: z.string(),
      classes: z.number(),
      price: z.number(),
      currency: z.string(),
      validDays: z.number(),
    }),
  ),
});

export const passPurchaseResponse = z.looseObject({
  pass: z.looseObject({ uid: z.string(), status: z.string(), name: z.string(), buyer }),
  checkoutUrl: z.string(),
  expiresAt: z.string(),
  manageUrl: z.string(),
});

export const studentPassResponse = z.looseObject({
  pass: z.looseObject({ uid: z.string(), status: z.string(), creditsRemaining: z.number(), buyer }),
  payment: z.looseObject({ amount: z.number(), currency: z.string(), status: z.string() }).nullable(),
  history: z.array(
    z.looseObject({ at: z.string(), kind: z.string(), change: z.number(), balance: z.number() }),
  ),
  tenant: tenantRef,
});
