import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { Badge } from '../../components/ui/states.tsx';
import { TableHead } from '../../components/ui/table-head.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useErrorText } from '../../lib/i18n/error-text.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import type { Member } from './types.ts';

/** Everyone on the team with their role; admins and teachers can be re-roled and removed. */
export function MembersTable({
  members,
  viewerId,
  viewerIsOwner,
  onRemove,
  onTransfer,
}: {
  members: Member[];
  viewerId: number;
  viewerIsOwner: boolean;
  onRemove: (member: Member) => void;
  onTransfer: (member: Member) => void;
}) {
  const t = useT();
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{t('app.team.members.caption')}</caption>
        <TableHead
          columns={[
            t('app.team.members.colName'),
            t('app.team.members.colRole'),
            { label: t('app.team.members.colTimeZone'), className: 'hidden md:table-cell' },
            { label: t('app.team.members.colActions'), hidden: true },
          ]}
        />
        <tbody className="divide-y divide-slate-200">
          {members.map((member) => (
            <tr key={member.userId}>
              <th scope="row" className="px-3 py-3 text-left font-normal">
                <span className="block font-medium text-slate-900">
                  {member.name}
                  {member.userId === viewerId ? (
                    <span className="text-slate-600"> {t('app.team.members.you')}</span>
                  ) : null}
                </span>
                <span className="block break-all text-slate-600">{member.email}</span>
              </th>
              <td className="px-3 py-3">
                {member.role === 'OWNER' || member.userId === viewerId ? (
                  <Badge tone={member.role === 'OWNER' ? 'blue' : 'slate'}>
                    {t('app.role.name', { role: member.role })}
                  </Badge>
                ) : (
                  <RoleSelect member={member} />
                )}
              </td>
              <td className="hidden px-3 py-3 text-slate-700 md:table-cell">{member.timeZone}</td>
              <td className="px-3 py-3 text-right">
                {member.role !== 'OWNER' && member.userId !== viewerId ? (
                  <div className="flex flex-wrap justify-end gap-2">
                    {viewerIsOwner ? (
                      <Button
                        variant="secondary"
                        size="sm"
                        aria-label={t('app.team.members.makeOwnerLabel', { name: member.name })}
                        onClick={() => onTransfer(member)}
                      >
                        {t('app.team.members.makeOwner')}
                      </Button>
                    ) : null}
                    <Button
                      variant="secondary"
                      size="sm"
                      aria-label={t('app.team.members.removeLabel', { name: member.name })}
                      onClick={() => onRemove(member)}
                    >
                      {t('app.team.members.remove')}
                    </Button>
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Admin or teacher, saved as soon as it is chosen; a refusal puts the old value back. */
function RoleSelect({ member }: { member: Member }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const t = useT();
  const errorText = useErrorText();
  const change = useMutation(trpc.immersio.tenant.changeMemberRole.mutationOptions());
  const [error, setError] = useState<string>();
  const id = `role-${member.userId}`;

  const onChange = async (role: 'ADMIN' | 'MEMBER') => {
    setError(undefined);
    try {
      await change.mutateAsync({ userId: member.userId, role });
      toast(t('app.team.members.roleChanged', { name: member.name, role }));
    } catch (failure) {
      setError(errorText(failure, 'app.team.members.roleFailed'));
    }
    await queryClient.invalidateQueries({ queryKey: trpc.immersio.tenant.listMembers.queryKey() });
  };

  return (
    <div className="space-y-1">
      <label htmlFor={id} className="sr-only">
        {t('app.team.members.roleOf', { name: member.name })}
      </label>
      <select
        id={id}
        value={member.role}
        disabled={change.isPending}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => void onChange(event.target.value as 'ADMIN' | 'MEMBER')}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900"
      >
        <option value="MEMBER">{t('app.role.name', { role: 'MEMBER' })}</option>
        <option value="ADMIN">{t('app.role.name', { role: 'ADMIN' })}</option>
      </select>
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
