import { DateTime } from 'luxon';
import { isAppError } from '../../lib/errors.ts';
import { escapeHtml } from '../../lib/html.ts';
import { type Translator, translator, trustedHtml } from '../../lib/i18n/translator.ts';
import { safeTimeZone } from '../bookings/emails/email-format.ts';
import type { PublicSlots } from '../public/public.schemas.ts';
import type { PublicService } from '../public/public.service.ts';
import { formatSlot } from './booking-site.ts';
import { time } from './manage-page-sections.ts';
import type { ManagedBooking } from './managed-booking.ts';

// The manage page's "Change time": the workshop's other free times (slots, or open sessions of a
// fixed schedule) for the next two weeks in the student's zone, as a plain form that posts to
// /bookings/<uid>/reschedule and comes back with a notice, so it works without JavaScript.

/** How far ahead the page offers other times. */
export const RESCHEDULE_DAYS = 14;
/** Times shown before the rest are folded away (a phone screen stays short). */
const FIRST_CHOICES = 6;

export interface RescheduleChoice {
  startTime: string;
  endTime: string;
}

export interface RescheduleOptions {
  /** The zone the times are written in: the student's. */
  zone: string;
  choices: RescheduleChoice[];
}

/** A confirmed booking the student may still cancel may also move (a hold must be paid first). */
export function canReschedule(view: ManagedBooking): boolean {
  return view.booking.status === 'accepted' && view.cancellation.allowed;
}

/**
 * The times the booking could move to, from the public catalogue's slots answer (the same rules
 * and cache as the booking page), less the booking's own time. Undefined when it cannot move, or
 * its workshop no longer takes bookings.
 */
export async function rescheduleOptions(
  catalog: Pick<PublicService, 'slots'>,
  view: ManagedBooking,
  now: Date,
): Promise<RescheduleOptions | undefined> {
  if (!canReschedule(view)) return undefined;
  const zone = safeTimeZone(view.booking.attendee.timeZone);
  const today = DateTime.fromJSDate(now, { zone });
  let answer: PublicSlots;
  try {
    const rendered = await catalog.slots(view.tenant.slug, view.workshop.slug, {
      from: today.toISODate()!,
      to: today.plus({ days: RESCHEDULE_DAYS }).toISODate()!,
      timeZone: zone,
    });
    answer = rendered.view as PublicSlots;
  } catch (error) {
    if (isAppError(error) && (error.code === 'TENANT_NOT_FOUND' || error.code === 'WORKSHOP_NOT_FOUND')) {
      return undefined;
    }
    throw error;
  }
  const current = view.booking.startTime.toISOString();
  const choices = answer.days
    .flatMap((day) => day.slots)
    .filter(
      (slot) =>
        slot.availableSeats > 0 && slot.startTime !== current && Date.parse(slot.startTime) > now.getTime(),
    )
    .map(({ startTime, endTime }) => ({ startTime, endTime }));
  return { zone, choices };
}

export const RESCHEDULE_CSS =
  '.reschedule .slot{cursor:pointer;min-height:44px;font-weight:400;margin:0}.reschedule fieldset{margin:0 0 1rem}';

/** The "Change time" card: the free times as radio buttons and a submit button. */
export function rescheduleSection(
  view: ManagedBooking,
  options: RescheduleOptions,
  form: { token: string; startTime?: string | undefined },
  tr: Translator = translator(),
): string {
  const { booking, cancellation } = view;
  const deadline = time(cancellation.deadline, tr.dateTime(cancellation.deadline, options.zone));
  const kept = view.payment?.status === 'paid' ? ` ${tr.html('reschedule.paymentKept')}` : '';
  const zone = options.zone.replace(/_/g, ' ');
  const intro = `<p>${tr.html('reschedule.intro', { deadline: trustedHtml(deadline) })}${kept} ${tr.html('reschedule.zone', { zone })}</p>`;
  const heading = `<h2>${tr.html('reschedule.heading')}</h2>`;
  if (options.choices.length === 0) {
    return `<section class="card reschedule" id="reschedule">${heading}${intro}
<p>${tr.html('reschedule.none', { days: RESCHEDULE_DAYS })}</p></section>`;
  }
  const items = options.choices.map((choice, index) => {
    const start = new Date(choice.startTime);
    const end = new Date(choice.endTime);
    const checked = form.startTime === choice.startTime ? ' checked' : '';
    return `<li><label class="slot"><input type="radio" id="move-${index}" name="startTime" value="${escapeHtml(choice.startTime)}" required${checked}><span class="slot-text">${time(start, formatSlot(start, end, options.zone, tr))}</span></label></li>`;
  });
  const first = items.slice(0, FIRST_CHOICES).join('');
  const rest = items.slice(FIRST_CHOICES);
  const chosenLater = options.choices.slice(FIRST_CHOICES).some((c) => c.startTime === form.startTime);
  const more =
    rest.length === 0
      ? ''
      : `<details class="more-slots"${chosenLater ? ' open' : ''}><summary>${tr.html('reschedule.more', { count: rest.length })}</summary><ul class="slots">${rest.join('')}</ul></details>`;
  return `<section class="card reschedule" id="reschedule">${heading}${intro}
<form method="post" action="/bookings/${escapeHtml(booking.uid)}/reschedule">
<input type="hidden" name="token" value="${escapeHtml(form.token)}">
<fieldset><legend>${tr.html('reschedule.legend')}</legend><ul class="slots">${first}</ul>${more}</fieldset>
<button class="btn" type="submit">${tr.html('reschedule.submit')}</button>
</form></section>`;
}
