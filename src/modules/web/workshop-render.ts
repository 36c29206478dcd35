import { escapeHtml } from '../../lib/html.ts';
import type { Translator } from '../../lib/i18n/translator.ts';
import { singleLine } from '../../lib/single-line.ts';
import type { PublicWorkshop } from '../public/public.schemas.ts';
import { bookingPanel } from './booking-panel.ts';
import {
  BOOKING_CSS,
  brandCss,
  formatDuration,
  imageUrl,
  policySentences,
  siteFooter,
  siteHeader,
  textBlocks,
} from './booking-site.ts';
import { type CourseOffer, courseOffer, ENROL_CSS } from './enrol-panel.ts';
import { type RenderedPage, renderPage } from './layout.ts';
import { languageUrl, pageLanguages } from './page-language.ts';
import { SLOT_PICKER_CSS } from './slot-picker.ts';
import { offersWaitlist, renderWaitlistForm, WAITLIST_CSS } from './waitlist-form.ts';
import type { WorkshopPageInput } from './workshop-page-input.ts';

/** Sessions described in the JSON-LD (search engines need the next few, not a hundred). */
const JSON_LD_SESSIONS = 20;

export type { BookingFormValues, FieldErrors, FieldName, WorkshopPageInput } from './workshop-page-input.ts';

/** The page's text for a location type (the public API's English label is for API clients). */
const LOCATION_KEYS = {
  zoom: 'workshop.location.zoom',
  google_meet: 'workshop.location.googleMeet',
  link: 'workshop.location.link',
  in_person: 'workshop.location.inPerson',
} as const;

export function renderWorkshopPage(input: WorkshopPageInput): RenderedPage {
  const { view, facts, tr } = input;
  const brand = facts.brand;
  const paid = view.price > 0;
  const offer = courseOffer(input);
  const locations = view.locations.map((location) =>
    tr.t(LOCATION_KEYS[location.type as keyof typeof LOCATION_KEYS] ?? 'workshop.location.other'),
  );
  const fact = (label: string, value: string) =>
    `<li><span class="visually-hidden">${label} </span>${escapeHtml(value)}</li>`;
  const chips = [
    fact(tr.html('workshop.facts.price'), tr.price(view.price, view.currency)),
    fact(tr.html('workshop.facts.length'), formatDuration(view.duration, tr)),
    ...locations.map((label) => fact(tr.html('workshop.facts.where'), label)),
    view.teachingLanguage
      ? `<li>${tr.html('common.taughtIn', { language: tr.languageName(view.teachingLanguage) })}</li>`
      : '',
  ];
  const jump = offer?.only
    ? 'workshop.jump.enrol'
    : input.picker
      ? 'workshop.jump.chooseTime'
      : view.schedule.length > 0
        ? 'workshop.jump.chooseSession'
        : 'workshop.jump.schedule';

  const band = `<div class="band"><div class="wrap">
<h1>${escapeHtml(view.title)}</h1>
<ul class="band-facts">${chips.join('')}</ul>
<a class="btn jump" href="#book">${tr.html(jump)}</a>
</div></div>`;

  const info = [
    view.description
      ? `<section aria-labelledby="about-title"><h2 id="about-title">${tr.html('workshop.about')}</h2><div class="description">${textBlocks(view.description)}</div></section>`
      : '',
    teacherSection(view.teacher, tr),
    `<section aria-labelledby="policy-title"><h2 id="policy-title">${tr.html(paid ? 'workshop.policy.titlePaid' : 'workshop.policy.title')}</h2><ul class="policy">${policySentences(
      {
        cancellationNoticeHours: facts.cancellationNoticeHours,
        refundWindowHours: facts.refundWindowHours,
        paid,
      },
      tr,
    )
      .map((line) => `<li>${escapeHtml(line)}</li>`)
      .join('')}</ul></section>`,
  ].join('');

  const body = `${siteHeader(brand, input.homePath, tr)}
<main id="main">${band}
<div class="wrap workshop-layout">
<div class="workshop-info">${info}</div>
<section class="booking-panel card" id="book" aria-labelledby="book-title">${panels(input, offer)}</section>
</div>
</main>
${siteFooter(brand, input.homePath, tr)}`;

  const description = singleLine(view.description ?? '').slice(0, 200) || null;
  const avatar = imageUrl(view.teacher.avatarUrl);
  const canonicalUrl = languageUrl(view.bookingUrl, input.language.locale, input.language);
  return renderPage(
    {
      title: `${view.title} — ${brand.name}`,
      description,
      canonicalUrl,
      lang: input.language.locale,
      languages: pageLanguages(view.bookingUrl, input.language),
      openGraph: {
        type: 'website',
        title: view.title,
        description,
        url: canonicalUrl,
        image: avatar && /^https?:/.test(avatar) ? avatar : null,
        siteName: brand.name,
      },
      jsonLd: courseJsonLd(view, brand.name),
      css: `${brandCss(brand)}${BOOKING_CSS}${input.picker ? SLOT_PICKER_CSS : ''}${offer ? ENROL_CSS : ''}${offersWaitlist(input) ? WAITLIST_CSS : ''}`,
      body,
      embed: input.embed,
    },
    { formActions: input.formActions },
  );
}

function teacherSection(teacher: PublicWorkshop['teacher'], tr: Translator): string {
  const avatar = imageUrl(teacher.avatarUrl);
  const img = avatar
    ? `<img class="avatar" src="${escapeHtml(avatar)}" alt="" width="64" height="64" loading="lazy">`
    : '';
  const bio = teacher.bio ? `<div class="bio">${textBlocks(teacher.bio)}</div>` : '';
  return `<section aria-labelledby="teacher-title"><h2 id="teacher-title">${tr.html('workshop.teacher')}</h2><div class="teacher">${img}<div><p class="teacher-name">${escapeHtml(teacher.name)}</p>${bio}</div></div></section>`;
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
    ...(view.teachingLanguage && { inLanguage: view.teachingLanguage }),
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
