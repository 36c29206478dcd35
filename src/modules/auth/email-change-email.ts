/** The link to the new address: the change happens only when it is followed. */
export function emailChangeVerificationEmail(input: {
  to: string;
  name: string;
  link: string;
  expiresInMinutes: number;
}) {
  const text = [
    input.name ? `Hello ${input.name},` : 'Hello,',
    '',
    `Someone asked to make ${input.to} the address of their Immersio Booking account.`,
    '',
    `Confirm the new address: ${input.link}`,
    '',
    `The link expires in ${input.expiresInMinutes} minutes. Until it is followed, the account keeps its current address.`,
    "If you didn't ask for this, you can ignore this e-mail: nothing changes.",
  ].join('\n');
  return { to: input.to, subject: 'Confirm your new Immersio Booking e-mail address', text };
}

/**
 * Sent to the old address once the change is made, so that a change the owner did not make does
 * not go unnoticed. The new address is not named: the old mailbox may no longer be the person's.
 */
export function emailChangedNoticeEmail(input: { to: string; name: string }) {
  const text = [
    input.name ? `Hello ${input.name},` : 'Hello,',
    '',
    `Your Immersio Booking account no longer signs in with ${input.to}: its e-mail address was just changed, after the new address was confirmed.`,
    '',
    "If you didn't make this change, contact your school's owner straight away.",
  ].join('\n');
  return { to: input.to, subject: 'Your Immersio Booking e-mail address was changed', text };
}
