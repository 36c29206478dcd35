import type { Translator } from '../../lib/i18n/translator.ts';
import type { PublicWorkshop } from '../public/public.schemas.ts';
import type { WorkshopPageFacts } from '../public/workshop-page-facts.ts';
import type { SignedInStudent } from '../viewer/student-session.ts';
import type { FormAnswerFields } from './booking-questions-form.ts';
import type { EmbedFrame } from './embed/embed-frame.ts';
import type { PageLanguage } from './page-language.ts';
import type { SlotPickerView } from './slot-picker.ts';

// What the workshop page is drawn from (workshop-render.ts, booking-panel.ts).

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
  /** Shown inside the school's website through embed.js (issue 20). */
  embed?: EmbedFrame | undefined;
  /** A slot-booked workshop's month and chosen day (its `schedule` is only the next free slots). */
  picker?: SlotPickerView | undefined;
  /** The form sent was the waitlist's (waitlist-form.ts): `form`, `errors` and `problem` are its. */
  waitlisting?: boolean | undefined;
  /** The page's language (page-language.ts) and its translator. */
  language: PageLanguage;
  tr: Translator;
}
