// Numbers of the waitlist that the seat statement and the waitlist both use (no imports, so
// seats.repo.ts and the waitlist's repo can share them without a cycle).

/**
 * Automatic offers stop this long before a session starts, and a waiting line stops holding back
 * freed seats then: whoever books first gets them. An offer never runs past this point.
 */
export const OFFER_CUTOFF_MS = 3_600_000;
