import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { adjustPassCreditsInput } from '../../../../src/modules/passes/procedures/adjust-pass-credits.schema.ts';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { FormError, SelectField, TextAreaField, TextField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { fieldProps } from '../../lib/forms.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { placeServerIssues, schemaResolver } from '../availability/schema-resolver.ts';
import type { Holder } from './types.ts';

interface AdjustValues {
  direction: 'add' | 'remove';
  amount: string;
  reason: string;
}

const fieldFor = (path: string) => (path === 'delta' ? 'amount' : path === 'reason' ? 'reason' : undefined);

/** Grants classes to a student's pass or takes some away, with a reason the student sees. */
export function AdjustCreditsDialog({ holder, onClose }: { holder: Holder; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const t = useT();
  const adjust = useMutation(trpc.immersio.pass.adjustCredits.mutationOptions());
  const convert = (v: AdjustValues) => ({
    studentPassId: holder.id,
    delta: v.amount.trim() === '' ? undefined : (v.direction === 'add' ? 1 : -1) * Number(v.amount),
    reason: v.reason,
  });
  const form = useForm<AdjustValues>({
    defaultValues: { direction: 'add', amount: '1', reason: '' },
    resolver: schemaResolver(adjustPassCreditsInput, convert, fieldFor),
  });
  const { formState, setError } = form;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const result = await adjust.mutateAsync(convert(values) as Parameters<typeof adjust.mutateAsync>[0]);
      await queryClient.invalidateQueries({ queryKey: trpc.immersio.pass.pathKey() });
      toast(t('app.passes.adjust.toast', { name: holder.buyer.name, count: result.pass.creditsRemaining }));
      onClose();
    } catch (error) {
      placeServerIssues(error, setError, fieldFor);
    }
  });

  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={t('app.passes.adjust.title', { name: holder.buyer.name })}
      description={t('app.passes.adjust.description', {
        pass: holder.name,
        left: holder.creditsRemaining,
        total: holder.classes,
      })}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {t('app.passes.cancel')}
          </Button>
          <Button type="submit" form="adjust-credits" busy={formState.isSubmitting}>
            {t('app.passes.adjust.save')}
          </Button>
        </>
      }
    >
      <form id="adjust-credits" onSubmit={onSubmit} noValidate className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField label={t('app.passes.adjust.change')} {...fieldProps(form, 'direction')}>
            <option value="add">{t('app.passes.adjust.give')}</option>
            <option value="remove">{t('app.passes.adjust.take')}</option>
          </SelectField>
          <TextField
            label={t('app.passes.adjust.classes')}
            type="number"
            inputMode="numeric"
            min={1}
            max={1000}
            {...fieldProps(form, 'amount')}
          />
        </div>
        <TextAreaField
          label={t('app.passes.adjust.reason')}
          rows={3}
          maxLength={500}
          hint={t('app.passes.adjust.reasonHint')}
          {...fieldProps(form, 'reason')}
        />
        <FormError message={formState.errors.root?.message} />
      </form>
    </Dialog>
  );
}
