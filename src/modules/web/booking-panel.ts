import { escapeHtml } from '../../lib/html.ts';
import { trustedHtml } from '../../lib/i18n/translator.ts';
import { renderQuestionFields } from './booking-questions-form.ts';
import { slotTime, timeZoneOptions } from './booking-site.ts';
import { type CourseOffer, courseOnlyChooser, courseOption } from './enrol-panel.ts';
import { renderDayTimes, renderSlotPicker } from './slot-picker.ts';
import { offersWaitlist } from './waitlist-form.ts';
import type { FieldErrors, FieldName, WorkshopPageInput } from './workshop-page-input.ts';

// The workshop page's booking panel: the refusal or the field errors first, the zone switch, the
// session (or slot) chooser, then the student's details, in the page's language. The school's
// name and the student's own values are the only text not from the catalogue.

/** Sessions listed before the "more dates" disclosure. */
const FIRST_SLOTS = 8;
/** "Only 3 seats left" from here down. */
const FEW_SEATS = 3;

const FIELD_ORDER: FieldName[] = ['startTime', 'name', 'email', 'timeZone'];

/** The page's own address with its language kept (`?lang=` unless the school's default), for forms. */
export function formAction(input: Pick<WorkshopPageInput, 'pagePath' | 'language'>, hash: string): string {
  const { locale, schoolDefault } = input.language;
  const query = locale === schoolDefault ? '' : `?lang=${encodeURIComponent(locale)}`;
  return `${input.pagePath}${query}#${hash}`;
}

export function bookingPanel(input: WorkshopPageInput, offer?: CourseOffer): string {
  const { view, facts, form, errors, tr } = input;
  const school = facts.brand.name;
  const paid = view.price > 0;
  const parts: string[] = [`<h2 id="book-title">${tr.html('booking.title')}</h2>`];

  if (input.problem) {
    parts.push(
      `<div class="alert alert-error" role="alert" tabindex="-1" data-autofocus><p>${input.problem}</p></div>`,
    );
  }
  const listed = FIELD_ORDER.filter((field) => errors[field]);
  if (listed.length > 0) {
    parts.push(
      `<div class="alert alert-error" role="alert" tabindex="-1" data-autofocus><p><strong>${tr.html('booking.checkForm')}</strong></p><ul>${listed
        .map((field) => `<li><a href="#${fieldId(field, input)}">${escapeHtml(errors[field]!)}</a></li>`)
        .join('')}</ul></div>`,
    );
  }
  if (view.whitelistEnabled && !input.problem) {
    const key = input.ssoUrl ? 'booking.whitelist.noteSso' : 'booking.whitelist.note';
    parts.push(`<p class="alert alert-info">${tr.html(key, { school })}</p>`);
  }

  // The zone switch: a plain GET form, so it works without JavaScript (site.js also re-renders
  // the times in place when it changes). It stays on the month, day and language shown.
  const stay = [
    input.picker ? `<input type="hidden" name="month" value="${input.picker.month}">` : '',
    input.picker?.date ? `<input type="hidden" name="date" value="${input.picker.date}">` : '',
    input.language.locale === input.language.schoolDefault
      ? ''
      : `<input type="hidden" name="lang" value="${escapeHtml(input.language.locale)}">`,
  ].join('');
  parts.push(
    `<form class="tz-form" method="get" action="${escapeHtml(input.pagePath)}#book">${stay}
<div class="field"><label for="tz">${tr.html('booking.tz.label')}</label><select id="tz" name="tz" data-zone-switch${input.zoneChosen ? ' data-user-chosen="1"' : ' data-detect-zone'}>${timeZoneOptions(input.zone)}</select></div>
<button class="btn btn-secondary" type="submit">${tr.html('booking.tz.submit')}</button>
</form>`,
  );

  const describedBy = (field: FieldName, hint?: string) => {
    const ids = [hint, errors[field] ? `${field}-error` : undefined].filter(Boolean);
    const invalid = errors[field] && field !== 'startTime' ? ' aria-invalid="true"' : '';
    return `${ids.length > 0 ? ` aria-describedby="${ids.join(' ')}"` : ''}${invalid}`;
  };
  let chooser: string;
  if (input.picker) {
    parts.push(renderSlotPicker(input.picker, input.pagePath, tr, pickerLanguage(input)));
    // No free day this month: the picker says so and links to the next month that has one.
    if (!input.picker.days.some((day) => day.slots.length > 0)) return parts.join('\n');
    chooser = `<fieldset id="times"${describedBy('startTime')}>${renderDayTimes(input.picker, form.startTime, tr)}${fieldError(errors, 'startTime')}</fieldset>`;
  } else {
    if (view.schedule.length === 0) {
      const link = input.homePath
        ? trustedHtml(
            `<a href="${escapeHtml(input.homePath)}">${tr.html('booking.otherClasses', { school })}</a>`,
          )
        : undefined;
      parts.push(
        `<p>${link ? tr.html('booking.noSessionsOther', { link }) : tr.html('booking.noSessions')}</p>`,
      );
      return parts.join('\n');
    }
    const slots = slotList(input);
    if (!view.schedule.some((session) => session.availableSeats > 0)) {
      // With a waitlist, its form below lists the sessions.
      const waitlist = offersWaitlist(input);
      parts.push(
        `<p class="alert alert-info">${tr.html('booking.allFull')} ${tr.html(waitlist ? 'booking.allFullWaitlist' : 'booking.checkBack')}</p>`,
        waitlist ? '' : slots,
      );
      return parts.join('\n');
    }
    if (offer?.only && offer.full) {
      parts.push(`<p class="alert alert-info">${tr.html('booking.courseFull')}</p>`);
      return parts.join('\n');
    }
    chooser = offer?.only
      ? courseOnlyChooser(view, offer, input.zone, tr)
      : `<fieldset${describedBy('startTime')}><legend>${tr.html('booking.chooseSession')}</legend>${slots}${courseOption(offer, form.startTime, tr)}${fieldError(errors, 'startTime')}</fieldset>`;
  }

  if (input.student) {
    const name = trustedHtml(`<strong>${escapeHtml(input.student.name)}</strong>`);
    parts.push(
      `<p class="alert alert-info signed-in" role="status">${tr.html('booking.signedIn', { name, email: input.student.email })}</p>`,
    );
  } else if (input.ssoUrl) {
    parts.push(
      `<div class="sso"><a class="btn btn-secondary" data-top href="${escapeHtml(input.ssoUrl)}">${tr.html('booking.sso.button')}</a><span class="small muted">${tr.html('booking.sso.note', { school })}</span></div>`,
    );
  }

  const error = (field: FieldName) => fieldError(errors, field);
  // A course-only class is paid (or not) as a whole course.
  const [payable, amount] = offer?.only ? [offer.amountCents > 0, offer.amountCents] : [paid, view.price];
  const submit = payable
    ? tr.html('booking.submit.pay')
    : offer?.only
      ? tr.html('booking.submit.enrol', { count: offer.sessions })
      : tr.html('booking.submit.book');
  const testMode = input.testMode
    ? ` <strong>${tr.html('booking.testMode')}</strong> ${tr.html('booking.testModeNote')}`
    : '';
  const payNote = payable
    ? `<p class="small muted">${tr.html(offer?.only ? 'booking.payNoteCourse' : 'booking.payNote', { amount: tr.price(amount, view.currency) })}${testMode}</p>`
    : '';

  // `#book`: the answer to a refused form opens at the form and its messages, without JavaScript.
  // `data-checkout`: a booking that may be paid goes on to Stripe Checkout, which cannot be framed,
  // so the embedded page (issue 20) sends the form to the top window.
  // Written here, not only by the frame script, so a click before that script runs still leaves.
  const toTop = input.embed ? ' target="_top"' : '';
  const checkout = paid || (offer?.amountCents ?? 0) > 0 ? ` data-checkout${toTop}` : '';
  parts.push(`<form class="booking-form" method="post" action="${escapeHtml(formAction(input, 'book'))}"${checkout}>
${chooser}
<div class="field"><label for="name">${tr.html('booking.name')}</label><input type="text" id="name" name="name" value="${escapeHtml(form.name)}" autocomplete="name" maxlength="200" required${describedBy('name')}>${error('name')}</div>
<div class="field"><label for="email">${tr.html('booking.email')}</label><input type="email" id="email" name="email" value="${escapeHtml(form.email)}" autocomplete="email" maxlength="254" required${describedBy('email', 'email-hint')}><p class="hint" id="email-hint">${tr.html('booking.emailHint')}</p>${error('email')}</div>
<div class="field"><label for="timeZone">${tr.html('booking.timeZone')}</label><select id="timeZone" name="timeZone" required${input.zoneChosen || input.submitted ? ' data-user-chosen="1"' : ''} data-detect-zone${describedBy('timeZone', 'timeZone-hint')}>${timeZoneOptions(form.timeZone)}</select><p class="hint" id="timeZone-hint">${tr.html('booking.timeZoneHint')}</p>${error('timeZone')}</div>
${renderQuestionFields(facts.questions, form.answers ?? {}, tr)}
<button class="btn btn-block" type="submit">${submit}</button>
${payNote}
</form>`);
  return parts.join('\n');
}

/** The `lang` the picker's links keep: none for the school's default. */
function pickerLanguage(input: Pick<WorkshopPageInput, 'language'>): string | null {
  const { locale, schoolDefault } = input.language;
  return locale === schoolDefault ? null : locale;
}

export function fieldError(errors: FieldErrors, field: FieldName): string {
  return errors[field] ? `<p class="field-error" id="${field}-error">${escapeHtml(errors[field]!)}</p>` : '';
}

/** The sessions as radio buttons; full ones shown but disabled. */
function slotList(input: WorkshopPageInput): string {
  const { view, form, tr } = input;
  const bookable = view.schedule.some((session) => session.availableSeats > 0);
  const items = view.schedule.map((session, index) => {
    const start = new Date(session.startTime);
    const end = new Date(session.endTime);
    const full = session.availableSeats <= 0;
    const count = session.availableSeats;
    const seats = full
      ? `<span class="slot-seats">${tr.html('booking.fullyBooked')}</span>`
      : count <= FEW_SEATS
        ? `<span class="slot-seats few">${tr.html('booking.seatsFew', { count })}</span>`
        : `<span class="slot-seats">${tr.html('booking.seatsLeft', { count })}</span>`;
    const checked = !full && form.startTime === session.startTime ? ' checked' : '';
    const radio = bookable
      ? `<input type="radio" id="slot-${index}" name="startTime" value="${escapeHtml(session.startTime)}"${full ? ' disabled' : ' required'}${checked}>`
      : '';
    return `<li><label class="slot${full ? ' full' : ''}">${radio}<span class="slot-text">${slotTime(start, end, input.zone, true, tr)}${seats}</span></label></li>`;
  });
  const first = items.slice(0, FIRST_SLOTS).join('');
  const rest = items.slice(FIRST_SLOTS);
  if (rest.length === 0) return `<ul class="slots">${first}</ul>`;
  const chosenLater = view.schedule
    .slice(FIRST_SLOTS)
    .some((session) => session.startTime === form.startTime);
  return `<ul class="slots">${first}</ul><details class="more-slots"${chosenLater ? ' open' : ''}><summary>${tr.html('booking.moreDates', { count: rest.length })}</summary><ul class="slots">${rest.join('')}</ul></details>`;
}

/** Where an error in the summary takes the visitor. */
function fieldId(field: FieldName, input: WorkshopPageInput): string {
  if (field !== 'startTime') return field;
  const { view, picker } = input;
  if (picker) return picker.date ? 'slot-0' : 'pick';
  const first = view.schedule.findIndex((session) => session.availableSeats > 0);
  return `slot-${Math.max(first, 0)}`;
}
