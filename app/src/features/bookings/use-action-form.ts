import { useQueryClient } from '@tanstack/react-query';
import { type DefaultValues, type FieldValues, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { applyServerErrors } from '../../lib/forms.ts';
import { localisedResolver } from '../../lib/i18n/localised-resolver.ts';
import { useTRPC } from '../../trpc.ts';

/**
 * The form of a booking action's dialog, validated by (a part of) the procedure's own schema.
 * A refusal lands on its field, or as the form's error (`describeError` may reword it); either
 * way the bookings on screen are refetched, since the action may have changed them.
 */
export function useActionForm<T extends FieldValues>(options: {
  schema: z.ZodType<T, T>;
  defaultValues: DefaultValues<T>;
  fields: readonly (keyof T & string)[];
  act: (values: T) => Promise<void>;
  describeError?: (error: unknown, values: T) => string | undefined;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<T>({
    resolver: localisedResolver(options.schema),
    defaultValues: options.defaultValues,
  });
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await options.act(values);
    } catch (error) {
      const message = options.describeError?.(error, values);
      if (message) form.setError('root', { type: 'server', message });
      else applyServerErrors(error, form.setError, options.fields);
    } finally {
      await queryClient.invalidateQueries({ queryKey: trpc.immersio.booking.pathKey() });
    }
  });
  return { form, onSubmit };
}
