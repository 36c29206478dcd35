import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { createScheduleInput } from '../../../../src/modules/availability/procedures/create-schedule.schema.ts';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { CheckboxField, FormError, SelectField, TextField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useErrorText } from '../../lib/i18n/error-text.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useViewer } from '../../lib/viewer.ts';
import { useTRPC } from '../../trpc.ts';
import { placeServerIssues, schemaResolver } from './schema-resolver.ts';
import { timeZoneOptions } from './time-zones.ts';

interface NewScheduleValues {
  teacherId: string;
  name: string;
  timeZone: string;
  isDefault: boolean;
}

const FIELDS = ['teacherId', 'name', 'timeZone', 'isDefault'] as const;
const fieldFor = (path: string) => FIELDS.find((f) => f === path);

const convert = (v: NewScheduleValues) => ({
  teacherId: v.teacherId === '' ? undefined : Number(v.teacherId),
  name: v.name,
  timeZone: v.timeZone,
  isDefault: v.isDefault,
});

/**
 * A new schedule's name, zone and (for admins) teacher; it starts as Monday to Friday 09:00–17:00
 * and opens in the editor once created.
 */
export function CreateScheduleDialog({
  teacherId,
  onClose,
}: {
  /** The teacher chosen on the list, if any (admins). */
  teacherId: number | undefined;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const t = useT();
  const errorText = useErrorText();
  const { me, isAdmin } = useViewer();
  const members = useQuery({ ...trpc.immersio.tenant.listMembers.queryOptions(), enabled: isAdmin });
  const create = useMutation(trpc.immersio.availability.create.mutationOptions());
  const initialTeacher = teacherId ?? me.id;
  const zoneOf = (id: string) =>
    members.data?.members.find((m) => String(m.userId) === id)?.timeZone ?? me.timeZone;

  const form = useForm<NewScheduleValues>({
    defaultValues: {
      teacherId: isAdmin ? String(initialTeacher) : '',
      name: '',
      timeZone: initialTeacher === me.id ? me.timeZone : '',
      isDefault: false,
    },
    resolver: schemaResolver(createScheduleInput, convert, fieldFor),
  });
  const { register, control, formState, setError, setValue } = form;
  const { errors } = formState;
  const timeZone = useWatch({ control, name: 'timeZone' });
  const chosen = useWatch({ control, name: 'teacherId' });
  const chosenZone = members.data ? zoneOf(chosen) : undefined;
  // An admin's schedule for another teacher starts in that teacher's zone, once it is known.
  useEffect(() => {
    if (timeZone === '' && chosenZone) setValue('timeZone', chosenZone);
  }, [timeZone, chosenZone, setValue]);
  const teacherField = register('teacherId');

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const created = await create.mutateAsync(convert(values));
      await queryClient.invalidateQueries({ queryKey: trpc.immersio.availability.pathKey() });
      toast(t('app.availability.create.created', { name: created.name }), {
        description: t('app.availability.create.createdHint'),
      });
      onClose();
      await navigate({ to: '/availability/$scheduleId', params: { scheduleId: String(created.id) } });
    } catch (error) {
      placeServerIssues(error, setError, fieldFor);
    }
  });

  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={t('app.availability.create.title')}
      description={t('app.availability.create.description')}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {t('app.availability.create.cancel')}
          </Button>
          <Button type="submit" form="new-schedule" busy={formState.isSubmitting}>
            {t('app.availability.create.submit')}
          </Button>
        </>
      }
    >
      <form id="new-schedule" onSubmit={onSubmit} noValidate className="space-y-4">
        {isAdmin ? (
          <SelectField
            // Mounted again once the staff are listed, so the chosen teacher shows (not the first).
            key={members.data ? 'listed' : 'loading'}
            label={t('app.availability.create.teacher')}
            error={errors.teacherId?.message}
            hint={
              members.isError
                ? t('app.availability.create.staffFailed', {
                    reason: errorText(members.error, 'app.availability.tryAgain'),
                  })
                : undefined
            }
            {...teacherField}
            onChange={(event) => {
              void teacherField.onChange(event);
              setValue('timeZone', zoneOf(event.target.value));
            }}
          >
            {members.data ? null : <option value={chosen}>{t('app.availability.create.loading')}</option>}
            {members.data?.members.map((m) => (
              <option key={m.userId} value={String(m.userId)}>
                {m.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <TextField
          label={t('app.availability.create.name')}
          placeholder={t('app.availability.create.namePlaceholder')}
          error={errors.name?.message}
          {...register('name')}
        />
        <SelectField
          label={t('app.availability.create.timeZone')}
          error={errors.timeZone?.message}
          {...register('timeZone')}
        >
          {timeZone === '' ? <option value="">{t('app.availability.create.loading')}</option> : null}
          {timeZoneOptions(timeZone).map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </SelectField>
        <CheckboxField
          label={t('app.availability.create.makeDefault')}
          hint={t('app.availability.create.makeDefaultHint')}
          {...register('isDefault')}
        />
        <FormError message={errors.root?.message} />
      </form>
    </Dialog>
  );
}
