import type { AppError } from '../../lib/errors.ts';
import { escapeHtml } from '../../lib/html.ts';
import type { Translator } from '../../lib/i18n/translator.ts';
import type { PublicWorkshop } from '../public/public.schemas.ts';
import { slotTime, timeZoneOptions } from './booking-site.ts';

// The workshop page's "join the waitlist" form, under the booking form, for the fully booked
// sessions of a workshop whose waitlist is on. It posts to the page with `intent=waitlist` (the
// same fields as a booking), and the student lands on their waitlist page.

type FieldName = 'startTime' | 'name' | 'email' | 'timeZone';
type FieldErrors = Partial<Record<FieldName, string>>;

/** What the form needs of the workshop page's input (workshop-render.ts). */
export interface WaitlistFormInput {
  view: Pick<PublicWorkshop, 'schedule' | 'waitlistEnabled'>;
  picker?: unknown;
  /** The form sent was this one: `form`, `errors` and `problem` are its. */
  waitlisting?: boolean | undefined;
  form: Record<FieldName, string>;
  errors: FieldErrors;
  /** A refusal in words for the visitor (trusted HTML). */
  problem?: string | undefined;
  zone: string;
  pagePath: string;
  tr: Translator;
  /** The page's language: the form posts back in it (`?lang=` unless the school's default). */
  language: { locale: string; schoolDefault: string };
}

export const WAITLIST_CSS =
  '.waitlist{margin-top:2rem;padding-top:1.5rem;border-top:1px solid var(--line)}.waitlist h3{margin:0 0 .5rem}';

/** Whether the submitted form was the waitlist's (its errors and values are shown there). */
export function isWaitlistIntent(body: unknown): boolean {
  return !!body && typeof body === 'object' && (body as Record<string, unknown>).intent === 'waitlist';
}

/** Whether the page offers the waitlist: a fixed schedule with fully booked sessions, waitlist on. */
export function offersWaitlist(input: Pick<WaitlistFormInput, 'view' | 'picker'>): boolean {
  return (
    input.view.waitlistEnabled && !input.picker && input.view.schedule.some((s) => s.availableSeats <= 0)
  );
}

export function renderWaitlistForm(input: WaitlistFormInput): string {
  if (!offersWaitlist(input)) return '';
  const { tr } = input;
  const full = input.view.schedule.filter((session) => session.availableSeats <= 0);
  const mine = input.waitlisting === true;
  const form = mine ? input.form : { startTime: '', name: '', email: '', timeZone: input.form.timeZone };
  const errors: FieldErrors = mine ? input.errors : {};
  const error = (field: FieldName) =>
    errors[field] ? `<p class="field-error" id="wl-${field}-error">${escapeHtml(errors[field]!)}</p>` : '';
  const described = (field: FieldName) =>
    errors[field] ? ` aria-describedby="wl-${field}-error" aria-invalid="true"` : '';
  const sessions = full
    .map((session, index) => {
      const checked = form.startTime === session.startTime ? ' checked' : '';
      const when = slotTime(new Date(session.startTime), new Date(session.endTime), input.zone, true, tr);
      return `<li><label class="slot"><input type="radio" id="wl-slot-${index}" name="startTime" value="${escapeHtml(session.startTime)}" required${checked}><span class="slot-text">${when}<span class="slot-seats">${tr.html('waitlistForm.joinLine')}</span></span></label></li>`;
    })
    .join('');
  return `<section class="waitlist" id="waitlist" aria-labelledby="waitlist-title">
<h3 id="waitlist-title">${tr.html('waitlistForm.title')}</h3>
<p class="small muted">${tr.html('waitlistForm.intro')}</p>
${mine && input.problem ? `<div class="alert alert-error" role="alert" tabindex="-1" data-autofocus><p>${input.problem}</p></div>` : ''}
<form class="booking-form" method="post" action="${escapeHtml(postPath(input))}">
<input type="hidden" name="intent" value="waitlist">
<fieldset${errors.startTime ? ' aria-describedby="wl-startTime-error"' : ''}><legend>${tr.html('waitlistForm.session')}</legend><ul class="slots">${sessions}</ul>${error('startTime')}</fieldset>
<div class="field"><label for="wl-name">${tr.html('booking.name')}</label><input type="text" id="wl-name" name="name" value="${escapeHtml(form.name)}" autocomplete="name" maxlength="200" required${described('name')}>${error('name')}</div>
<div class="field"><label for="wl-email">${tr.html('booking.email')}</label><input type="email" id="wl-email" name="email" value="${escapeHtml(form.email)}" autocomplete="email" maxlength="254" required${described('email')}>${error('email')}</div>
<div class="field"><label for="wl-timeZone">${tr.html('booking.timeZone')}</label><select id="wl-timeZone" name="timeZone" required data-detect-zone${described('timeZone')}>${timeZoneOptions(form.timeZone)}</select>${error('timeZone')}</div>
<button class="btn btn-block btn-secondary" type="submit">${tr.html('waitlistForm.submit')}</button>
</form></section>`;
}

function postPath(input: Pick<WaitlistFormInput, 'pagePath' | 'language'>): string {
  const { locale, schoolDefault } = input.language;
  return `${input.pagePath}${locale === schoolDefault ? '' : `?lang=${encodeURIComponent(locale)}`}#waitlist`;
}

/** The waitlist service's CONFLICT messages (join-waitlist.ts), as the page says them. */
const CONFLICTS = [
  { pattern: /already has a seat/, key: 'refusal.waitlist.alreadyBooked' },
  { pattern: /already on the waitlist/, key: 'refusal.waitlist.alreadyWaiting' },
  { pattern: /free seats/, key: 'refusal.waitlist.freeSeats' },
  { pattern: /no waitlist/, key: 'refusal.waitlist.none' },
  { pattern: /booked by time/, key: 'refusal.waitlist.byTime' },
] as const;

/** The waitlist's refusals in words for the visitor (HTML), or undefined if not theirs to fix. */
export function waitlistRefusal(
  error: AppError,
  context: { school: string; email: string; tr: Translator },
): { status: number; message: string } | undefined {
  const { school, email, tr } = context;
  switch (error.code) {
    case 'CONFLICT': {
      const key = CONFLICTS.find((c) => c.pattern.test(error.message))?.key ?? 'refusal.waitlist.conflict';
      return { status: 409, message: tr.html(key, { email }) };
    }
    case 'BOOKING_CLOSED':
      return { status: 409, message: tr.html('refusal.waitlist.closed') };
    case 'NOT_FOUND':
      return { status: 409, message: tr.html('refusal.waitlist.gone') };
    case 'WHITELIST_DENIED':
      return { status: 403, message: tr.html('refusal.waitlist.whitelist', { school }) };
    case 'STRIPE_NOT_CONFIGURED':
      return { status: 400, message: tr.html('refusal.noPaymentsShort', { school }) };
    case 'VALIDATION_ERROR':
      return { status: 400, message: tr.html('refusal.checkForm') };
    default:
      return undefined;
  }
}
