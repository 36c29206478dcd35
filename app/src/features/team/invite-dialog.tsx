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
      toast(`Invitation sent to ${values.email.trim().toLowerCase()}`);
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
        title="Invitation sent"
        description={`We e-mailed ${sent.email} a link to join. It works once, for 7 days.`}
        onClose={onClose}
      >
        <CopyField label="Invitation link" value={sent.link} copyLabel="Copy link" what="link" />
      </ResultDialog>
    );
  }

  const limitText = !usage
    ? undefined
    : usage.limit === -1
      ? 'Your plan has no limit on teachers.'
      : `${usage.used} of ${usage.limit} teacher seats used (open invitations included).`;

  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      title="Invite a teacher"
      description={limitText}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="invite-teacher" busy={formState.isSubmitting} disabled={full}>
            Send invitation
          </Button>
        </>
      }
    >
      {full ? (
        <p role="alert" className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          Every teacher seat of your plan is taken. Withdraw an open invitation, remove a member or upgrade
          the plan to invite someone new.
        </p>
      ) : null}
      <form id="invite-teacher" onSubmit={onSubmit} noValidate className="space-y-4">
        <TextField label="Email" type="email" autoComplete="off" {...fieldProps(form, 'email')} />
        <TextField label="Name (optional)" autoComplete="off" maxLength={200} {...fieldProps(form, 'name')} />
        <SelectField
          label="Role"
          hint="Admins manage the school; teachers see their own classes."
          {...fieldProps(form, 'role')}
        >
          <option value="MEMBER">Teacher</option>
          <option value="ADMIN">Admin</option>
        </SelectField>
        <FormError message={formState.errors.root?.message} />
      </form>
    </Dialog>
  );
}
