import { useWatch } from 'react-hook-form';
import { TextAreaField } from '../../components/ui/field.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import type { FormParts } from './workshop-form-model.ts';

export const EMAIL_MESSAGE_MAX = 2000;

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The school's own text in the student's confirmations and reminders (issue 17). Without the
 * plan's customEmails the field is disabled (a stored text stays, unsent) and says which plan
 * includes it; the form then leaves the text out of what it saves.
 */
export function EmailMessageFields({
  control,
  register,
  errors,
  allowed,
  planType,
  upgradePlan,
}: FormParts & {
  allowed: boolean;
  planType: string | undefined;
  /** The cheapest plan that includes it, when the viewer may read the plans (admins). */
  upgradePlan: string | undefined;
}) {
  const text = useWatch({ control, name: 'emailMessage' }) ?? '';
  const t = useT();
  const counter = t('app.workshops.emails.counter', { count: text.length, max: EMAIL_MESSAGE_MAX });
  const upgrade = upgradePlan ? capitalised(upgradePlan) : undefined;
  const current = planType ? capitalised(planType) : undefined;
  let locked: string;
  if (upgrade && current) locked = t('app.workshops.emails.lockedNamedCurrent', { upgrade, current });
  else if (upgrade) locked = t('app.workshops.emails.lockedNamed', { upgrade });
  else if (current) locked = t('app.workshops.emails.lockedAnyCurrent', { current });
  else locked = t('app.workshops.emails.lockedAny');
  return (
    <TextAreaField
      label={t('app.workshops.emails.label')}
      rows={4}
      disabled={!allowed}
      hint={
        allowed ? (
          t('app.workshops.emails.allowedHint', { counter })
        ) : (
          <>
            <span className="block font-medium text-slate-800">{locked}</span>
            {t('app.workshops.emails.lockedCounter', { counter })}
          </>
        )
      }
      error={errors.emailMessage?.message}
      {...register('emailMessage')}
    />
  );
}
