import { useWatch } from 'react-hook-form';
import { TextAreaField } from '../../components/ui/field.tsx';
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
  const upgrade = upgradePlan ? `the ${capitalised(upgradePlan)}` : 'a higher';
  const counter = `${text.length} / ${EMAIL_MESSAGE_MAX} characters`;
  return (
    <TextAreaField
      label="Message in confirmations and reminders"
      rows={4}
      disabled={!allowed}
      hint={
        allowed ? (
          `Added to each student’s booking confirmation and reminders as “A note from” your school, line breaks kept. ${counter}.`
        ) : (
          <>
            <span className="block font-medium text-slate-800">
              Included in {upgrade} plan and above
              {planType ? `; your school is on the ${capitalised(planType)} plan` : ''}.
            </span>
            {counter}; a saved message is kept but not sent.
          </>
        )
      }
      error={errors.emailMessage?.message}
      {...register('emailMessage')}
    />
  );
}
