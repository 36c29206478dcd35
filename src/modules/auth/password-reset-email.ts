/** The reset e-mail; the link opens the staff app's reset page with the one-time token. */
export function passwordResetEmail(input: {
  to: string;
  name: string;
  link: string;
  expiresInMinutes: number;
}) {
  const text = [
    input.name ? `Hello ${input.name},` : 'Hello,',
    '',
    'Someone asked to reset the password of your Immersio Booking account.',
    '',
    `Choose a new password: ${input.link}`,
    '',
    `The link works once and expires in ${input.expiresInMinutes} minutes. Setting a new password signs you out everywhere.`,
    "If you didn't ask for this, you can ignore this e-mail: your password stays as it is.",
  ].join('\n');
  return { to: input.to, subject: 'Reset your Immersio Booking password', text };
}
