import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { updateProfileInput } from '../../../../src/modules/viewer/procedures/account.schema.ts';
import { Button } from '../../components/ui/button.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useViewer } from '../../lib/viewer.ts';
import { useTRPC } from '../../trpc.ts';
import { placeServerIssues, schemaResolver } from '../availability/schema-resolver.ts';
import { timeZoneOptions } from '../availability/time-zones.ts';

interface ProfileValues {
  name: string;
  timeZone: string;
}

const FIELDS = ['name', 'timeZone'] as const;
const fieldFor = (path: string) => FIELDS.find((f) => f === path);
const convert = (v: ProfileValues) => v;

/** Name and time zone; the sign-in address has its own form (email-form.tsx). */
export function ProfileForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const { me } = useViewer();
  const update = useMutation(trpc.immersio.account.updateProfile.mutationOptions());
  const form = useForm<ProfileValues>({
    defaultValues: { name: me.name, timeZone: me.timeZone },
    resolver: schemaResolver(updateProfileInput, convert, fieldFor),
  });
  const { register, formState, setError, reset } = form;
  const { errors } = formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const saved = await update.mutateAsync(values);
      reset({ name: saved.name, timeZone: saved.timeZone });
      await queryClient.invalidateQueries({ queryKey: trpc.viewer.me.queryKey() });
      toast('Profile saved');
    } catch (error) {
      placeServerIssues(error, setError, fieldFor);
    }
  });

  return (
    <section aria-labelledby="profile-heading">
      <h2 id="profile-heading" className="text-lg font-semibold text-slate-900">
        Profile
      </h2>
      <form
        onSubmit={onSubmit}
        noValidate
        className="mt-3 space-y-4 rounded-lg border border-slate-200 bg-white p-4"
      >
        <TextField
          label="Name"
          autoComplete="name"
          maxLength={200}
          hint="Shown on your classes’ pages, and part of their web addresses."
          error={errors.name?.message}
          {...register('name')}
        />
        <SelectField
          label="Time zone"
          hint="New classes you teach are planned in this zone unless you choose another."
          error={errors.timeZone?.message}
          {...register('timeZone')}
        >
          {timeZoneOptions(me.timeZone).map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </SelectField>
        {errors.root?.message ? (
          <p role="alert" className="text-sm font-medium text-red-700">
            {errors.root.message}
          </p>
        ) : null}
        <Button type="submit" busy={formState.isSubmitting}>
          Save profile
        </Button>
      </form>
    </section>
  );
}
