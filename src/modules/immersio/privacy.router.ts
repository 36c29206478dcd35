import { router } from '../../trpc/init.ts';
import { eraseStudent } from './procedures/erase-student.ts';
import { exportStudent } from './procedures/export-student.ts';

// immersio.privacy.* (beyond the spec; docs/privacy.md): a student's export and erasure.
export const privacyRouter = router({ exportStudent, eraseStudent });
