import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpServer, startSmtpServer } from '../../test/support/smtp-server.ts';
import { createMailer, emailHandler } from './mailer.ts';

const FROM = 'Immersio Booking <no-reply@booking.test>';

function captureLogs() {
  const lines: string[] = [];
  return { logger: pino({ level: 'info' }, { write: (s: string) => lines.push(s) }), lines };
}

describe('mailer without SMTP_URL', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ibs-mail-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('writes a readable .eml file and logs where, never the body', async () => {
    const { logger, lines } = captureLogs();
    const mailer = createMailer({ dataDir, from: FROM, logger });
    const result = await mailer.send({
      to: 'ana@example.com',
      subject: 'Your sign-in link',
      text: 'Sign in: https://booking.test/t/SECRET-TOKEN',
      html: '<p>Sign in: <a href="https://booking.test/t/SECRET-TOKEN">link</a></p>',
      headers: { 'X-Tenant': '42' },
      attachments: [
        { filename: 'invite.ics', content: 'BEGIN:VCALENDAR\nEND:VCALENDAR', contentType: 'text/calendar' },
      ],
    });
    mailer.close();
    expect(result.file).toBeDefined();
    expect(path.dirname(result.file!)).toBe(path.join(dataDir, 'mail'));
    expect(path.basename(result.file!)).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z-[0-9a-f]{8}\.eml$/);
    const raw = await readFile(result.file!, 'utf8');
    expect(raw).not.toContain('\r\n');
    expect(raw).toMatch(/^From: Immersio Booking <no-reply@booking\.test>$/m);
    expect(raw).toMatch(/^To: ana@example\.com$/m);
    expect(raw).toMatch(/^Subject: Your sign-in link$/m);
    expect(raw).toMatch(/^X-Tenant: 42$/m);
    expect(raw).toContain(`Message-ID: ${result.messageId}`);
    expect(raw).toMatch(/^Content-Type: multipart\/mixed/m);
    expect(raw).toContain('Sign in: https://booking.test/t/SECRET-TOKEN');
    expect(raw).toMatch(/filename=invite\.ics/);
    const logged = lines.map((l) => JSON.parse(l));
    expect(logged).toEqual([
      expect.objectContaining({
        level: 30,
        to: 'ana@example.com',
        subject: 'Your sign-in link',
        file: result.file,
      }),
    ]);
    expect(lines.join('')).not.toContain('SECRET-TOKEN');
  });

  it('gives every message its own file', async () => {
    const mailer = createMailer({ dataDir, from: FROM, logger: pino({ level: 'silent' }) });
    const message = { to: 'b@example.com', subject: 'Same second', text: 'x' };
    await Promise.all([mailer.send(message), mailer.send(message), mailer.send(message)]);
    expect((await readdir(path.join(dataDir, 'mail'))).length).toBe(4);
  });

  it('keeps bidi overrides, controls and line breaks out of every subject', async () => {
    const mailer = createMailer({ dataDir, from: FROM, logger: pino({ level: 'silent' }) });
    const result = await mailer.send({
      to: 'c@example.com',
      subject: 'New booking: Eve\u202egnp.exe\u2066 for\r\nBcc: x@evil.test\u0000 Spanish',
      text: 'x',
    });
    const eml = await readFile(result.file!, 'utf8');
    const subject = /^Subject: (.*)$/m.exec(eml)![1]!;
    expect(subject).toBe('New booking: Evegnp.exe for Bcc: x@evil.test Spanish');
    expect(eml).not.toMatch(/^Bcc:/m);
  });
});

describe('mailer over SMTP', () => {
  let smtp: SmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(() => smtp.close());

  it('delivers through the SMTP server', async () => {
    const { logger, lines } = captureLogs();
    const mailer = createMailer({ smtpUrl: smtp.url, dataDir: '/nonexistent', from: FROM, logger });
    const result = await mailer.send({
      to: 'ana@example.com',
      subject: 'Booking confirmed',
      text: 'See you on Monday.\n.\nA line that starts with a dot survives.',
    });
    mailer.close();
    expect(result.file).toBeUndefined();
    expect(smtp.messages).toHaveLength(1);
    const [mail] = smtp.messages;
    expect(mail).toMatchObject({ from: 'no-reply@booking.test', to: ['ana@example.com'] });
    expect(mail!.raw).toMatch(/^Subject: Booking confirmed\r$/m);
    expect(mail!.raw).toContain(`Message-ID: ${result.messageId}`);
    expect(mail!.raw).toContain('See you on Monday.\r\n.\r\nA line that starts with a dot survives.');
    expect(JSON.parse(lines[0]!)).toMatchObject({ to: 'ana@example.com', messageId: result.messageId });
    expect(lines.join('')).not.toContain('Monday');
  });

  it('sends outbox e-mail payloads and refuses malformed ones permanently', async () => {
    const mailer = createMailer({
      smtpUrl: smtp.url,
      dataDir: '/nonexistent',
      from: FROM,
      logger: pino({ level: 'silent' }),
    });
    const handler = emailHandler(mailer);
    const before = smtp.messages.length;
    await handler({
      to: 'teacher@example.com',
      subject: 'Invoice',
      text: 'Attached.',
      attachments: [
        {
          filename: 'a.bin',
          content: Buffer.from([0, 1, 2, 255]).toString('base64'),
          contentType: 'application/octet-stream',
          encoding: 'base64',
        },
      ],
    });
    expect(smtp.messages.length).toBe(before + 1);
    const raw = smtp.messages.at(-1)!.raw;
    expect(raw).toContain('AAEC/w==');
    await expect(handler({ to: 'not an address', subject: 'x', text: 'y' })).rejects.toMatchObject({
      permanent: true,
      message: expect.stringContaining('Invalid e-mail payload'),
    });
    expect(smtp.messages.length).toBe(before + 1);
    mailer.close();
  });
});
