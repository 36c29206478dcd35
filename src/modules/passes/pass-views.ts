import type { PassEntry, StudentPassListRow } from './student-passes.repo.ts';

// How a bought pass is shown: to its student (the manage link) and to staff.

/** pending: waiting for its payment; unpaid: its checkout ended unpaid; expired: past its date. */
export type PassState = 'pending' | 'active' | 'expired' | 'unpaid';

export function passState(pass: Pick<StudentPassListRow, 'status' | 'expiresAt'>, now: Date): PassState {
  if (pass.status !== 'active') return pass.status;
  return pass.expiresAt !== null && pass.expiresAt <= now ? 'expired' : 'active';
}

/** A ledger row as the student sees it: no booking ids, no staff names. */
export function studentHistoryEntry(entry: PassEntry) {
  return {
    at: entry.createdAt,
    kind: entry.kind,
    change: entry.delta,
    balance: entry.balanceAfter,
    reason: entry.kind === 'adjustment' ? entry.reason : null,
    booking: entry.booking && { title: entry.booking.title, startTime: entry.booking.startTime },
  };
}

/** A bought pass as staff list it. */
export function staffPassView(pass: StudentPassListRow, now: Date) {
  return {
    id: pass.id,
    uid: pass.uid,
    passId: pass.passId,
    name: pass.name,
    state: passState(pass, now),
    classes: pass.classes,
    creditsRemaining: pass.creditsRemaining,
    expiresAt: pass.expiresAt,
    buyer: { name: pass.buyerName, email: pass.buyerEmail },
    immersioStudentId: pass.immersioStudentId,
    amount: pass.amountCents,
    currency: pass.currency,
    paidAt: pass.paidAt,
    createdAt: pass.createdAt,
  };
}
