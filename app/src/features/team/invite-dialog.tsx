import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { inviteTeacherInput } from '../../../../src/modules/tenants/procedures/invite-teacher.schema.ts';
import { Button } from '../../components/ui/button.tsx';
import { CopyField } from '../../components/ui/copy-field.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { FormError, SelectField, TextField } from '../../components/ui/field.tsx';
import { ResultDialog } from '../../components/ui/result-dialog.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { fieldProps } from '../../lib/forms.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { placeServerIssues, schemaResolver } from '../availability/schema-resolver.ts';

interface InviteValues {
  email: string;
  name: string;
  role: 'ADMIN' | 'MEMBER';
}

const FIELDS = ['email', 'name', 'role'] as const;
const fieldFor = (path: string) => FIELDS.find((f) => f === path);
const convert = (v: InviteValues) => ({ email: v.email, name: v.name || undefined, role: v.role });

/**
 * Invites someone by e-mail as a teacher or an admin. The plan's teacher limit is shown (members
 * and open invitations both hold a seat); the link is shown once sent, for sharing another way.
 */
export function InviteDialog({
  full,
  usage,
  onClose,
}: {
  full: boolean;
  usage: { used: number; limit: number } | undefined;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const t = useT();
  const invite = useMutation(trpc.immersio.tenant.inviteTeacher.mutationOptions());
  const [sent, setSent] = useState<{ email: string; link: string } | null>(null);
  const form = useForm<InviteValues>({
    defaultValues: { email: '', name: '', role: 'MEMBER' },
    resolver: schemaResolver(inviteTeacherInput, convert, fieldFor),
  });
  const { formState, setError } = form;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const result = await invite.mutateAsync(convert(values));
      setSent({ email: values.email.trim().toLowerCase(), link: result.inviteLink });
      toast(t('app.team.invite.sentToast', { email: values.email.trim().toLowerCase() }));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.immersio.tenant.listInvites.queryKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.immersio.tenant.getPlanUsage.queryKey() }),
      ]);
    } catch (error) {
      placeServerIssues(error, setError, fieldFor);
    }
  });

  if (sent) {
    return (
      <ResultDialog
        title={t('app.team.invite.sentTitle')}
        description={t('app.team.invite.sentDescription', { email: sent.email })}
        onClose={onClose}
      >
        <CopyField
          label={t('app.team.invite.linkLabel')}
          value={sent.link}
          copyLabel={t('app.team.invite.copyLink')}
          what="link"
        />
      </ResultDialog>
    );
  }

  const limitText = !usage
    ? undefined
    : usage.limit === -1
      ? t('app.team.invite.unlimited')
      : t('app.team.invite.seatsUsed', { used: usage.used, limit: usage.limit });

  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={t('app.team.invite.title')}
      description={limitText}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {t('app.ui.cancel')}
          </Button>
          <Button type="submit" form="invite-teacher" busy={formState.isSubmitting} disabled={full}>
            {t('app.team.invite.send')}
          </Button>
        </>
      }
    >
      {full ? (
        <p role="alert" className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          {t('app.team.invite.full')}
        </p>
      ) : null}
      <form id="invite-teacher" onSubmit={onSubmit} noValidate className="space-y-4">
        <TextField
          label={t('app.team.invite.emailLabel')}
          type="email"
          autoComplete="off"
          {...fieldProps(form, 'email')}
        />
        <TextField
          label={t('app.team.invite.nameLabel')}
          autoComplete="off"
          maxLength={200}
          {...fieldProps(form, 'name')}
        />
        <SelectField
          label={t('app.team.invite.roleLabel')}
          hint={t('app.team.invite.roleHint')}
          {...fieldProps(form, 'role')}
        >
          <option value="MEMBER">{t('app.role.name', { role: 'MEMBER' })}</option>
          <option value="ADMIN">{t('app.role.name', { role: 'ADMIN' })}</option>
        </SelectField>
        <FormError message={formState.errors.root?.message} />
      </form>
    </Dialog>
  );
}
