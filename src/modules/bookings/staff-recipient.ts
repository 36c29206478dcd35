import type { EmailRecipient } from './emails/email-types.ts';

/**
 * A staff member as their notices address them: by name when they teach the workshop, in the
 * session's zone, and in their own language (`users.language`, issue 18), so that a notice sent
 * to several people reaches each in theirs.
 */
export function staffRecipient(
  ctx: {
    staffTimeZone: string;
    workshop: {
      teacherEmail: string;
      teacherName: string;
      staffLanguages?: Record<string, string> | null | undefined;
    };
  },
  email: string,
): EmailRecipient {
  const { workshop } = ctx;
  return {
    name: email === workshop.teacherEmail ? workshop.teacherName : email,
    email,
    timeZone: ctx.staffTimeZone,
    language: workshop.staffLanguages?.[email],
  };
}
