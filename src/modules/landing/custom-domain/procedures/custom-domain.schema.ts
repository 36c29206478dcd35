import { z } from 'zod';
import { domainName } from '../domain-name.ts';

export const getCustomDomainInput = z.object({}).default({});
export const verifyCustomDomainInput = z.object({}).default({});
export const setCustomDomainInput = z.object({
  /** `book.myschool.edu`; null gives the domain up. */
  domain: domainName.nullable(),
});

/** `domain: null` when none is set; otherwise the claim, the record to publish and the last check. */
export const customDomainOutput = z.union([
  z.object({ domain: z.null() }),
  z.object({
    domain: z.string(),
    /** The host to point the domain at with a CNAME record. */
    cnameTarget: z.string(),
    status: z.enum(['pending', 'verified']),
    record: z.object({ type: z.literal('TXT'), name: z.string(), value: z.string() }),
    verifiedAt: z.date().nullable(),
    checkedAt: z.date().nullable(),
    checkError: z.string().nullable(),
  }),
]);
