import { toNestErrors } from '@hookform/resolvers';
import type { FieldError, FieldErrors, Resolver } from 'react-hook-form';
import type { z } from 'zod';
import type { useT } from '../../lib/i18n/i18n.tsx';
import { zonedToInstant } from '../../lib/zoned-time.ts';
import { currencyDigits } from './money.ts';
import * as questionForm from './question-values.ts';
import { plansSessions, type WorkshopFormValues } from './workshop-form-model.ts';

// The workshop form's validation: the procedures' own schemas, their issues put on the fields
// that show them, in words for the form.

/** Where an input path's problem is shown on the form. */
export function fieldForPath(path: string): string | undefined {
  if (path === 'startTime') return 'startDate';
  if (path === 'recurrence' || path === 'recurrence.count') return 'count';
  if (path === 'recurrence.endDate') return 'endDate';
  if (path === 'recurrence.frequency') return 'frequency';
  if (path === 'whitelistEmails' || path.startsWith('whitelistEmails.')) return 'whitelistEmails';
  if (/^locations\.\d+\.(link|address|type)$/.test(path) || path === 'locations') return path;
  if (path.startsWith('questions')) return questionForm.questionFieldForPath(path);
  if (path.startsWith('reminderMinutesBefore')) return 'reminderMinutesBefore';
  const known: readonly string[] = [
    'title',
    'slug',
    'description',
    'workshopType',
    'topicCategory',
    'teacherId',
    'price',
    'currency',
    'seats',
    'duration',
    'refundWindowHours',
    'cancellationNoticeHours',
    'immersioCourseId',
    'syncStudentsFromImmersio',
    'whitelistEnabled',
    'timeZone',
    'bookingMode',
    'scheduleId',
    'slotIntervalMinutes',
    'bufferBeforeMinutes',
    'bufferAfterMinutes',
    'minimumNoticeMinutes',
    'bookingHorizonDays',
    'maxBookingsPerDay',
    'enrolment',
    'waitlistEnabled',
    'waitlistOfferMinutes',
    'coursePrice',
    'emailMessage',
    'teachingLanguage',
  ];
  return known.includes(path) ? path : undefined;
}

type Translate = ReturnType<typeof useT>;

function friendly(issue: z.core.$ZodIssue, v: WorkshopFormValues, t: Translate): string {
  const path = issue.path.map(String).join('.');
  if ((path === 'price' && v.price.trim() !== '') || (path === 'coursePrice' && v.coursePrice.trim() !== ''))
    return t('app.workshops.resolver.amount', {
      example: currencyDigits(v.currency) === 0 ? '1500' : '15.00',
    });
  if (path === 'startTime' && issue.code === 'invalid_type')
    return t('app.workshops.resolver.chooseDateTime');
  if (path === 'recurrence.endDate' && issue.code === 'invalid_type')
    return t('app.workshops.resolver.chooseLastDate');
  if (issue.code === 'invalid_type')
    return t(
      /received undefined/.test(issue.message)
        ? 'app.workshops.resolver.required'
        : 'app.workshops.resolver.number',
    );
  return issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
}

/**
 * A react-hook-form resolver that converts the values (`convert`) and validates them with the
 * procedure's own schema, putting each issue on the field that shows it, in the language of `t`.
 */
export function procedureResolver(
  schema: z.ZodType,
  convert: (values: WorkshopFormValues) => unknown,
  t: Translate,
): Resolver<WorkshopFormValues> {
  return async (values, _context, options) => {
    const parsed = await schema.safeParseAsync(convert(values));
    const flat: Record<string, FieldError> = {};
    // create and update take no start time as "no sessions": with the switch on, one is needed.
    if (plansSessions(values) && zonedToInstant(values.startDate, values.startClock, 'UTC') === undefined) {
      flat.startDate = { type: 'required', message: t('app.workshops.resolver.chooseDateTime') };
    }
    if (parsed.success && !flat.startDate) return { values, errors: {} };
    for (const issue of parsed.success ? [] : parsed.error.issues) {
      const field = fieldForPath(issue.path.map(String).join('.')) ?? 'root';
      flat[field] ??= { type: issue.code, message: friendly(issue, values, t) };
    }
    return { values: {}, errors: toNestErrors(flat as FieldErrors, options) };
  };
}
