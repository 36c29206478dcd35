import { EMAIL_KIND, type EmailPayload, emailPayloadSchema } from '../../lib/mailer.ts';
import { defineJob } from './job-definition.ts';

/** An e-mail composed when it was enqueued, sent as it is (`send` is the mailer's `emailHandler`). */
export const emailJob = defineJob({
  kind: EMAIL_KIND,
  payload: emailPayloadSchema,
  handle: (payload, _ctx, send: (email: EmailPayload) => Promise<void>) => send(payload),
});
