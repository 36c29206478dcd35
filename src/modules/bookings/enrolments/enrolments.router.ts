import { router } from '../../../trpc/init.ts';
import { cancelEnrolment } from './procedures/cancel-enrolment.ts';
import { listEnrolments } from './procedures/list-enrolments.ts';

/** `immersio.enrolment.*`: whole-course enrolments for staff. */
export const enrolmentRouter = router({
  list: listEnrolments,
  cancel: cancelEnrolment,
});
