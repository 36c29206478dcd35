import { escapeHtml } from '../../lib/html.ts';
import { formatPrice } from '../../lib/money.ts';
import { singleLine } from '../../lib/single-line.ts';
import type { SignedInStudent } from '../immersio/student-session.ts';
import type { PublicWorkshop } from '../public/public.schemas.ts';
import type { WorkshopPageFacts } from '../public/workshop-page-facts.ts';
import { type FormAnswerFields, renderQuestionFields } from './booking-questions-form.ts';
import {
  BOOKING_CSS,
  brandCss,
  formatDuration,
  imageUrl,
  policySentences,
  siteFooter,
  siteHeader,
  slotTime,
  textBlocks,
  timeZoneOptions,
} from './booking-site.ts';
import { type CourseOffer, courseOffer, courseOnlyChooser, courseOption, ENROL_CSS } from './enrol-panel.ts';
import { type RenderedPage, renderPage } from './layout.ts';
import { renderDayTimes, renderSlotPicker, SLOT_PICKER_CSS, type SlotPickerView } from './slot-picker.ts';
import { offersWaitlist, renderWaitlistForm, WAITLIST_CSS } from './waitlist-form.ts';

/** Sessions listed before the "more dates" disclosure. */
const FIRST_SLOTS = 8;
/** "Only 3 seats left" from here down. */
const FEW_SEATS = 3;
/** Sessions described in the JSON-LD (search engines need the next few, not a hundred). */
const JSON_LD_SESSIONS = 20;

export type FieldName = 'startTime' | 'name' | 'email' | 'timeZone';
export type FieldErrors = Partial<Record<FieldName, string>>;

/** What the visitor typed (or what the signed-in student's session filled in). */
export interface BookingFormValues {
  startTime: string;
  name: string;
  email: string;
  timeZone: string;
  /** The booking questions' fields as sent (booking-questions-form.ts); none before a post. */
  answers?: FormAnswerFields | undefined;
}

export interface WorkshopPageInput {
  view: PublicWorkshop;
  facts: WorkshopPageFacts;
  /** Relative links: the school's landing page and this page, in the form the visitor used. */
  homePath: string | null;
  pagePath: string;
  /** The zone times are written in, and whether the visitor chose it (`?tz=`). */
  zone: string;
  zoneChosen: boolean;
  form: BookingFormValues;
  /** The form was sent (its time zone is the visitor's choice, not a default to replace). */
  submitted: boolean;
  errors: FieldErrors;
  /** A refusal from the booking service, in words for the visitor (trusted HTML). */
  problem?: string | undefined;
  student: SignedInStudent | null;
  /** The "Sign in with Immersio" link, when the school can use it. */
  ssoUrl: string | null;
  testMode: boolean;
  formActions: string[];
  /** A slot-booked workshop's month and chosen day (its `schedule` is only the next free slots). */
  picker?: SlotPickerView | undefined;
  /** The form sent was the waitlist's (waitlist-form.ts): `form`, `errors` and `problem` are its. */
  waitlisting?: boolean | undefined;
}

const FIELD_ORDER: FieldName[] = ['startTime', 'name', 'email', 'timeZone'];

export function renderWorkshopPage(input: WorkshopPageInput): RenderedPage {
  const { view, facts } = input;
  const brand = facts.brand;
  const paid = view.price > 0;
  const offer = courseOffer(input);
  const price = formatPrice(view.price, view.currency);
  const locations = view.locations.map((location) => location.displayValue);
  const chips = [
    `<li><span class="visually-hidden">Price: </span>${escapeHtml(price)}</li>`,
    `<li><span class="visually-hidden">Length: </span>${escapeHtml(formatDuration(view.duration))}</li>`,
    ...locations.map((label) => `<li><span class="visually-hidden">Where: </span>${escapeHtml(label)}</li>`),
  ];

  const band = `<div class="band"><div class="wrap">
<h1>${escapeHtml(view.title)}</h1>
<ul class="band-facts">${chips.join('')}</ul>
<a class="btn jump" href="#book">${offer?.only ? 'Enrol in the course' : input.picker ? 'Choose a time' : view.schedule.length > 0 ? 'Choose a session' : 'See the schedule'}</a>
</div></div>`;

  const info = [
    view.description
      ? `<section aria-labelledby="about-title"><h2 id="about-title">About this class</h2><div class="description">${textBlocks(view.description)}</div></section>`
      : '',
    teacherSection(view.teacher),
    `<section aria-labelledby="policy-title"><h2 id="policy-title">${paid ? 'Cancellation and refunds' : 'Cancellation'}</h2><ul class="policy">${policySentences(
      {
        cancellationNoticeHours: facts.cancellationNoticeHours,
        refundWindowHours: facts.refundWindowHours,
        paid,
      },
    )
      .map((line) => `<li>${escapeHtml(line)}</li>`)
      .join('')}</ul></section>`,
  ].join('');

  const body = `${siteHeader(brand, input.homePath)}
<main id="main">${band}
<div class="wrap workshop-layout">
<div class="workshop-info">${info}</div>
<section class="booking-panel card" id="book" aria-labelledby="book-title">${panels(input, offer)}</section>
</div>
</main>
${siteFooter(brand, input.homePath)}`;

  const description = singleLine(view.description ?? '').slice(0, 200) || null;
  const avatar = imageUrl(view.teacher.avatarUrl);
  return renderPage(
    {
      title: `${view.title} — ${brand.name}`,
      description,
      canonicalUrl: view.bookingUrl,
      openGraph: {
        type: 'website',
        title: view.title,
        description,
        url: view.bookingUrl,
        image: avatar && /^https?:/.test(avatar) ? avatar : null,
        siteName: brand.name,
      },
      jsonLd: courseJsonLd(view, brand.name),
      css: `${brandCss(brand)}${BOOKING_CSS}${input.picker ? SLOT_PICKER_CSS : ''}${offer ? ENROL_CSS : ''}${offersWaitlist(input) ? WAITLIST_CSS : ''}`,
      body,
    },
    { formActions: input.formActions },
  );
}

function teacherSection(teacher: PublicWorkshop['teacher']): string {
  const avatar = imageUrl(teacher.avatarUrl);
  const img = avatar
    ? `<img class="avatar" src="${escapeHtml(avatar)}" alt="" width="64" height="64" loading="lazy">`
    : '';
  const bio = teacher.bio ? `<div class="bio">${textBlocks(teacher.bio)}</div>` : '';
  return `<section aria-labelledby="teacher-title"><h2 id="teacher-title">Your teacher</h2><div class="teacher">${img}<div><p class="teacher-name">${escapeHtml(teacher.name)}</p>${bio}</div></div></section>`;
}

/** The booking form (its chooser with the whole course when offered), then the waitlist's. */
function panels(input: WorkshopPageInput, offer: CourseOffer | undefined): string {
  // The waitlist form was sent: the session form starts blank (but for a signed-in student's details).
  const sessionInput = input.waitlisting
    ? {
        ...input,
        // A waitlist refusal with no waitlist form to show it in (seats are free again) shows here.
        problem: input.waitlisting && !offersWaitlist(input) ? input.problem : undefined,
        errors: {},
        form: {
          startTime: '',
          name: input.student?.name ?? '',
          email: input.student?.email ?? '',
          timeZone: input.form.timeZone,
        },
      }
    : input;
  return `${bookingPanel(sessionInput, offer)}${renderWaitlistForm(input)}`;
}

function bookingPanel(input: WorkshopPageInput, offer?: CourseOffer): string {
  const { view, facts, form, errors } = input;
  const school = escapeHtml(facts.brand.name);
  const paid = view.price > 0;
  const parts: string[] = ['<h2 id="book-title">Book your seat</h2>'];

  if (input.problem) {
    parts.push(
      `<div class="alert alert-error" role="alert" tabindex="-1" data-autofocus><p>${input.problem}</p></div>`,
    );
  }
  const listed = FIELD_ORDER.filter((field) => errors[field]);
  if (listed.length > 0) {
    parts.push(
      `<div class="alert alert-error" role="alert" tabindex="-1" data-autofocus><p><strong>Please check the form:</strong></p><ul>${listed
        .map((field) => `<li><a href="#${fieldId(field, input)}">${escapeHtml(errors[field]!)}</a></li>`)
        .join('')}</ul></div>`,
    );
  }
  if (view.whitelistEnabled && !input.problem) {
    parts.push(
      `<p class="alert alert-info">This class is only open to students enrolled with ${school}. Book with the e-mail address the school has for you${input.ssoUrl ? ', or sign in with Immersio' : ''}.</p>`,
    );
  }

  // The zone switch: a plain GET form, so it works without JavaScript (site.js also re-renders
  // the times in place when it changes). It stays on the month and day shown.
  const stay = input.picker
    ? [
        `<input type="hidden" name="month" value="${input.picker.month}">`,
        input.picker.date ? `<input type="hidden" name="date" value="${input.picker.date}">` : '',
      ].join('')
    : '';
  parts.push(
    `<form class="tz-form" method="get" action="${escapeHtml(input.pagePath)}#book">${stay}
<div class="field"><label for="tz">Show times in</label><select id="tz" name="tz" data-zone-switch${input.zoneChosen ? ' data-user-chosen="1"' : ' data-detect-zone'}>${timeZoneOptions(input.zone)}</select></div>
<button class="btn btn-secondary" type="submit">Show</button>
</form>`,
  );

  const describedBy = (field: FieldName, hint?: string) => {
    const ids = [hint, errors[field] ? `${field}-error` : undefined].filter(Boolean);
    const invalid = errors[field] && field !== 'startTime' ? ' aria-invalid="true"' : '';
    return `${ids.length > 0 ? ` aria-describedby="${ids.join(' ')}"` : ''}${invalid}`;
  };
  let chooser: string;
  if (input.picker) {
    parts.push(renderSlotPicker(input.picker, input.pagePath));
    // No free day this month: the picker says so and links to the next month that has one.
    if (!input.picker.days.some((day) => day.slots.length > 0)) return parts.join('\n');
    chooser = `<fieldset id="times"${describedBy('startTime')}>${renderDayTimes(input.picker, form.startTime)}${fieldError(errors, 'startTime')}</fieldset>`;
  } else {
    if (view.schedule.length === 0) {
      parts.push(
        `<p>There are no upcoming sessions at the moment. Please check back later${input.homePath ? `, or see <a href="${escapeHtml(input.homePath)}">other classes at ${school}</a>` : ''}.</p>`,
      );
      return parts.join('\n');
    }
    const slots = slotList(input);
    if (!view.schedule.some((session) => session.availableSeats > 0)) {
      // With a waitlist, its form below lists the sessions.
      const waitlist = offersWaitlist(input);
      parts.push(
        `<p class="alert alert-info">Every upcoming session is fully booked. ${waitlist ? 'Join the waitlist below: if a seat frees up, we offer it to you.' : 'Please check back later.'}</p>`,
        waitlist ? '' : slots,
      );
      return parts.join('\n');
    }
    if (offer?.only && offer.full) {
      parts.push(
        '<p class="alert alert-info">A session of this course is fully booked, so the course cannot be joined right now. Please check back later.</p>',
      );
      return parts.join('\n');
    }
    chooser = offer?.only
      ? courseOnlyChooser(view, offer, input.zone)
      : `<fieldset${describedBy('startTime')}><legend>Choose a session</legend>${slots}${courseOption(offer, form.startTime)}${fieldError(errors, 'startTime')}</fieldset>`;
  }

  if (input.student) {
    parts.push(
      `<p class="alert alert-info signed-in" role="status">Signed in with Immersio as <strong>${escapeHtml(input.student.name)}</strong> (${escapeHtml(input.student.email)}).</p>`,
    );
  } else if (input.ssoUrl) {
    parts.push(
      `<div class="sso"><a class="btn btn-secondary" href="${escapeHtml(input.ssoUrl)}">Sign in with Immersio</a><span class="small muted">Studying with ${school} on Immersio? Sign in and we fill in your details.</span></div>`,
    );
  }

  const error = (field: FieldName) => fieldError(errors, field);
  // A course-only class is paid (or not) as a whole course.
  const [payable, amount] = offer?.only ? [offer.amountCents > 0, offer.amountCents] : [paid, view.price];
  const submit = payable
    ? 'Continue to payment'
    : offer?.only
      ? `Enrol in ${offer.sessions} sessions`
      : 'Book now';
  const payNote = payable
    ? `<p class="small muted">You pay ${escapeHtml(formatPrice(amount, view.currency))} on Stripe's secure checkout page next; your ${offer?.only ? 'seats are' : 'seat is'} held for 30 minutes while you pay.${input.testMode ? ' <strong>Test mode:</strong> no real payment is taken.' : ''}</p>`
    : '';

  // `#book`: the answer to a refused form opens at the form and its messages, without JavaScript.
  parts.push(`<form class="booking-form" method="post" action="${escapeHtml(input.pagePath)}#book">
${chooser}
<div class="field"><label for="name">Your name</label><input type="text" id="name" name="name" value="${escapeHtml(form.name)}" autocomplete="name" maxlength="200" required${describedBy('name')}>${error('name')}</div>
<div class="field"><label for="email">E-mail</label><input type="email" id="email" name="email" value="${escapeHtml(form.email)}" autocomplete="email" maxlength="254" required${describedBy('email', 'email-hint')}><p class="hint" id="email-hint">We send your confirmation and the class details here.</p>${error('email')}</div>
<div class="field"><label for="timeZone">Your time zone</label><select id="timeZone" name="timeZone" required${input.zoneChosen || input.submitted ? ' data-user-chosen="1"' : ''} data-detect-zone${describedBy('timeZone', 'timeZone-hint')}>${timeZoneOptions(form.timeZone)}</select><p class="hint" id="timeZone-hint">Your confirmation e-mail shows the time in this zone.</p>${error('timeZone')}</div>
${renderQuestionFields(facts.questions, form.answers ?? {})}
<button class="btn btn-block" type="submit">${submit}</button>
${payNote}
</form>`);
  return parts.join('\n');
}

function fieldError(errors: FieldErrors, field: FieldName): string {
  return errors[field] ? `<p class="field-error" id="${field}-error">${escapeHtml(errors[field]!)}</p>` : '';
}

/** The sessions as radio buttons; full ones shown but disabled. */
function slotList(input: WorkshopPageInput): string {
  const { view, form } = input;
  const bookable = view.schedule.some((session) => session.availableSeats > 0);
  const items = view.schedule.map((session, index) => {
    const start = new Date(session.startTime);
    const end = new Date(session.endTime);
    const full = session.availableSeats <= 0;
    const seats = full
      ? '<span class="slot-seats">Fully booked</span>'
      : session.availableSeats <= FEW_SEATS
        ? `<span class="slot-seats few">Only ${session.availableSeats === 1 ? '1 seat' : `${session.availableSeats} seats`} left</span>`
        : `<span class="slot-seats">${session.availableSeats} seats left</span>`;
    const checked = !full && form.startTime === session.startTime ? ' checked' : '';
    const radio = bookable
      ? `<input type="radio" id="slot-${index}" name="startTime" value="${escapeHtml(session.startTime)}"${full ? ' disabled' : ' required'}${checked}>`
      : '';
    return `<li><label class="slot${full ? ' full' : ''}">${radio}<span class="slot-text">${slotTime(start, end, input.zone, true)}${seats}</span></label></li>`;
  });
  const first = items.slice(0, FIRST_SLOTS).join('');
  const rest = items.slice(FIRST_SLOTS);
  if (rest.length === 0) return `<ul class="slots">${first}</ul>`;
  const chosenLater = view.schedule
    .slice(FIRST_SLOTS)
    .some((session) => session.startTime === form.startTime);
  return `<ul class="slots">${first}</ul><details class="more-slots"${chosenLater ? ' open' : ''}><summary>${rest.length} more ${rest.length === 1 ? 'date' : 'dates'}</summary><ul class="slots">${rest.join('')}</ul></details>`;
}

/** Where an error in the summary takes the visitor. */
function fieldId(field: FieldName, input: WorkshopPageInput): string {
  if (field !== 'startTime') return field;
  const { view, picker } = input;
  if (picker) return picker.date ? 'slot-0' : 'pick';
  const first = view.schedule.findIndex((session) => session.availableSeats > 0);
  return `slot-${Math.max(first, 0)}`;
}

/** schema.org `Course` with its next sessions as `CourseInstance`s. */
function courseJsonLd(view: PublicWorkshop, school: string): unknown {
  const types = new Set(view.locations.map((location) => location.type));
  const mode = types.has('in_person') ? (types.size > 1 ? 'blended' : 'onsite') : 'online';
  const digits = fractionDigits(view.currency);
  return {
    '@context': 'https://schema.org',
    '@type': 'Course',
    name: view.title,
    description: view.description ?? view.title,
    url: view.bookingUrl,
    provider: { '@type': 'Organization', name: school },
    offers: {
      '@type': 'Offer',
      category: view.price > 0 ? 'Paid' : 'Free',
      price: (view.price / 10 ** digits).toFixed(digits),
      priceCurrency: view.currency.toUpperCase(),
      availability: view.schedule.some((session) => session.availableSeats > 0)
        ? 'https://schema.org/InStock'
        : 'https://schema.org/SoldOut',
      url: view.bookingUrl,
    },
    hasCourseInstance: view.schedule.slice(0, JSON_LD_SESSIONS).map((session) => ({
      '@type': 'CourseInstance',
      courseMode: mode,
      startDate: session.startTime,
      endDate: session.endTime,
      instructor: { '@type': 'Person', name: view.teacher.name },
    })),
  };
}

function fractionDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency: currency.toUpperCase() }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}
