import type { Control, FieldErrors, UseFormRegister } from 'react-hook-form';
import type { z } from 'zod';
import { createWorkshopInput } from '../../../../src/modules/workshops/procedures/create-workshop.schema.ts';
import { updateWorkshopInput } from '../../../../src/modules/workshops/procedures/update-workshop.schema.ts';
import { endOfZonedDay, instantToZoned, zonedToInstant } from '../../lib/zoned-time.ts';
import { majorFromMinor, minorFromMajor } from './money.ts';
import * as questionForm from './question-values.ts';
import { remindersInput, remindersToValue } from './reminder-values.ts';

// The create/edit form's values (what the inputs hold: strings, major-unit prices, a local date
// and time) and their conversion to the procedures' inputs, which the procedures' own zod
// schemas then validate: one source of validation for the browser and the server.

export type LocationType = 'zoom' | 'google_meet' | 'in_person' | 'link';
export type WorkshopType = 'live_class' | 'workshop' | 'tutoring';
export type Frequency = 'none' | 'weekly' | 'biweekly' | 'monthly';
export type BookingMode = 'fixed' | 'slots';
export type EnrolmentMode = 'session' | 'course' | 'both';

export interface LocationValues {
  type: LocationType;
  link: string;
  address: string;
}

export interface WorkshopFormValues {
  title: string;
  slug: string;
  description: string;
  workshopType: WorkshopType;
  topicCategory: string;
  teacherId: string;
  locations: LocationValues[];
  /** Major units as typed: "15.00". */
  price: string;
  currency: string;
  seats: string;
  duration: string;
  refundWindowHours: string;
  cancellationNoticeHours: string;
  whitelistEnabled: boolean;
  /** Create only: one email per line (the whitelist tab manages it afterwards). */
  whitelistEmails: string;
  immersioCourseId: string;
  syncStudentsFromImmersio: boolean;
  /** Create: plan sessions now (else a draft); edit: replace the upcoming schedule. */
  scheduleEnabled: boolean;
  startDate: string;
  startClock: string;
  /** Empty: the teacher's zone. */
  timeZone: string;
  frequency: Frequency;
  ends: 'count' | 'date';
  count: string;
  endDate: string;
  /** fixed: the planned sessions; slots: free times from the teacher's availability. */
  bookingMode: BookingMode;
  /** Slot settings, as typed; '' = the teacher's default schedule / the duration / no limit. */
  scheduleId: string;
  slotIntervalMinutes: string;
  bufferBeforeMinutes: string;
  bufferAfterMinutes: string;
  minimumNoticeMinutes: string;
  bookingHorizonDays: string;
  maxBookingsPerDay: string;
  /** Single sessions, only the whole course, or both (fixed sessions only). */
  enrolment: EnrolmentMode;
  /** A full session offers its waitlist; a freed seat is held this many minutes for the next in line. */
  waitlistEnabled: boolean;
  waitlistOfferMinutes: string;
  /** The whole course's price in major units; '' = the sum of the sessions' prices. */
  coursePrice: string;
  questions: questionForm.QuestionValues[];
  /** Reminder offsets in minutes, comma-separated (issue 17). */
  reminderMinutesBefore: string;
  /** The school's own text in confirmations and reminders (issue 17); '' = none. */
  emailMessage: string;
  /** The language the class is taught in, a BCP 47 tag (issue 18); '' = not said. */
  teachingLanguage: string;
}

/** What a part of the form (a fieldset component) is handed. */
export interface FormParts {
  control: Control<WorkshopFormValues>;
  register: UseFormRegister<WorkshopFormValues>;
  errors: FieldErrors<WorkshopFormValues>;
}

export type CreateInput = z.input<typeof createWorkshopInput>;
export type UpdateInput = z.input<typeof updateWorkshopInput>;

export function emptyWorkshopValues(teacherId: number | undefined): WorkshopFormValues {
  return {
    title: '',
    slug: '',
    description: '',
    workshopType: 'workshop',
    topicCategory: '',
    teacherId: teacherId === undefined ? '' : String(teacherId),
    locations: [{ type: 'zoom', link: '', address: '' }],
    price: '0',
    currency: 'USD',
    seats: '8',
    duration: '60',
    refundWindowHours: '12',
    cancellationNoticeHours: '24',
    whitelistEnabled: false,
    whitelistEmails: '',
    immersioCourseId: '',
    syncStudentsFromImmersio: false,
    scheduleEnabled: true,
    startDate: '',
    startClock: '18:00',
    timeZone: '',
    frequency: 'weekly',
    ends: 'count',
    count: '8',
    endDate: '',
    bookingMode: 'fixed',
    scheduleId: '',
    slotIntervalMinutes: '',
    bufferBeforeMinutes: '0',
    bufferAfterMinutes: '0',
    minimumNoticeMinutes: '120',
    bookingHorizonDays: '60',
    maxBookingsPerDay: '',
    enrolment: 'both',
    waitlistEnabled: true,
    waitlistOfferMinutes: '120',
    coursePrice: '',
    questions: [],
    reminderMinutesBefore: '1440, 60',
    emailMessage: '',
    teachingLanguage: '',
  };
}

/** What `immersio.workshop.get` answers, as far as the form needs it. */
export interface WorkshopForForm {
  title: string;
  slug: string;
  description: string | null;
  workshopType: WorkshopType;
  topicCategory: string | null;
  teacher: { id: number };
  locations: Array<{ type: string; link?: string | undefined; address?: string | undefined }>;
  price: number;
  currency: string;
  seats: number;
  duration: number;
  refundWindowHours: number;
  cancellationNoticeHours: number;
  whitelistEnabled: boolean;
  immersioCourseId: string | null;
  syncStudentsFromImmersio: boolean;
  recurrence: { frequency: string; count?: number | undefined } | null;
  sessions: Array<{ startTime: Date; timeZone: string; status: string }>;
  bookingMode: BookingMode;
  scheduleId: number | null;
  slotIntervalMinutes: number | null;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minimumNoticeMinutes: number;
  bookingHorizonDays: number;
  maxBookingsPerDay: number | null;
  enrolment: EnrolmentMode;
  coursePrice: number | null;
  waitlistEnabled: boolean;
  waitlistOfferMinutes: number;
  questions: questionForm.BookingQuestion[];
  reminderMinutesBefore: number[];
  emailMessage: string | null;
  teachingLanguage: string | null;
}

export function workshopToValues(w: WorkshopForForm, now = new Date()): WorkshopFormValues {
  const next = w.sessions.find((s) => s.status === 'scheduled' && s.startTime > now);
  const nextLocal = next ? instantToZoned(next.startTime, next.timeZone) : undefined;
  const frequency = (['none', 'weekly', 'biweekly', 'monthly'] as const).find(
    (f) => f === w.recurrence?.frequency,
  );
  return {
    ...emptyWorkshopValues(w.teacher.id),
    title: w.title,
    slug: w.slug,
    description: w.description ?? '',
    workshopType: w.workshopType,
    topicCategory: w.topicCategory ?? '',
    locations: w.locations.map((l) => ({
      type: (['zoom', 'google_meet', 'in_person', 'link'] as const).find((t) => t === l.type) ?? 'link',
      link: l.link ?? '',
      address: l.address ?? '',
    })),
    price: majorFromMinor(w.price, w.currency),
    currency: w.currency,
    seats: String(w.seats),
    duration: String(w.duration),
    refundWindowHours: String(w.refundWindowHours),
    cancellationNoticeHours: String(w.cancellationNoticeHours),
    whitelistEnabled: w.whitelistEnabled,
    immersioCourseId: w.immersioCourseId ?? '',
    syncStudentsFromImmersio: w.syncStudentsFromImmersio,
    // Editing leaves the sessions alone unless asked; the fields start from the next session.
    scheduleEnabled: false,
    startDate: nextLocal?.date ?? '',
    startClock: nextLocal?.time ?? '18:00',
    timeZone: next?.timeZone ?? '',
    frequency: frequency ?? 'weekly',
    count: String(w.recurrence?.count ?? 8),
    bookingMode: w.bookingMode,
    scheduleId: w.scheduleId === null ? '' : String(w.scheduleId),
    slotIntervalMinutes: w.slotIntervalMinutes === null ? '' : String(w.slotIntervalMinutes),
    bufferBeforeMinutes: String(w.bufferBeforeMinutes),
    bufferAfterMinutes: String(w.bufferAfterMinutes),
    minimumNoticeMinutes: String(w.minimumNoticeMinutes),
    bookingHorizonDays: String(w.bookingHorizonDays),
    maxBookingsPerDay: w.maxBookingsPerDay === null ? '' : String(w.maxBookingsPerDay),
    enrolment: w.enrolment,
    waitlistEnabled: w.waitlistEnabled,
    waitlistOfferMinutes: String(w.waitlistOfferMinutes),
    coursePrice: w.coursePrice === null ? '' : majorFromMinor(w.coursePrice, w.currency),
    questions: questionForm.questionsToValues(w.questions),
    reminderMinutesBefore: remindersToValue(w.reminderMinutesBefore),
    emailMessage: w.emailMessage ?? '',
    teachingLanguage: w.teachingLanguage ?? '',
  };
}

const numberOrUndefined = (text: string) => (text.trim() === '' ? undefined : Number(text));
const textOrUndefined = (text: string) => (text.trim() === '' ? undefined : text);

/** The first session's instant and the recurrence, as create/update/previewSchedule take them. */
export type ScheduleValues = Pick<
  WorkshopFormValues,
  'startDate' | 'startClock' | 'timeZone' | 'frequency' | 'ends' | 'count' | 'endDate'
>;

export function scheduleInput(v: ScheduleValues, teacherZone: string) {
  const zone = v.timeZone || teacherZone;
  const startTime = zonedToInstant(v.startDate, v.startClock, zone);
  const recurrence =
    v.frequency === 'none'
      ? undefined
      : v.ends === 'count'
        ? { frequency: v.frequency, count: numberOrUndefined(v.count) }
        : { frequency: v.frequency, endDate: endOfZonedDay(v.endDate, zone) };
  return { startTime, recurrence, timeZone: v.timeZone || undefined };
}

/** A slot-booked workshop's settings; blank optional ones are left out (create) or cleared (edit). */
function slotInput(v: WorkshopFormValues, blank: null | undefined) {
  const orBlank = (text: string) => (text.trim() === '' ? blank : Number(text));
  return {
    scheduleId: orBlank(v.scheduleId),
    slotIntervalMinutes: orBlank(v.slotIntervalMinutes),
    bufferBeforeMinutes: numberOrUndefined(v.bufferBeforeMinutes),
    bufferAfterMinutes: numberOrUndefined(v.bufferAfterMinutes),
    minimumNoticeMinutes: numberOrUndefined(v.minimumNoticeMinutes),
    bookingHorizonDays: numberOrUndefined(v.bookingHorizonDays),
    maxBookingsPerDay: orBlank(v.maxBookingsPerDay),
  };
}

/** Whether a save plans sessions (a create by fixed sessions always does: without, it books by slot). */
export function plansSessions(v: Pick<WorkshopFormValues, 'bookingMode' | 'scheduleEnabled'>) {
  return v.bookingMode === 'fixed' && v.scheduleEnabled;
}

/** The course price in minor units; blank: none (left out on create, cleared on edit). */
function coursePriceInput(v: WorkshopFormValues, blank: null | undefined) {
  if (v.coursePrice.trim() === '') return blank;
  // Not an amount: NaN, which the schema refuses on the field.
  return minorFromMajor(v.coursePrice, v.currency) ?? Number.NaN;
}

function commonInput(v: WorkshopFormValues) {
  return {
    title: v.title,
    duration: numberOrUndefined(v.duration),
    price: minorFromMajor(v.price, v.currency),
    currency: v.currency,
    seats: numberOrUndefined(v.seats),
    locations: v.locations.map((l) =>
      l.type === 'in_person'
        ? { type: l.type, address: textOrUndefined(l.address) }
        : { type: l.type, link: textOrUndefined(l.link) },
    ),
    teacherId: numberOrUndefined(v.teacherId),
    whitelistEnabled: v.whitelistEnabled,
    waitlistEnabled: v.waitlistEnabled,
    waitlistOfferMinutes: numberOrUndefined(v.waitlistOfferMinutes),
    syncStudentsFromImmersio: v.syncStudentsFromImmersio,
    refundWindowHours: numberOrUndefined(v.refundWindowHours),
    cancellationNoticeHours: numberOrUndefined(v.cancellationNoticeHours),
    workshopType: v.workshopType,
    questions: questionForm.questionsInput(v.questions),
    reminderMinutesBefore: remindersInput(v.reminderMinutesBefore),
    teachingLanguage: v.teachingLanguage === '' ? null : v.teachingLanguage,
  };
}

/** What the save says of the school's own text (issue 17). */
export interface FormPlan {
  /** The plan has customEmails; without, the text is left out so a stored one stays untouched. */
  customEmails: boolean;
}

/** The school's text as typed ('' clears it), or nothing at all when the plan lacks the feature. */
function emailMessageInput(v: WorkshopFormValues, plan: FormPlan) {
  // A disabled textarea may read as undefined: the same as empty.
  return plan.customEmails ? { emailMessage: v.emailMessage ?? '' } : {};
}

export function toCreateInput(v: WorkshopFormValues, teacherZone: string, plan: FormPlan): CreateInput {
  const emails = v.whitelistEmails
    .split(/[\s,;]+/)
    .map((e) => e.trim())
    .filter(Boolean);
  return {
    ...commonInput(v),
    description: textOrUndefined(v.description),
    topicCategory: textOrUndefined(v.topicCategory),
    immersioCourseId: textOrUndefined(v.immersioCourseId),
    whitelistEmails: v.whitelistEnabled && emails.length > 0 ? emails : undefined,
    enrolment: v.enrolment,
    coursePrice: coursePriceInput(v, undefined),
    ...emailMessageInput(v, plan),
    // Created without a start time, a workshop is booked by slot.
    ...(plansSessions(v) ? scheduleInput(v, teacherZone) : slotInput(v, undefined)),
  } as CreateInput;
}

export function toUpdateInput(
  v: WorkshopFormValues,
  workshopId: number,
  teacherZone: string,
  plan: FormPlan,
): UpdateInput {
  return {
    workshopId,
    ...commonInput(v),
    slug: v.slug,
    description: v.description.trim() === '' ? null : v.description,
    topicCategory: v.topicCategory.trim() === '' ? null : v.topicCategory,
    immersioCourseId: v.immersioCourseId === '' ? null : v.immersioCourseId,
    bookingMode: v.bookingMode,
    enrolment: v.enrolment,
    coursePrice: coursePriceInput(v, null),
    ...emailMessageInput(v, plan),
    ...(v.bookingMode === 'slots' ? slotInput(v, null) : {}),
    ...(plansSessions(v) ? scheduleInput(v, teacherZone) : {}),
  } as UpdateInput;
}

export { createWorkshopInput, updateWorkshopInput };
