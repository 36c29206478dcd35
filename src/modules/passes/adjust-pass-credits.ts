import { AppError } from '../../lib/errors.ts';
import { classCount } from './pass-emails.ts';
import { staffPassView } from './pass-views.ts';
import type { PassesDeps } from './passes-deps.ts';
import { adjustStudentPassCredits, findStudentPass, passEntries } from './student-passes.repo.ts';

/**
 * Staff grant credits to a student's pass or take some away, with a reason the student sees in
 * its history (immersio.pass.adjustCredits, OWNER/ADMIN). The balance never goes below zero: the
 * conditional update decides, so an adjustment racing a booking for the last credit is refused
 * (409 CONFLICT) rather than overdrawing. An expired pass may be corrected too, though its credits
 * can no longer be used.
 */
export async function adjustPassCredits(
  deps: Pick<PassesDeps, 'db' | 'now'>,
  command: { tenantId: number; actorId: number; studentPassId: number; delta: number; reason: string },
) {
  const now = deps.now();
  const { tenantId } = command;
  const outcome = await deps.db.transaction(async (tx) => {
    const adjusted = await adjustStudentPassCredits(tx, {
      tenantId,
      id: command.studentPassId,
      delta: command.delta,
      reason: command.reason,
      actorUserId: command.actorId,
      now,
    });
    const pass = await findStudentPass(tx, tenantId, command.studentPassId);
    if (!pass) throw new AppError('NOT_FOUND', 'Pass not found');
    if (!adjusted) {
      if (pass.status !== 'active') {
        throw new AppError('CONFLICT', 'This pass has not been paid for: its credits cannot change');
      }
      throw new AppError(
        'CONFLICT',
        `This pass has ${classCount(pass.creditsRemaining)} left: it cannot lose ${classCount(-command.delta)}`,
      );
    }
    return { pass, entryId: adjusted.entryId };
  });
  const history = await passEntries(deps.db, tenantId, outcome.pass.id);
  return {
    pass: staffPassView(outcome.pass, now),
    entry: history.find((e) => e.id === outcome.entryId)!,
  };
}
