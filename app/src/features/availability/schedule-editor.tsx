import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Button } from '../../components/ui/button.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { OverrideFields } from './override-fields.tsx';
import {
  type Schedule,
  type ScheduleFormValues,
  scheduleFieldForPath,
  scheduleToValues,
  toUpdateInput,
  updateScheduleInput,
} from './schedule-form-model.ts';
import { placeServerIssues, schemaResolver } from './schema-resolver.ts';
import { timeZoneOptions } from './time-zones.ts';
import { WeeklyHoursFields } from './weekly-hours-fields.tsx';

function Section({
  title,
  description,
  children,
}: {
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
      <legend className="px-1 text-base font-semibold text-slate-900">{title}</legend>
      {description ? <p className="text-sm text-slate-600">{description}</p> : null}
      {children}
    </fieldset>
  );
}

/**
 * A schedule's name, zone, week and date overrides, validated by `availability.update`'s own
 * schema before it is sent; the server's refusals land on the fields they name.
 */
export function ScheduleEditor({ schedule }: { schedule: Schedule }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const t = useT();
  const update = useMutation(trpc.immersio.availability.update.mutationOptions());
  const convert = (values: ScheduleFormValues) => toUpdateInput(values, schedule.id);
  const form = useForm<ScheduleFormValues>({
    defaultValues: scheduleToValues(schedule),
    resolver: schemaResolver(updateScheduleInput, convert, scheduleFieldForPath),
  });
  const { register, control, handleSubmit, setError, formState } = form;
  const { errors } = formState;
  const timeZone = useWatch({ control, name: 'timeZone' });
  // After a first save, the whole week is checked on every change: a day's "ranges overlap" is
  // about all of its ranges, which react-hook-form's per-field recheck would leave on screen.
  useEffect(() => {
    const subscription = form.watch(() => {
      if (form.formState.isSubmitted) void form.trigger();
    });
    return () => subscription.unsubscribe();
  }, [form]);

  const onSubmit = handleSubmit(async (values) => {
    try {
      const saved = await update.mutateAsync(convert(values));
      queryClient.setQueryData(trpc.immersio.availability.get.queryKey({ scheduleId: saved.id }), saved);
      await queryClient.invalidateQueries({ queryKey: trpc.immersio.availability.list.pathKey() });
      toast(t('app.availability.editor.saved'));
    } catch (error) {
      placeServerIssues(error, setError, scheduleFieldForPath);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-3xl space-y-6">
      <Section title={t('app.availability.editor.nameSection')}>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t('app.availability.editor.name')}
            error={errors.name?.message}
            {...register('name')}
          />
          <SelectField
            label={t('app.availability.editor.timeZone')}
            hint={t('app.availability.editor.timeZoneHint')}
            error={errors.timeZone?.message}
            {...register('timeZone')}
          >
            {timeZoneOptions(timeZone).map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </SelectField>
        </div>
      </Section>

      <Section
        title={t('app.availability.editor.weekTitle')}
        description={t('app.availability.editor.weekDescription')}
      >
        <WeeklyHoursFields control={control} register={register} errors={errors} />
      </Section>

      <Section
        title={t('app.availability.editor.overridesTitle')}
        description={t('app.availability.editor.overridesDescription')}
      >
        <OverrideFields control={control} register={register} errors={errors} />
      </Section>

      {errors.root?.message ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          {errors.root.message}
        </p>
      ) : null}
      <Button type="submit" busy={formState.isSubmitting}>
        {t('app.availability.editor.save')}
      </Button>
    </form>
  );
}
