import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Button } from '../../components/ui/button.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
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
      toast('Schedule saved');
    } catch (error) {
      placeServerIssues(error, setError, scheduleFieldForPath);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-3xl space-y-6">
      <Section title="Name and time zone">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Name" error={errors.name?.message} {...register('name')} />
          <SelectField
            label="Time zone"
            hint="The hours below are clock times in this zone, through daylight-saving changes."
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
        title="Weekly hours"
        description="When students can book each day. An end of 00:00 (12:00 AM) is midnight, the end of the day."
      >
        <WeeklyHoursFields control={control} register={register} errors={errors} />
      </Section>

      <Section
        title="Date overrides"
        description="A date off (a holiday), or other hours on one date, in place of that weekday’s."
      >
        <OverrideFields control={control} register={register} errors={errors} />
      </Section>

      {errors.root?.message ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          {errors.root.message}
        </p>
      ) : null}
      <Button type="submit" busy={formState.isSubmitting}>
        Save schedule
      </Button>
    </form>
  );
}
