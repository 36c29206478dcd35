import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { z } from 'zod';
import { headerText } from './header-text.ts';
import type { Logger } from './logger.ts';

export interface MailAttachment {
  filename: string;
  content: string | Buffer;
  contentType: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
  headers?: Record<string, string>;
}

export interface Mailer {
  /** Resolves once the SMTP server accepted the message, or the .eml file is written. */
  send(message: MailMessage): Promise<{ messageId: string; file?: string }>;
  close(): void;
}

export interface MailerOptions {
  /** smtp:// or smtps:// URL; without one, messages are written to DATA_DIR/mail as .eml files. */
  smtpUrl?: string | undefined;
  dataDir: string;
  from: string;
  logger: Logger;
}

// Well under the outbox lease (60 s): a send that hangs must fail before another worker
// re-claims the message and sends it a second time. Query parameters in the URL override these.
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

export function createMailer(options: MailerOptions): Mailer {
  const { smtpUrl, from } = options;
  const logger = options.logger.child({ component: 'mailer' });
  if (smtpUrl) {
    const transport = nodemailer.createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS }, { from });
    return {
      async send(unsafe) {
        const message = withSafeSubject(unsafe);
        const info = await transport.sendMail(message);
        // Never the body: it may carry sign-in or invitation tokens.
        logger.info({ to: message.to, subject: message.subject, messageId: info.messageId }, 'mail sent');
        return { messageId: info.messageId };
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport(
    { streamTransport: true, buffer: true, newline: 'unix' },
    { from },
  );
  const dir = path.resolve(options.dataDir, 'mail');
  return {
    async send(unsafe) {
      const message = withSafeSubject(unsafe);
      const info = await transport.sendMail(message);
      await mkdir(dir, { recursive: true });
      // ':' is not allowed in Windows file names; the name still sorts by time.
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = path.join(dir, `${stamp}-${randomBytes(4).toString('hex')}.eml`);
      await writeFile(file, info.message as Buffer);
      logger.info({ to: message.to, subject: message.subject, file }, 'mail written to file (no SMTP_URL)');
      return { messageId: info.messageId, file };
    },
    close: () => transport.close(),
  };
}

/** Every subject, whoever composed it: names and titles in it come from strangers. */
function withSafeSubject<M extends { subject: string }>(message: M): M {
  return { ...message, subject: headerText(message.subject) };
}

export const EMAIL_KIND = 'email';

/** What services enqueue: `enqueue(tx, { kind: EMAIL_KIND, tenantId, payload })`. JSON, so binary attachments go as base64. */
export const emailPayloadSchema = z.object({
  to: z.string().trim().pipe(z.email()),
  subject: z.string().min(1),
  text: z.string(),
  html: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  /** The reader's language (issue 18), sent as `Content-Language`; English when absent. */
  language: z.string().trim().min(1).optional(),
  attachments: z
    .array(
      z.object({
        filename: z.string().min(1),
        content: z.string(),
        contentType: z.string().min(1),
        encoding: z.enum(['utf8', 'base64']).default('utf8'),
      }),
    )
    .optional(),
});

export type EmailPayload = z.input<typeof emailPayloadSchema>;

/** The outbox handler for kind `email`. */
export function emailHandler(mailer: Mailer): (payload: unknown) => Promise<void> {
  return async (payload) => {
    const parsed = emailPayloadSchema.safeParse(payload);
    if (!parsed.success) {
      // Retrying cannot fix a malformed payload; `permanent` makes the outbox give up at once.
      throw Object.assign(new Error(`Invalid e-mail payload: ${z.prettifyError(parsed.error)}`), {
        permanent: true,
      });
    }
    const { attachments, language, ...message } = parsed.data;
    await mailer.send({
      ...message,
      headers: { ...message.headers, 'Content-Language': language ?? 'en' },
      ...(attachments && {
        attachments: attachments.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.encoding === 'base64' ? Buffer.from(a.content, 'base64') : a.content,
        })),
      }),
    });
  };
}
