/**
 * What an enrolment in the `remaining` sessions of a course of `total` sessions costs, and how
 * that amount is split over its sessions' bookings (each session's share is what cancelling it
 * refunds).
 *
 * - No course price: the sum of the sessions' prices, each session its own price.
 * - A course price: pro-rated by sessions left, `round(coursePrice × remaining / total)` in
 *   whole cents, half a cent rounding up; the full price when every session is still to come.
 *   The amount is spread evenly, the cents that do not divide going one each to the earliest
 *   sessions (so the shares always add up to the amount).
 *
 * `total` is the course's scheduled sessions when the student enrols, started or not (cancelled
 * ones are not part of the course): a session added later raises it for later joiners.
 */
export function enrolmentPrice(input: {
  sessionPriceCents: number;
  coursePriceCents: number | null;
  remaining: number;
  total: number;
}): { amountCents: number; shares: number[] } {
  const { remaining, total } = input;
  if (!Number.isInteger(remaining) || remaining < 1 || total < remaining) {
    throw new RangeError(`An enrolment needs 1 ≤ remaining (${remaining}) ≤ total (${total})`);
  }
  if (input.coursePriceCents === null) {
    return {
      amountCents: input.sessionPriceCents * remaining,
      shares: Array.from({ length: remaining }, () => input.sessionPriceCents),
    };
  }
  // Integers all the way: price ≤ 10^8 and sessions ≤ a few hundred stay far below 2^53.
  const amountCents = Math.floor((2 * input.coursePriceCents * remaining + total) / (2 * total));
  const base = Math.floor(amountCents / remaining);
  const extra = amountCents - base * remaining;
  return {
    amountCents,
    shares: Array.from({ length: remaining }, (_, i) => base + (i < extra ? 1 : 0)),
  };
}
