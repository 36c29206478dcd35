import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useRef } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Button } from '../../components/ui/button.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/ui/field.tsx';
import { useErrorText } from '../../lib/i18n/error-text.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useViewer } from '../../lib/viewer.ts';
import { useTRPC } from '../../trpc.ts';
import { CourseFields } from './course-fields.tsx';
import { EmailMessageFields } from './email-message-fields.tsx';
import { EnrolmentFields } from './enrolment-fields.tsx';
import { LocationFields } from './location-fields.tsx';
import { CURRENCIES } from './money.ts';
import { QuestionFields } from './question-fields.tsx';
import { ReminderFields } from './reminder-fields.tsx';
import { placeServerErrors } from './server-errors.ts';
import { BookingFields } from './slot-fields.tsx';
import { TeachingLanguageField } from './teaching-language-field.tsx';
import { WaitlistFields } from './waitlist-fields.tsx';
import {
  createWorkshopInput,
  toCreateInput,
  toUpdateInput,
  updateWorkshopInput,
  type WorkshopFormValues,
} from './workshop-form-model.ts';
import { fieldForPath, procedureResolver } from './workshop-form-resolver.ts';

export const TYPES = [
  ['workshop', 'app.workshops.type.workshop'],
  ['live_class', 'app.workshops.type.live_class'],
  ['tutoring', 'app.workshops.type.tutoring'],
] as const;

type Save =
  | { mode: 'create'; save: (input: ReturnType<typeof toCreateInput>) => Promise<unknown> }
  | { mode: 'edit'; workshopId: number; save: (input: ReturnType<typeof toUpdateInput>) => Promise<unknown> };

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
      <legend className="px-1 text-base font-semibold text-slate-900">{title}</legend>
      {children}
    </fieldset>
  );
}

/**
 * Every field of a workshop, for create and edit: validated by the procedure's own zod schema
 * (after turning the typed price into cents and the local date and time into an instant), with
 * the server's answers placed on the fields they are about.
 */
export function WorkshopForm({
  defaultValues,
  submitLabel,
  ...target
}: { defaultValues: WorkshopFormValues; submitLabel: string } & Save) {
  const trpc = useTRPC();
  const t = useT();
  const errorText = useErrorText();
  const members = useQuery(trpc.immersio.tenant.listMembers.queryOptions());
  const tenant = useQuery(trpc.immersio.tenant.get.queryOptions());
  const plan = { customEmails: tenant.data?.plan.features.customEmails === true };
  // The plans table is an admin's read; a teacher is told "a higher plan" without its name.
  const { isAdmin } = useViewer();
  const plans = useQuery({
    ...trpc.immersio.tenant.getPlanUsage.queryOptions(),
    enabled: isAdmin && !plan.customEmails && tenant.isSuccess,
  });
  const upgradePlan = plans.data?.plans.find((p) => p.features.customEmails)?.type;
  // The resolver runs outside render: it reads the teacher's zone and the plan through refs.
  const teacherZoneRef = useRef('UTC');
  const planRef = useRef(plan);
  planRef.current = plan;
  const convert = (values: WorkshopFormValues) =>
    target.mode === 'create'
      ? toCreateInput(values, teacherZoneRef.current, planRef.current)
      : toUpdateInput(values, target.workshopId, teacherZoneRef.current, planRef.current);
  const form = useForm<WorkshopFormValues>({
    defaultValues,
    resolver: procedureResolver(
      target.mode === 'create' ? createWorkshopInput : updateWorkshopInput,
      convert,
      t,
    ),
  });
  const { register, control, handleSubmit, setError, formState } = form;
  const { errors } = formState;
  const teacherId = useWatch({ control, name: 'teacherId' });
  const whitelistEnabled = useWatch({ control, name: 'whitelistEnabled' });
  const teacherZone =
    members.data?.members.find((m) => String(m.userId) === teacherId)?.timeZone ?? teacherZoneRef.current;
  teacherZoneRef.current = teacherZone;

  const onSubmit = handleSubmit(async (values) => {
    try {
      if (target.mode === 'create') await target.save(toCreateInput(values, teacherZone, plan));
      else await target.save(toUpdateInput(values, target.workshopId, teacherZone, plan));
    } catch (error) {
      placeServerErrors(error, setError, fieldForPath);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-3xl space-y-6">
      <Section title={t('app.workshops.form.section.about')}>
        <TextField
          label={t('app.workshops.form.title')}
          error={errors.title?.message}
          {...register('title')}
        />
        {target.mode === 'edit' ? (
          <TextField
            label={t('app.workshops.form.slug')}
            hint={t('app.workshops.form.slugHint')}
            error={errors.slug?.message}
            {...register('slug')}
          />
        ) : null}
        <TextAreaField
          label={t('app.workshops.form.description')}
          rows={4}
          error={errors.description?.message}
          {...register('description')}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label={t('app.workshops.form.type')}
            error={errors.workshopType?.message}
            {...register('workshopType')}
          >
            {TYPES.map(([value, label]) => (
              <option key={value} value={value}>
                {t(label)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('app.workshops.form.topic')}
            placeholder={t('app.workshops.form.topicPlaceholder')}
            error={errors.topicCategory?.message}
            {...register('topicCategory')}
          />
          <TeachingLanguageField
            register={register}
            errors={errors}
            current={defaultValues.teachingLanguage}
          />
        </div>
      </Section>

      <Section title={t('app.workshops.form.section.teacherPlace')}>
        <SelectField
          // Mounted again once the staff are listed: the browser would otherwise show the first
          // teacher while the form keeps the chosen one (its "Loading…" option was removed).
          key={members.data ? 'listed' : 'loading'}
          label={t('app.workshops.form.teacher')}
          hint={
            members.isError
              ? t('app.workshops.form.staffError', {
                  message: errorText(members.error, 'app.workshops.form.staffErrorFallback'),
                })
              : undefined
          }
          error={errors.teacherId?.message}
          {...register('teacherId')}
        >
          {members.data ? null : <option value={teacherId}>{t('app.workshops.form.loading')}</option>}
          {members.data?.members.map((m) => (
            <option key={m.userId} value={String(m.userId)}>
              {m.name} ({m.timeZone})
            </option>
          ))}
        </SelectField>
        <LocationFields control={control} register={register} errors={errors} />
      </Section>

      <Section title={t('app.workshops.form.section.price')}>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t('app.workshops.form.price')}
            inputMode="decimal"
            hint={t('app.workshops.form.priceHint')}
            error={errors.price?.message}
            {...register('price')}
          />
          <SelectField
            label={t('app.workshops.form.currency')}
            error={errors.currency?.message}
            {...register('currency')}
          >
            {CURRENCIES.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('app.workshops.form.seats')}
            type="number"
            inputMode="numeric"
            min={1}
            max={100}
            error={errors.seats?.message}
            {...register('seats')}
          />
          <TextField
            label={t('app.workshops.form.duration')}
            type="number"
            inputMode="numeric"
            min={15}
            max={480}
            step={5}
            error={errors.duration?.message}
            {...register('duration')}
          />
        </div>
      </Section>

      <Section title={t('app.workshops.form.section.policies')}>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t('app.workshops.form.refundWindow')}
            type="number"
            inputMode="numeric"
            min={0}
            hint={t('app.workshops.form.refundHint')}
            error={errors.refundWindowHours?.message}
            {...register('refundWindowHours')}
          />
          <TextField
            label={t('app.workshops.form.cancellationNotice')}
            type="number"
            inputMode="numeric"
            min={0}
            hint={t('app.workshops.form.cancellationHint')}
            error={errors.cancellationNoticeHours?.message}
            {...register('cancellationNoticeHours')}
          />
        </div>
      </Section>

      <Section title={t('app.workshops.form.section.registration')}>
        <CheckboxField
          label={t('app.workshops.form.whitelistOnly')}
          hint={target.mode === 'edit' ? t('app.workshops.form.whitelistManageHint') : undefined}
          {...register('whitelistEnabled')}
        />
        {target.mode === 'create' && whitelistEnabled ? (
          <TextAreaField
            label={t('app.workshops.form.whitelistEmails')}
            rows={3}
            hint={t('app.workshops.form.whitelistEmailsHint')}
            error={errors.whitelistEmails?.message}
            {...register('whitelistEmails')}
          />
        ) : null}
        <CourseFields control={control} register={register} errors={errors} />
      </Section>

      <Section title={t('app.workshops.form.section.schedule')}>
        <BookingFields
          mode={target.mode}
          control={control}
          register={register}
          errors={errors}
          teacherZone={teacherZone}
        />
      </Section>

      <Section title={t('app.workshops.form.section.enrolment')}>
        <EnrolmentFields control={control} register={register} errors={errors} />
      </Section>

      <Section title={t('app.workshops.form.section.waitlist')}>
        <WaitlistFields control={control} register={register} errors={errors} />
      </Section>

      <Section title={t('app.workshops.form.section.questions')}>
        <QuestionFields control={control} register={register} errors={errors} />
      </Section>

      <Section title={t('app.workshops.form.section.reminders')}>
        <ReminderFields register={register} errors={errors} />
      </Section>

      <Section title={t('app.workshops.form.section.emails')}>
        <EmailMessageFields
          control={control}
          register={register}
          errors={errors}
          allowed={plan.customEmails}
          planType={tenant.data?.plan.type}
          upgradePlan={upgradePlan}
        />
      </Section>

      {errors.root?.message ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          {errors.root.message}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" busy={formState.isSubmitting}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
