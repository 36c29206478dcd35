import type { Translator } from '../../../lib/i18n/translator.ts';
import type { EmailPayload } from '../../../lib/mailer.ts';
import { singleLine } from '../../../lib/single-line.ts';
import { safeTimeZone } from '../emails/email-format.ts';
import { button, emailLayout, MUTED, para } from '../emails/email-html.ts';
import { greetingIn, labelled, readerTranslator } from '../emails/email-language.ts';
import { address, subject } from '../emails/email-sanitize.ts';

// The waitlist's e-mails to the student: on the list (with the link to see their place), and a
// seat offered (claim it by a deadline). Rendered when written: they say what was true then.

export interface WaitlistEmailInput {
  tenantName: string;
  title: string;
  startTime: Date;
  endTime: Date;
  /** `language`: the one the student joined in (`waitlist_entries.language`, issue 18). */
  attendee: { name: string; email: string; timeZone: string; language?: string | null | undefined };
  manageUrl: string;
}

function when(tr: Translator, input: WaitlistEmailInput): string {
  return tr.range(input.startTime, input.endTime, safeTimeZone(input.attendee.timeZone));
}

/** Greeting, the lines, a button (the bare link in text, after the lines), the school's name. */
function waitlistEmail(
  tr: Translator,
  input: WaitlistEmailInput,
  parts: { heading: string; subject: string; lines: string[]; button: string; textLink: string[] },
): EmailPayload {
  const school = singleLine(input.tenantName);
  const greeting = greetingIn(tr, input.attendee.name);
  const text = [greeting, '', ...parts.lines, ...parts.textLink, '', school].join('\n');
  const html = emailLayout(
    parts.heading,
    [
      para(greeting),
      ...parts.lines.map((line) => para(line)),
      button(input.manageUrl, parts.button),
      para(school, MUTED),
    ].join(''),
    tr.locale,
  );
  return {
    to: address(input.attendee.email),
    subject: subject(parts.subject),
    text,
    html,
    language: tr.locale,
  };
}

export function waitlistJoinedEmail(input: WaitlistEmailInput & { place: number }): EmailPayload {
  const tr = readerTranslator(input.attendee.language);
  const title = singleLine(input.title);
  return waitlistEmail(tr, input, {
    heading: tr.t('email.waitlist.joined.heading', { title }),
    subject: tr.t('email.waitlist.joined.subject', { title }),
    lines: [
      tr.t('email.waitlist.joined.place', { title, when: when(tr, input), place: input.place }),
      tr.t('email.waitlist.joined.howItWorks'),
      tr.t('email.waitlist.joined.manage'),
    ],
    button: tr.t('email.waitlist.joined.button'),
    textLink: [input.manageUrl],
  });
}

export function seatOfferedEmail(
  input: WaitlistEmailInput & { expiresAt: Date; price: { amount: number; currency: string } | null },
): EmailPayload {
  const tr = readerTranslator(input.attendee.language);
  const title = singleLine(input.title);
  const deadline = tr.dateTime(input.expiresAt, safeTimeZone(input.attendee.timeZone));
  const claim = tr.t('email.waitlist.offer.claim');
  return waitlistEmail(tr, input, {
    heading: tr.t('email.waitlist.offer.heading'),
    subject: tr.t('email.waitlist.offer.subject', { title, deadline }),
    lines: [
      tr.t('email.waitlist.offer.held', { title, when: when(tr, input), deadline }),
      input.price
        ? tr.t('email.waitlist.offer.pay', { price: tr.money(input.price.amount, input.price.currency) })
        : tr.t('email.waitlist.offer.free'),
      tr.t('email.waitlist.offer.expiry'),
    ],
    button: claim,
    textLink: ['', labelled(claim, input.manageUrl)],
  });
}

/**
 * Staff moved the session a student waits for (move-session.ts): the new time, in `zone` (the
 * student's when known, else the session's), their place kept, and the link to leave the line.
 */
export function waitlistSessionMovedEmail(
  input: WaitlistEmailInput & {
    previous: { startTime: Date; endTime: Date };
    zone: string;
    reason: string | null;
  },
): EmailPayload {
  const tr = readerTranslator(input.attendee.language);
  const title = singleLine(input.title);
  const school = singleLine(input.tenantName);
  const zone = safeTimeZone(input.zone);
  const moved = tr.t('email.waitlist.moved.moved', {
    school,
    title,
    when: tr.range(input.startTime, input.endTime, zone),
    previous: tr.range(input.previous.startTime, input.previous.endTime, zone),
  });
  const note = input.reason ? ` ${tr.t('email.theirNote', { note: singleLine(input.reason) })}` : '';
  return waitlistEmail(tr, input, {
    heading: tr.t('email.waitlist.moved.heading', { title }),
    subject: tr.t('email.waitlist.moved.subject', { title }),
    lines: [`${moved}${note}`, tr.t('email.waitlist.moved.keep'), tr.t('email.waitlist.moved.leave')],
    button: tr.t('email.waitlist.moved.button'),
    textLink: [input.manageUrl],
  });
}
